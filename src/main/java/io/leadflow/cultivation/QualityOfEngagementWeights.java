package io.leadflow.cultivation;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * How an account's Quality of Engagement is weighed: the table
 * {@code processes/quality-of-engagement.dmn} that marketing edits (docs/cultivation.md explains
 * each). Breadth, depth and frequency weigh what the account does and add up to 1; recency scales
 * that down when the account has gone quiet.
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
public record QualityOfEngagementWeights(double breadth, double depth, double frequency, double recency,
		Duration window, int peopleForFullBreadth, int depthPointsForFullDepth, Duration frequencyWindow,
		int engagementsForFullFrequency, Duration recencyHalfLife) {

	static final String TABLE = "quality-of-engagement-weights";

	/** The table's one result, each output by its name; a missing or odd value says which. */
	static QualityOfEngagementWeights of(Map<String, Object> table) {
		return new QualityOfEngagementWeights(number(table, "breadth"), number(table, "depth"),
				number(table, "frequency"), number(table, "recency"), duration(table, "window"),
				(int) number(table, "peopleForFullBreadth"), (int) number(table, "depthPointsForFullDepth"),
				duration(table, "frequencyWindow"), (int) number(table, "engagementsForFullFrequency"),
				duration(table, "recencyHalfLife"));
	}

	private static double number(Map<String, Object> table, String output) {
		if (table.get(output) instanceof Number number) {
			return number.doubleValue();
		}
		throw new IllegalArgumentException(TABLE + ": the output " + output + " must be a number, not " + table.get(output));
	}

	private static Duration duration(Map<String, Object> table, String output) {
		try {
			Duration duration = Duration.parse(String.valueOf(table.get(output)));
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(TABLE + ": the output " + output + " must be longer than nothing");
			}
			return duration;
		}
		catch (DateTimeParseException e) {
			throw new IllegalArgumentException(TABLE + ": the output " + output + " must be a duration such as P30D, not "
					+ table.get(output), e);
		}
	}

	public QualityOfEngagementWeights {
		double sum = breadth + depth + frequency;
		if (Math.abs(sum - 1.0) > 0.001) {
			throw new IllegalArgumentException(
					TABLE + ": breadth, depth and frequency must add up to 1, not " + sum);
		}
		if (recency < 0 || recency > 1) {
			throw new IllegalArgumentException(TABLE + ": recency must lie between 0 and 1, not " + recency);
		}
		if (breadth < 0 || depth < 0 || frequency < 0) {
			throw new IllegalArgumentException(TABLE + ": no weight may be below 0");
		}
		if (peopleForFullBreadth < 1 || depthPointsForFullDepth < 1 || engagementsForFullFrequency < 1) {
			throw new IllegalArgumentException(TABLE + ": the people, depth points and engagements for a full part "
					+ "must each be at least 1");
		}
	}

}
