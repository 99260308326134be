package io.leadflow.cultivation;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** How often a lead went round the cultivation loop, how long it spent there, and who unsubscribed. */
@Repository
public class CultivationRecord {

	private final JdbcClient jdbc;

	CultivationRecord(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** @return the number of this loop, 1 for the first */
	int startLoop(String leadId, OffsetDateTime now) {
		jdbc.sql("UPDATE lead SET cultivation_loops = cultivation_loops + 1, cultivating_since = ? WHERE id = ?")
			.params(now, leadId)
			.update();
		return jdbc.sql("SELECT cultivation_loops FROM lead WHERE id = ?").param(leadId).query(Integer.class).single();
	}

	void endLoop(String leadId, OffsetDateTime now) {
		of(leadId, now).filter(loops -> loops.cultivatingSince() != null).ifPresent(loops -> jdbc
			.sql("UPDATE lead SET cultivation_seconds = cultivation_seconds + ?, cultivating_since = NULL WHERE id = ?")
			.params(Math.max(0, Duration.between(loops.cultivatingSince(), now).toSeconds()), leadId)
			.update());
	}

	/** The loops so far; the time includes the loop the lead is in now, up to {@code now}. */
	public Optional<Loops> of(String leadId, OffsetDateTime now) {
		return jdbc.sql("""
				SELECT l.cultivation_loops, l.cultivation_seconds, l.cultivating_since, c.unsubscribed_at,
				  (SELECT COUNT(*) FROM mail_sent m WHERE m.lead_id = l.id AND m.kind = 'NURTURE_TOUCH') AS touches
				FROM lead l JOIN contact c ON c.id = l.contact_id WHERE l.id = ?""")
			.param(leadId)
			.query((rs, row) -> {
				OffsetDateTime since = rs.getObject("cultivating_since", OffsetDateTime.class);
				long seconds = rs.getLong("cultivation_seconds")
						+ (since == null ? 0 : Math.max(0, Duration.between(since, now).toSeconds()));
				return new Loops(rs.getInt("cultivation_loops"), Duration.ofSeconds(seconds), since,
						rs.getInt("touches"), rs.getObject("unsubscribed_at", OffsetDateTime.class));
			})
			.optional();
	}

	/** @return whether the contact was subscribed until now */
	boolean unsubscribe(String contactId, OffsetDateTime now) {
		return jdbc.sql("UPDATE contact SET unsubscribed_at = ? WHERE id = ? AND unsubscribed_at IS NULL")
			.params(now, contactId)
			.update() == 1;
	}

	/**
	 * @param timeInCultivation all loops together, the current one up to now
	 * @param cultivatingSince when the current loop started; null when the lead is not in one
	 * @param touchesSent touch mails sent to the contact for this lead
	 */
	public record Loops(int loops, Duration timeInCultivation, OffsetDateTime cultivatingSince, int touchesSent,
			OffsetDateTime unsubscribedAt) {
	}

}
