package io.leadflow.cultivation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Engagement events as they arrived, one row each, never changed afterwards. */
@Repository
public class Engagements {

	private static final String COLUMNS = """
			e.id, e.lead_id, e.contact_id, e.account_id, e.type, e.occurred_at, e.detail, e.intent_points,
			e.depth_points, e.received_at, e.received_by, c.role_level, c.first_name, c.last_name, c.title
			FROM engagement e JOIN contact c ON c.id = e.contact_id
			""";

	private final JdbcClient jdbc;

	/** Reads many rows in batches rather than all at once. */
	private final JdbcTemplate streaming;

	Engagements(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.streaming = new JdbcTemplate(dataSource);
		this.streaming.setFetchSize(5000);
	}

	void insert(String dedupeKey, Engagement engagement) {
		jdbc.sql("""
				INSERT INTO engagement (id, dedupe_key, lead_id, contact_id, account_id, type, occurred_at, detail,
				  intent_points, depth_points, received_at, received_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(engagement.id(), dedupeKey, engagement.leadId(), engagement.contactId(), engagement.accountId(),
					engagement.type().name(), engagement.occurredAt(), engagement.detail(), engagement.intentPoints(),
					engagement.depthPoints(), engagement.receivedAt(), engagement.receivedBy())
			.update();
	}

	Optional<Engagement> findByDedupeKey(String dedupeKey) {
		return jdbc.sql("SELECT " + COLUMNS + " WHERE e.dedupe_key = ?").param(dedupeKey).query(this::map).optional();
	}

	/** Everything the contact did, oldest first, whichever of their leads it was credited to. */
	public List<Engagement> ofContact(String contactId) {
		return jdbc.sql("SELECT " + COLUMNS + " WHERE e.contact_id = ? ORDER BY e.occurred_at, e.id")
			.param(contactId)
			.query(this::map)
			.list();
	}

	/** Everything the account's people did, oldest first. */
	public List<Engagement> ofAccount(String accountId) {
		return jdbc.sql("SELECT " + COLUMNS + " WHERE e.account_id = ? ORDER BY e.occurred_at, e.id")
			.param(accountId)
			.query(this::map)
			.list();
	}

	/**
	 * Every engagement since the moment, one account at a time, each account's oldest first: scores
	 * for many accounts at once without holding every engagement in memory. Only what a score reads
	 * (who, their role level, what, when, how deep) is filled in.
	 */
	@Transactional(readOnly = true) // PostgreSQL streams a result in batches only inside a transaction
	public void eachAccountSince(java.time.Instant since, java.util.function.BiConsumer<String, List<Engagement>> account) {
		List<Engagement> current = new java.util.ArrayList<>();
		streaming.query("""
				SELECT e.account_id, e.contact_id, e.type, e.occurred_at, e.depth_points, c.role_level
				FROM engagement e JOIN contact c ON c.id = e.contact_id
				WHERE e.occurred_at >= ? ORDER BY e.account_id, e.occurred_at""", (RowCallbackHandler) rs -> {
			String accountId = rs.getString("account_id");
			if (!current.isEmpty() && !current.get(0).accountId().equals(accountId)) {
				account.accept(current.get(0).accountId(), List.copyOf(current));
				current.clear();
			}
			current.add(new Engagement(null, null, rs.getString("contact_id"), accountId,
					EngagementType.valueOf(rs.getString("type")),
					rs.getObject("occurred_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC), null, 0,
					rs.getInt("depth_points"), null, null, null, null, rs.getString("role_level")));
		}, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
		if (!current.isEmpty()) {
			account.accept(current.get(0).accountId(), List.copyOf(current));
		}
	}

	private Engagement map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		String firstName = rs.getString("first_name");
		String lastName = rs.getString("last_name");
		return new Engagement(rs.getString("id"), rs.getString("lead_id"), rs.getString("contact_id"),
				rs.getString("account_id"), EngagementType.valueOf(rs.getString("type")),
				rs.getObject("occurred_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
				rs.getString("detail"), rs.getInt("intent_points"), rs.getInt("depth_points"),
				rs.getObject("received_at", OffsetDateTime.class), rs.getString("received_by"),
				firstName == null ? lastName : firstName + " " + lastName, rs.getString("title"),
				rs.getString("role_level"));
	}

	/**
	 * @param intentPoints how much it raised the contact's intent when it arrived (engagement-points table)
	 * @param depthPoints how deep it counts for the account's Quality of Engagement
	 */
	public record Engagement(String id, String leadId, String contactId, String accountId, EngagementType type,
			OffsetDateTime occurredAt, String detail, int intentPoints, int depthPoints, OffsetDateTime receivedAt,
			String receivedBy, String contactName, String contactTitle, String roleLevel) {
	}

}
