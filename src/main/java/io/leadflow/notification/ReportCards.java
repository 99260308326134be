package io.leadflow.notification;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A rep's week in numbers, from the lead history and the engine's task history. */
@Component
class ReportCards {

	private final JdbcClient jdbc;

	private final HistoryService historyService;

	ReportCards(JdbcClient jdbc, HistoryService historyService) {
		this.jdbc = jdbc;
		this.historyService = historyService;
	}

	Card of(String rep, OffsetDateTime from, OffsetDateTime to) {
		long received = historyService.createHistoricTaskInstanceQuery()
			.taskDefinitionKey("ReviewLead")
			.taskAssignee(rep)
			.startedAfter(Date.from(from.toInstant()))
			.startedBefore(Date.from(to.toInstant()))
			.count();
		return new Card(rep, received, history(rep, "ACCEPTED", from, to), count("lead_rejection", "rejected_at", rep, from, to),
				count("lead_breach", "breached_at", rep, from, to), history(rep, "WON", from, to));
	}

	Card total(String name, List<Card> cards) {
		return new Card(name, cards.stream().mapToLong(Card::received).sum(), cards.stream().mapToLong(Card::accepted).sum(),
				cards.stream().mapToLong(Card::rejected).sum(), cards.stream().mapToLong(Card::breaches).sum(),
				cards.stream().mapToLong(Card::won).sum());
	}

	private long history(String rep, String type, OffsetDateTime from, OffsetDateTime to) {
		return jdbc.sql("SELECT COUNT(*) FROM lead_history WHERE actor = ? AND type = ? AND occurred_at >= ? AND occurred_at < ?")
			.params(rep, type, from, to)
			.query(Long.class)
			.single();
	}

	private long count(String table, String column, String rep, OffsetDateTime from, OffsetDateTime to) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE rep_id = ? AND " + column + " >= ? AND " + column + " < ?")
			.params(rep, from, to)
			.query(Long.class)
			.single();
	}

	record Card(String rep, long received, long accepted, long rejected, long breaches, long won) {
	}

}
