package io.leadflow.cultivation;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.leadflow.cultivation.Engagements.Engagement;
import io.leadflow.lead.AccountScores;
import io.leadflow.system.EngineClock;

/**
 * Keeps {@code account_score}: each account's Quality of Engagement now and four weeks ago, by the
 * same formula and weights as one account's score. Rescored when one of its people engages, and
 * every account every night, so a quiet account's score decays too.
 */
@Component
public class AccountScoreKeeper implements AccountScores {

	/** "Falling" compares with the score this long ago. */
	private static final Duration FALL_PERIOD = Duration.ofDays(28);

	private final Engagements engagements;

	private final QualityOfEngagement formula;

	private final JdbcClient jdbc;

	AccountScoreKeeper(Engagements engagements, QualityOfEngagement formula, JdbcClient jdbc) {
		this.engagements = engagements;
		this.formula = formula;
		this.jdbc = jdbc;
	}

	/** The score by the formula now, from every engagement: what a disposition keeps. */
	@Override
	public int scoreNow(String accountId) {
		return formula.score(engagements.ofAccount(accountId), EngineClock.now()).score();
	}

	/** One account, after one of its people engaged. */
	void rescore(String accountId) {
		Instant now = EngineClock.now();
		save(accountId, engagements.ofAccount(accountId), now);
	}

	/**
	 * Every account with an engagement in the score's window or the four weeks before; the rows of
	 * accounts that have none left go.
	 *
	 * @return how many accounts were scored
	 */
	@Transactional
	public long rescoreAll() {
		Instant now = EngineClock.now();
		long[] scored = { 0 };
		engagements.eachAccountSince(since(now), (account, engaged) -> {
			save(account, engaged, now);
			scored[0]++;
		});
		jdbc.sql("DELETE FROM account_score WHERE scored_at < ?").param(utc(now)).update();
		return scored[0];
	}

	/** The first engagement the scores now and four weeks ago can read. */
	private Instant since(Instant now) {
		return now.minus(FALL_PERIOD).minus(formula.weights().window());
	}

	private void save(String accountId, List<Engagement> engaged, Instant now) {
		int score = formula.score(engaged, now).score();
		int before = formula.score(engaged, now.minus(FALL_PERIOD)).score();
		OffsetDateTime at = utc(now);
		if (update(accountId, score, before, at) == 0) {
			try {
				jdbc.sql("INSERT INTO account_score (account_id, score, four_weeks_ago, scored_at) VALUES (?, ?, ?, ?)")
					.params(accountId, score, before, at)
					.update();
			}
			catch (DuplicateKeyException scoredMeanwhile) {
				// another engagement of the account scored it first: this score is as new
				update(accountId, score, before, at);
			}
		}
	}

	private int update(String accountId, int score, int before, OffsetDateTime at) {
		return jdbc.sql("UPDATE account_score SET score = ?, four_weeks_ago = ?, scored_at = ? WHERE account_id = ?")
			.params(score, before, at, accountId)
			.update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
