package io.leadflow.cultivation;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;

/** The Quality of Engagement of an account now, from its stored engagements. */
@Service
public class AccountEngagement {

	private final Engagements engagements;

	private final QualityOfEngagement formula;

	AccountEngagement(Engagements engagements, QualityOfEngagement formula) {
		this.engagements = engagements;
		this.formula = formula;
	}

	public QualityOfEngagement.Score of(String accountId, Instant asOf) {
		return formula.score(engagements.ofAccount(accountId), asOf);
	}

	public List<QualityOfEngagement.TrendPoint> trend(String accountId, Instant asOf, int weeks) {
		return formula.trend(engagements.ofAccount(accountId), asOf, weeks);
	}

}
