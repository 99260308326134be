package io.leadflow.metrics;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Speed and discipline of docs/metrics.md: the offers made in the period and how they were answered. */
@Repository
class Speed {

	static final Map<String, String> GROUPINGS = Map.of("rep", "o.rep_id", "team", "o.team", "partner", "o.team");

	private final NamedParameterJdbcTemplate jdbc;

	Speed(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Report report(MetricsFilter filter) {
		Map<String, Object> params = filter.parameters();
		String key = GROUPINGS.get(filter.by());
		List<Row> rows = jdbc.query(filter.bounded("SELECT " + key + """
				 AS grouping_key, COUNT(*) AS offered,
				SUM(CASE WHEN o.answer = 'ACCEPTED' THEN 1 ELSE 0 END) AS accepted,
				SUM(CASE WHEN o.answer IN ('ACCEPTED', 'REJECTED', 'MISSED') THEN 1 ELSE 0 END) AS decided,
				SUM(CASE WHEN o.answer = 'MISSED' THEN 1 ELSE 0 END) AS missed,
				PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY CASE WHEN o.answer = 'ACCEPTED' THEN o.seconds_to_answer END) AS p50,
				PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY CASE WHEN o.answer = 'ACCEPTED' THEN o.seconds_to_answer END) AS p90
				FROM lead_offer o WHERE o.offered_at >= :start AND o.offered_at < :end""" + filter.conditions("o", params)
				+ " GROUP BY " + key + " ORDER BY offered DESC, grouping_key"), params, (rs, n) -> {
					long accepted = rs.getLong("accepted");
					long decided = rs.getLong("decided");
					return new Row(rs.getString("grouping_key"), rs.getLong("offered"), accepted, accepted,
							decided == 0 ? null : (double) accepted / decided, seconds(rs.getObject("p50")),
							seconds(rs.getObject("p90")), rs.getLong("missed"), rs.getLong("offered") - decided);
				});
		return new Report(filter.from(), filter.to(), filter.by(), rows);
	}

	private static Long seconds(Object percentile) {
		return percentile == null ? null : Math.round(((Number) percentile).doubleValue());
	}

	static Set<String> groupings() {
		return GROUPINGS.keySet();
	}

	record Report(LocalDate from, LocalDate to, String by, List<Row> rows) {
	}

	/**
	 * @param acceptedInTime equal to accepted: the deadline takes the task away, so every acceptance is in time
	 * @param slaCompliance accepted in time among the offers that were answered or missed; null when none was
	 * @param pending offers still waiting for an answer
	 */
	record Row(String key, long offered, long accepted, long acceptedInTime, Double slaCompliance,
			Long timeToAcceptP50Seconds, Long timeToAcceptP90Seconds, long missedDeadlines, long pending) {
	}

}
