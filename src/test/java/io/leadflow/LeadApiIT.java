package io.leadflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The foundation's story through the real HTTP API, as other systems and users meet it: a lead is
 * posted, the assigned users complete their tasks through /engine-rest, and the dossier tells the
 * whole history. Runs on H2 ({@code mvn verify}) and on PostgreSQL ({@code .ci/run}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LeadApiIT {

	private static final List<String> EMEA_REPS = List.of("elias", "emma");

	@Autowired
	private TestRestTemplate http;

	@org.springframework.boot.test.web.server.LocalServerPort
	private int port;

	/** Where mail links point when configured (the PostgreSQL run); empty: this app on its own port. */
	@org.springframework.beans.factory.annotation.Value("${leadflow.mail.tasklist-url:}")
	private String configuredTasklist;

	@Autowired
	private ObjectMapper json;

	@Autowired
	private io.leadflow.calendar.TeamCalendars calendars;

	@Test
	void aPostedLeadReachesARepWhoAcceptsAndWinsIt() {
		ResponseEntity<JsonNode> created = post("mara", "/api/leads", strongLead("mkto-" + UUID.randomUUID()));

		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String leadId = created.getBody().get("id").asText();
		assertThat(created.getHeaders().getLocation()).hasPath("/api/leads/" + leadId);
		assertThat(created.getBody().get("status").asText()).isEqualTo("NEW");

		JsonNode review = awaitTask(leadId, "ReviewLead");
		String rep = review.get("assignee").asText();
		assertThat(rep).isIn(EMEA_REPS);
		// the dossier shows the open task with its reminder and deadline (grade A, direct: 4 and 8 hours)
		JsonNode waiting = get("mara", "/api/leads/" + leadId).getBody().at("/openTasks/0");
		assertThat(waiting.get("assignee").asText()).isEqualTo(rep);
		// 8 of the EMEA team's working hours, whenever the build runs (docs/calendars.md)
		java.time.Instant madeAt = java.time.OffsetDateTime.parse(waiting.get("created").asText()).toInstant();
		java.time.Instant deadline = java.time.OffsetDateTime.parse(waiting.get("deadlineAt").asText()).toInstant();
		assertThat(deadline).isBetween(
				calendars.of("territory-emea").orElseThrow().plus(madeAt.minusSeconds(60), "PT8H").orElseThrow(),
				calendars.of("territory-emea").orElseThrow().plus(madeAt.plusSeconds(60), "PT8H").orElseThrow());
		assertThat(waiting.get("reminderAt").asText()).isNotBlank();
		assertThat(waiting.at("/onTheirClock/timeZone").asText()).isEqualTo("Europe/Berlin");
		assertThat(waiting.at("/onTheirClock/deadlineAt").asText()).endsWith(" (Europe/Berlin)");
		// the rep was mailed, which the default run's own mail server shows
		String repEmail = rep + "@leadflow.example";
		JsonNode mailed = await().atMost(Duration.ofSeconds(30))
			.until(() -> get("mara", "/api/mails?to={to}", repEmail).getBody(), mails -> mails.toString().contains("Acme"));
		assertThat(mailed.findValuesAsText("subject")).anyMatch(subject -> subject.startsWith("New lead for you: Greta Gruber"));
		// by user id too; the text part as the rep reads it, its link on the port this app runs on
		JsonNode byUser = get("mara", "/api/mails?to={to}&leadId={lead}", rep, leadId).getBody();
		assertThat(byUser.findValuesAsText("kind")).contains("LEAD_ASSIGNED");
		assertThat(byUser.get(0).get("body").asText()).contains("deadline is 8 hours after it reached you")
			.contains((configuredTasklist.isBlank() ? "http://localhost:" + port + "/camunda/app/tasklist/default/"
					: configuredTasklist) + "#/?task=" + review.get("id").asText())
			.doesNotContain("PT8H");
		// Tasklist shows the task's Camunda Form, deployed from forms/
		ResponseEntity<JsonNode> form = get(rep, "/engine-rest/task/" + review.get("id").asText() + "/deployed-form");
		assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(form.getBody().get("id").asText()).isEqualTo("review-lead");

		assertThat(complete(rep, review, Map.of("decision", "ACCEPT")).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		JsonNode disposition = awaitTask(leadId, "ReportDisposition");
		assertThat(disposition.get("assignee").asText()).isEqualTo(rep);
		assertThat(complete(rep, disposition, Map.of("outcome", "WON", "dealValue", 125000.5)).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);

		JsonNode dossier = get("mara", "/api/leads/" + leadId).getBody();
		assertThat(dossier.get("status").asText()).isEqualTo("WON");
		assertThat(dossier.get("grade").asText()).isEqualTo("A");
		assertThat(dossier.get("score").asInt()).isEqualTo(100);
		assertThat(dossier.get("owner").asText()).isEqualTo(rep);
		assertThat(dossier.get("dealValue").decimalValue()).isEqualByComparingTo("125000.5");
		assertThat(dossier.at("/contact/email").asText()).startsWith("greta@acme-");
		assertThat(dossier.at("/account/name").asText()).isEqualTo("Acme GmbH");
		assertThat(dossier.get("openTasks")).isEmpty();
		assertThat(types(dossier)).containsExactly("RECEIVED", "QUALIFIED", "ROUTED", "ACCEPTED", "WON");
		assertThat(dossier.at("/history/0/actor").asText()).isEqualTo("mara");
		assertThat(dossier.get("history")).filteredOn(entry -> entry.get("type").asText().equals("ACCEPTED"))
			.extracting(entry -> entry.get("actor").asText())
			.containsExactly(rep);
	}

	@Test
	void aRejectedLeadIsEvaluatedByMarketingAndGoesToTheOtherRep() {
		String leadId = post("mara", "/api/leads", strongLead(null)).getBody().get("id").asText();
		JsonNode review = awaitTask(leadId, "ReviewLead");
		String first = review.get("assignee").asText();

		complete(first, review, Map.of("decision", "REJECT", "rejectionReason", "NOT_READY", "comment",
				"Budget only next year"));
		JsonNode evaluate = awaitTask(leadId, "EvaluateRejectedLead");
		JsonNode open = get("mara", "/api/leads/" + leadId).getBody();
		assertThat(open.get("status").asText()).isEqualTo("REJECTED");
		assertThat(open.at("/rejections/0/reason").asText()).isEqualTo("NOT_READY");
		assertThat(open.at("/openTasks/0/taskDefinitionKey").asText()).isEqualTo("EvaluateRejectedLead");

		complete("mara", evaluate, Map.of("action", "REASSIGN", "comment", "Other rep, please"));
		JsonNode second = awaitTask(leadId, "ReviewLead");
		assertThat(second.get("assignee").asText()).isIn(EMEA_REPS).isNotEqualTo(first);
		assertThat(types(get("mara", "/api/leads/" + leadId).getBody())).containsExactly("RECEIVED", "QUALIFIED",
				"ROUTED", "REJECTED", "REJECTION_EVALUATED", "ROUTED");
	}

	@Test
	void aCompletionOutsideTheTaskContractIsRefusedWith400AndTheTaskStays() {
		String leadId = post("mara", "/api/leads", strongLead(null)).getBody().get("id").asText();
		JsonNode review = awaitTask(leadId, "ReviewLead");
		String rep = review.get("assignee").asText();

		ResponseEntity<JsonNode> refused = complete(rep, review, Map.of("decision", "REJECT"));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getBody().get("message").asText()).contains("rejectionReason");
		assertThat(awaitTask(leadId, "ReviewLead").get("id")).isEqualTo(review.get("id"));
		assertThat(get("mara", "/api/leads/" + leadId).getBody().get("status").asText()).isEqualTo("ROUTED");
	}

	@Test
	void theSameLeadTwiceIsRecordedOnTheFirstInsteadOfMadeTwice() {
		String externalId = "mkto-" + UUID.randomUUID();
		ObjectNode lead = strongLead(externalId);
		String leadId = post("mara", "/api/leads", lead).getBody().get("id").asText();

		ResponseEntity<JsonNode> again = post("mara", "/api/leads", lead);
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(again.getBody().get("id").asText()).isEqualTo(leadId);

		ObjectNode sameEmail = strongLead("mkto-" + UUID.randomUUID());
		((ObjectNode) sameEmail.get("contact")).put("email", lead.at("/contact/email").asText().toUpperCase());
		sameEmail.put("campaign", "Spring Summit");
		ResponseEntity<JsonNode> byEmail = post("mara", "/api/leads", sameEmail);
		assertThat(byEmail.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(byEmail.getBody().get("id").asText()).isEqualTo(leadId);

		JsonNode dossier = get("mara", "/api/leads/" + leadId).getBody();
		assertThat(types(dossier)).filteredOn("ACTIVITY"::equals).hasSize(2);
		assertThat(dossier.get("history").toString()).contains("Spring Summit");
		assertThat(leadsWithEmail(lead.at("/contact/email").asText())).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			missing email         | /contact/email     | DELETE     | contact.email
			malformed email       | /contact/email     | "greta@"   | contact.email
			unknown country       | /company/country   | "XX"       | company.country
			unknown role          | /contact/roleLevel | "BOSS"     | contact.roleLevel
			text for a number     | /company/employees | "many"     | company.employees
			text for true/false   | /need              | "maybe"    | need
			fraction for a number | /timelineMonths    | 2.5        | timelineMonths
			unknown field         | /favouriteColour   | "blue"     | favouriteColour
			""")
	void badInputIsRefusedNamingTheFieldAndWritesNothing(String what, String pointer, String value, String field)
			throws Exception {
		ObjectNode lead = strongLead(null);
		String email = lead.at("/contact/email").asText();
		int slash = pointer.lastIndexOf('/');
		ObjectNode parent = (ObjectNode) (slash == 0 ? lead : lead.at(pointer.substring(0, slash)));
		if (value.equals("DELETE")) {
			parent.remove(pointer.substring(slash + 1));
		}
		else {
			parent.set(pointer.substring(slash + 1), json.readTree(value));
		}

		ResponseEntity<JsonNode> refused = post("mara", "/api/leads", lead);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused.getBody().get("errors").findValuesAsText("field")).contains(field);
		assertThat(leadsWithEmail(email)).isZero();
	}

	@Test
	void severalBadFieldsAreNamedAtOnce() throws Exception {
		ObjectNode lead = strongLead(null);
		((ObjectNode) lead.get("contact")).put("email", "nope");
		((ObjectNode) lead.get("company")).put("country", "Germany");
		lead.put("budgetEstablished", "yes");

		ResponseEntity<JsonNode> refused = post("mara", "/api/leads", lead);

		assertThat(refused.getBody().get("errors").findValuesAsText("field")).containsExactly("budgetEstablished",
				"company.country", "contact.email");
	}

	@Test
	void anEmptyOrHugeBodyIsRefused() {
		assertThat(postRaw("mara", "").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(postRaw("mara", "{\"source\": ").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		String huge = "{\"source\":\"" + "x".repeat(200_000) + "\"}";
		ResponseEntity<JsonNode> refused = postRaw("mara", huge);
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getBody().get("detail").asText()).contains("too large");
	}

	@Test
	void leadsAreListedWithFiltersAndPaging() {
		String campaign = "Campaign " + UUID.randomUUID();
		for (int i = 0; i < 3; i++) {
			ObjectNode lead = strongLead(null);
			lead.put("campaign", campaign);
			post("mara", "/api/leads", lead);
		}

		JsonNode page = get("mara", "/api/leads?campaign={c}&size=2&page=0", campaign).getBody();
		assertThat(page.get("total").asInt()).isEqualTo(3);
		assertThat(page.get("items")).hasSize(2);
		assertThat(get("mara", "/api/leads?campaign={c}&size=2&page=1", campaign).getBody().get("items")).hasSize(1);
		assertThat(get("mara", "/api/leads?status=WON&campaign={c}", campaign).getBody().get("total").asInt()).isZero();
		assertThat(get("mara", "/api/leads?status=NOPE").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(get("mara", "/api/leads?size=0").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(get("mara", "/api/leads?size=5000").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void anUnknownLeadIs404() {
		ResponseEntity<JsonNode> missing = get("mara", "/api/leads/" + UUID.randomUUID());

		assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(missing.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "GET, /api/leads", "POST, /api/leads", "GET, /api/leads/x", "GET, /engine-rest/task",
			"GET, /engine-rest/engine", "GET, /engine-rest/process-definition", "GET, /v3/api-docs",
			"GET, /actuator/health", "GET, /swagger-ui.html" })
	void noEndpointAnswersWithoutCredentials(HttpMethod method, String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		var anonymous = http.exchange(path, method, new HttpEntity<>("{}", headers), String.class);
		var unknownUser = http.withBasicAuth("intruder", "intruder")
			.exchange(path, method, new HttpEntity<>("{}", headers), String.class);

		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(unknownUser.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void aWrongPasswordIsRefused() {
		// one attempt only: the identity service locks a user out after repeated failures
		assertThat(http.withBasicAuth("paul", "not-paul").getForEntity("/api/leads", String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void operatorsAndDevelopersFindHealthAndTheApiDescription() {
		JsonNode health = get("mara", "/actuator/health").getBody();
		assertThat(health.get("status").asText()).isEqualTo("UP");
		// what is up and where (database, disk, mail server) is for administrators
		assertThat(health.has("components")).isFalse();
		assertThat(http.withBasicAuth(Api.ADMIN, Api.passwordOf(Api.ADMIN))
			.getForEntity("/actuator/health", JsonNode.class)
			.getBody()
			.at("/components/db/status")
			.asText()).isEqualTo("UP");

		JsonNode api = get("mara", "/v3/api-docs").getBody();
		assertThat(api.at("/paths/~1api~1leads/post")).isNotNull();
		assertThat(api.at("/paths/~1api~1leads~1{id}/get").isMissingNode()).isFalse();
	}

	private JsonNode awaitTask(String leadId, String taskDefinitionKey) {
		return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			JsonNode tasks = get("sam", "/engine-rest/task?processInstanceBusinessKey={key}", leadId).getBody();
			return tasks.size() == 1 && tasks.get(0).get("taskDefinitionKey").asText().equals(taskDefinitionKey)
					? tasks.get(0) : null;
		}, task -> task != null);
	}

	private ResponseEntity<JsonNode> complete(String user, JsonNode task, Map<String, Object> answer) {
		ObjectNode variables = json.createObjectNode();
		answer.forEach((name, value) -> variables.putObject(name).set("value", json.valueToTree(value)));
		ObjectNode body = json.createObjectNode();
		body.set("variables", variables);
		return post(user, "/engine-rest/task/" + task.get("id").asText() + "/complete", body);
	}

	private long leadsWithEmail(String email) {
		return get("mara", "/api/leads?size=200").getBody()
			.get("items")
			.findValuesAsText("email")
			.stream()
			.filter(email::equalsIgnoreCase)
			.count();
	}

	/** The lead's story without the mails sent along the way. */
	private static List<String> types(JsonNode dossier) {
		return dossier.get("history").findValuesAsText("type").stream().filter(type -> !type.equals("MAIL_SENT")).toList();
	}

	private ResponseEntity<JsonNode> get(String user, String path, Object... params) {
		return http.withBasicAuth(user, user).getForEntity(path, JsonNode.class, params);
	}

	private ResponseEntity<JsonNode> post(String user, String path, JsonNode body) {
		return http.withBasicAuth(user, user).postForEntity(path, body, JsonNode.class);
	}

	private ResponseEntity<JsonNode> postRaw(String user, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return http.withBasicAuth(user, user).postForEntity("/api/leads", new HttpEntity<>(body, headers),
				JsonNode.class);
	}

	/** An executive of a large German manufacturer with budget, authority, need and a near timeline: grade A. */
	private ObjectNode strongLead(String externalId) {
		// a company of its own, so no test's account owner steers another test's routing
		String unique = UUID.randomUUID().toString().substring(0, 8);
		ObjectNode lead = json.createObjectNode();
		if (externalId != null) {
			lead.put("externalId", externalId);
		}
		lead.put("source", "webinar").put("campaign", "Q4 Launch");
		lead.putObject("contact")
			.put("firstName", "Greta")
			.put("lastName", "Gruber")
			.put("email", "greta@acme-" + unique + ".de")
			.put("phone", "+49 30 1234567")
			.put("title", "Chief Operating Officer")
			.put("roleLevel", "EXECUTIVE");
		lead.putObject("company")
			.put("name", "Acme GmbH")
			.put("domain", "acme-" + unique + ".de")
			.put("country", "DE")
			.put("industry", "Manufacturing")
			.put("employees", 5000);
		lead.put("productInterest", "Platform")
			.put("budgetEstablished", true)
			.put("authority", true)
			.put("need", true)
			.put("timelineMonths", 2);
		return lead;
	}

}
