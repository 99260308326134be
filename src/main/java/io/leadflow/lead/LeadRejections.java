package io.leadflow.lead;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who turned a lead down, and why: routing skips them, marketing and the next rep read the reasons. */
@Repository
public class LeadRejections {

	/** The lead's own columns that rejection figures may be grouped by, keyed by their API name. */
	private static final Map<String, String> GROUPINGS = Map.of("rep", "r.rep_id", "team", "r.team", "source",
			"l.source", "campaign", "l.campaign");

	private final JdbcClient jdbc;

	LeadRejections(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void record(String leadId, String repId, String team, String reason, String comment) {
		jdbc.sql("""
				INSERT INTO lead_rejection (lead_id, rep_id, team, reason, comment, rejected_at, source, campaign)
				SELECT id, ?, ?, ?, ?, ?, source, campaign FROM lead WHERE id = ?""")
			.params(repId, team, reason, comment, OffsetDateTime.now(ZoneOffset.UTC), leadId)
			.update();
	}

	public List<Rejection> of(String leadId) {
		return jdbc.sql("""
				SELECT rep_id, team, reason, comment, rejected_at FROM lead_rejection
				WHERE lead_id = ? ORDER BY id""")
			.param(leadId)
			.query((rs, row) -> new Rejection(rs.getString("rep_id"), rs.getString("team"), rs.getString("reason"),
					rs.getString("comment"), rs.getObject("rejected_at", OffsetDateTime.class)))
			.list();
	}

	/** The reps who rejected the lead since it last came back from cultivation: routing skips them. */
	public Set<String> repsWhoRejectedSinceCultivation(String leadId) {
		return new TreeSet<>(jdbc.sql("""
				SELECT DISTINCT r.rep_id FROM lead_rejection r JOIN lead l ON l.id = r.lead_id
				WHERE r.lead_id = ? AND (l.cultivated_at IS NULL OR r.rejected_at >= l.cultivated_at)""")
			.param(leadId)
			.query(String.class)
			.list());
	}

	int countSinceCultivation(String leadId) {
		return jdbc.sql("""
				SELECT COUNT(*) FROM lead_rejection r JOIN lead l ON l.id = r.lead_id
				WHERE r.lead_id = ? AND (l.cultivated_at IS NULL OR r.rejected_at >= l.cultivated_at)""")
			.param(leadId)
			.query(Integer.class)
			.single();
	}

	/** How many rejections, by reason, per rep, team, source or campaign. */
	public List<Count> countBy(String grouping) {
		String column = GROUPINGS.get(grouping);
		if (column == null) {
			throw new IllegalArgumentException("Rejections are counted by one of " + new TreeSet<>(GROUPINGS.keySet()));
		}
		return jdbc.sql("SELECT " + column + " AS grp, r.reason, COUNT(*) AS n FROM lead_rejection r "
				+ "JOIN lead l ON l.id = r.lead_id GROUP BY " + column + ", r.reason ORDER BY grp, r.reason")
			.query((rs, row) -> new Count(rs.getString("grp"), rs.getString("reason"), rs.getLong("n")))
			.list();
	}

	public static Set<String> groupings() {
		return new TreeSet<>(GROUPINGS.keySet());
	}

	public record Rejection(String rep, String team, String reason, String comment, OffsetDateTime at) {
	}

	public record Count(String key, String reason, long count) {
	}

}
