package io.leadflow.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;

import io.leadflow.DecisionTables;
import io.leadflow.LeadScenarios;
import io.leadflow.intake.LeadIntakeService;

/**
 * The acceptance policy table decides the timers: its durations on their own, and a changed
 * table used by the next lead with no change in Java.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@DirtiesContext(classMode = ClassMode.AFTER_CLASS) // the edited table stays deployed
class AcceptancePolicyTest {

	@Autowired
	private LeadIntakeService intake;

	@Autowired
	private RuntimeService runtimeService;

	@Autowired
	private ManagementService managementService;

	@Autowired
	private TaskService taskService;

	@Autowired
	private RepositoryService repositoryService;

	@Test
	void theTableGivesReminderAndDeadlineByGradeAndChannel() {
		DecisionTables acceptance = DecisionTables.load("acceptance-policy.dmn", "acceptance-policy");
		DecisionTables disposition = DecisionTables.load("disposition-policy.dmn", "disposition-policy");

		assertThat(acceptance.evaluateSingle(lead("A", "DIRECT"))).containsEntry("reminderAfter", "PT4H")
			.containsEntry("deadlineAfter", "PT8H");
		assertThat(acceptance.evaluateSingle(lead("A", "PARTNER"))).containsEntry("reminderAfter", "P2D")
			.containsEntry("deadlineAfter", "P5D");
		assertThat(acceptance.evaluateSingle(lead("B", "DIRECT"))).containsEntry("deadlineAfter", "P1D");
		assertThat(acceptance.evaluateSingle(lead("C", "DIRECT"))).containsEntry("reminderAfter", "P1D")
			.containsEntry("deadlineAfter", "P2D");
		assertThat(disposition.evaluateSingle(lead("A", "DIRECT"))).containsEntry("updateEvery", "R/P14D")
			.containsEntry("staleAfter", "P90D");
	}

	@Test
	void marketingShortensTheDeadlinesInTheTableAndTheNextLeadGetsThem() throws Exception {
		String table;
		try (InputStream model = getClass().getResourceAsStream("/processes/acceptance-policy.dmn")) {
			table = new String(model.readAllBytes(), StandardCharsets.UTF_8);
		}
		String edited = table.replace("<text>\"PT4H\"</text>", "<text>\"PT1H\"</text>")
			.replace("<text>\"PT8H\"</text>", "<text>\"PT2H\"</text>");
		assertThat(edited).isNotEqualTo(table);
		repositoryService.createDeployment().name("marketing's edit").addString("acceptance-policy.dmn", edited).deploy();

		// Tuesday 09:00 in Berlin, the EMEA team's opening: the working hours run at once
		Instant received = Instant.parse("2026-12-01T08:00:00Z");
		ClockUtil.setCurrentTime(Date.from(received));
		String instanceId = receiveHotLead();

		List<Job> timers = managementService.createJobQuery().processInstanceId(instanceId).timers().list();
		Map<String, Instant> due = new HashMap<>();
		for (Job timer : timers) {
			String activity = managementService.createJobDefinitionQuery()
				.jobDefinitionId(timer.getJobDefinitionId())
				.singleResult()
				.getActivityId();
			due.put(activity, timer.getDuedate().toInstant());
		}
		assertThat(due.get("Timer_AcceptanceReminder")).isEqualTo(received.plus(Duration.ofHours(1)));
		assertThat(due.get("Timer_AcceptanceDeadline")).isEqualTo(received.plus(Duration.ofHours(2)));
	}

	@AfterEach
	void stopTheClock() {
		ClockUtil.reset();
	}

	private String receiveHotLead() {
		LeadScenarios leads = new LeadScenarios(intake, runtimeService, managementService, taskService);
		return leads.lifecycleInstance(leads.hotLeadWaitingForItsFirstTask("DE", "Platform"));
	}

	private static Map<String, Object> lead(String grade, String channel) {
		return Map.of("grade", grade, "channel", channel);
	}

}
