package io.leadflow.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

import io.leadflow.designer.PolicyTables;

/**
 * The report cards of docs/metrics.md: what each rep did in a period — leads received, accepted,
 * rejected, deadlines missed, won, lost, not a lead, the median time to accept — counted by when
 * it happened, from Leadflow's own tables. The weekly mail and the pages both read them here, so
 * they show the same figure for the same week.
 */
@Service
public class ReportCards {

	private final NamedParameterJdbcTemplate jdbc;

	private final PolicyTables tables;

	ReportCards(NamedParameterJdbcTemplate jdbc, PolicyTables tables) {
		this.jdbc = jdbc;
		this.tables = tables;
	}

	/**
	 * What a card covers when nobody chooses, the weekly mail's period: as many whole days (UTC) as
	 * the table {@code report-card-period} (processes/report-cards.dmn) says, ending the day before
	 * {@code today}.
	 */
	public Period periodBefore(LocalDate today) {
		Object days = tables.single("report-card-period", Map.of()).get("days");
		if (!(days instanceof Number number) || number.intValue() < 1) {
			throw new IllegalStateException("The table report-card-period gives " + days
					+ " days for a report card; it must be a whole number of at least 1");
		}
		return new Period(today.minusDays(number.intValue()), today.minusDays(1));
	}

	/** Each rep's card for the period, in the order given; a rep who did nothing has a card of zeros. */
	public List<Card> of(List<Rep> reps, Period period) {
		if (reps.isEmpty()) {
			return List.of();
		}
		Map<String, Object> params = new HashMap<>();
		params.put("reps", reps.stream().map(Rep::id).toList());
		Map<String, long[]> counts = new HashMap<>();
		Map<String, BigDecimal> wonValues = new HashMap<>();
		Map<String, Long> medians = new HashMap<>();
		// received, accepted, rejected, missed, won, lost, not a lead
		java.util.function.Function<String, long[]> of = rep -> counts.computeIfAbsent(rep, r -> new long[7]);
		jdbc.query(period.bounded("""
				SELECT rep_id, COUNT(*) AS n FROM lead_offer
				WHERE rep_id IN (:reps) AND offered_at >= :start AND offered_at < :end GROUP BY rep_id"""), params,
				rs -> {
					of.apply(rs.getString("rep_id"))[0] = rs.getLong("n");
				});
		jdbc.query(period.bounded("""
				SELECT rep_id, COUNT(*) AS n,
				PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY seconds_to_answer) AS p50 FROM lead_offer
				WHERE rep_id IN (:reps) AND answer = 'ACCEPTED' AND answered_at >= :start AND answered_at < :end
				GROUP BY rep_id"""), params, rs -> {
			of.apply(rs.getString("rep_id"))[1] = rs.getLong("n");
			Object p50 = rs.getObject("p50");
			if (p50 != null) {
				medians.put(rs.getString("rep_id"), Math.round(((Number) p50).doubleValue()));
			}
		});
		jdbc.query(period.bounded("""
				SELECT rep_id, COUNT(*) AS n FROM lead_rejection
				WHERE rep_id IN (:reps) AND rejected_at >= :start AND rejected_at < :end GROUP BY rep_id"""), params,
				rs -> {
					of.apply(rs.getString("rep_id"))[2] = rs.getLong("n");
				});
		jdbc.query(period.bounded("""
				SELECT rep_id, COUNT(*) AS n FROM lead_breach
				WHERE rep_id IN (:reps) AND breached_at >= :start AND breached_at < :end GROUP BY rep_id"""), params,
				rs -> {
					of.apply(rs.getString("rep_id"))[3] = rs.getLong("n");
				});
		jdbc.query(period.bounded("""
				SELECT rep_id, outcome, COUNT(*) AS n, COALESCE(SUM(deal_value), 0) AS deal_value FROM lead_disposition
				WHERE rep_id IN (:reps) AND reported_at >= :start AND reported_at < :end GROUP BY rep_id, outcome"""),
				params, rs -> {
					String rep = rs.getString("rep_id");
					switch (rs.getString("outcome")) {
						case "WON" -> {
							of.apply(rep)[4] = rs.getLong("n");
							wonValues.put(rep, rs.getBigDecimal("deal_value"));
						}
						case "LOST" -> of.apply(rep)[5] = rs.getLong("n");
						case "NOT_A_LEAD" -> of.apply(rep)[6] = rs.getLong("n");
						default -> {
						}
					}
				});
		List<Card> cards = new ArrayList<>();
		for (Rep rep : reps) {
			long[] n = counts.getOrDefault(rep.id(), new long[7]);
			cards.add(new Card(rep.id(), rep.name(), n[0], n[1], n[2], n[3], n[4],
					wonValues.getOrDefault(rep.id(), BigDecimal.ZERO), n[5], n[6], medians.get(rep.id())));
		}
		return cards;
	}

