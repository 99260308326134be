package io.leadflow.metrics;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Cultivation of docs/metrics.md: of the leads received in the period, those marketing nurtured, and what came of it. */
@Repository
class Cultivation {

	static final Map<String, String> GROUPINGS = Map.of("source", "l.source", "campaign", "l.campaign");

	private final NamedParameterJdbcTemplate jdbc;

	Cultivation(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Report report(MetricsFilter filter) {
		Map<String, Object> params = filter.parameters();
		String key = GROUPINGS.get(filter.by());
		List<Row> rows = jdbc.query(filter.bounded("SELECT " + key + """
				 AS grouping_key, COUNT(*) AS cultivated,
				SUM(CASE WHEN l.status = 'CULTIVATING' THEN 1 ELSE 0 END) AS in_cultivation,
				SUM(CASE WHEN l.status = 'DORMANT' THEN 1 ELSE 0 END) AS dormant,
				COUNT(f.dormant_at) AS ever_dormant, COUNT(f.woken_at) AS woken, COUNT(f.requalified_at) AS requalified,
				SUM(CASE WHEN l.status = 'WON' THEN 1 ELSE 0 END) AS won,
				AVG(CAST(l.cultivation_loops AS DOUBLE PRECISION)) AS loops
				FROM lead l JOIN lead_funnel f ON f.lead_id = l.id
				WHERE f.cultivated_at IS NOT NULL AND l.created_at >= :start AND l.created_at < :end
				AND f.received_at >= :start AND f.received_at < :end"""
				+ filter.conditions("l", params) + " GROUP BY " + key + " ORDER BY cultivated DESC, grouping_key"),
				params,
				(rs, n) -> new Row(rs.getString("grouping_key"), rs.getLong("cultivated"), rs.getLong("in_cultivation"),
						rs.getLong("dormant"), rs.getLong("ever_dormant"), rs.getLong("woken"), rs.getLong("requalified"),
						rs.getLong("won"), Math.round(rs.getDouble("loops") * 10) / 10.0));
		return new Report(filter.from(), filter.to(), filter.by(), rows);
	}

	static Set<String> groupings() {
		return GROUPINGS.keySet();
	}

	record Report(LocalDate from, LocalDate to, String by, List<Row> rows) {
	}

	/**
	 * @param inCultivation in the loop now; {@code GET /api/leads?status=CULTIVATING} lists them
	 * @param dormant dormant now, waiting for an engagement; {@code GET /api/leads?status=DORMANT}
	 * @param loopsPerLead average times round the loop
	 */
	record Row(String key, long cultivated, long inCultivation, long dormant, long everDormant, long woken,
			long requalified, long won, double loopsPerLead) {
	}

}
