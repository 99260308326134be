package io.leadflow.lead;

/**
 * The account's Quality of Engagement (1 to 10) now. Scoring is cultivation's business; a
 * disposition keeps the score its account had when the rep reported it.
 */
public interface AccountScores {

	/** @return 1 to 10; 1 for an account nobody of which engaged */
	int scoreNow(String accountId);

}
