package io.leadflow.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

import io.leadflow.cultivation.Engagements;
import io.leadflow.cultivation.Engagements.Engagement;
import io.leadflow.cultivation.QualityOfEngagement;
import io.leadflow.system.EngineClock;
import io.leadflow.system.NotFoundException;

/**
 * The accounts' Quality of Engagement (docs/cultivation.md) across all accounts: how they spread
 * over the scores 1 to 10, the most engaged and the fastest falling (from the scores kept in
 * {@code account_score}), the score of won accounts beside lost ones when the rep reported the
 * outcome (kept with the disposition), and one account's weekly EKG, computed from its engagements
 * with the same formula and weights.
 */
@Service
class EngagementQuality {

	private static final int LISTED = 10;

	/** A quarter of weekly points at least: long enough to see the line rise or fall. */
	static final int EKG_WEEKS = 13;

	private final Engagements engagements;

	private final QualityOfEngagement formula;

	private final NamedParameterJdbcTemplate jdbc;

	EngagementQuality(Engagements engagements, QualityOfEngagement formula, NamedParameterJdbcTemplate jdbc) {
		this.engagements = engagements;
		this.formula = formula;
		this.jdbc = jdbc;
	}

	/**
	 * The spread, the most engaged and the fastest falling from the kept scores ({@code account_score},
	 * rescored when an account engages and every night), and the score at each disposition of the
	 * period.
	 */
	Report report(MetricsFilter filter) {
		Map<Integer, Long> counts = new HashMap<>();
		jdbc.query("SELECT score, COUNT(*) AS accounts FROM account_score GROUP BY score", Map.of(),
				rs -> {
					counts.put(rs.getInt("score"), rs.getLong("accounts"));
				});
		List<ScoreCount> spread = new ArrayList<>();
		for (int score = 1; score <= 10; score++) {
			spread.add(new ScoreCount(score, counts.getOrDefault(score, 0L)));
		}
		List<AccountScore> highest = listed("ORDER BY s.score DESC, s.account_id");
		List<AccountScore> falling = listed("WHERE s.score < s.four_weeks_ago ORDER BY s.score - s.four_weeks_ago, s.account_id");
		return new Report(LocalDate.ofInstant(EngineClock.now(), java.time.ZoneOffset.UTC), spread, highest, falling,
				atDisposition(filter));
	}

	private List<AccountScore> listed(String whereAndOrder) {
		return jdbc.query("SELECT s.account_id, a.name, s.score, s.four_weeks_ago FROM account_score s"
				+ " JOIN account a ON a.id = s.account_id " + whereAndOrder + " FETCH FIRST " + LISTED + " ROWS ONLY",
				Map.of(), (rs, n) -> new AccountScore(rs.getString("account_id"), rs.getString("name"), rs.getInt("score"),
						rs.getInt("four_weeks_ago"), rs.getInt("score") - rs.getInt("four_weeks_ago")));
	}

	/**
	 * For the dispositions reported in the period: the account's score when the rep reported it
	 * (kept with the disposition), by outcome.
	 */
	private List<OutcomeScore> atDisposition(MetricsFilter filter) {
		return jdbc.query(filter.bounded("""
				SELECT outcome, COUNT(*) AS dispositions, AVG(account_score) AS average_score FROM lead_disposition
				WHERE reported_at >= :start AND reported_at < :end AND account_score IS NOT NULL
				GROUP BY outcome ORDER BY outcome"""), filter.parameters(),
				(rs, n) -> new OutcomeScore(rs.getString("outcome"), rs.getLong("dispositions"),
						Math.round(10.0 * rs.getDouble("average_score")) / 10.0));
	}

	/**
	 * One account's EKG: its score at the end of each week of the period (at least the last
	 * {@link #EKG_WEEKS} weeks), the current week up to now.
	 */
	Ekg ekg(String accountId, MetricsFilter filter) {
		String name = names(java.util.Set.of(accountId)).get(accountId);
		if (name == null) {
			throw new NotFoundException("No account with id " + accountId);
		}
		Instant now = EngineClock.now();
		Instant asOf = filter.end().toInstant().isBefore(now) ? filter.end().toInstant().minusMillis(1) : now;
		long days = Duration.between(filter.start().toInstant(), asOf).toDays() + 1;
		int weeks = (int) Math.max(EKG_WEEKS, (days + 6) / 7);
		return new Ekg(accountId, name, filter.from(), filter.to(),
				formula.trend(engagements.ofAccount(accountId), asOf, weeks));
	}

	private Map<String, String> names(java.util.Set<String> accountIds) {
		Map<String, String> names = new HashMap<>();
		if (!accountIds.isEmpty()) {
			jdbc.query("SELECT id, name FROM account WHERE id IN (:ids)", Map.of("ids", accountIds),
					rs -> {
						names.put(rs.getString("id"), rs.getString("name"));
					});
		}
		return names;
	}

	/**
	 * @param distribution accounts per score 1..10, of the accounts with an engagement in the formula's window
	 * @param fastestFalling accounts whose score fell most in the last four weeks
	 * @param atDisposition the average score of the account when a lead of it was won, lost or closed as not a lead
	 */
	record Report(LocalDate asOf, List<ScoreCount> distribution, List<AccountScore> highest,
			List<AccountScore> fastestFalling, List<OutcomeScore> atDisposition) {
	}

	record ScoreCount(int score, long accounts) {
	}

	/** @param fourWeeksAgo the score 28 days ago; {@code change} = score − fourWeeksAgo */
	record AccountScore(String accountId, String name, int score, int fourWeeksAgo, int change) {

		AccountScore named(Map<String, String> names) {
			return new AccountScore(accountId, names.getOrDefault(accountId, accountId), score, fourWeeksAgo, change);
		}

	}

	/** @param weeks oldest first: the score at the end of each week (Monday to Sunday, UTC) */
	record Ekg(String accountId, String name, LocalDate from, LocalDate to, List<QualityOfEngagement.TrendPoint> weeks) {
	}

	record OutcomeScore(String outcome, long dispositions, double averageScore) {
	}

}
