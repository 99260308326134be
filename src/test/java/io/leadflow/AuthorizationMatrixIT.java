package io.leadflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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

/**
 * Who may see and do what, through the real HTTP endpoints: one row per role, one column per
 * action, every cell asserted. The lead under test is a direct EMEA lead with emma.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

	private static final String COMPLETE = "{\"variables\": {\"decision\": {\"value\": \"ACCEPT\"}}}";

	@Autowired
	private TestRestTemplate http;

	/** emma's lead, for the reads and the refused writes. */
	private String lead;

	private String task;

	@BeforeAll
	void aLeadWithEmma() {
		// elias away, so the round robin has only emma for EMEA
		exchange("sam", HttpMethod.PUT, "/api/reps/elias", "{\"outOfOfficeUntil\": \""
				+ OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0) + "\", \"capacity\": null}");
		lead = postLead("intake").getBody().get("id").asText();
		task = awaitReview(lead).get("id").asText();
	}

	@AfterAll
	void eliasBack() {
		exchange("sam", HttpMethod.PUT, "/api/reps/elias", "{\"outOfOfficeUntil\": null, \"capacity\": null}");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			# role,   list tasks, task variables, complete, claim, dossier, list leads, history, post lead
			emma,     allow,      allow,          allow,    allow, allow,   allow,      deny,    deny
			nora,     deny,       deny,           deny,     deny,  deny,    deny,       deny,    deny
			pia,      deny,       deny,           deny,     deny,  deny,    deny,       deny,    deny
			carl,     deny,       deny,           deny,     deny,  deny,    deny,       deny,    deny
			sam,      allow,      allow,          allow,    allow, allow,   allow,      allow,   deny
			mara,     deny,       deny,           deny,     deny,  allow,   allow,      allow,   allow
			intake,   deny,       deny,           deny,     deny,  deny,    deny,       deny,    allow
			none,     deny,       deny,           deny,     deny,  deny,    deny,       deny,    deny
			""")
	void eachRoleMayDoExactlyItsPart(String role, String listTasks, String variables, String complete, String claim,
			String dossier, String listLeads, String history, String postLead) {
		String user = role.equals("none") ? null : role;

		assertCell(role, "list tasks", listTasks,
				get(user, "/engine-rest/task?processInstanceBusinessKey=" + lead), body -> body.toString().contains(task));
		assertCell(role, "task variables", variables, get(user, "/engine-rest/task/" + task + "/variables"), null);
		assertCell(role, "claim", claim, exchange(user, HttpMethod.POST, "/engine-rest/task/" + task + "/claim",
				"{\"userId\": \"emma\"}"), null);
		assertCell(role, "dossier", dossier, get(user, "/api/leads/" + lead), null);
		assertCell(role, "list leads", listLeads, get(user, "/api/leads?size=200"),
				body -> body.get("items").findValuesAsText("id").contains(lead));
		assertCell(role, "history", history,
				get(user, "/engine-rest/history/process-instance?processInstanceBusinessKey=" + lead),
				body -> body.toString().contains(lead));
		assertCell(role, "post lead", postLead, postLead(user), null);
		// completing changes the lead, so an allowed completion gets a lead of its own
		String target = complete.equals("allow") ? awaitReview(postLead("intake").getBody().get("id").asText())
			.get("id")
			.asText() : task;
		assertCell(role, "complete", complete,
				exchange(user, HttpMethod.POST, "/engine-rest/task/" + target + "/complete", COMPLETE), null);
	}

	@Test
	void aPartnerSeesNothingOfAnotherPartnersLead() {
		String partnerLead = postLead("intake", "Reseller Bundle").getBody().get("id").asText();
		JsonNode review = awaitReview(partnerLead);
		String owner = review.get("assignee").asText();
		assertThat(owner).isIn("pia", "paul");

		assertThat(get(owner, "/api/leads/" + partnerLead).getStatusCode()).isEqualTo(HttpStatus.OK);
		for (String outsider : Set.of("carl", "emma")) {
			assertThat(get(outsider, "/api/leads/" + partnerLead).getStatusCode()).as(outsider)
				.isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(get(outsider, "/engine-rest/task?processInstanceBusinessKey=" + partnerLead).getBody())
				.as(outsider)
				.isEmpty();
			assertThat(get(outsider, "/engine-rest/task/" + review.get("id").asText() + "/variables").getStatusCode())
				.as(outsider)
				.isEqualTo(HttpStatus.FORBIDDEN);
			assertThat(get(outsider, "/api/leads?size=200").getBody().get("items").findValuesAsText("id"))
				.as(outsider)
				.doesNotContain(partnerLead);
		}
	}

	private void assertCell(String role, String action, String expected,
			ResponseEntity<JsonNode> response, java.util.function.Predicate<JsonNode> visible) {
		String cell = role + " / " + action;
		HttpStatus status = HttpStatus.valueOf(response.getStatusCode().value());
		if (role.equals("none")) {
			assertThat(status).as(cell).isEqualTo(HttpStatus.UNAUTHORIZED);
			return;
		}
		boolean allowed = status.is2xxSuccessful() && (visible == null || visible.test(response.getBody()));
		assertThat(allowed).as(cell + " (" + status + ")").isEqualTo(expected.equals("allow"));
		if (!allowed && visible == null) {
			assertThat(status).as(cell).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
		}
	}

	private JsonNode awaitReview(String leadId) {
		return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			JsonNode tasks = get("sam", "/engine-rest/task?processInstanceBusinessKey=" + leadId).getBody();
			return tasks.size() == 1 ? tasks.get(0) : null;
		}, found -> found != null);
	}

	private ResponseEntity<JsonNode> postLead(String user) {
		return postLead(user, "Platform");
	}

	private ResponseEntity<JsonNode> postLead(String user, String productInterest) {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		return exchange(user, HttpMethod.POST, "/api/leads", """
				{"source": "webinar", "contact": {"lastName": "Matrix", "email": "m@x-%s.example", "roleLevel": "EXECUTIVE"},
				 "company": {"name": "X %s", "domain": "x-%s.example", "country": "DE", "employees": 2000},
				 "productInterest": "%s", "budgetEstablished": true, "authority": true, "need": true, "timelineMonths": 1}"""
			.formatted(unique, unique, unique, productInterest));
	}

	private ResponseEntity<JsonNode> get(String user, String path) {
		return exchange(user, HttpMethod.GET, path, null);
	}

	private ResponseEntity<JsonNode> exchange(String user, HttpMethod method, String path, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		TestRestTemplate client = user == null ? http : http.withBasicAuth(user, user);
		return client.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
	}

}
