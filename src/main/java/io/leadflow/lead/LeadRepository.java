package io.leadflow.lead;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The lead table, read with its contact and account. Only {@link LeadEvents} changes a lead: the
 * writing methods are the package's own.
 */
@Repository
public class LeadRepository {

	private static final String LEAD_COLUMNS = """
			l.id, l.external_id, l.source, l.campaign, l.product_interest, l.budget_established, l.authority,
			l.need, l.timeline_months, l.status, l.score, l.grade, l.team, l.owner_id, l.deal_value,
			l.created_at, l.updated_at, l.closed_at,
			c.id AS c_id, c.email, c.first_name, c.last_name, c.phone, c.title, c.role_level,
			a.id AS a_id, a.domain, a.name AS a_name, a.country, a.industry, a.employees, a.owner_id AS a_owner
			FROM lead l JOIN contact c ON c.id = l.contact_id JOIN account a ON a.id = l.account_id
			""";

	private final JdbcClient jdbc;

	LeadRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Lead> findById(String id) {
		return jdbc.sql("SELECT " + LEAD_COLUMNS + " WHERE l.id = ?").param(id).query(this::mapLead).optional();
	}

	public Optional<Lead> findByExternalId(String externalId) {
		return jdbc.sql("SELECT " + LEAD_COLUMNS + " WHERE l.external_id = ?")
			.param(externalId)
			.query(this::mapLead)
			.optional();
	}

	/** The newest lead of this email that is still open, if any. */
	public Optional<Lead> findOpenByEmail(String email) {
		List<String> closed = LeadStatus.closed().stream().map(Enum::name).toList();
		return jdbc
			.sql("SELECT " + LEAD_COLUMNS
					+ " WHERE c.email = :email AND l.status NOT IN (:closed) ORDER BY l.created_at DESC")
			.param("email", email)
			.param("closed", closed)
			.query(this::mapLead)
			.list()
			.stream()
			.findFirst();
	}

	/** The newest lead of this email, open or closed. */
	public Optional<Lead> findLatestByEmail(String email) {
		return jdbc.sql("SELECT " + LEAD_COLUMNS + " WHERE c.email = ? ORDER BY l.created_at DESC")
			.param(email)
			.query(this::mapLead)
			.list()
			.stream()
			.findFirst();
	}

