package io.leadflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The decision tables' examples ({@code processes/decision-tests/}): for each table a few leads
 * with the outcome marketing expects, run against the table as the engine evaluates it, and every
 * rule of every table met by at least one example, so a changed or added rule comes with its
 * example. A designer runs them against their own version of a table before deploying it:
 * <pre>mvn -q test -Dtest=DecisionTableExamplesTest -Dleadflow.tables=/path/to/acceptance-policy.dmn</pre>
 * ({@code leadflow.tables} is a table or a folder of tables; without it, {@code processes/}).
 */
class DecisionTableExamplesTest {

	private static final Path EXAMPLES = Path.of("processes", "decision-tests");

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Map<String, Set<String>> metRules = new HashMap<>();

	private final DmnEngine engine;

	DecisionTableExamplesTest() {
		DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration
			.createDefaultDmnEngineConfiguration();
		configuration.customPostDecisionTableEvaluationListeners(List.of(this::recordMetRules));
		engine = configuration.buildEngine();
	}

	@TestFactory
	Stream<DynamicNode> everyTableGivesWhatItsExamplesExpect() throws IOException {
		List<Path> tables = tables();
		assertThat(tables).as("tables to check").isNotEmpty();
		return tables.stream().map(this::examplesOf);
	}

	private DynamicNode examplesOf(Path table) {
		String file = table.getFileName().toString();
		Path examplesFile = EXAMPLES.resolve(file.replaceAll("\\.dmn$", ".json"));
		List<DmnDecision> decisions = parse(table);
		if (!Files.exists(examplesFile)) {
			return DynamicTest.dynamicTest(file + " has examples", () -> assertThat(examplesFile)
				.as("every table has its examples: write " + examplesFile + " (docs/designers.md)")
				.exists());
		}
		JsonNode examples = read(examplesFile);
		List<DynamicNode> nodes = new ArrayList<>();
		for (Iterator<Map.Entry<String, JsonNode>> byDecision = examples.fields(); byDecision.hasNext();) {
			Map.Entry<String, JsonNode> entry = byDecision.next();
			DmnDecision decision = decisions.stream()
				.filter(candidate -> candidate.getKey().equals(entry.getKey()))
				.findFirst()
				.orElse(null);
			if (decision == null) {
				nodes.add(DynamicTest.dynamicTest(entry.getKey(), () -> assertThat(decisions).extracting(DmnDecision::getKey)
					.as(examplesFile + " names a decision " + file + " does not have")
					.contains(entry.getKey())));
				continue;
			}
			for (JsonNode example : entry.getValue()) {
				nodes.add(DynamicTest.dynamicTest(entry.getKey() + ": " + example.get("example").asText(),
						() -> check(decision, example)));
			}
		}
		// after the examples: which rules they met
		for (DmnDecision decision : decisions) {
			if (decision.isDecisionTable()) {
				nodes.add(DynamicTest.dynamicTest(decision.getKey() + ": every rule has an example",
						() -> assertThat(unmetRules(decision)).as("rules of " + decision.getKey() + " in " + file
								+ " that no example in " + examplesFile + " meets")
							.isEmpty()));
			}
		}
		return DynamicContainer.dynamicContainer(file, nodes);
	}

	private void check(DmnDecision decision, JsonNode example) {
		Map<String, Object> given = JSON.convertValue(example.get("given"), JSON.getTypeFactory()
			.constructMapType(LinkedHashMap.class, String.class, Object.class));
		DmnDecisionResult result = engine.evaluateDecision(decision, Variables.fromMap(given));
		JsonNode expected = example.get("expect");
		List<Map<String, Object>> actual = result.getResultList();
		String description = "\"" + example.get("example").asText() + "\" with " + given;
		if (expected == null || expected.isNull()) {
			assertThat(actual).as(description + ": no rule should apply").isEmpty();
		}
		else if (expected.isArray()) {
			assertThat(actual).as(description + ": results").hasSize(expected.size());
			for (int i = 0; i < expected.size(); i++) {
				assertOutputs(description + ", result " + (i + 1), expected.get(i), actual.get(i));
			}
		}
		else {
			assertThat(actual).as(description + ": exactly one result").hasSize(1);
			assertOutputs(description, expected, actual.get(0));
		}
	}

	/** The outputs the example names, each as the table gives it; outputs it leaves out are not compared. */
	private static void assertOutputs(String description, JsonNode expected, Map<String, Object> actual) {
		for (Iterator<Map.Entry<String, JsonNode>> outputs = expected.fields(); outputs.hasNext();) {
			Map.Entry<String, JsonNode> output = outputs.next();
			assertThat(actual).as(description).containsKey(output.getKey());
			JsonNode value = JSON.valueToTree(actual.get(output.getKey()));
			if (value.isNumber() && output.getValue().isNumber()) {
				assertThat(value.decimalValue()).as(description + ": " + output.getKey())
					.isEqualByComparingTo(output.getValue().decimalValue());
			}
			else {
				assertThat(value).as(description + ": " + output.getKey()).isEqualTo(output.getValue());
			}
		}
	}

	private void recordMetRules(DmnDecisionTableEvaluationEvent event) {
		Set<String> met = metRules.computeIfAbsent(event.getDecision().getKey(), key -> new TreeSet<>());
		event.getMatchingRules().forEach(rule -> met.add(rule.getId()));
	}

	private Set<String> unmetRules(DmnDecision decision) {
		Set<String> unmet = new TreeSet<>();
		for (DmnDecisionTableRuleImpl rule : ((DmnDecisionTableImpl) decision.getDecisionLogic()).getRules()) {
			if (!metRules.getOrDefault(decision.getKey(), Set.of()).contains(rule.getId())) {
				unmet.add(rule.getId() + (rule.getName() == null ? "" : " (" + rule.getName() + ")"));
			}
		}
		return unmet;
	}

	private List<DmnDecision> parse(Path table) {
		try (InputStream model = Files.newInputStream(table)) {
			return engine.parseDecisions(model);
		}
		catch (IOException e) {
			throw new IllegalStateException("Cannot read " + table, e);
		}
	}

	private static JsonNode read(Path examples) {
		try {
			return JSON.readTree(examples.toFile());
		}
		catch (IOException e) {
			throw new IllegalStateException("Cannot read " + examples, e);
		}
	}

	/** The designer's tables when {@code -Dleadflow.tables} names them, else the shipped ones. */
	private static List<Path> tables() throws IOException {
		Path location = Path.of(System.getProperty("leadflow.tables", "processes"));
		if (Files.isRegularFile(location)) {
			return List.of(location);
		}
		try (Stream<Path> files = Files.list(location)) {
			return files.filter(file -> file.toString().endsWith(".dmn")).sorted().toList();
		}
	}

}
