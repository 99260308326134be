package io.leadflow.metrics;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The funnel of docs/metrics.md: leads received in the period, followed to today. */
@Repository
class Funnel {

	/** Each grouping and the column it groups by. */
	static final Map<String, String> GROUPINGS = Map.of("source", "l.source", "campaign", "l.campaign", "team",
			"l.team", "partner", "l.team", "rep", "l.owner_id");

	private final NamedParameterJdbcTemplate jdbc;

	Funnel(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Report report(MetricsFilter filter) {
		Map<String, Object> params = filter.parameters();
		String where = "l.created_at >= :start AND l.created_at < :end" + filter.conditions("l", params);
		String counts = """
				COUNT(*) AS received, COUNT(f.sales_ready_at) AS sales_ready, COUNT(f.cultivated_at) AS cultivated,
				COUNT(f.routed_at) AS routed, COUNT(f.accepted_at) AS accepted, COUNT(f.rejected_at) AS rejected,
				SUM(CASE WHEN l.status = 'WON' THEN 1 ELSE 0 END) AS won,
				SUM(CASE WHEN l.status = 'LOST' THEN 1 ELSE 0 END) AS lost,
				SUM(CASE WHEN l.status = 'NOT_A_LEAD' THEN 1 ELSE 0 END) AS not_a_lead,
				COALESCE(SUM(CASE WHEN l.status = 'WON' THEN l.deal_value END), 0) AS won_value
				FROM lead l LEFT JOIN lead_funnel f ON f.lead_id = l.id
				AND f.received_at >= :start AND f.received_at < :end WHERE\s""" + where;
		String key = GROUPINGS.get(filter.by());
		List<Row> rows = jdbc.query(filter.bounded("SELECT " + key + " AS grouping_key, " + counts + " GROUP BY " + key
				+ " ORDER BY received DESC, grouping_key"), params, (rs, n) -> row(rs.getString("grouping_key"), rs));
		// every lead is in exactly one row (a lead with no source, team or rep in the row keyed null)
		Row total = new Row(null, sum(rows, Row::received), sum(rows, Row::salesReady), sum(rows, Row::cultivated),
				sum(rows, Row::routed), sum(rows, Row::accepted), sum(rows, Row::rejected), sum(rows, Row::won),
				sum(rows, Row::lost), sum(rows, Row::notALead),
				rows.stream().map(Row::wonValue).reduce(BigDecimal.ZERO, BigDecimal::add));
		return new Report(filter.from(), filter.to(), filter.by(), rows, total);
	}

	private static Row row(String key, ResultSet rs) throws SQLException {
		return new Row(key, rs.getLong("received"), rs.getLong("sales_ready"), rs.getLong("cultivated"),
				rs.getLong("routed"), rs.getLong("accepted"), rs.getLong("rejected"), rs.getLong("won"),
				rs.getLong("lost"), rs.getLong("not_a_lead"), rs.getBigDecimal("won_value"));
	}

	private static long sum(List<Row> rows, java.util.function.ToLongFunction<Row> count) {
		return rows.stream().mapToLong(count).sum();
	}

	static Set<String> groupings() {
		return GROUPINGS.keySet();
	}

	record Report(LocalDate from, LocalDate to, String by, List<Row> rows, Row total) {
	}

	record Row(String key, long received, long salesReady, long cultivated, long routed, long accepted, long rejected,
			long won, long lost, long notALead, BigDecimal wonValue) {
	}

}
