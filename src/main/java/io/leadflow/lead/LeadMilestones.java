package io.leadflow.lead;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows the metrics count: when a lead first reached each stage of the funnel, and each offer
 * of a lead to a rep or team with its answer. Written only by {@link LeadEvents}, with the event.
 */
@Repository
class LeadMilestones {

	enum Stage {
		SALES_READY("sales_ready_at"), CULTIVATED("cultivated_at"), ROUTED("routed_at"), ACCEPTED("accepted_at"),
		REJECTED("rejected_at"), DORMANT("dormant_at"), WOKEN("woken_at");

		private final String column;

		Stage(String column) {
			this.column = column;
		}
	}

	enum Answer {
		ACCEPTED, REJECTED, MISSED
	}

	private final JdbcClient jdbc;

	private final ObjectProvider<AccountScores> accountScores;

	LeadMilestones(JdbcClient jdbc, ObjectProvider<AccountScores> accountScores) {
		this.jdbc = jdbc;
		this.accountScores = accountScores;
	}

	void started(String leadId) {
		jdbc.sql("INSERT INTO lead_funnel (lead_id, received_at) SELECT id, created_at FROM lead WHERE id = ?")
			.param(leadId)
			.update();
	}

	/**
	 * The first time only (a lead routed three times was routed once, in the funnel), in one
	 * statement however many stages. Sales-ready after a cultivation also marks the lead ready
	 * again: what the nurturing was for.
	 */
	void reached(String leadId, Stage... stages) {
		StringBuilder sql = new StringBuilder("UPDATE lead_funnel SET ");
		for (Stage stage : stages) {
			sql.append(stage.column).append(" = COALESCE(").append(stage.column).append(", :now), ");
		}
		if (java.util.Arrays.asList(stages).contains(Stage.SALES_READY)) {
			sql.append("requalified_at = CASE WHEN requalified_at IS NULL AND cultivated_at IS NOT NULL THEN :now")
				.append(" ELSE requalified_at END, ");
		}
		sql.setLength(sql.length() - 2);
		jdbc.sql(sql + " WHERE lead_id = :lead").param("now", now()).param("lead", leadId).update();
	}

	/** @param rep null when the lead is offered to the whole team */
	void offered(String leadId, String team, String rep) {
		closeOpenOffer(leadId, null, null);
		jdbc.sql("""
				INSERT INTO lead_offer (lead_id, team, rep_id, offered_at, source, campaign)
				SELECT id, ?, ?, ?, source, campaign FROM lead WHERE id = ?""")
			.params(team, rep, now(), leadId)
			.update();
	}

	/** The lead's open offer is answered; a team offer becomes the answering rep's. */
	void answered(String leadId, String rep, Answer answer) {
		closeOpenOffer(leadId, rep, answer);
	}

	/** An offer nobody answered before the lead was offered again (e.g. a manager reassigned it) has no answer. */
	private void closeOpenOffer(String leadId, String rep, Answer answer) {
		jdbc.sql("SELECT id, offered_at FROM lead_offer WHERE lead_id = ? AND answered_at IS NULL ORDER BY id DESC")
			.param(leadId)
			.query((row, n) -> new Object[] { row.getLong("id"), row.getObject("offered_at", OffsetDateTime.class) })
			.list()
			.stream()
			.findFirst()
			.ifPresent(open -> {
				OffsetDateTime now = now();
				jdbc.sql("""
						UPDATE lead_offer SET answer = ?, answered_at = ?, seconds_to_answer = ?,
						rep_id = COALESCE(rep_id, ?) WHERE id = ?""")
					.params(answer == null ? null : answer.name(), now,
							Duration.between((OffsetDateTime) open[1], now).toSeconds(), rep, open[0])
					.update();
			});
	}

	/**
	 * The rep's disposition, with the rep and team that hold the lead as they report it and the
	 * account's score at that moment.
	 */
	void disposed(String leadId, String outcome, String lostReason, java.math.BigDecimal dealValue) {
		AccountScores scores = accountScores.getIfAvailable();
		Integer score = scores == null ? null
				: jdbc.sql("SELECT account_id FROM lead WHERE id = ?").param(leadId).query(String.class).optional()
					.map(scores::scoreNow).orElse(null);
		jdbc.sql("""
				INSERT INTO lead_disposition (lead_id, outcome, lost_reason, deal_value, rep_id, team, reported_at, account_score,
				  source, campaign)
				SELECT id, ?, ?, ?, owner_id, team, ?, ?, source, campaign FROM lead WHERE id = ?""")
			.params(outcome, lostReason, dealValue, now(), score, leadId)
			.update();
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

}
