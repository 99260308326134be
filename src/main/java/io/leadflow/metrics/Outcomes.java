package io.leadflow.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What sales says about marketing's leads and how they ended (docs/metrics.md): rejections by
 * reason, dispositions by outcome and lost reason, and the leads won after another rep rejected them.
 */
@Repository
class Outcomes {

	/** Groupings of an event row {@code e} (rejection or disposition), which carries its lead's source and campaign. */
	static final Map<String, String> GROUPINGS = Map.of("source", "e.source", "campaign", "e.campaign", "team",
			"e.team", "partner", "e.team", "rep", "e.rep_id");

	private final NamedParameterJdbcTemplate jdbc;

	Outcomes(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Rejections made in the period, by reason. */
	Rejections rejections(MetricsFilter filter) {
		Map<String, Object> params = filter.parameters();
		String key = GROUPINGS.get(filter.by());
		List<RejectionRow> rows = jdbc.query(filter.bounded("SELECT " + key + " AS grouping_key, e.reason, COUNT(*) AS rejections"
				+ " FROM lead_rejection e"
				+ " WHERE e.rejected_at >= :start AND e.rejected_at < :end" + filter.conditions("e", params)
				+ " GROUP BY " + key + ", e.reason ORDER BY rejections DESC, grouping_key, e.reason"), params,
				(rs, n) -> new RejectionRow(rs.getString("grouping_key"), rs.getString("reason"), rs.getLong("rejections")));
		return new Rejections(filter.from(), filter.to(), filter.by(), rows);
	}

	/** Dispositions reported in the period, by outcome and lost reason. */
	Dispositions dispositions(MetricsFilter filter) {
		Map<String, Object> params = filter.parameters();
		String key = GROUPINGS.get(filter.by());
		List<DispositionRow> rows = jdbc.query(filter.bounded("SELECT " + key + " AS grouping_key, e.outcome, e.lost_reason,"
				+ " COUNT(*) AS leads, COALESCE(SUM(e.deal_value), 0) AS deal_value"
				+ " FROM lead_disposition e"
				+ " WHERE e.reported_at >= :start AND e.reported_at < :end" + filter.conditions("e", params)
				+ " GROUP BY " + key + ", e.outcome, e.lost_reason ORDER BY grouping_key, e.outcome, e.lost_reason"), params,
				(rs, n) -> new DispositionRow(rs.getString("grouping_key"), rs.getString("outcome"),
						rs.getString("lost_reason"), rs.getLong("leads"), rs.getBigDecimal("deal_value")));
		return new Dispositions(filter.from(), filter.to(), filter.by(), rows);
	}

	/**
	 * "If a sales rep rejects a lead then it's fair game": leads won in the period by a rep after
	 * another rep had rejected them, credited to the rep who won them.
	 */
	FairGame fairGame(MetricsFilter filter) {
		Map<String, Object> params = filter.parameters();
		List<FairGameRow> rows = jdbc.query(filter.bounded("""
				SELECT e.rep_id AS winner, COUNT(*) AS leads, COALESCE(SUM(e.deal_value), 0) AS deal_value
				FROM lead_disposition e WHERE e.outcome = 'WON' AND e.reported_at >= :start AND e.reported_at < :end
				AND EXISTS (SELECT 1 FROM lead_rejection r WHERE r.lead_id = e.lead_id AND r.rep_id <> e.rep_id
				AND r.rejected_at < e.reported_at)""" + filter.conditions("e", params)
				+ " GROUP BY e.rep_id ORDER BY leads DESC, winner"), params,
				(rs, n) -> new FairGameRow(rs.getString("winner"), rs.getLong("leads"), rs.getBigDecimal("deal_value")));
		return new FairGame(filter.from(), filter.to(), rows);
	}

	static Set<String> groupings() {
		return GROUPINGS.keySet();
	}

	record Rejections(LocalDate from, LocalDate to, String by, List<RejectionRow> rows) {
	}

	record RejectionRow(String key, String reason, long rejections) {
	}

	record Dispositions(LocalDate from, LocalDate to, String by, List<DispositionRow> rows) {
	}

	/** @param dealValue the won deal values; 0 for other outcomes */
	record DispositionRow(String key, String outcome, String lostReason, long leads, BigDecimal dealValue) {
	}

	record FairGame(LocalDate from, LocalDate to, List<FairGameRow> rows) {
	}

	record FairGameRow(String rep, long leadsWonAfterARejection, BigDecimal dealValue) {
	}

}
