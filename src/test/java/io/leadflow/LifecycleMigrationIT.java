package io.leadflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The migration plan of docs/migration.md, run as an operator would: leads waiting in the flat lifecycle
 * (before the sub-processes) are moved with the documented REST call and go on to their ends in the
 * lifecycle with sub-processes, keeping their tasks, assignees, due dates and running timers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LifecycleMigrationIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	@LocalServerPort
	private int port;

	@Autowired
	private RepositoryService repositoryService;

	@Autowired
	private RuntimeService runtimeService;

	@Autowired
	private ManagementService managementService;

	@Autowired
	private HistoryService historyService;

	@AfterEach
	void theShippedLifecycleIsTheLatestAgain() throws IOException {
		// other tests in this Spring context start leads on the latest version
		deploy("shipped lifecycle", Path.of("processes/lead-lifecycle.bpmn"));
	}

	@Test
	void leadsWaitingInTheFlatLifecycleMoveToTheSubProcessesAndGoOnToTheirEnds() throws IOException {
		Api api = new Api(port);
		String flat = deploy("flat lifecycle", Path.of("src/test/resources/migration/lead-lifecycle-flat.bpmn"));

		String waiting = api.postLead(Api.lead("DE", "Platform"));
		JsonNode review = api.awaitTask(waiting, "ReviewLead");
		String rep = review.get("assignee").asText();

		String accepted = api.postLead(Api.lead("DE", "Platform"));
		JsonNode toAccept = api.awaitTask(accepted, "ReviewLead");
		assertThat(complete(api, toAccept.get("assignee").asText(), toAccept, "{\"decision\": {\"value\": \"ACCEPT\"}}"))
			.isEqualTo(204);
		JsonNode disposition = api.awaitTask(accepted, "ReportDisposition");

		String rejected = api.postLead(Api.lead("DE", "Platform"));
		JsonNode toReject = api.awaitTask(rejected, "ReviewLead");
		String firstRep = toReject.get("assignee").asText();
		complete(api, firstRep, toReject, """
				{"decision": {"value": "REJECT"}, "rejectionReason": {"value": "NOT_READY"}, "comment": {"value": "next year"}}""");
		JsonNode evaluate = api.awaitTask(rejected, "EvaluateRejectedLead");

		List<String> leads = List.of(waiting, accepted, rejected);
		assertThat(leads).allMatch(lead -> definitionOf(lead).equals(flat));
		Map<String, String> timersBefore = timers(waiting);
		assertThat(timersBefore).containsOnlyKeys("Timer_AcceptanceReminder", "Timer_AcceptanceDeadline");

		String target = deploy("lifecycle with sub-processes", Path.of("processes/lead-lifecycle.bpmn"));
		Api.Answer migrated = api.post(Api.ADMIN, "/engine-rest/migration/execute", documentedPlan(flat, target));
		assertThat(migrated.status()).as(migrated.toString()).isEqualTo(204);

		assertThat(leads).allMatch(lead -> definitionOf(lead).equals(target));
		JsonNode reviewAfter = api.awaitTask(waiting, "ReviewLead");
		assertThat(reviewAfter.get("id").asText()).as("the same task").isEqualTo(review.get("id").asText());
		assertThat(reviewAfter.get("assignee").asText()).isEqualTo(rep);
		assertThat(reviewAfter.get("due").asText()).isEqualTo(review.get("due").asText());
		assertThat(timers(waiting)).as("the timers run on with their due dates").isEqualTo(timersBefore);
		assertThat(runtimeService.getActivityInstance(instanceOf(waiting)).getActivityInstances("Sub_Acceptance"))
			.as("the engine made the new sub-process around the task").hasSize(1);

		// each goes on in the new shape: accepted and won, lost, routed again after marketing's evaluation
		complete(api, rep, reviewAfter, "{\"decision\": {\"value\": \"ACCEPT\"}}");
		JsonNode won = api.awaitTask(waiting, "ReportDisposition");
		assertThat(complete(api, rep, won, "{\"outcome\": {\"value\": \"WON\"}, \"dealValue\": {\"value\": 50000}}"))
			.isEqualTo(204);
		assertThat(endOf(waiting)).isEqualTo("End_LeadWon");

		assertThat(complete(api, disposition.get("assignee").asText(), disposition,
				"""
				{"outcome": {"value": "LOST"}, "lostReason": {"value": "COMPETITOR"}, "reason": {"value": "Chose a competitor"}}"""))
			.isEqualTo(204);
		assertThat(endOf(accepted)).isEqualTo("End_LeadLost");

		assertThat(complete(api, "mara", evaluate, "{\"action\": {\"value\": \"REASSIGN\"}}")).isEqualTo(204);
		JsonNode second = api.awaitTask(rejected, "ReviewLead");
		assertThat(second.get("assignee").asText()).isNotEqualTo(firstRep);
		assertThat(api.get("mara", "/api/leads/" + rejected).json().get("status").asText()).isEqualTo("ROUTED");
	}

	/** docs/migration/lead-lifecycle-sub-processes.json with this database's definition ids filled in. */
	private static String documentedPlan(String source, String target) throws IOException {
		ObjectNode body = (ObjectNode) JSON.readTree(Path.of("docs/migration/lead-lifecycle-sub-processes.json").toFile());
		body.remove("comment");
		String text = JSON.writeValueAsString(body);
		return text.replace("FLAT_LIFECYCLE_DEFINITION_ID", source)
			.replace("LIFECYCLE_WITH_SUB_PROCESSES_DEFINITION_ID", target);
	}

	private int complete(Api api, String user, JsonNode task, String variables) {
		Api.Answer answer = api.post(user, "/engine-rest/task/" + task.get("id").asText() + "/complete",
				"{\"variables\": " + variables + "}");
		if (answer.status() != 204) {
			System.err.println("Completion refused: " + answer);
		}
		return answer.status();
	}

	private String deploy(String name, Path model) throws IOException {
		try (InputStream in = Files.newInputStream(model)) {
			return repositoryService.createDeployment()
				.name(name)
				.addInputStream("lead-lifecycle.bpmn", in)
				.deployWithResult()
				.getDeployedProcessDefinitions()
				.get(0)
				.getId();
		}
	}

	private String instanceOf(String lead) {
		return runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey(lead)
			.processDefinitionKey("lead-lifecycle")
			.singleResult()
			.getId();
	}

	private String definitionOf(String lead) {
		return runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey(lead)
			.processDefinitionKey("lead-lifecycle")
			.singleResult()
			.getProcessDefinitionId();
	}

	private Map<String, String> timers(String lead) {
		return managementService.createJobQuery()
			.processInstanceId(instanceOf(lead))
			.timers()
			.list()
			.stream()
			.collect(Collectors.toMap(this::activityOf, job -> job.getDuedate().toInstant().toString()));
	}

	private String activityOf(Job job) {
		return managementService.createJobDefinitionQuery()
			.jobDefinitionId(job.getJobDefinitionId())
			.singleResult()
			.getActivityId();
	}

	private String endOf(String lead) {
		return org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.until(() -> historyService.createHistoricProcessInstanceQuery()
				.processInstanceBusinessKey(lead)
				.processDefinitionKey("lead-lifecycle")
				.finished()
				.list()
				.stream()
				.map(instance -> instance.getEndActivityId())
				.findFirst()
				.orElse(null), end -> end != null);
	}

}