	void insert(NewLead lead) {
		OffsetDateTime now = now();
		jdbc.sql("""
				INSERT INTO lead (id, external_id, contact_id, account_id, source, campaign, product_interest,
				  budget_established, authority, need, timeline_months, status, created_at, updated_at, open_contact_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(lead.id(), lead.externalId(), lead.contactId(), lead.accountId(), lead.source(), lead.campaign(),
					lead.productInterest(), lead.budgetEstablished(), lead.authority(), lead.need(),
					lead.timelineMonths(), LeadStatus.NEW.name(), now, now, lead.contactId())
			.update();
	}

	/**
	 * Sets the lead's status and, unless {@code ownership} is null, its team and owner — if its status
	 * now is one of {@code from}. One statement, so the check and the change cannot be told apart by
	 * a concurrent step.
	 *
	 * @param to the new status, or null to keep it
	 * @return false if the lead is not in one of those statuses (or does not exist); nothing changed then
	 */
	boolean change(String leadId, Set<LeadStatus> from, LeadStatus to, Ownership ownership) {
		OffsetDateTime now = now();
		StringBuilder sql = new StringBuilder("UPDATE lead SET updated_at = :now");
		Map<String, Object> params = new HashMap<>();
		params.put("now", now);
		if (to != null) {
			// an open lead holds its contact's one open slot (ux_lead_open_contact); a closed one frees it
			sql.append(", status = :to, closed_at = :closedAt, open_contact_id = ")
				.append(to.isClosed() ? "NULL" : "contact_id");
			params.put("to", to.name());
			params.put("closedAt", to.isClosed() ? now : null);
		}
		if (ownership != null) {
			sql.append(", team = :team, owner_id = :owner");
			params.put("team", ownership.team());
			params.put("owner", ownership.ownerId());
		}
		sql.append(" WHERE id = :id AND status IN (:from)");
		params.put("id", leadId);
		params.put("from", from.stream().map(Enum::name).toList());
		return jdbc.sql(sql.toString()).params(params).update() == 1;
	}

	Optional<LeadStatus> statusOf(String leadId) {
		return jdbc.sql("SELECT status FROM lead WHERE id = ?")
			.param(leadId)
			.query(String.class)
			.optional()
			.map(LeadStatus::valueOf);
	}

	void updateQualification(String leadId, int score, String grade) {
		jdbc.sql("UPDATE lead SET score = ?, grade = ?, updated_at = ? WHERE id = ?")
			.params(score, grade, now(), leadId)
			.update();
	}

	/** From now on, rejections made before do not keep their reps from the lead. */
	void markCultivated(String leadId) {
		jdbc.sql("UPDATE lead SET cultivated_at = ?, updated_at = ? WHERE id = ?").params(now(), now(), leadId).update();
	}

	void updateDealValue(String leadId, BigDecimal dealValue) {
		jdbc.sql("UPDATE lead SET deal_value = ?, updated_at = ? WHERE id = ?").params(dealValue, now(), leadId).update();
	}

	/** Leads a rep has accepted and not yet closed: what their capacity counts. */
	public int openAcceptedLeads(String repId) {
		return jdbc.sql("SELECT COUNT(*) FROM lead WHERE owner_id = ? AND status = ?")
			.params(repId, LeadStatus.ACCEPTED.name())
			.query(Integer.class)
			.single();
	}

	/** Leads routed to the rep that they have not accepted or rejected yet. */
	public int leadsWaitingForAcceptance(String repId) {
		return jdbc.sql("SELECT COUNT(*) FROM lead WHERE owner_id = ? AND status = ?")
			.params(repId, LeadStatus.ROUTED.name())
			.query(Integer.class)
			.single();
	}

	public Page<Lead> search(LeadFilter filter, int page, int size) {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		if (filter.status() != null) {
			conditions.add("l.status = :status");
			params.put("status", filter.status().name());
		}
		if (filter.owner() != null) {
			conditions.add("l.owner_id = :owner");
			params.put("owner", filter.owner());
		}
		if (filter.source() != null) {
			conditions.add("l.source = :source");
			params.put("source", filter.source());
		}
		if (filter.campaign() != null) {
			conditions.add("l.campaign = :campaign");
			params.put("campaign", filter.campaign());
		}
		LeadFilter.Visibility visibility = filter.visibility();
		if (visibility != null && !visibility.all()) {
			// an IN list may not be empty; no lead id or team is "-"
			if (visibility.teams() != null) {
				conditions.add("l.team IN (:visibleTeams)");
				params.put("visibleTeams", orNone(visibility.teams()));
			}
			else {
				conditions.add("(l.owner_id = :visibleRep"
						+ " OR EXISTS (SELECT 1 FROM lead_assignee x WHERE x.user_id = :visibleRep AND x.lead_id = l.id)"
						+ " OR (l.owner_id IS NULL AND l.team IN (:offerTeams)))");
				params.put("visibleRep", visibility.rep());
				params.put("offerTeams", orNone(visibility.offerTeams()));
			}
		}
		if (filter.rejectedBy() != null) {
			conditions.add("EXISTS (SELECT 1 FROM lead_rejection r WHERE r.lead_id = l.id AND r.rep_id = :rejectedBy)");
			params.put("rejectedBy", filter.rejectedBy());
		}
		String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
		// every lead has its contact and account (NOT NULL, foreign keys): counting needs neither join
		long total = jdbc.sql("SELECT COUNT(*) FROM lead l" + where)
			.params(params)
			.query(Long.class)
			.single();
		params.put("limit", size);
		params.put("offset", (long) page * size);
		List<Lead> items = jdbc
			.sql("SELECT " + LEAD_COLUMNS + where + " ORDER BY l.created_at DESC, l.id LIMIT :limit OFFSET :offset")
			.params(params)
			.query(this::mapLead)
			.list();
		return new Page<>(items, page, size, total);
	}

	private Lead mapLead(ResultSet rs, int row) throws SQLException {
		var contact = new Contact(rs.getString("email"), rs.getString("first_name"), rs.getString("last_name"),
				rs.getString("phone"), rs.getString("title"), rs.getString("role_level"));
		var account = new Account(rs.getString("domain"), rs.getString("a_name"), rs.getString("country"),
				rs.getString("industry"), rs.getObject("employees", Integer.class));
		return new Lead(rs.getString("id"), rs.getString("external_id"), LeadStatus.valueOf(rs.getString("status")),
				rs.getString("source"), rs.getString("campaign"), rs.getString("product_interest"),
				rs.getObject("budget_established", Boolean.class), rs.getObject("authority", Boolean.class),
				rs.getObject("need", Boolean.class), rs.getObject("timeline_months", Integer.class),
				rs.getObject("score", Integer.class), rs.getString("grade"), rs.getString("team"),
				rs.getString("owner_id"), rs.getBigDecimal("deal_value"), rs.getString("c_id"), contact,
				rs.getString("a_id"), account, rs.getString("a_owner"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
				rs.getObject("closed_at", OffsetDateTime.class));
	}

	private static Set<String> orNone(Set<String> values) {
		return values.isEmpty() ? Set.of("-") : values;
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

	/** Who holds a lead: its team (null when none is chosen yet) and its rep (null while nobody has it). */
	record Ownership(String team, String ownerId) {

		static final Ownership NOBODY = new Ownership(null, null);

	}

}
