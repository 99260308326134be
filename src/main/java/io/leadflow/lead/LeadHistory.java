package io.leadflow.lead;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A lead's story, one row per event. Rows are written in the caller's transaction, so an event
 * is recorded exactly when the engine step that caused it commits.
 */
@Repository
public class LeadHistory {

	/** Who acted when no user is signed in: the engine's own steps and timers. */
	public static final String SYSTEM = "system";

	private final JdbcClient jdbc;

	private final IdentityService identityService;

	LeadHistory(JdbcClient jdbc, IdentityService identityService) {
		this.jdbc = jdbc;
		this.identityService = identityService;
	}

	void record(String leadId, HistoryType type, String detail) {
		jdbc.sql("INSERT INTO lead_history (lead_id, occurred_at, actor, type, detail) VALUES (?, ?, ?, ?, ?)")
			.params(leadId, OffsetDateTime.now(ZoneOffset.UTC), currentActor(), type.name(), detail)
			.update();
	}

	public List<Entry> of(String leadId) {
		return jdbc.sql("SELECT occurred_at, actor, type, detail FROM lead_history WHERE lead_id = ? ORDER BY id")
			.param(leadId)
			.query((rs, row) -> new Entry(rs.getObject("occurred_at", OffsetDateTime.class), rs.getString("actor"),
					rs.getString("type"), rs.getString("detail")))
			.list();
	}

	/** How many times the lead has been routed to a rep, as far as this transaction sees. */
	public int timesRouted(String leadId) {
		return jdbc.sql("SELECT COUNT(*) FROM lead_history WHERE lead_id = ? AND type = ?")
			.params(leadId, HistoryType.ROUTED.name())
			.query(Integer.class)
			.single();
	}

	/** The signed-in user of this request or task completion, or {@value #SYSTEM}. */
	public String currentActor() {
		var authentication = identityService.getCurrentAuthentication();
		return (authentication != null && authentication.getUserId() != null) ? authentication.getUserId() : SYSTEM;
	}

	public record Entry(OffsetDateTime at, String actor, String type, String detail) {
	}

}
