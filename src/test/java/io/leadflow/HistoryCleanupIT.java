package io.leadflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The engine's tables don't grow without bound: every model says how long its history is kept,
 * a finished process is marked for removal that long after it ended, and the cleanup is scheduled
 * at night.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HistoryCleanupIT {

	@LocalServerPort
	private int port;

	@Autowired
	private RepositoryService repositoryService;

	@Autowired
	private HistoryService historyService;

	@Autowired
	private ManagementService managementService;

	@Test
	void everyDeployedModelSaysHowLongItsHistoryIsKept() {
		List<ProcessDefinition> processes = repositoryService.createProcessDefinitionQuery().latestVersion().list();
		List<DecisionDefinition> decisions = repositoryService.createDecisionDefinitionQuery().latestVersion().list();
		assertThat(processes).extracting(ProcessDefinition::getKey).contains("lead-lifecycle", "lead-import");
		assertThat(processes).allSatisfy(process -> assertThat(process.getHistoryTimeToLive()).as(process.getKey())
			.isNotNull()
			.isBetween(1, 3650));
		assertThat(decisions).isNotEmpty().allSatisfy(decision -> assertThat(decision.getHistoryTimeToLive())
			.as(decision.getKey())
			.isNotNull()
			.isBetween(1, 3650));
	}

	@Test
	void theCleanupIsScheduledAtNightOutsideTheRepsHours() {
		List<Job> cleanupJobs = historyService.findHistoryCleanupJobs();
		assertThat(cleanupJobs).as("the engine schedules the cleanup when a window is set").isNotEmpty();
		JsonNode window = new Api(port).get(Api.ADMIN, "/engine-rest/history/cleanup/configuration").json();
		assertThat(window.get("enabled").asBoolean()).isTrue();
		assertThat(timeOfDay(window.get("batchWindowStartTime").asText())).isEqualTo(LocalTime.of(1, 0));
		assertThat(timeOfDay(window.get("batchWindowEndTime").asText())).isEqualTo(LocalTime.of(5, 0));
		assertThat(cleanupJobs).allSatisfy(job -> assertThat(managementService.createJobQuery().jobId(job.getId()).singleResult())
			.as("a cleanup job is waiting, not failed")
			.satisfies(waiting -> assertThat(waiting.getRetries()).isPositive()));
	}

	@Test
	void aFinishedImportsProcessIsRemovedItsTimeToLiveAfterItEnded() {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		String csv = "contact.firstName,contact.lastName,contact.email,contact.roleLevel,company.name,company.country\n"
				+ "Hanna,History,hanna@history-" + unique + ".example,MANAGER,History " + unique + ",DE\n";
		Api api = new Api(port);
		Api.Answer started = api.send("mara", "POST", "/api/leads/imports?source=list&campaign=History", "text/csv",
				csv.getBytes(StandardCharsets.UTF_8));
		assertThat(started.status()).as(started.toString()).isEqualTo(202);
		String importId = started.json().get("id").asText();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> api.get("mara", "/api/leads/imports/" + importId).json().get("state").asText(), "DONE"::equals);

		HistoricProcessInstance process = await().atMost(Duration.ofSeconds(30))
			.until(() -> historyService.createHistoricProcessInstanceQuery()
				.processDefinitionKey("lead-import")
				.processInstanceBusinessKey(importId)
				.finished()
				.singleResult(), found -> found != null);
		int days = repositoryService.getProcessDefinition(process.getProcessDefinitionId()).getHistoryTimeToLive();
		assertThat(days).isEqualTo(180);
		assertThat(process.getRemovalTime()).as("removed 180 days after the import ended")
			.isEqualTo(Date.from(process.getEndTime().toInstant().plus(days, ChronoUnit.DAYS)));
	}

	private static LocalTime timeOfDay(String engineDate) {
		return java.time.OffsetDateTime
			.parse(engineDate, java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ"))
			.atZoneSameInstant(ZoneId.systemDefault())
			.toLocalTime();
	}

}
