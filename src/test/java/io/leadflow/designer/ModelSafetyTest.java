package io.leadflow.designer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a designer may deploy: every shipped model and table as it is, and nothing that runs code
 * (each refusal names the element, as Modeler shows it).
 */
class ModelSafetyTest {

	private static final Set<String> BEANS = Set.of("assignRep", "notify", "leadTaskListener", "identityService",
			"dataSource", "cultivationEnded");

	private final ModelSafety safety = new ModelSafety(new SafeExpressions(BEANS::contains),
			Set.of("assignRep", "notify", "leadTaskListener", "cultivationEnded", "weighEngagement",
					"recordQualification", "startCultivation", "sendReportCards", "sendMails", "scheduleTouch",
					"returnToCultivation", "rescoreAccounts", "recordSlaBreach", "prepareRerouting", "offerToTeam",
					"markDormant", "importLeadBatch"));

	static Stream<Path> shippedModels() throws IOException {
		return Files.list(Path.of("processes")).filter(file -> file.toString().matches(".*\\.(bpmn|dmn)$")).sorted();
	}

	@ParameterizedTest
	@MethodSource("shippedModels")
	void everyShippedModelMayBeDeployedByADesignerButTheTablesOfWhoSeesWhat(Path model) throws IOException {
		List<ModelSafety.Finding> findings = safety.check(model.getFileName().toString(), Files.readAllBytes(model));

		if (model.endsWith("teams.dmn") || model.endsWith("report-cards.dmn")) {
			assertThat(findings).extracting(ModelSafety.Finding::elementId)
				.containsAnyOf("team-groups", "report-card-recipients");
			assertThat(findings.get(0).message()).contains("an administrator deploys it");
		}
		else {
			assertThat(findings).isEmpty();
		}
	}

