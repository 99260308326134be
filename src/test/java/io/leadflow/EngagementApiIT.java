package io.leadflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Engagement events through the real HTTP API, as the marketing automation and webinar systems
 * post them: bad input is refused whole, a repeated event counts once, a stranger's engagement
 * becomes a lead, and the account shows its Quality of Engagement. Runs on H2 and on PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EngagementApiIT {

	@Autowired
	private TestRestTemplate http;

	@Autowired
	private ObjectMapper json;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void badInputIsRefusedWithEveryBadFieldAndNothingIsWritten() {
		long engagementsBefore = count("engagement");
		long leadsBefore = count("lead");

		ResponseEntity<JsonNode> refused = postRaw("intake", """
				{"email": "not-an-email", "type": "PODCAST", "occurredAt": "yesterday", "colour": "blue"}""");

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		assertThat(refused.getBody().findValuesAsText("field")).contains("email", "type", "occurredAt", "colour");

		ResponseEntity<JsonNode> nobody = post("intake", event(null, "WEBINAR", OffsetDateTime.now(ZoneOffset.UTC)));
		assertThat(nobody.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(nobody.getBody().findValuesAsText("field")).contains("email");

		ResponseEntity<JsonNode> future = post("intake",
				event(uniqueEmail(), "WEBINAR", OffsetDateTime.now(ZoneOffset.UTC).plusDays(2)));
		assertThat(future.getBody().findValuesAsText("field")).contains("occurredAt");

		ObjectNode unknownLead = event(null, "WEBINAR", OffsetDateTime.now(ZoneOffset.UTC));
		unknownLead.put("leadId", UUID.randomUUID().toString());
		assertThat(post("intake", unknownLead).getBody().findValuesAsText("field")).contains("leadId");

		assertThat(count("engagement")).isEqualTo(engagementsBefore);
		assertThat(count("lead")).isEqualTo(leadsBefore);
	}

	@Test
	void anEngagementOfAStrangerBecomesALeadAndTheSameEventSentTwiceCountsOnce() {
		String email = uniqueEmail();
		ObjectNode webinar = event(email, "WEBINAR", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1));
		webinar.put("firstName", "Wanda").put("lastName", "Webb").put("roleLevel", "MANAGER").put("country", "GB");

		ResponseEntity<JsonNode> first = post("intake", webinar);
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(first.getBody().get("leadCreated").asBoolean()).isTrue();
		String leadId = first.getBody().get("leadId").asText();

		ResponseEntity<JsonNode> again = post("intake", webinar);
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(again.getBody().get("duplicate").asBoolean()).isTrue();
		assertThat(again.getBody().get("id").asText()).isEqualTo(first.getBody().get("id").asText());
		assertThat(again.getBody().get("leadId").asText()).isEqualTo(leadId);

		JsonNode dossier = await().atMost(Duration.ofSeconds(30))
			.until(() -> get("mara", "/api/leads/" + leadId).getBody(), d -> "CULTIVATING".equals(d.get("status").asText()));
		assertThat(dossier.get("source").asText()).isEqualTo("WEBINAR");
		assertThat(dossier.at("/contact/lastName").asText()).isEqualTo("Webb");
		assertThat(dossier.get("engagements")).hasSize(1);
		assertThat(dossier.at("/cultivation/loops").asInt()).isEqualTo(1);
		assertThat(dossier.at("/cultivation/engagementScore").asInt()).isPositive();
		assertThat(dossier.at("/accountEngagement/score").asInt()).isBetween(1, 10);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM engagement WHERE lead_id = ?").param(leadId).query(Long.class).single())
			.isOne();

		// a second engagement by the same person goes to the same open lead and to its cultivation loop
		ResponseEntity<JsonNode> download = post("intake", event(email, "DOWNLOAD", OffsetDateTime.now(ZoneOffset.UTC)));
		assertThat(download.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(download.getBody().get("leadId").asText()).isEqualTo(leadId);
		assertThat(download.getBody().get("correlated").asBoolean()).isTrue();
	}

	@Test
	void theAccountShowsItsQualityOfEngagementItsPartsAndItsTrend() {
		String domain = "globex-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		String leadId = post("intake", person("ceo@" + domain, "EXECUTIVE", "DEMO_DAY", now.minusDays(3)))
			.getBody().get("leadId").asText();
		post("intake", person("vp@" + domain, "MANAGER", "WEBINAR", now.minusDays(10)));
		post("intake", person("engineer@" + domain, "PRACTITIONER", "DOWNLOAD", now.minusDays(20)));

		String accountId = get("mara", "/api/leads/" + leadId).getBody().get("accountId").asText();
		ResponseEntity<JsonNode> account = get("mara", "/api/accounts/" + accountId);

		assertThat(account.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode score = account.getBody().get("qualityOfEngagement");
		assertThat(score.get("score").asInt()).isGreaterThanOrEqualTo(6);
		assertThat(score.get("people").asInt()).isEqualTo(3);
		assertThat(score.get("roleLevels")).hasSize(3);
		assertThat(account.getBody().get("trend")).hasSize(13);
		assertThat(account.getBody().get("engagedPeople")).hasSize(3);
		assertThat(get("emma", "/api/accounts/" + accountId).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(get("mara", "/api/accounts/" + UUID.randomUUID()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void anUnsubscribeOfAStrangerIsAnErrorNotANewLead() {
		long leadsBefore = count("lead");

		ResponseEntity<JsonNode> refused = post("intake", event(uniqueEmail(), "UNSUBSCRIBE", OffsetDateTime.now(ZoneOffset.UTC)));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(count("lead")).isEqualTo(leadsBefore);
	}

	@Test
	void repsMayNotReportEngagements() {
		assertThat(post("emma", event(uniqueEmail(), "WEBINAR", OffsetDateTime.now(ZoneOffset.UTC))).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
	}

	private ObjectNode person(String email, String roleLevel, String type, OffsetDateTime at) {
		ObjectNode event = event(email, type, at);
		event.put("lastName", roleLevel.toLowerCase()).put("roleLevel", roleLevel).put("company", "Globex").put("country", "US");
		return event;
	}

	private ObjectNode event(String email, String type, OffsetDateTime at) {
		ObjectNode event = json.createObjectNode();
		if (email != null) {
			event.put("email", email);
		}
		return event.put("type", type).put("occurredAt", at.toString()).put("detail", "Q4 launch");
	}

	private static String uniqueEmail() {
		return "wanda-" + UUID.randomUUID().toString().substring(0, 8) + "@initech.example";
	}

	private long count(String table) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
	}

	private ResponseEntity<JsonNode> get(String user, String path) {
		return http.withBasicAuth(user, user).getForEntity(path, JsonNode.class);
	}

	private ResponseEntity<JsonNode> post(String user, JsonNode body) {
		return http.withBasicAuth(user, user).postForEntity("/api/engagements", body, JsonNode.class);
	}

	private ResponseEntity<JsonNode> postRaw(String user, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return http.withBasicAuth(user, user).postForEntity("/api/engagements", new HttpEntity<>(body, headers),
				JsonNode.class);
	}

}
