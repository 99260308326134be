package io.leadflow.qualification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadflow.DecisionTables;

/**
 * {@code processes/lead-qualification.dmn} on its own: each rule of the gate, and the fit and
 * intent tables it adds up. Marketing edits these tables; these cases say what the edits must keep.
 */
class LeadQualificationDecisionTest {

	private final DecisionTables qualification = DecisionTables.load("lead-qualification.dmn", "lead-qualification");

	/** 1000+ employees, executive, target industry, budget, authority, need, buying this quarter. */
	private static Map<String, Object> idealLead() {
		Map<String, Object> lead = new HashMap<>();
		lead.put("title", "Chief Operating Officer");
		lead.put("emailDomain", "acme.example");
		lead.put("employees", 5000);
		lead.put("roleLevel", "EXECUTIVE");
		lead.put("industry", "Manufacturing");
		lead.put("budgetEstablished", true);
		lead.put("authority", true);
		lead.put("need", true);
		lead.put("timelineMonths", 2);
		return lead;
	}

	/** Nothing known beyond the name: no size, no role fit, no BANT answers. */
	private static Map<String, Object> unknownLead() {
		Map<String, Object> lead = new HashMap<>();
		lead.put("title", null);
		lead.put("emailDomain", "example.org");
		lead.put("employees", null);
		lead.put("roleLevel", "OTHER");
		lead.put("industry", null);
		lead.put("budgetEstablished", null);
		lead.put("authority", null);
		lead.put("need", null);
		lead.put("timelineMonths", null);
		return lead;
	}

	private static int score(Map<String, Object> result) {
		return ((Number) result.get("score")).intValue();
	}

	@Test
	void strongFitWithBudgetIsSalesReadyWithoutACheck() {
		Map<String, Object> result = qualification.evaluateSingle(idealLead());

		// fit 25 + 20 + 5, intent 15 + 10 + 10 + 15
		assertThat(score(result)).isEqualTo(100);
		assertThat(result).containsEntry("grade", "A")
			.containsEntry("route", "SALES_READY")
			.containsEntry("needsCheck", false);
	}

	@Test
	void strongFitWithoutBudgetIsSalesReadyAfterMarketingChecks() {
		Map<String, Object> lead = idealLead();
		lead.put("budgetEstablished", false);

		Map<String, Object> result = qualification.evaluateSingle(lead);

		assertThat(score(result)).isEqualTo(85);
		assertThat(result).containsEntry("grade", "A")
			.containsEntry("route", "SALES_READY")
			.containsEntry("needsCheck", true);
	}

	@Test
	void goodFitIsGradeBAndChecked() {
		Map<String, Object> lead = unknownLead();
		lead.put("employees", 300); // 18
		lead.put("roleLevel", "MANAGER"); // 12
		lead.put("need", true); // 10
		lead.put("timelineMonths", 6); // 10

		Map<String, Object> result = qualification.evaluateSingle(lead);

		assertThat(score(result)).isEqualTo(50);
		assertThat(result).containsEntry("grade", "B")
			.containsEntry("route", "SALES_READY")
			.containsEntry("needsCheck", true);
	}

	@Test
	void someFitIsGradeCAndCultivated() {
		Map<String, Object> lead = unknownLead();
		lead.put("employees", 100); // 10
		lead.put("roleLevel", "PRACTITIONER"); // 5
		lead.put("timelineMonths", 12); // 5
		lead.put("industry", "Telecommunications"); // 5

		Map<String, Object> result = qualification.evaluateSingle(lead);

		assertThat(score(result)).isEqualTo(25);
		assertThat(result).containsEntry("grade", "C").containsEntry("route", "CULTIVATE");
	}

	@Test
	void earlyInterestIsGradeDAndCultivated() {
		Map<String, Object> result = qualification.evaluateSingle(unknownLead());

		assertThat(score(result)).isEqualTo(0);
		assertThat(result).containsEntry("grade", "D").containsEntry("route", "CULTIVATE");
	}

	@Test
	void studentsAreDisqualifiedHoweverTheyScore() {
		Map<String, Object> lead = idealLead();
		lead.put("title", "Marketing Intern");

		Map<String, Object> result = qualification.evaluateSingle(lead);

		assertThat(result).containsEntry("route", "DISQUALIFY").containsEntry("qualificationReason", "Student or intern");
	}

	@Test
	void competitorsAreDisqualified() {
		Map<String, Object> lead = idealLead();
		lead.put("emailDomain", "rivalsoft.com");

		Map<String, Object> result = qualification.evaluateSingle(lead);

		assertThat(result).containsEntry("route", "DISQUALIFY").containsEntry("qualificationReason", "Competitor");
	}

	@Test
	void everyResultExplainsItself() {
		assertThat(qualification.evaluateSingle(unknownLead()).get("qualificationReason")).isNotNull();
		assertThat(qualification.evaluateSingle(idealLead()).get("qualificationReason")).isNotNull();
	}

}
