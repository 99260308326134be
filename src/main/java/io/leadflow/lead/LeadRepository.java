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
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Leads, their contacts and accounts, in Leadflow's own tables. */
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

	public Optional<Contact> findContactByEmail(String email) {
		return jdbc.sql("SELECT email, first_name, last_name, phone, title, role_level FROM contact WHERE email = ?")
			.param(email)
			.query((rs, row) -> new Contact(rs.getString("email"), rs.getString("first_name"), rs.getString("last_name"),
					rs.getString("phone"), rs.getString("title"), rs.getString("role_level")))
			.optional();
	}

	public Optional<AccountRow> findAccount(String accountId) {
		return jdbc.sql("SELECT id, domain, name, country, industry, employees, owner_id, created_at FROM account WHERE id = ?")
			.param(accountId)
			.query((rs, row) -> new AccountRow(rs.getString("id"),
					new Account(rs.getString("domain"), rs.getString("name"), rs.getString("country"),
							rs.getString("industry"), rs.getObject("employees", Integer.class)),
					rs.getString("owner_id"), rs.getObject("created_at", OffsetDateTime.class)))
			.optional();
	}

	public Optional<String> findAccountIdByDomain(String domain) {
		return jdbc.sql("SELECT id FROM account WHERE domain = ?").param(domain).query(String.class).optional();
	}

	public String insertAccount(Account account) {
		String id = UUID.randomUUID().toString();
		jdbc.sql("""
				INSERT INTO account (id, domain, name, country, industry, employees, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, account.domain(), account.name(), account.country(), account.industry(), account.employees(),
					now())
			.update();
		return id;
	}

	public Optional<String> findContactIdByEmail(String email) {
		return jdbc.sql("SELECT id FROM contact WHERE email = ?").param(email).query(String.class).optional();
	}

	public String insertContact(String accountId, Contact contact) {
		String id = UUID.randomUUID().toString();
		jdbc.sql("""
				INSERT INTO contact (id, account_id, email, first_name, last_name, phone, title, role_level, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, accountId, contact.email(), contact.firstName(), contact.lastName(), contact.phone(),
					contact.title(), contact.roleLevel(), now())
			.update();
		return id;
	}

	/** A returning contact keeps one row; what they told us this time replaces what they told us before. */
	public void updateContact(String contactId, String accountId, Contact contact) {
		jdbc.sql("""
				UPDATE contact SET account_id = ?, first_name = ?, last_name = ?, phone = ?, title = ?, role_level = ?
				WHERE id = ?""")
			.params(accountId, contact.firstName(), contact.lastName(), contact.phone(), contact.title(),
					contact.roleLevel(), contactId)
			.update();
	}

	public void insertLead(NewLead lead) {
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

	public void updateStatus(String leadId, LeadStatus status) {
		OffsetDateTime now = now();
		// an open lead holds its contact's one open slot (ux_lead_open_contact); a closed one frees it
		jdbc.sql("""
				UPDATE lead SET status = ?, updated_at = ?, closed_at = ?,
				  open_contact_id = CASE WHEN ? THEN NULL ELSE contact_id END
				WHERE id = ?""")
			.params(status.name(), now, status.isClosed() ? now : null, status.isClosed(), leadId)
			.update();
	}

	public void updateQualification(String leadId, int score, String grade) {
		jdbc.sql("UPDATE lead SET score = ?, grade = ?, updated_at = ? WHERE id = ?")
			.params(score, grade, now(), leadId)
			.update();
	}

	/** Hands the lead to a rep (or takes it away when {@code ownerId} is null). */
	public void updateOwner(String leadId, String team, String ownerId) {
		jdbc.sql("UPDATE lead SET team = ?, owner_id = ?, updated_at = ? WHERE id = ?")
			.params(team, ownerId, now(), leadId)
			.update();
	}

	/** From now on, rejections made before do not keep their reps from the lead. */
	public void markCultivated(String leadId) {
		jdbc.sql("UPDATE lead SET cultivated_at = ?, updated_at = ? WHERE id = ?").params(now(), now(), leadId).update();
	}

	/** The first rep who accepts a lead of an account without owner becomes its owner. */
	public void claimAccountIfUnowned(String accountId, String repId) {
		jdbc.sql("UPDATE account SET owner_id = ? WHERE id = ? AND owner_id IS NULL").params(repId, accountId).update();
	}

	/** Leads a rep has accepted and not yet closed: what their capacity counts. */
	public int openAcceptedLeads(String repId) {
		return jdbc.sql("SELECT COUNT(*) FROM lead WHERE owner_id = ? AND status = ?")
			.params(repId, LeadStatus.ACCEPTED.name())
			.query(Integer.class)
			.single();
	}

	public void updateDealValue(String leadId, BigDecimal dealValue) {
		jdbc.sql("UPDATE lead SET deal_value = ?, updated_at = ? WHERE id = ?").params(dealValue, now(), leadId).update();
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
		Visibility visibility = filter.visibility();
		if (visibility != null && !visibility.all()) {
			// an IN list may not be empty; no lead id or team is "-"
			if (visibility.teams() != null) {
				conditions.add("l.team IN (:visibleTeams)");
				params.put("visibleTeams", orNone(visibility.teams()));
			}
			else {
				conditions.add("(l.owner_id = :visibleRep OR l.id IN (:visibleLeads)"
						+ " OR (l.owner_id IS NULL AND l.team IN (:offerTeams)))");
				params.put("visibleRep", visibility.rep());
				params.put("visibleLeads", orNone(visibility.repLeads()));
				params.put("offerTeams", orNone(visibility.offerTeams()));
			}
		}
		if (filter.rejectedBy() != null) {
			conditions.add("EXISTS (SELECT 1 FROM lead_rejection r WHERE r.lead_id = l.id AND r.rep_id = :rejectedBy)");
			params.put("rejectedBy", filter.rejectedBy());
		}
		String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
		long total = jdbc
			.sql("SELECT COUNT(*) FROM lead l JOIN contact c ON c.id = l.contact_id JOIN account a ON a.id = l.account_id"
					+ where)
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

	public record Contact(String email, String firstName, String lastName, String phone, String title,
			String roleLevel) {

		public String fullName() {
			return firstName == null ? lastName : firstName + " " + lastName;
		}

	}

	public record Account(String domain, String name, String country, String industry, Integer employees) {
	}

	public record AccountRow(String id, Account account, String ownerId, OffsetDateTime createdAt) {
	}

	public record NewLead(String id, String externalId, String contactId, String accountId, String source,
			String campaign, String productInterest, Boolean budgetEstablished, Boolean authority, Boolean need,
			Integer timelineMonths) {
	}

	public record Lead(String id, String externalId, LeadStatus status, String source, String campaign,
			String productInterest, Boolean budgetEstablished, Boolean authority, Boolean need,
			Integer timelineMonths, Integer score, String grade, String team, String ownerId, BigDecimal dealValue,
			String contactId, Contact contact, String accountId, Account account, String accountOwnerId,
			OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime closedAt) {
	}

	public record LeadFilter(LeadStatus status, String owner, String source, String campaign, String rejectedBy,
			Visibility visibility) {
	}

	/**
	 * Which leads a caller may see: all; those of some teams (a manager); or a rep's own, those they
	 * had a task for, and those offered to their teams now.
	 */
	public record Visibility(boolean all, Set<String> teams, String rep, Set<String> repLeads, Set<String> offerTeams) {

		public static final Visibility ALL = new Visibility(true, null, null, Set.of(), Set.of());

	}

	public record Page<T>(List<T> items, int page, int size, long total) {
	}

}