	@Test
	void theRuntimeEscapeIsRefusedNamingTheTask() {
		List<ModelSafety.Finding> findings = bpmn("""
				<bpmn:serviceTask id="Task_Pwn" name="Check lead" camunda:expression="${&quot;&quot;.getClass().forName(&quot;java.lang.Runtime&quot;).getMethod(&quot;getRuntime&quot;).invoke(null).exec(&quot;touch /tmp/pwned&quot;)}" />""");

		assertThat(findings).singleElement().satisfies(finding -> {
			assertThat(finding.elementId()).isEqualTo("Task_Pwn");
			assertThat(finding.message()).startsWith("\"Check lead\" (Task_Pwn) has the expression").contains("getClass");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "${identityService.createMembership('mara','camunda-admin')}", "${dataSource.connection}",
			"${execution.processEngineServices}", "${execution.getProcessEngine()}", "${task.delete()}",
			"${lead.class.classLoader}", "${leads[0]}", "${x = 1}", "#{''.getClass()}", "${now()}",
			"PT${'}'.concat(x)}", "${unterminated", "${execution.setVariable('a', b.c())}" })
	void expressionsThatReachBeyondVariablesAreRefused(String expression) {
		String escaped = expression.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");

		assertThat(bpmn("<bpmn:userTask id=\"Task_Review\" camunda:assignee=\"" + escaped + "\" />"))
			.as(expression)
			.singleElement()
			.extracting(ModelSafety.Finding::elementId)
			.isEqualTo("Task_Review");
	}

	@ParameterizedTest
	@ValueSource(strings = { "${rep}", "${acceptancePolicy.deadlineAfter}", "${outcome == 'LOST' && lostReason != 'TIMING'}",
			"${touchesSent + 1}", "${!needsCheck}", "#{execution.processBusinessKey}",
			"${execution.setVariable('cultivationOutcome', 'DORMANT')}", "sales-managers", "PT4H" })
	void variableReadsAndLiteralsAreAccepted(String expression) {
		String escaped = expression.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");

		assertThat(bpmn("<bpmn:userTask id=\"Task_Review\" camunda:assignee=\"" + escaped + "\" />")).as(expression)
			.isEmpty();
	}

	@Test
	void scriptsClassesConnectorsAndUnknownStepsAreRefused() {
		List<ModelSafety.Finding> findings = bpmn("""
				<bpmn:scriptTask id="Task_Script" name="Score" scriptFormat="groovy"><bpmn:script>1</bpmn:script></bpmn:scriptTask>
				<bpmn:serviceTask id="Task_Class" camunda:class="java.lang.ProcessBuilder" />
				<bpmn:serviceTask id="Task_Bean" camunda:delegateExpression="${identityService}" />
				<bpmn:serviceTask id="Task_Step" name="Pick rep" camunda:delegateExpression="${assignRep}" />
				<bpmn:userTask id="Task_Listener">
				  <bpmn:extensionElements>
				    <camunda:taskListener class="evil.Listener" event="create" />
				    <camunda:executionListener event="start"><camunda:script scriptFormat="javascript">x</camunda:script></camunda:executionListener>
				    <camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector>
				  </bpmn:extensionElements>
				</bpmn:userTask>
				<bpmn:sequenceFlow id="Flow_Script" sourceRef="Task_Step" targetRef="Task_Class">
				  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="groovy">true</bpmn:conditionExpression>
				</bpmn:sequenceFlow>""");

		assertThat(findings).extracting(ModelSafety.Finding::elementId)
			.containsExactly("Task_Script", "Task_Class", "Task_Bean", "Task_Listener", "Task_Listener", "Task_Listener",
					"Flow_Script");
		assertThat(findings.get(0).message()).isEqualTo(
				"\"Score\" (Task_Script) is a script task: scripts are code, which only administrators deploy");
		assertThat(findings.get(2).message()).contains("${identityService}", "is not one of Leadflow's steps", "${assignRep}");
		assertThat(findings.get(3).message()).contains("(in its taskListener)", "evil.Listener");
	}

	@Test
	void aTableInAnotherLanguageOrWithJavaFunctionsIsRefused() {
		String table = """
				<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="x">
				  <decision id="policy" name="Policy">
				    <decisionTable id="t">
				      <input id="i"><inputExpression id="ie" typeRef="string" expressionLanguage="juel"><text>${"".getClass()}</text></inputExpression></input>
				      <output id="o" name="x" typeRef="string" />
				      <rule id="r"><inputEntry id="e"><text>-</text></inputEntry>
				        <outputEntry id="oe"><text>function(x) external {java: {class: "java.lang.System", method signature: "exit(int)"}}</text></outputEntry></rule>
				    </decisionTable>
				  </decision>
				</definitions>""";

		assertThat(safety.check("policy.dmn", table.getBytes(StandardCharsets.UTF_8)))
			.extracting(ModelSafety.Finding::elementId)
			.containsExactly("ie", "oe");
	}

	@Test
	void otherFilesAndEntitiesAreRefused() {
		assertThat(safety.check("run.groovy", "println 1".getBytes(StandardCharsets.UTF_8))).singleElement()
			.extracting(ModelSafety.Finding::message)
			.asString()
			.contains("not a BPMN, DMN or form file");
		String withEntity = """
				<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
				<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d">&x;</definitions>""";
		assertThat(safety.check("policy.dmn", withEntity.getBytes(StandardCharsets.UTF_8))).singleElement()
			.extracting(ModelSafety.Finding::message)
			.asString()
			.contains("not well-formed XML");
	}

	private List<ModelSafety.Finding> bpmn(String elements) {
		String model = """
				<?xml version="1.0" encoding="UTF-8"?>
				<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_Test" targetNamespace="http://leadflow.io/bpmn">
				  <bpmn:process id="designer-test" isExecutable="true">
				%s
				  </bpmn:process>
				</bpmn:definitions>""".formatted(elements);
		return safety.check("designer-test.bpmn", model.getBytes(StandardCharsets.UTF_8));
	}

}