	/** The sum of the cards; the median time to accept is not summed and stays empty. */
	public static Card total(String label, Collection<Card> cards) {
		return new Card(null, label, sum(cards, Card::received), sum(cards, Card::accepted), sum(cards, Card::rejected),
				sum(cards, Card::missedDeadlines), sum(cards, Card::won),
				cards.stream().map(Card::wonValue).reduce(BigDecimal.ZERO, BigDecimal::add), sum(cards, Card::lost),
				sum(cards, Card::notALead), null);
	}

	/** The team's median rep for each figure, each on its own: the middle value, or the mean of the middle two. */
	public static Median median(String team, String name, List<Card> cards) {
		return new Median(team, name, cards.size(), median(cards, Card::received), median(cards, Card::accepted),
				median(cards, Card::rejected), median(cards, Card::missedDeadlines), median(cards, Card::won),
				cards.isEmpty() ? null
						: BigDecimal.valueOf(median(cards, card -> card.wonValue().doubleValue())).setScale(2, RoundingMode.HALF_UP),
				median(cards, Card::lost), median(cards, Card::notALead),
				median(cards.stream().filter(card -> card.timeToAcceptP50Seconds() != null).toList(),
						card -> card.timeToAcceptP50Seconds()));
	}

	private static long sum(Collection<Card> cards, java.util.function.ToLongFunction<Card> figure) {
		return cards.stream().mapToLong(figure).sum();
	}

	private static Double median(List<Card> cards, ToDoubleFunction<Card> figure) {
		if (cards.isEmpty()) {
			return null;
		}
		double[] values = cards.stream().mapToDouble(figure).sorted().toArray();
		int middle = values.length / 2;
		return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	/** A rep as a card names them: id and full name. */
	public record Rep(String id, String name) {
	}

	/** Whole days in UTC, both ends included. */
	public record Period(LocalDate from, LocalDate to) {

		OffsetDateTime start() {
			return from.atStartOfDay().atOffset(ZoneOffset.UTC);
		}

		OffsetDateTime end() {
			return to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
		}

		String bounded(String sql) {
			return PeriodSql.bounded(sql, start(), end());
		}

		/** As a person reads it: "2026-11-23 to 2026-11-29". */
		public String label() {
			return from + " to " + to;
		}

	}

	/**
	 * @param received leads put before the rep in the period (a team's lead counts for the rep who answered it)
	 * @param accepted leads the rep accepted in the period
	 * @param rejected leads the rep rejected in the period
	 * @param missedDeadlines deadlines the rep let pass in the period: to accept, and to report on an accepted lead
	 * @param won leads the rep reported won in the period, {@code wonValue} their deal values
	 * @param timeToAcceptP50Seconds the median time to accept of the leads accepted in the period; null when none was
	 */
	public record Card(String rep, String name, long received, long accepted, long rejected, long missedDeadlines,
			long won, BigDecimal wonValue, long lost, long notALead, Long timeToAcceptP50Seconds) {
	}

	/** @param reps how many reps the medians are taken over */
	public record Median(String team, String name, int reps, Double received, Double accepted, Double rejected,
			Double missedDeadlines, Double won, BigDecimal wonValue, Double lost, Double notALead,
			Double timeToAcceptP50Seconds) {
	}

}
