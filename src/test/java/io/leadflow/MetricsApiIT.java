package io.leadflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The funnel and speed figures of docs/metrics.md for a small known history, made through the
 * lifecycle as reps make it: one lead won, one rejected, one waiting. Each test's leads carry a
 * campaign of their own, so the figures are exact whatever else the database holds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MetricsApiIT {

	@LocalServerPort
	private int port;

	@Test
	void theFunnelAndTheSpeedCountWhatHappenedToTheCampaignsLeads() {
		Api api = new Api(port);
		String campaign = "Metrics " + UUID.randomUUID().toString().substring(0, 8);

		String won = api.postLead(lead(campaign));
		JsonNode review = api.awaitTask(won, "ReviewLead");
		String winner = review.get("assignee").asText();
		complete(api, winner, review, "{\"decision\": {\"value\": \"ACCEPT\"}}");
		JsonNode disposition = api.awaitTask(won, "ReportDisposition");
		complete(api, winner, disposition, "{\"outcome\": {\"value\": \"WON\"}, \"dealValue\": {\"value\": 1200.5}}");

		String rejected = api.postLead(lead(campaign));
		JsonNode toReject = api.awaitTask(rejected, "ReviewLead");
		complete(api, toReject.get("assignee").asText(), toReject, """
				{"decision": {"value": "REJECT"}, "rejectionReason": {"value": "NOT_READY"}, "comment": {"value": "next year"}}""");
		String rejecter = toReject.get("assignee").asText();
		JsonNode evaluate = api.awaitTask(rejected, "EvaluateRejectedLead");
		complete(api, "mara", evaluate, "{\"action\": {\"value\": \"REASSIGN\"}}");
		JsonNode second = api.awaitTask(rejected, "ReviewLead");
		String fairGameWinner = second.get("assignee").asText();
		assertThat(fairGameWinner).isNotEqualTo(rejecter);
		complete(api, fairGameWinner, second, "{\"decision\": {\"value\": \"ACCEPT\"}}");
		JsonNode secondDisposition = api.awaitTask(rejected, "ReportDisposition");
		complete(api, fairGameWinner, secondDisposition,
				"{\"outcome\": {\"value\": \"WON\"}, \"dealValue\": {\"value\": 800}}");

		String waiting = api.postLead(lead(campaign));
		api.awaitTask(waiting, "ReviewLead");

		String today = LocalDate.now(ZoneOffset.UTC).toString();
		String period = "from=" + today + "&to=" + today + "&campaign=" + URLEncoder.encode(campaign, StandardCharsets.UTF_8);
		JsonNode funnel = api.get("mara", "/api/metrics/funnel?by=source&" + period).json();
		assertThat(funnel.get("from").asText()).isEqualTo(today);
		assertThat(funnel.get("rows")).hasSize(1);
		JsonNode webinar = funnel.at("/rows/0");
		assertThat(webinar.get("key").asText()).isEqualTo("webinar");
		assertThat(webinar.get("received").asLong()).isEqualTo(3);
		assertThat(webinar.get("salesReady").asLong()).isEqualTo(3);
		assertThat(webinar.get("cultivated").asLong()).isZero();
		assertThat(webinar.get("routed").asLong()).isEqualTo(3);
		assertThat(webinar.get("accepted").asLong()).isEqualTo(2);
		assertThat(webinar.get("rejected").asLong()).isEqualTo(1);
		assertThat(webinar.get("won").asLong()).isEqualTo(2);
		assertThat(webinar.get("lost").asLong()).isZero();
		assertThat(webinar.get("notALead").asLong()).isZero();
		assertThat(webinar.get("wonValue").decimalValue()).isEqualByComparingTo("2000.5");
		assertThat(funnel.at("/total/received").asLong()).isEqualTo(3);

		JsonNode byRep = api.get("sam", "/api/metrics/speed?by=rep&" + period).json();
		long offered = 0;
		long accepted = 0;
		long pending = 0;
		for (JsonNode row : byRep.get("rows")) {
			offered += row.get("offered").asLong();
			accepted += row.get("accepted").asLong();
			pending += row.get("pending").asLong();
			assertThat(row.get("missedDeadlines").asLong()).isZero();
		}
		assertThat(offered).as("the rejected lead was offered twice").isEqualTo(4);
		assertThat(accepted).isEqualTo(2);
		assertThat(pending).as("the third lead still waits").isEqualTo(1);
		JsonNode winnersRow = null;
		for (JsonNode row : byRep.get("rows")) {
			if (row.get("key").asText().equals(winner)) {
				winnersRow = row;
			}
		}
		assertThat(winnersRow).isNotNull();
		assertThat(winnersRow.get("acceptedInTime").asLong()).isPositive();
		assertThat(winnersRow.get("timeToAcceptP50Seconds").isNumber()).isTrue();
		assertThat(winnersRow.get("slaCompliance").asDouble()).isBetween(0.5, 1.0);

		// what sales said, how the leads ended, and who won a lead another rep turned down
		JsonNode rejections = api.get("mara", "/api/metrics/rejections?by=source&" + period).json();
		assertThat(rejections.get("rows")).hasSize(1);
		assertThat(rejections.at("/rows/0/key").asText()).isEqualTo("webinar");
		assertThat(rejections.at("/rows/0/reason").asText()).isEqualTo("NOT_READY");
		assertThat(rejections.at("/rows/0/rejections").asLong()).isEqualTo(1);
		JsonNode dispositions = api.get("mara", "/api/metrics/dispositions?by=campaign&" + period).json();
		assertThat(dispositions.get("rows")).hasSize(1);
		assertThat(dispositions.at("/rows/0/key").asText()).isEqualTo(campaign);
		assertThat(dispositions.at("/rows/0/outcome").asText()).isEqualTo("WON");
		assertThat(dispositions.at("/rows/0/leads").asLong()).isEqualTo(2);
		assertThat(dispositions.at("/rows/0/dealValue").decimalValue()).isEqualByComparingTo("2000.5");
		JsonNode fairGame = api.get("mara", "/api/metrics/fair-game?" + period).json();
		assertThat(fairGame.get("rows")).hasSize(1);
		assertThat(fairGame.at("/rows/0/rep").asText()).isEqualTo(fairGameWinner);
		assertThat(fairGame.at("/rows/0/leadsWonAfterARejection").asLong()).isEqualTo(1);
		assertThat(fairGame.at("/rows/0/dealValue").decimalValue()).isEqualByComparingTo("800");

		// the accounts' score when the reps reported the wins, kept with each disposition
		JsonNode atDisposition = api.get("mara", "/api/metrics/engagement?from=" + today + "&to=" + today).json()
			.get("atDisposition");
		JsonNode wins = null;
		for (JsonNode outcome : atDisposition) {
			if (outcome.get("outcome").asText().equals("WON")) {
				wins = outcome;
			}
		}
		assertThat(wins).as(atDisposition.toString()).isNotNull();
		assertThat(wins.get("dispositions").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(wins.get("averageScore").asDouble()).isBetween(1.0, 10.0);

		// the numbers one click away as a table: CSV with the same figures
		Api.Answer csv = api.send("mara", "GET", "/api/metrics/funnel?by=source&format=csv&" + period, null, null);
		assertThat(csv.header("Content-Type")).startsWith("text/csv");
		assertThat(csv.body()).startsWith("key,received,salesReady,cultivated,routed,accepted,rejected,won,lost,notALead,wonValue\r\n")
			.contains("\r\nwebinar,3,3,0,3,2,1,2,0,0,2000.50\r\n")
			.contains("\r\n(total),3,");
	}

	@Test
	void aLeadNotReadyForSalesIsCountedInCultivationAndListedWithNoTask() {
		Api api = new Api(port);
		String campaign = "Nurture " + UUID.randomUUID().toString().substring(0, 8);
		String unique = UUID.randomUUID().toString().substring(0, 8);
		String lead = api.postLead("""
				{"source": "webinar", "campaign": "%s", "contact": {"firstName": "Carla", "lastName": "Early",
				 "email": "carla@early-%s.example", "roleLevel": "OTHER"},
				 "company": {"name": "Early %s", "domain": "early-%s.example", "country": "DE"},
				 "productInterest": "Platform"}""".formatted(campaign, unique, unique, unique));
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.until(() -> api.get("mara", "/api/leads/" + lead).json().get("status").asText(), "CULTIVATING"::equals);
		String filter = "campaign=" + URLEncoder.encode(campaign, StandardCharsets.UTF_8);

		JsonNode cultivation = api.get("mara", "/api/metrics/cultivation?by=campaign&" + filter).json();
		assertThat(cultivation.get("rows")).hasSize(1);
		JsonNode row = cultivation.at("/rows/0");
		assertThat(row.get("cultivated").asLong()).isEqualTo(1);
		assertThat(row.get("inCultivation").asLong()).isEqualTo(1);
		assertThat(row.get("dormant").asLong()).isZero();
		assertThat(row.get("requalified").asLong()).isZero();
		assertThat(row.get("loopsPerLead").asDouble()).isEqualTo(1.0);
		JsonNode funnel = api.get("mara", "/api/metrics/funnel?" + filter).json().get("total");
		assertThat(funnel.get("cultivated").asLong()).isEqualTo(1);
		assertThat(funnel.get("salesReady").asLong()).isZero();
		// marketing lists the leads that have no task today
		JsonNode listed = api.get("mara", "/api/leads?status=CULTIVATING&" + filter).json();
		assertThat(listed.get("items")).extracting(item -> item.get("id").asText()).containsExactly(lead);
	}

	@Test
	void theAccountsQualityOfEngagementSpreadsOverOneToTenAndIsMarketingsAndManagers() {
		Api api = new Api(port);
		String unique = UUID.randomUUID().toString().substring(0, 8);
		Api.Answer engaged = api.post("intake", "/api/engagements", """
				{"email": "wanda@engaged-%s.example", "type": "WEBINAR", "occurredAt": "%s", "firstName": "Wanda",
				 "lastName": "Engaged", "roleLevel": "MANAGER", "country": "GB"}"""
			.formatted(unique, java.time.OffsetDateTime.now(ZoneOffset.UTC).minusHours(1)));
		assertThat(engaged.status()).as(engaged.toString()).isEqualTo(201);

		JsonNode quality = api.get("mara", "/api/metrics/engagement").json();
		assertThat(quality.get("distribution")).extracting(bucket -> bucket.get("score").asInt())
			.containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
		long accounts = 0;
		for (JsonNode bucket : quality.get("distribution")) {
			accounts += bucket.get("accounts").asLong();
		}
		assertThat(accounts).as("the account that just engaged is counted").isPositive();
		assertThat(quality.get("highest")).isNotEmpty().hasSizeLessThanOrEqualTo(10);
		assertThat(quality.at("/highest/0/score").asInt()).isBetween(1, 10);
		assertThat(api.get("sam", "/api/metrics/engagement").status()).isEqualTo(200);
		assertThat(api.get("pia", "/api/metrics/engagement").status()).isEqualTo(403);

		// the most engaged account's EKG: a quarter of weeks, the last of them its score today
		String account = quality.at("/highest/0/accountId").asText();
		JsonNode ekg = api.get("sam", "/api/metrics/engagement/accounts/" + account).json();
		assertThat(ekg.get("name").asText()).isEqualTo(quality.at("/highest/0/name").asText());
		assertThat(ekg.get("weeks")).hasSize(13);
		assertThat(ekg.at("/weeks/12/score").asInt()).isEqualTo(quality.at("/highest/0/score").asInt());
		assertThat(api.get("mara", "/api/metrics/engagement/accounts/" + account + "?from=2025-12-01&to=2026-11-30")
			.json().get("weeks").size()).as("a year of weeks").isEqualTo(53);
		assertThat(api.get("mara", "/api/metrics/engagement/accounts/no-such-account").status()).isEqualTo(404);
		assertThat(api.get("pia", "/api/metrics/engagement/accounts/" + account).status()).isEqualTo(403);
		assertThat(api.send("mara", "GET", "/api/metrics/engagement?format=csv", null, null).body())
			.startsWith("accountId,name,score,fourWeeksAgo,change\r\n");
	}

	@Test
	void eachCallerGetsTheirSliceAndAskingForAnotherTeamIsRefused() {
		Api api = new Api(port);
		String campaign = "Scope " + UUID.randomUUID().toString().substring(0, 8);
		String lead = api.postLead(lead(campaign));
		api.awaitTask(lead, "ReviewLead");
		String period = "campaign=" + URLEncoder.encode(campaign, StandardCharsets.UTF_8);

		assertThat(api.get("sam", "/api/metrics/funnel?by=team&" + period).json().at("/total/received").asLong())
			.as("a manager in no team sees every team").isEqualTo(1);
		JsonNode partners = api.get("pia", "/api/metrics/funnel?by=team&" + period).json();
		assertThat(partners.at("/total/received").asLong()).as("a partner rep sees nothing of a direct team's lead")
			.isZero();
		assertThat(api.get("pia", "/api/metrics/funnel?team=territory-emea&" + period).status()).isEqualTo(403);
		assertThat(api.get("pia", "/api/metrics/speed?partner=partner-contoso").status())
			.as("another partner's numbers").isEqualTo(403);
		assertThat(api.get("pia", "/api/metrics/speed?partner=partner-northwind").status()).isEqualTo(200);
		assertThat(api.get("pete", "/api/metrics/funnel?" + period).json().at("/total/received").asLong())
			.as("a reseller's manager sees their partner's numbers only").isZero();
		assertThat(api.get("pete", "/api/metrics/dispositions?partner=partner-northwind").status()).isEqualTo(200);
		assertThat(api.get("pete", "/api/metrics/rejections?team=territory-emea").status()).isEqualTo(403);
		assertThat(api.get("elias", "/api/metrics/funnel").status()).as("a direct rep has their card, not the funnel")
			.isEqualTo(403);
		assertThat(api.get("intake", "/api/metrics/funnel").status()).isEqualTo(403);
	}

	@Test
	void aRepSeesTheirOwnCardBesideTheirTeamsMedianAndAManagerTheTeamsCards() {
		Api api = new Api(port);
		String today = LocalDate.now(ZoneOffset.UTC).toString();
		String period = "from=" + today + "&to=" + today;
		String lead = api.postLead(lead("Cards " + UUID.randomUUID().toString().substring(0, 8)));
		JsonNode review = api.awaitTask(lead, "ReviewLead");
		String rep = review.get("assignee").asText();
		JsonNode before = api.get(rep, "/api/metrics/report-cards/rep?" + period).json();
		complete(api, rep, review, "{\"decision\": {\"value\": \"ACCEPT\"}}");
		JsonNode disposition = api.awaitTask(lead, "ReportDisposition");
		complete(api, rep, disposition, "{\"outcome\": {\"value\": \"WON\"}, \"dealValue\": {\"value\": 500}}");

		Api.Answer answer = api.get(rep, "/api/metrics/report-cards/rep?" + period);
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		JsonNode after = answer.json();
		assertThat(after.get("rep").asText()).isEqualTo(rep);
		assertThat(after.get("name").asText()).as("the rep by name").isNotEqualTo(rep).isNotBlank();
		assertThat(after.at("/card/received").asLong()).isEqualTo(before.at("/card/received").asLong());
		assertThat(after.at("/card/accepted").asLong()).isEqualTo(before.at("/card/accepted").asLong() + 1);
		assertThat(after.at("/card/won").asLong()).isEqualTo(before.at("/card/won").asLong() + 1);
		assertThat(after.at("/card/wonValue").decimalValue())
			.isEqualByComparingTo(before.at("/card/wonValue").decimalValue().add(java.math.BigDecimal.valueOf(500)));
		assertThat(after.at("/card/timeToAcceptP50Seconds").isNumber()).isTrue();
		assertThat(after.get("teams")).as("the median rep of the rep's team beside their own figures").hasSize(1);
		String team = after.at("/teams/0/team").asText();
		assertThat(team).startsWith("territory-");

		JsonNode teamCard = api.get("mara", "/api/metrics/report-cards/team?team=" + team + "&" + period).json();
		JsonNode repsRow = null;
		String colleague = null;
		for (JsonNode row : teamCard.get("reps")) {
			if (row.get("rep").asText().equals(rep)) {
				repsRow = row;
			}
			else {
				colleague = row.get("rep").asText();
			}
		}
		assertThat(repsRow).as("the team card lists the rep with the figures of their own card").isEqualTo(after.get("card"));
		assertThat(teamCard.get("median")).as("and the same median").isEqualTo(after.at("/teams/0"));
		assertThat(teamCard.at("/total/accepted").asLong()).isGreaterThanOrEqualTo(after.at("/card/accepted").asLong());
		assertThat(api.get("sam", "/api/metrics/report-cards/team?team=" + team).status()).isEqualTo(200);
		assertThat(api.get("sam", "/api/metrics/report-cards/rep?rep=" + rep).status()).isEqualTo(200);

		// nobody else's figures for a rep, and a partner nothing of a direct team
		assertThat(colleague).isNotNull();
		assertThat(api.get(rep, "/api/metrics/report-cards/rep?rep=" + colleague).status()).isEqualTo(403);
		assertThat(api.get(rep, "/api/metrics/report-cards/team?team=" + team).status()).isEqualTo(403);
		assertThat(api.get(rep, "/api/metrics/funnel").status()).isEqualTo(403);
		assertThat(api.get("pia", "/api/metrics/report-cards/rep?rep=" + rep).status()).isEqualTo(403);
		assertThat(api.get("pia", "/api/metrics/report-cards/rep").status()).as("a partner rep's own card").isEqualTo(200);
		assertThat(api.get("pete", "/api/metrics/report-cards/team?team=" + team).status()).isEqualTo(403);
		assertThat(api.get("pete", "/api/metrics/report-cards/team?team=partner-northwind").status()).isEqualTo(200);
		assertThat(api.get("mara", "/api/metrics/report-cards/team?team=territory-nowhere").status()).isEqualTo(404);

		// without a period: the weekly mail's week, the seven days before today
		JsonNode week = api.get(rep, "/api/metrics/report-cards/rep").json();
		assertThat(week.get("from").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).minusDays(7).toString());
		assertThat(week.get("to").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
		assertThat(api.get(rep, "/api/metrics/report-cards/rep?from=last-monday").status()).isEqualTo(400);
	}

	@Test
	void aBadPeriodOrGroupingIsAProblemNamingTheParameter() {
		Api api = new Api(port);
		Api.Answer badDate = api.get("mara", "/api/metrics/funnel?from=2026-13-01");
		assertThat(badDate.status()).isEqualTo(400);
		assertThat(badDate.header("Content-Type")).startsWith("application/problem+json");
		assertThat(badDate.json().findValuesAsText("field")).containsExactly("from");
		assertThat(api.get("mara", "/api/metrics/funnel?from=2026-02-01&to=2026-01-01").json().findValuesAsText("field"))
			.containsExactly("from");
		assertThat(api.get("mara", "/api/metrics/funnel?by=colour").json().findValuesAsText("field")).containsExactly("by");
		assertThat(api.get("mara", "/api/metrics/speed?by=source").status()).as("speed is by rep, team or partner")
			.isEqualTo(400);
		assertThat(api.get("mara", "/api/metrics/funnel?from=2020-01-01&to=2026-01-01").status()).isEqualTo(400);
	}

	@Test
	void aCampaignNamedLikeAFormulaIsTextInTheCsv() {
		Api api = new Api(port);
		String campaign = "=HYPERLINK(\"http://evil.example\";\"x\") " + UUID.randomUUID().toString().substring(0, 8);
		String lead = api.postLead(lead(campaign.replace("\"", "\\\"")));
		api.awaitTask(lead, "ReviewLead");
		Api.Answer csv = api.send("mara", "GET", "/api/metrics/funnel?by=campaign&format=csv&campaign="
				+ URLEncoder.encode(campaign, StandardCharsets.UTF_8), null, null);
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.body()).contains("\r\n\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"x\"\") ");
	}

	private static String lead(String campaign) {
		return Api.lead("DE", "Platform").replace("\"campaign\": \"Escapes\"", "\"campaign\": \"" + campaign + "\"");
	}

	private static void complete(Api api, String user, JsonNode task, String variables) {
		Api.Answer answer = api.post(user, "/engine-rest/task/" + task.get("id").asText() + "/complete",
				"{\"variables\": " + variables + "}");
		assertThat(answer.status()).as(answer.toString()).isEqualTo(204);
	}

}
