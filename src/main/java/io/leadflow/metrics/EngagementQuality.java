package io.leadflow.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

import io.leadflow.cultivation.Engagements;
import io.leadflow.cultivation.Engagements.Engagement;
import io.leadflow.cultivation.QualityOfEngagement;
import io.leadflow.cultivation.QualityOfEngagementWeights;
import io.leadflow.system.EngineClock;
import io.leadflow.system.NotFoundException;

/**
 * The accounts' Quality of Engagement (docs/cultivation.md) across all accounts: how they spread
 * over the scores 1 to 10, the most engaged and the fastest falling, and the score of won accounts
 * beside lost ones when the rep reported the outcome. Computed with the same formula and weights
 * as one account's score, from the engagements within the formula's window.
 */
@Service
class EngagementQuality {

	/** "Falling" compares with the score this long ago. */
	static final Duration FALL_PERIOD = Duration.ofDays(28);

	private static final int LISTED = 10;

	/** A quarter of weekly points at least: long enough to see the line rise or fall. */
	static final int EKG_WEEKS = 13;

	private final Engagements engagements;

	private final QualityOfEngagement formula;

	private final QualityOfEngagementWeights weights;

	private final NamedParameterJdbcTemplate jdbc;

	EngagementQuality(Engagements engagements, QualityOfEngagement formula, QualityOfEngagementWeights weights,
			NamedParameterJdbcTemplate jdbc) {
		this.engagements = engagements;
		this.formula = formula;
		this.weights = weights;
		this.jdbc = jdbc;
	}

	Report report(MetricsFilter filter) {
		Instant now = EngineClock.now();
		long[] distribution = new long[11];
		List<AccountScore> scores = new ArrayList<>();
		// what the scores read: the formula's window before four weeks ago, one account at a time
		engagements.eachAccountSince(now.minus(FALL_PERIOD).minus(weights.window()), (account, engaged) -> {
			int score = formula.score(engaged, now).score();
			int before = formula.score(engaged, now.minus(FALL_PERIOD)).score();
			distribution[score]++;
			scores.add(new AccountScore(account, null, score, before, score - before));
		});
		List<ScoreCount> spread = new ArrayList<>();
		for (int score = 1; score <= 10; score++) {
			spread.add(new ScoreCount(score, distribution[score]));
		}
		List<AccountScore> highest = scores.stream()
			.sorted(Comparator.comparingInt(AccountScore::score).reversed().thenComparing(AccountScore::accountId))
			.limit(LISTED)
			.toList();
		List<AccountScore> falling = scores.stream()
			.filter(score -> score.change() < 0)
			.sorted(Comparator.comparingInt(AccountScore::change).thenComparing(AccountScore::accountId))
			.limit(LISTED)
			.toList();
		// names only for the accounts listed, not for every account scored
		Map<String, String> names = names(java.util.stream.Stream.concat(highest.stream(), falling.stream())
			.map(AccountScore::accountId)
			.collect(java.util.stream.Collectors.toSet()));
		highest = highest.stream().map(score -> score.named(names)).toList();
		falling = falling.stream().map(score -> score.named(names)).toList();
		return new Report(LocalDate.ofInstant(now, java.time.ZoneOffset.UTC), spread, highest, falling,
				atDisposition(filter));
	}

	/**
	 * For the dispositions reported in the period: the account's score when the rep reported it
	 * (kept with the disposition), by outcome.
	 */
	private List<OutcomeScore> atDisposition(MetricsFilter filter) {
		return jdbc.query("""
				SELECT outcome, COUNT(*) AS dispositions, AVG(account_score) AS average_score FROM lead_disposition
				WHERE reported_at >= :start AND reported_at < :end AND account_score IS NOT NULL
				GROUP BY outcome ORDER BY outcome""", filter.periodParams(),
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
