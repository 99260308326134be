package io.leadflow.cultivation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadflow.DecisionTables;

/**
 * {@code processes/nurture-plan.dmn} and {@code processes/engagement-scoring.dmn} on their own,
 * and how engagement and the account's score move the qualification gate. Marketing edits these
 * tables; these cases say what an edit must keep.
 */
class CultivationDecisionTest {

	private final DecisionTables nurturePlan = DecisionTables.load("nurture-plan.dmn", "nurture-plan");

	private final DecisionTables policy = DecisionTables.load("nurture-plan.dmn", "cultivation-policy");

	private final DecisionTables points = DecisionTables.load("engagement-scoring.dmn", "engagement-points");

	private final DecisionTables qualification = DecisionTables.load("lead-qualification.dmn", "lead-qualification");

	@Test
	void touchesMoveFromAwarenessToConsiderationToDecisionAndSpreadOut() {
		assertThat(touch(0, "PRACTITIONER", "Platform")).containsEntry("stage", "AWARENESS").containsEntry("nextTouchIn", "P7D");
		assertThat(touch(1, "PRACTITIONER", "Platform")).containsEntry("stage", "CONSIDERATION")
			.containsEntry("nextTouchIn", "P14D");
		assertThat(touch(5, "PRACTITIONER", "Platform")).containsEntry("stage", "DECISION").containsEntry("nextTouchIn", "P30D");
	}

	@Test
	void theContentFitsTheRoleAndTheInterest() {
		assertThat(touch(0, "EXECUTIVE", "Platform").get("content")).asString().startsWith("Executive brief");
		assertThat(touch(0, "MANAGER", "Analytics").get("content")).asString().contains("Analytics");
		assertThat(touch(0, "MANAGER", null).get("contentUrl")).asString().startsWith("https://");
	}

	@Test
	void longCycleProductsWaitLongerBeforeDormancy() {
		assertThat(policy.evaluateSingle(Map.of("productInterest", "Platform"))).containsEntry("dormantAfter", "P270D");
		Map<String, Object> none = new HashMap<>();
		none.put("productInterest", null);
		assertThat(policy.evaluateSingle(none)).containsEntry("dormantAfter", "P180D").containsEntry("scoreHalfLife", "P30D");
	}

	@Test
	void aDemoDayWeighsMoreThanADownloadAndMoreStillForAnExecutive() {
		int demoDay = intent("DEMO_DAY", "PRACTITIONER");
		assertThat(demoDay).isGreaterThan(intent("DOWNLOAD", "PRACTITIONER"));
		assertThat(intent("DEMO_DAY", "EXECUTIVE")).isGreaterThan(demoDay);
		assertThat(intent("UNSUBSCRIBE", "EXECUTIVE")).isZero();
		for (EngagementType type : EngagementType.values()) {
			assertThat(points.evaluateList(Map.of("engagementType", type.name(), "roleLevel", "OTHER")))
				.as("a rule for " + type).hasSize(1);
		}
	}

	@Test
	void engagementAndAnEngagedAccountMakeALeadReadier() {
		Map<String, Object> lead = midMarketManagerWithNeed();
		Map<String, Object> cold = qualification.evaluateSingle(lead);
		assertThat(cold).containsEntry("route", "CULTIVATE");

		lead.put("engagementScore", 25);
		Map<String, Object> engaged = qualification.evaluateSingle(lead);
		assertThat(((Number) engaged.get("score")).intValue()).isEqualTo(((Number) cold.get("score")).intValue() + 25);
		assertThat(engaged).containsEntry("route", "SALES_READY").containsEntry("needsCheck", true);

		lead.put("engagementScore", 500);
		assertThat(((Number) qualification.evaluateSingle(lead).get("score")).intValue())
			.as("engagement counts at most 40").isEqualTo(((Number) cold.get("score")).intValue() + 40);

		lead.put("engagementScore", 0);
		lead.put("accountEngagement", 9);
		assertThat(((Number) qualification.evaluateSingle(lead).get("score")).intValue())
			.isEqualTo(((Number) cold.get("score")).intValue() + 10);
	}

	private Map<String, Object> touch(int touchesSent, String roleLevel, String productInterest) {
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("touchesSent", touchesSent);
		inputs.put("roleLevel", roleLevel);
		inputs.put("productInterest", productInterest);
		return nurturePlan.evaluateSingle(inputs);
	}

	private int intent(String type, String roleLevel) {
		return ((Number) points.evaluateSingle(Map.of("engagementType", type, "roleLevel", roleLevel)).get("intentPoints"))
			.intValue();
	}

	/** 200 to 1000 employees, a manager with a need and no budget yet: some fit, not ready. */
	private static Map<String, Object> midMarketManagerWithNeed() {
		Map<String, Object> lead = new HashMap<>();
		lead.put("title", "Operations Manager");
		lead.put("emailDomain", "initech.example");
		lead.put("employees", 500);
		lead.put("roleLevel", "MANAGER");
		lead.put("industry", "Retail");
		lead.put("budgetEstablished", null);
		lead.put("authority", null);
		lead.put("need", true);
		lead.put("timelineMonths", null);
		lead.put("engagementScore", 0);
		lead.put("accountEngagement", 1);
		return lead;
	}

}
