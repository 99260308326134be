package io.leadflow.rejection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.leadflow.DecisionTables;

/** {@code processes/rejection-policy.dmn} on its own: who takes a lead a rep has just rejected. */
class RejectionPolicyDecisionTest {

	private final DecisionTables policy = DecisionTables.load("rejection-policy.dmn", "rejection-policy");

	@ParameterizedTest(name = "{0} rejection(s), {1}, {2}, team named: {3} -> {4}")
	@CsvSource({ "1, DIRECT, NOT_READY, , MARKETING, false", "2, DIRECT, ALREADY_WORKING, , MARKETING, false",
			"1, DIRECT, WRONG_TERRITORY, territory-na, ROUTING, false",
			"2, DIRECT, WRONG_TERRITORY, territory-apac, ROUTING, false",
			"1, DIRECT, WRONG_TERRITORY, , MARKETING, false",
			"1, PARTNER, NOT_READY, , ROUTING, true", "2, PARTNER, WRONG_TERRITORY, territory-na, ROUTING, true",
			"3, DIRECT, NOT_READY, , MANAGER, false", "3, DIRECT, WRONG_TERRITORY, territory-na, MANAGER, false",
			"4, PARTNER, OTHER, , MANAGER, false" })
	void decidesWhoTakesTheRejectedLead(int count, String channel, String reason, String suggestedTeam, String handler,
			boolean nextTeam) {
		Map<String, Object> rejection = new HashMap<>();
		rejection.put("rejectionCount", count);
		rejection.put("channel", channel);
		rejection.put("rejectionReason", reason);
		rejection.put("suggestedTeam", suggestedTeam);

		Map<String, Object> result = policy.evaluateSingle(rejection);

		assertThat(result).containsEntry("handler", handler).containsEntry("nextTeam", nextTeam);
		assertThat((String) result.get("policyReason")).isNotBlank();
	}

}
