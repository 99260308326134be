package io.leadflow.lead;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who turned a lead down, and why: routing skips them, marketing and the next rep read the reasons. */
@Repository
public class LeadRejections {

	private final JdbcClient jdbc;

	LeadRejections(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void record(String leadId, String repId, String reason, String comment) {
		jdbc.sql("INSERT INTO lead_rejection (lead_id, rep_id, reason, comment, rejected_at) VALUES (?, ?, ?, ?, ?)")
			.params(leadId, repId, reason, comment, OffsetDateTime.now(ZoneOffset.UTC))
			.update();
	}

	public List<Rejection> of(String leadId) {
		return jdbc.sql("SELECT rep_id, reason, comment, rejected_at FROM lead_rejection WHERE lead_id = ? ORDER BY id")
			.param(leadId)
			.query((rs, row) -> new Rejection(rs.getString("rep_id"), rs.getString("reason"), rs.getString("comment"),
					rs.getObject("rejected_at", OffsetDateTime.class)))
			.list();
	}

	public Set<String> repsWhoRejected(String leadId) {
		return new TreeSet<>(jdbc.sql("SELECT DISTINCT rep_id FROM lead_rejection WHERE lead_id = ?")
			.param(leadId)
			.query(String.class)
			.list());
	}

	public record Rejection(String rep, String reason, String comment, OffsetDateTime at) {
	}

}
