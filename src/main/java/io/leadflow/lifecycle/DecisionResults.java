package io.leadflow.lifecycle;

import java.util.Map;

/**
 * The single-result decisions of {@code lead-lifecycle}, each read once into a record with the
 * table's output names and types (as {@code RoutingPlan} reads the routing table). The models
 * themselves read the results as maps ({@code ${acceptancePolicy.deadlineAfter}}), so the
 * variables stay maps; Java reads them only through these.
 */
public final class DecisionResults {

	private DecisionResults() {
	}

	/** {@code lead-qualification}: the lead's score, grade and where it goes. */
	public record Qualification(int score, String grade, String route, boolean needsCheck, String reason) {

		public static Qualification of(Object result) {
			Map<?, ?> outputs = outputs(result, "lead-qualification");
			return new Qualification(((Number) outputs.get("score")).intValue(), (String) outputs.get("grade"),
					(String) outputs.get("route"), Boolean.TRUE.equals(outputs.get("needsCheck")),
					(String) outputs.get("qualificationReason"));
		}

	}

	/** {@code acceptance-policy}: when a rep is reminded, and when the deadline passes (ISO durations). */
	public record AcceptancePolicy(String reminderAfter, String deadlineAfter, int managerPicksAfter) {

		/**
		 * The rule of the table versions before it had the column, for leads that were decided by one
		 * of them and are still open.
		 */
		private static final int MANAGER_PICKS_AFTER_BEFORE_THE_COLUMN = 2;

		public static AcceptancePolicy of(Object result) {
			Map<?, ?> outputs = outputs(result, "acceptance-policy");
			Object managerPicksAfter = outputs.get("managerPicksAfter");
			return new AcceptancePolicy((String) outputs.get("reminderAfter"), (String) outputs.get("deadlineAfter"),
					managerPicksAfter instanceof Number number ? number.intValue() : MANAGER_PICKS_AFTER_BEFORE_THE_COLUMN);
		}

	}

	/** {@code disposition-policy}: how often an accepted lead's rep is asked for news, and when it is stale. */
	public record DispositionPolicy(String updateEvery, String staleAfter) {

		public static DispositionPolicy of(Object result) {
			Map<?, ?> outputs = outputs(result, "disposition-policy");
			return new DispositionPolicy((String) outputs.get("updateEvery"), (String) outputs.get("staleAfter"));
		}

	}

	/** {@code rejection-policy}: who takes a rejected lead, whether the next team in line gets it, and why. */
	public record RejectionPolicy(String handler, boolean nextTeam, String reason) {

		public static RejectionPolicy of(Object result) {
			Map<?, ?> outputs = outputs(result, "rejection-policy");
			return new RejectionPolicy((String) outputs.get("handler"), Boolean.TRUE.equals(outputs.get("nextTeam")),
					(String) outputs.get("policyReason"));
		}

	}

	/** The result of a single-result decision; none means the table has no rule for this lead. */
	public static Map<?, ?> outputs(Object result, String decision) {
		if (result instanceof Map<?, ?> outputs) {
			return outputs;
		}
		throw new IllegalStateException("The " + decision + " table has no rule for this lead");
	}

}
