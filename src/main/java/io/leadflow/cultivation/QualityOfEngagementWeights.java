package io.leadflow.cultivation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an account's Quality of Engagement is weighed ({@code leadflow.quality-of-engagement.*};
 * docs/quality-of-engagement.md explains each). Breadth, depth and frequency weigh what the account
 * does and add up to 1; recency scales that down when the account has gone quiet.
 *
 * @param breadth weight of how many people and role levels engage
 * @param depth weight of the kinds of engagement (depth points of the engagement-points table)
 * @param frequency weight of how often they engaged lately
 * @param recency how much of the score a long silence takes away (0: none, 1: all of it)
 * @param window how far back breadth and depth look
 * @param peopleForFullBreadth this many engaged people count as full breadth of people
 * @param depthPointsForFullDepth this many depth points (one per kind of engagement) count as full depth
 * @param frequencyWindow how far back frequency counts engagements
 * @param engagementsForFullFrequency this many engagements within the frequency window count as full frequency
 * @param recencyHalfLife after this long without engagement, recency is half
 */
@ConfigurationProperties("leadflow.quality-of-engagement")
public record QualityOfEngagementWeights(@DefaultValue("0.5") double breadth, @DefaultValue("0.3") double depth,
		@DefaultValue("0.2") double frequency, @DefaultValue("0.5") double recency,
		@DefaultValue("180d") Duration window, @DefaultValue("6") int peopleForFullBreadth,
		@DefaultValue("20") int depthPointsForFullDepth, @DefaultValue("90d") Duration frequencyWindow,
		@DefaultValue("12") int engagementsForFullFrequency, @DefaultValue("30d") Duration recencyHalfLife) {

	public QualityOfEngagementWeights {
		double sum = breadth + depth + frequency;
		if (Math.abs(sum - 1.0) > 0.001) {
			throw new IllegalArgumentException(
					"leadflow.quality-of-engagement: breadth, depth and frequency must add up to 1, not " + sum);
		}
		if (recency < 0 || recency > 1) {
			throw new IllegalArgumentException("leadflow.quality-of-engagement.recency must lie between 0 and 1, not " + recency);
		}
	}

}
