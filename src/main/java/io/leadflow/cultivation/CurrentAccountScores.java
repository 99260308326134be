package io.leadflow.cultivation;

import org.springframework.stereotype.Component;

import io.leadflow.lead.AccountScores;
import io.leadflow.system.EngineClock;

/** The account's Quality of Engagement now, by the same formula and weights as everywhere. */
@Component
class CurrentAccountScores implements AccountScores {

	private final Engagements engagements;

	private final QualityOfEngagement formula;

	CurrentAccountScores(Engagements engagements, QualityOfEngagement formula) {
		this.engagements = engagements;
		this.formula = formula;
	}

	@Override
	public Integer scoreNow(String accountId) {
		return formula.score(engagements.ofAccount(accountId), EngineClock.now()).score();
	}

}
