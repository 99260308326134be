package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;

import com.fasterxml.jackson.databind.JsonNode;

import io.leadflow.Api;
import io.leadflow.Api.Answer;

/**
 * A designer's change reaches the running system as Camunda Modeler sends it (a multipart deployment
 * to /engine-rest as a marketing user): a changed table or timer is live for the next lead and stays
 * live across a restart until a release ships a newer file; a model that carries code is refused,
 * naming the element, and changes nothing. Runs on H2 and on PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DesignerDeploymentIT {

	private static final String DESIGNER = "mara";

	@LocalServerPort
	private int port;

	@Autowired
	private RepositoryService repositoryService;

	@Autowired
	private HistoryService historyService;

	@Autowired
	private ManagementService managementService;

	@Autowired
	private ModelDeployment modelDeployment;

	private final List<String> deployments = new ArrayList<>();

	private Api api;

	@BeforeEach
	void client() {
		api = new Api(port);
	}

	@AfterEach
	void removeTheTestsVersions() {
		// the shipped versions are the latest again for the tests that follow
		deployments.forEach(id -> repositoryService.deleteDeployment(id, true, true));
	}

	@Test
	void aDesignersTableIsUsedByTheNextLeadAndStaysLiveAcrossARestartUntilAReleaseShipsANewerOne() throws IOException {
		String shipped = Files.readString(Path.of("processes/acceptance-policy.dmn"));
		String designed = changeHotDirectDeadline(shipped, "PT2H");

		Answer deployed = api.deploy(DESIGNER, "acceptance-policy", Map.of("acceptance-policy.dmn", bytes(designed)));

		assertThat(deployed.status()).as(deployed.toString()).isEqualTo(200);
		String deploymentId = remember(deployed.json().get("id").asText());
		DecisionDefinition design = repositoryService.createDecisionDefinitionQuery()
			.deploymentId(deploymentId)
			.decisionDefinitionKey("acceptance-policy")
			.singleResult();
		assertThat(deadlineDecidedFor(api.postLead(Api.lead("DE", "Platform")))).isEqualTo(Map.entry(design.getId(), "PT2H"));

		modelDeployment.deployModels(); // what every start-up does

		assertThat(latestAcceptancePolicy().getId()).as("the designer's version after a restart").isEqualTo(design.getId());
		assertThat(deadlineDecidedFor(api.postLead(Api.lead("DE", "Platform")))).isEqualTo(Map.entry(design.getId(), "PT2H"));

		modelDeployment.deploy(List.of(file("acceptance-policy.dmn", changeHotDirectDeadline(shipped, "PT6H"))));

		DecisionDefinition released = latestAcceptancePolicy();
		remember(released.getDeploymentId());
		assertThat(released.getVersion()).isEqualTo(design.getVersion() + 1);
		assertThat(deadlineDecidedFor(api.postLead(Api.lead("DE", "Platform")))).isEqualTo(Map.entry(released.getId(), "PT6H"));
	}

	@Test
	void aDesignersLifecycleWithAChangedTimerIsAcceptedAndRunsTheNextLead() throws IOException {
		String lifecycle = Files.readString(Path.of("processes/lead-lifecycle.bpmn"));
		String designed = lifecycle.replace("${acceptancePolicy.reminderAfter}</bpmn:timeDuration>", "PT1H</bpmn:timeDuration>");
		assertThat(designed).isNotEqualTo(lifecycle);

		Answer deployed = api.deploy(DESIGNER, "lead-lifecycle", Map.of("lead-lifecycle.bpmn", bytes(designed)));

		assertThat(deployed.status()).as(deployed.toString()).isEqualTo(200);
		ProcessDefinition design = repositoryService.createProcessDefinitionQuery()
			.deploymentId(remember(deployed.json().get("id").asText()))
			.singleResult();
		JsonNode task = api.awaitTask(api.postLead(Api.lead("DE", "Platform")), "ReviewLead");
		assertThat(task.get("processDefinitionId").asText()).isEqualTo(design.getId());
		assertThat(managementService.createJobQuery()
			.processInstanceId(task.get("processInstanceId").asText())
			.activityId("Timer_AcceptanceReminder")
			.count()).isEqualTo(1);
	}

	@Test
	void aDesignersModelWithTheRuntimeEscapeIsRefusedNamingTheStepAndChangesNothing() throws IOException {
		String lifecycle = Files.readString(Path.of("processes/lead-lifecycle.bpmn"));
		String hostile = lifecycle.replace("camunda:delegateExpression=\"${assignRep}\"",
				"camunda:expression=\"${&quot;&quot;.getClass().forName(&quot;java.lang.Runtime&quot;).getMethod(&quot;getRuntime&quot;)"
						+ ".invoke(null).exec(&quot;touch /tmp/leadflow-pwned&quot;)}\"");
		assertThat(hostile).isNotEqualTo(lifecycle);
		long deploymentsBefore = repositoryService.createDeploymentQuery().count();
		long versionsBefore = repositoryService.createProcessDefinitionQuery().processDefinitionKey("lead-lifecycle").count();

		Answer refused = api.deploy(DESIGNER, "lead-lifecycle", Map.of("lead-lifecycle.bpmn", bytes(hostile)));

		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.json().get("message").asText()).contains("\"Pick rep by round robin\" (Task_AssignRep)")
			.contains("getClass");
		assertThat(refused.body()).as("Modeler marks the element").contains("\"mainElementId\":\"Task_AssignRep\"");
		assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deploymentsBefore);
		assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("lead-lifecycle").count())
			.isEqualTo(versionsBefore);
	}

	@Test
	void administratorsKeepFullRightsAndRepsDoNotDeploy() {
		String scripted = """
				<?xml version="1.0" encoding="UTF-8"?>
				<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_AdminScript" targetNamespace="http://leadflow.io/bpmn">
				  <bpmn:process id="admin-script" isExecutable="true" camunda:historyTimeToLive="P1D">
				    <bpmn:startEvent id="Start" />
				    <bpmn:scriptTask id="Task_Script" scriptFormat="javascript"><bpmn:script>1 + 1</bpmn:script></bpmn:scriptTask>
				    <bpmn:sequenceFlow id="Flow" sourceRef="Start" targetRef="Task_Script" />
				  </bpmn:process>
				</bpmn:definitions>""";

		Answer byDesigner = api.deploy(DESIGNER, "admin-script", Map.of("admin-script.bpmn", bytes(scripted)));
		Answer byRep = api.deploy("emma", "admin-script", Map.of("admin-script.bpmn", bytes(scripted)));
		Answer byAdmin = api.deploy(Api.ADMIN, "admin-script", Map.of("admin-script.bpmn", bytes(scripted)));

		assertThat(byDesigner.status()).as(byDesigner.toString()).isEqualTo(400);
		assertThat(byDesigner.json().get("message").asText()).contains("Task_Script is a script task");
		assertThat(byRep.status()).as(byRep.toString()).isEqualTo(403);
		assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(200);
		remember(byAdmin.json().get("id").asText());
	}

	/** The decision the lead's acceptance step used, and the deadline it gave. */
	private Map.Entry<String, String> deadlineDecidedFor(String leadId) {
		JsonNode task = api.awaitTask(leadId, "ReviewLead");
		HistoricDecisionInstance decision = historyService.createHistoricDecisionInstanceQuery()
			.processInstanceId(task.get("processInstanceId").asText())
			.decisionDefinitionKey("acceptance-policy")
			.includeOutputs()
			.singleResult();
		String deadline = decision.getOutputs()
			.stream()
			.filter(output -> output.getVariableName().equals("deadlineAfter"))
			.map(HistoricDecisionOutputInstance::getValue)
			.map(String::valueOf)
			.findFirst()
			.orElseThrow();
		return Map.entry(decision.getDecisionDefinitionId(), deadline);
	}

	private DecisionDefinition latestAcceptancePolicy() {
		return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("acceptance-policy").latestVersion().singleResult();
	}

	private static String changeHotDirectDeadline(String table, String deadline) {
		String shipped = "<outputEntry id=\"Rule_HotDirectLead_Out2\"><text>\"PT8H\"</text>";
		assertThat(table).contains(shipped);
		return table.replace(shipped, "<outputEntry id=\"Rule_HotDirectLead_Out2\"><text>\"" + deadline + "\"</text>");
	}

	private String remember(String deploymentId) {
		deployments.add(deploymentId);
		return deploymentId;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static ByteArrayResource file(String name, String content) {
		return new ByteArrayResource(bytes(content)) {

			@Override
			public String getFilename() {
				return name;
			}

		};
	}

}
