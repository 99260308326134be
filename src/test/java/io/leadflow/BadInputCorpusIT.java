package io.leadflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadflow.Api.Answer;

/**
 * Every request of {@code src/test/resources/bad-input/corpus.json} — hostile and clumsy input to
 * every endpoint that takes any: wrong types, missing and unknown fields, extreme dates, NUL
 * bytes, malformed and nested JSON, variables outside a task's contract, writes into running
 * instances, deployments, foreign tasks. Each must be refused with a 4xx that says why, show no
 * internals (stack traces, SQL) and change nothing: no lead, contact, engagement, history row,
 * variable, task, job retry, deployment or membership appears or changes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusIT {

	private static final List<String> LEAKS = List.of("\tat ", "at org.", "at java.", "java.lang.", "org.h2.",
			"org.postgresql", "SQL", "INSERT INTO", "UPDATE lead", "SELECT ", "NullPointer", "Caused by");

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private RuntimeService runtimeService;

	@Autowired
	private ManagementService managementService;

	@Autowired
	private ObjectMapper json;

	private Api api;

	private final Map<String, String> placeholders = new TreeMap<>();

	@BeforeAll
	void aLeadWaitingForItsRep() {
		api = new Api(port);
		String other = api.postLead(Api.lead("DE", "Platform"));
		String lead = api.postLead(Api.lead("DE", "Platform"));
		JsonNode review = api.awaitTask(lead, "ReviewLead");
		api.awaitTask(other, "ReviewLead");
		String assignee = review.get("assignee").asText();
		String instance = review.get("processInstanceId").asText();
		placeholders.put("{lead}", lead);
		placeholders.put("{otherLead}", other);
		placeholders.put("{task}", review.get("id").asText());
		placeholders.put("{instance}", instance);
		placeholders.put("{assignee}", assignee);
		placeholders.put("{teammate}", assignee.equals("emma") ? "elias" : "emma");
		placeholders.put("{job}", managementService.createJobQuery().processInstanceId(instance).list().get(0).getId());
		// the leads' mails are sent, so nothing writes to them while the corpus runs
		await().atMost(Duration.ofSeconds(60))
			.until(() -> runtimeService.createProcessInstanceQuery()
				.processDefinitionKey("lead-notification")
				.processInstanceBusinessKey(lead)
				.count() + runtimeService.createProcessInstanceQuery()
					.processDefinitionKey("lead-notification")
					.processInstanceBusinessKey(other)
					.count() == 0);
	}

	@TestFactory
	Stream<DynamicTest> everyBadRequestIsRefusedAndChangesNothing() throws IOException {
		JsonNode corpus;
		try (InputStream in = getClass().getResourceAsStream("/bad-input/corpus.json")) {
			corpus = json.readTree(in);
		}
		assertThat(corpus.size()).as("cases in the corpus").isGreaterThanOrEqualTo(500);
		List<DynamicTest> tests = new ArrayList<>();
		for (JsonNode testCase : corpus) {
			tests.add(DynamicTest.dynamicTest(testCase.get("name").asText(), () -> refusedWithoutTrace(testCase)));
		}
		return tests.stream();
	}

	private void refusedWithoutTrace(JsonNode testCase) throws IOException {
		String before = fingerprint();
		String contentType = testCase.has("contentType") ? testCase.get("contentType").asText() : "application/json";
		byte[] body = body(testCase);
		if (body != null && new String(body, StandardCharsets.UTF_8).startsWith("--leadflow-boundary")) {
			contentType = "multipart/form-data; boundary=leadflow-boundary";
		}
		Answer answer = api.send(fill(testCase.get("user").asText()), testCase.get("method").asText(),
				fill(testCase.get("path").asText()), body == null ? null : contentType, body);

		assertThat(answer.status()).as("status of %s", answer).isBetween(400, 499);
		assertThat(answer.body()).as("a message that says why").isNotBlank();
		for (String leak : LEAKS) {
			assertThat(answer.body()).as("no internals in the answer").doesNotContain(leak);
		}
		assertThat(fingerprint()).as("nothing changed").isEqualTo(before);
	}

	private byte[] body(JsonNode testCase) throws IOException {
		if (testCase.has("raw")) {
			if (testCase.get("raw").isNull()) {
				return null;
			}
			String raw = testCase.get("raw").asText();
			if (raw.startsWith("$nested-array:")) {
				int depth = Integer.parseInt(raw.substring(raw.indexOf(':') + 1));
				return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
			}
			if (raw.startsWith("$nested-object:")) {
				int depth = Integer.parseInt(raw.substring(raw.indexOf(':') + 1));
				return ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.UTF_8);
			}
			if (raw.startsWith("$big-lead:")) {
				ObjectNode lead = (ObjectNode) json.readTree(Api.lead("DE", "Platform"));
				lead.put("campaign", "x".repeat(Integer.parseInt(raw.substring(raw.indexOf(':') + 1))));
				return json.writeValueAsBytes(lead);
			}
			if (raw.equals("$deployment")) {
				return deployment();
			}
			return fill(raw).getBytes(StandardCharsets.UTF_8);
		}
		if (!testCase.has("set")) {
			return null;
		}
		Map.Entry<String, JsonNode> change = testCase.get("set").fields().next();
		ObjectNode base = switch (change.getKey()) {
			case "intake" -> (ObjectNode) json.readTree(Api.lead("DE", "Platform").replace("probe-", "corpus-"));
			case "engagement" -> (ObjectNode) json.readTree("""
					{"email": "someone@corpus.example", "type": "WEBINAR", "occurredAt": "%s", "detail": "Corpus"}"""
				.formatted(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1)));
			case "availability" -> (ObjectNode) json.readTree("{\"outOfOfficeUntil\": null, \"capacity\": null}");
			default -> throw new IllegalArgumentException("No base body " + change.getKey());
		};
		for (Iterator<Map.Entry<String, JsonNode>> fields = change.getValue().fields(); fields.hasNext();) {
			Map.Entry<String, JsonNode> field = fields.next();
			set(base, field.getKey(), field.getValue());
		}
		return json.writeValueAsBytes(base);
	}

	private void set(ObjectNode body, String path, JsonNode value) {
		ObjectNode parent = body;
		String[] parts = path.split("\\.");
		for (int i = 0; i < parts.length - 1; i++) {
			parent = (ObjectNode) parent.get(parts[i]);
		}
		String name = parts[parts.length - 1];
		if (value.isTextual() && value.asText().equals("$remove")) {
			parent.remove(name);
		}
		else if (value.isTextual() && value.asText().startsWith("$repeat:")) {
			parent.put(name, "x".repeat(Integer.parseInt(value.asText().substring(8))));
		}
		else {
			parent.set(name, value);
		}
	}

	private byte[] deployment() throws IOException {
		byte[] model;
		try (InputStream in = getClass().getResourceAsStream("/bad-input/escalate.bpmn")) {
			model = in.readAllBytes();
		}
		String head = """
				--leadflow-boundary\r
				Content-Disposition: form-data; name="deployment-name"\r
				\r
				escalate\r
				--leadflow-boundary\r
				Content-Disposition: form-data; name="data"; filename="escalate.bpmn"\r
				Content-Type: application/octet-stream\r
				\r
				""";
		byte[] tail = "\r\n--leadflow-boundary--\r\n".getBytes(StandardCharsets.UTF_8);
		byte[] start = head.getBytes(StandardCharsets.UTF_8);
		byte[] all = new byte[start.length + model.length + tail.length];
		System.arraycopy(start, 0, all, 0, start.length);
		System.arraycopy(model, 0, all, start.length, model.length);
		System.arraycopy(tail, 0, all, start.length + model.length, tail.length);
		return all;
	}

	private String fill(String text) {
		String filled = java.util.regex.Pattern.compile("\\$repeat:(\\d+)")
			.matcher(text)
			.replaceAll(match -> "x".repeat(Integer.parseInt(match.group(1))));
		for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
			filled = filled.replace(placeholder.getKey(), placeholder.getValue());
		}
		return filled;
	}

	/** Everything a refused request could have touched. */
	private String fingerprint() {
		String lead = placeholders.get("{lead}");
		String other = placeholders.get("{otherLead}");
		String instance = placeholders.get("{instance}");
		return String.join("\n",
				jdbc.sql("SELECT COUNT(*) FROM contact WHERE email LIKE '%corpus%'").query(String.class).single(),
				jdbc.sql("SELECT COUNT(*) FROM account WHERE domain LIKE '%corpus%'").query(String.class).single(),
				jdbc.sql("SELECT COUNT(*) FROM engagement e JOIN contact c ON c.id = e.contact_id "
						+ "WHERE c.email LIKE '%corpus%' OR e.lead_id IN (?, ?)").params(lead, other).query(String.class).single(),
				jdbc.sql("SELECT status || '/' || COALESCE(owner_id, '-') || '/' || COALESCE(team, '-') || '/' || updated_at "
						+ "FROM lead WHERE id IN (?, ?) ORDER BY id").params(lead, other).query(String.class).list().toString(),
				jdbc.sql("SELECT COUNT(*) FROM lead_history WHERE lead_id IN (?, ?)").params(lead, other)
					.query(String.class).single(),
				jdbc.sql("SELECT COUNT(*) FROM lead_rejection WHERE lead_id IN (?, ?)").params(lead, other)
					.query(String.class).single(),
				jdbc.sql("SELECT COALESCE(MAX(CAST(updated_at AS VARCHAR(40))), '-') FROM rep_availability WHERE rep_id = 'nate'")
					.query(String.class).single(),
				jdbc.sql("SELECT name_ || '=' || COALESCE(text_, '') || COALESCE(CAST(long_ AS VARCHAR(30)), '') "
						+ "FROM ACT_RU_VARIABLE WHERE proc_inst_id_ = ? ORDER BY name_, id_").param(instance)
					.query(String.class).list().toString(),
				jdbc.sql("SELECT id_ || '/' || COALESCE(assignee_, '-') FROM ACT_RU_TASK WHERE proc_inst_id_ = ?")
					.param(instance).query(String.class).list().toString(),
				jdbc.sql("SELECT id_ || '/' || retries_ FROM ACT_RU_JOB WHERE process_instance_id_ = ? ORDER BY id_")
					.param(instance).query(String.class).list().toString(),
				jdbc.sql("SELECT COUNT(*) FROM ACT_RU_INCIDENT WHERE proc_inst_id_ = ?").param(instance)
					.query(String.class).single(),
				jdbc.sql("SELECT COUNT(*) FROM ACT_RE_DEPLOYMENT").query(String.class).single(),
				jdbc.sql("SELECT COUNT(*) FROM ACT_RU_EXECUTION WHERE business_key_ IN (?, ?)").params(lead, other)
					.query(String.class).single(),
				jdbc.sql("SELECT COUNT(*) FROM ACT_ID_MEMBERSHIP").query(String.class).single(),
				jdbc.sql("SELECT COUNT(*) FROM ACT_ID_USER").query(String.class).single(),
				// what the corpus's would-be administrators could have granted themselves
				jdbc.sql("SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION WHERE user_id_ IN ('mara', 'sam', 'sneaky') "
						+ "OR resource_type_ IN (0, 4, 9)").query(String.class).single());
	}

}
