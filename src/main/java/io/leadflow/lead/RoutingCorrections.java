package io.leadflow.lead;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Wrong territories with the team the rep named, counted by the routing rule that chose the wrong team. */
@Repository
public class RoutingCorrections {

	private final JdbcClient jdbc;

	RoutingCorrections(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void record(String leadId, String repId, String fromTeam, String toTeam, String routingRule) {
		jdbc.sql("""
				INSERT INTO routing_correction (lead_id, rep_id, from_team, to_team, routing_rule, corrected_at)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(leadId, repId, fromTeam, toTeam, routingRule, OffsetDateTime.now(ZoneOffset.UTC))
			.update();
	}

	/** How often each routing rule sent leads to a team whose reps said they belong to another. */
	public List<Count> counts() {
		return jdbc.sql("""
				SELECT routing_rule, from_team, to_team, COUNT(*) AS n FROM routing_correction
				GROUP BY routing_rule, from_team, to_team ORDER BY n DESC, routing_rule, from_team, to_team""")
			.query((rs, row) -> new Count(rs.getString("routing_rule"), rs.getString("from_team"),
					rs.getString("to_team"), rs.getLong("n")))
			.list();
	}

	/**
	 * @param routingRule the reason the routing table gave for the team it chose
	 * @param fromTeam the team the table chose
	 * @param toTeam the team the reps said the leads belong to
	 */
	public record Count(String routingRule, String fromTeam, String toTeam, long count) {
	}

}
