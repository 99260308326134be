package io.leadflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import db.migration.V18__Lead_assignees_from_task_history;

/**
 * A manager changes a rep's availability through the API and the next lead is routed by it, with
 * no restart; rejections are queryable for marketing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RoutingApiIT {

	@Autowired
	private TestRestTemplate http;

	@Autowired
	private ObjectMapper json;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private DataSource dataSource;

	@AfterEach
	void everyoneBackAtWork() {
		for (String rep : new String[] { "nate", "nora" }) {
			put("sam", "/api/reps/" + rep, "{\"outOfOfficeUntil\": null, \"capacity\": null}");
		}
	}

	@Test
	void aRepShowsTeamsAvailabilityAndOpenLeads() {
		JsonNode emma = get("sam", "/api/reps/emma").getBody();

		assertThat(emma.get("teams").toString()).isEqualTo("[\"territory-emea\"]");
		assertThat(emma.get("capacity").isNull()).isTrue();
		assertThat(emma.get("openAcceptedLeads").isInt()).isTrue();
		assertThat(emma.get("unavailableBecause").isNull()).isTrue();
	}

	@Test
	void aRepMarkedOutOfOfficeGetsNoLeadsUntilBack() {
		String until = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).withNano(0).toString();
		ResponseEntity<JsonNode> updated = put("sam", "/api/reps/nate",
				"{\"outOfOfficeUntil\": \"" + until + "\", \"capacity\": 5}");

		assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(updated.getBody().get("capacity").asInt()).isEqualTo(5);
		assertThat(updated.getBody().get("unavailableBecause").asText()).startsWith("out of office until");
		assertThat(get("mara", "/api/reps/nate").getBody().get("updatedBy").asText()).isEqualTo("sam");

		for (int i = 0; i < 2; i++) {
			String leadId = postLead("US");
			assertThat(awaitTask(leadId).get("assignee").asText()).isEqualTo("nora");
		}
	}

	@Test
	void badAvailabilityIsRefusedNamingEachField() {
		ResponseEntity<JsonNode> refused = put("sam", "/api/reps/nate",
				"{\"outOfOfficeUntil\": \"next week\", \"capacity\": -1, \"holiday\": true}");

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getBody().get("errors").findValuesAsText("field")).containsExactly("capacity", "holiday",
				"outOfOfficeUntil");
		assertThat(get("sam", "/api/reps/nate").getBody().get("capacity").isNull()).isTrue();
	}

	@Test
	void onlyRepsHaveAvailability() {
		assertThat(get("sam", "/api/reps/mara").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(get("sam", "/api/reps/nobody").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(http.getForEntity("/api/reps/emma", String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void rejectionsAreQueryableByRepAndCountedByTeam() {
		String leadId = postLead("DE");
		JsonNode review = awaitTask(leadId);
		String rep = review.get("assignee").asText();
		reject(review, "NOT_READY", null, "Next year");

		JsonNode rejectedByRep = get("mara", "/api/leads?rejectedBy=" + rep + "&size=200").getBody();
		assertThat(rejectedByRep.get("items").findValuesAsText("id")).contains(leadId);
		JsonNode perTeam = get("mara", "/api/rejections/counts?by=team").getBody();
		assertThat(perTeam.toString()).contains("\"key\":\"territory-emea\",\"reason\":\"NOT_READY\"");
		assertThat(get("mara", "/api/rejections/counts?by=mood").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void aRepWhoRejectedALeadStillSeesItAlsoAfterAnUpgrade() throws Exception {
		String leadId = postLead("DE");
		JsonNode review = awaitTask(leadId);
		String rep = review.get("assignee").asText();
		// to another team's rep, so that only having had the task lets the first rep see it
		reject(review, "WRONG_TERRITORY", "territory-na", "Their buying centre is in Boston");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> get("mara", "/api/leads/" + leadId).getBody().path("team").asText().equals("territory-na")
					&& !get("mara", "/api/leads/" + leadId).getBody().path("owner").isNull());

		assertRepSees(rep, leadId, true);
		assertRepSees("asha", leadId, false);

		// a database from before V17 knew this only from the engine's task history
		jdbc.update("DELETE FROM lead_assignee WHERE lead_id = ?", leadId);
		assertRepSees(rep, leadId, false);
		try (Connection connection = dataSource.getConnection()) {
			new V18__Lead_assignees_from_task_history().migrate(new Context() {

				@Override
				public Configuration getConfiguration() {
					return null;
				}

				@Override
				public Connection getConnection() {
					return connection;
				}

			});
		}
		assertRepSees(rep, leadId, true);
	}

	/** The assignee rejects the ReviewLead task; suggestedTeam may be null. */
	private void reject(JsonNode review, String reason, String suggestedTeam, String comment) {
		String rep = review.get("assignee").asText();
		ObjectNode body = json.createObjectNode();
		ObjectNode variables = body.putObject("variables");
		variables.putObject("decision").put("value", "REJECT");
		variables.putObject("rejectionReason").put("value", reason);
		if (suggestedTeam != null) {
			variables.putObject("suggestedTeam").put("value", suggestedTeam);
		}
		variables.putObject("comment").put("value", comment);
		assertThat(http.withBasicAuth(rep, rep)
			.postForEntity("/engine-rest/task/" + review.get("id").asText() + "/complete", body, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
	}

	private void assertRepSees(String rep, String leadId, boolean sees) {
		assertThat(get(rep, "/api/leads/" + leadId).getStatusCode()).as(rep + " opens the dossier")
			.isEqualTo(sees ? HttpStatus.OK : HttpStatus.NOT_FOUND);
		assertThat(get(rep, "/api/leads?size=200").getBody().get("items").findValuesAsText("id"))
			.as(rep + "'s list of leads")
			.matches(ids -> ids.contains(leadId) == sees);
	}

	private String postLead(String country) {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		String lead = """
				{"source": "webinar", "contact": {"lastName": "Reyes", "email": "r@co-%s.example", "roleLevel": "EXECUTIVE"},
				 "company": {"name": "Co %s", "domain": "co-%s.example", "country": "%s", "industry": "Manufacturing",
				             "employees": 2000},
				 "budgetEstablished": true, "authority": true, "need": true, "timelineMonths": 1}"""
			.formatted(unique, unique, unique, country);
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return http.withBasicAuth("mara", "mara")
			.postForEntity("/api/leads", new HttpEntity<>(lead, headers), JsonNode.class)
			.getBody()
			.get("id")
			.asText();
	}

	private JsonNode awaitTask(String leadId) {
		return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			JsonNode tasks = get("sam", "/engine-rest/task?processInstanceBusinessKey=" + leadId).getBody();
			return tasks.size() == 1 ? tasks.get(0) : null;
		}, task -> task != null);
	}

	private ResponseEntity<JsonNode> get(String user, String path) {
		return http.withBasicAuth(user, user).getForEntity(path, JsonNode.class);
	}

	private ResponseEntity<JsonNode> put(String user, String path, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return http.withBasicAuth(user, user).exchange(path, HttpMethod.PUT, new HttpEntity<>(body, headers),
				JsonNode.class);
	}

}
