package io.leadflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The task contract, the forms and the model say the same thing: every user task has a contract,
 * every field a form submits is part of its task's contract, every choice a form offers is
 * exactly the contract's enum, and every value a gateway after a task tests is one of them.
 */
class TaskContractTest {

	private static final Pattern COMPARISON = Pattern.compile("(\\w+)\\s*[!=]=\\s*'([A-Za-z_]+)'");

	private final BpmnModelInstance lifecycle = Bpmn.readModelFromFile(new File("processes/lead-lifecycle.bpmn"));

	@Test
	void everyUserTaskHasAContract() {
		for (UserTask task : lifecycle.getModelElementsByType(UserTask.class)) {
			assertThat(TaskContract.of(task.getId())).as(task.getId()).isPresent();
		}
		assertThat(Arrays.stream(TaskContract.values()).map(TaskContract::taskKey))
			.containsExactlyInAnyOrderElementsOf(lifecycle.getModelElementsByType(UserTask.class)
				.stream()
				.map(UserTask::getId)
				.toList());
	}

	@Test
	void aFormSubmitsOnlyItsTasksAnswersAndOffersExactlyTheContractsChoices() throws IOException {
		ObjectMapper json = new ObjectMapper();
		for (UserTask task : lifecycle.getModelElementsByType(UserTask.class)) {
			TaskContract contract = TaskContract.of(task.getId()).orElseThrow();
			JsonNode form = json.readTree(Path.of("forms", formFile(task.getCamundaFormRef())).toFile());
			for (JsonNode field : fields(form)) {
				String key = field.get("key").asText();
				assertThat(contract.variables()).as("%s submits %s", task.getId(), key).contains(key);
				if (field.has("valuesKey") && TaskContract.tableOf(key).isPresent()) {
					assertThat(field.get("valuesKey").asText()).as("%s offers the rows of %s for %s", task.getId(),
							TaskContract.tableOf(key).get(), key).isEqualTo(key + "Choices");
				}
				if (field.has("values")) {
					Set<String> offered = new TreeSet<>(field.get("values").findValuesAsText("value"));
					assertThat(offered).as("%s offers for %s", task.getId(), key)
						.isEqualTo(names(contract.choices().get(key)));
				}
			}
		}
	}

	@Test
	void everyValueAGatewayTestsAfterATaskIsAChoiceOfThatTask() {
		int checked = 0;
		for (SequenceFlow flow : lifecycle.getModelElementsByType(SequenceFlow.class)) {
			if (flow.getConditionExpression() == null || !(flow.getSource() instanceof Gateway gateway)) {
				continue;
			}
			Matcher comparison = COMPARISON.matcher(flow.getConditionExpression().getTextContent());
			while (comparison.find()) {
				String variable = comparison.group(1);
				for (UserTask task : tasksBefore(gateway, new HashSet<>())) {
					Class<? extends Enum<?>> choice = TaskContract.of(task.getId()).orElseThrow().choices().get(variable);
					if (choice != null) {
						assertThat(names(choice)).as("%s tests %s after %s", flow.getId(), variable, task.getId())
							.contains(comparison.group(2));
						checked++;
					}
				}
			}
		}
		assertThat(checked).as("conditions on task answers").isGreaterThanOrEqualTo(15);
	}

	/** The user tasks whose answers reach this gateway directly or through other gateways. */
	private static List<UserTask> tasksBefore(FlowNode node, Set<String> seen) {
		List<UserTask> tasks = new ArrayList<>();
		for (SequenceFlow incoming : node.getIncoming()) {
			FlowNode source = incoming.getSource();
			if (!seen.add(source.getId())) {
				continue;
			}
			if (source instanceof UserTask task) {
				tasks.add(task);
			}
			else if (source instanceof Gateway) {
				tasks.addAll(tasksBefore(source, seen));
			}
		}
		return tasks;
	}

	private static Set<String> names(Class<? extends Enum<?>> type) {
		Set<String> names = new TreeSet<>();
		for (Enum<?> constant : type.getEnumConstants()) {
			names.add(constant.name());
		}
		return names;
	}

	private static String formFile(String formId) throws IOException {
		try (var forms = Files.list(Path.of("forms"))) {
			ObjectMapper json = new ObjectMapper();
			for (Path path : forms.toList()) {
				if (json.readTree(path.toFile()).get("id").asText().equals(formId)) {
					return path.getFileName().toString();
				}
			}
		}
		throw new IllegalStateException("No form with id " + formId);
	}

	/** The form's input fields (components with a key); table columns are not submitted. */
	private static Collection<JsonNode> fields(JsonNode container) {
		List<JsonNode> fields = new ArrayList<>();
		for (JsonNode component : container.path("components")) {
			if (component.has("key")) {
				fields.add(component);
			}
			fields.addAll(fields(component));
		}
		return fields;
	}

}
