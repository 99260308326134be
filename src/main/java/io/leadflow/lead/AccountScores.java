package io.leadflow.lead;

/**
 * The account's Quality of Engagement (1 to 10) now. Scoring is cultivation's business; a
 * disposition keeps the score its account had when the rep reported it.
 */
public interface AccountScores {

	/** @return null when the account has no score */
	Integer scoreNow(String accountId);

}
