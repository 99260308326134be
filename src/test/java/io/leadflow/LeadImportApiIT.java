package io.leadflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Trade-show day (docs/import.md): a CSV file of leads goes in through {@code POST
 * /api/leads/imports}, is answered at once and imported in the background, with progress, every
 * failed row's problems by line, the failed rows to download and fix, and no lead twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LeadImportApiIT {

	private static final String HEADER = "externalId,contact.firstName,contact.lastName,contact.email,contact.title,"
			+ "contact.roleLevel,company.name,company.domain,company.country,company.employees,productInterest,"
			+ "budgetEstablished,authority,need,timelineMonths,campaign\n";

	@LocalServerPort
	private int port;

	private Api api() {
		return new Api(port);
	}

	@Test
	void aTradeShowFileIsImportedInTheBackgroundWithProgressErrorsByLineAndItsFailedRowsToFix() {
		String show = "Expo " + unique();
		String csv = HEADER
				+ row("Greta", "Gruber", "greta@" + domain(), "DE", "") + "\n"
				// a quoted name with a comma, and a campaign of its own that the file's does not replace
				+ ",Jonas,Berg,jonas@%s,CTO,EXECUTIVE,\"Berg, Söhne & Co\",,DE,250,Platform,yes,no,yes,3,Own campaign\n"
					.formatted(domain())
				+ row("Bad", "Mail", "not-an-email", "DE", "") + "\n"
				+ row("", "", "nobody@" + domain(), "Atlantis", "") + "\n";

		Api.Answer answer = api().send("mara", "POST", "/api/leads/imports?source=trade-show&campaign=" + show.replace(" ", "%20"),
				"text/csv", csv.getBytes(StandardCharsets.UTF_8));
		assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
		String id = answer.json().get("id").asText();
		assertThat(answer.header("Location")).endsWith("/api/leads/imports/" + id);
		assertThat(answer.json().get("total").asInt()).isEqualTo(4);
		assertThat(answer.json().get("requestedBy").asText()).isEqualTo("mara");
		assertThat(answer.json().get("requestedByName").asText()).as("for the import page").isEqualTo("Mara Marketing");

		JsonNode done = awaitDone(id);
		assertThat(done.get("processed").asInt()).isEqualTo(4);
		assertThat(done.get("created").asInt()).isEqualTo(2);
		assertThat(done.get("duplicates").asInt()).isZero();
		assertThat(done.get("failed").asInt()).isEqualTo(2);
		assertThat(done.get("startedAt").asText()).isNotEmpty();
		assertThat(done.get("finishedAt").asText()).isNotEmpty();
		assertThat(done.get("rowsPerSecond").asDouble()).isPositive();
		assertThat(done.get("eta").isNull()).as("nothing left to wait for").isTrue();

		JsonNode errors = api().get("mara", "/api/leads/imports/" + id + "/errors").json();
		assertThat(errors).hasSize(2);
		assertThat(errors.get(0).get("line").asInt()).as("the header is line 1").isEqualTo(4);
		assertThat(fields(errors.get(0))).containsEntry("contact.email", "must be a well-formed email address");
		assertThat(errors.get(1).get("line").asInt()).isEqualTo(5);
		assertThat(fields(errors.get(1))).containsKeys("contact.lastName", "company.country");

		JsonNode leads = api().get("mara", "/api/leads?source=trade-show&campaign=" + show.replace(" ", "%20")).json();
		assertThat(leads.get("total").asInt()).as("the file's campaign where the row has none").isEqualTo(1);
		JsonNode own = api().get("mara", "/api/leads?source=trade-show&campaign=Own%20campaign").json();
		assertThat(own.get("items").toString()).contains("Berg, Söhne & Co");

		// the failed rows, fixed in a spreadsheet and imported again as they are
		Api.Answer failedRows = csvOf(id);
		assertThat(failedRows.status()).isEqualTo(200);
		assertThat(failedRows.header("Content-Type")).startsWith("text/csv");
		String[] lines = failedRows.body().split("\r?\n");
		assertThat(lines).hasSize(3);
		assertThat(lines[0]).isEqualTo(HEADER.strip() + ",errors");
		assertThat(lines[1]).contains("not-an-email").contains("contact.email must be a well-formed email address");
		StringBuilder fixed = new StringBuilder(lines[0]).append('\n');
		for (String line : List.of(lines[1], lines[2])) {
			// the import's 16 columns, fixed; the errors column after them is left as it was downloaded
			int columnsEnd = IntStream.range(0, 16).reduce(-1, (at, n) -> line.indexOf(',', at + 1));
			String[] cells = line.substring(0, columnsEnd).split(",", -1);
			if (cells[3].equals("not-an-email")) {
				cells[3] = "bad.mail@" + domain();
			}
			else {
				cells[1] = "Nobody";
				cells[2] = "Known";
				cells[8] = "AT";
			}
			fixed.append(String.join(",", cells)).append(line.substring(columnsEnd)).append('\n');
		}
		Api.Answer again = upload("mara", "fixed.csv", fixed.toString(), "source=trade-show&campaign=" + show.replace(" ", "%20"));
		assertThat(again.status()).as(again.toString()).isEqualTo(202);
		assertThat(again.json().get("fileName").asText()).isEqualTo("fixed.csv");
		JsonNode second = awaitDone(again.json().get("id").asText());
		assertThat(second.get("created").asInt()).as(api().get("mara", "/api/leads/imports/" + second.get("id").asText()
				+ "/errors").body()).isEqualTo(2);
		assertThat(api().get("mara", "/api/leads?source=trade-show&campaign=" + show.replace(" ", "%20")).json()
			.get("total").asInt()).isEqualTo(3);
	}

	@Test
	void theSameFileTwiceIsOneImportAndTheSameRowsAgainMakeNoSecondLead() {
		String campaign = "Twice " + unique();
		String rows = IntStream.range(0, 3).mapToObj(i -> row("Tom" + i, "Twice", "tom" + i + "@" + domain(), "DE", campaign))
			.reduce("", (a, b) -> a + b + "\n");
		byte[] file = ("source," + HEADER + rows.lines().map(line -> "list," + line).reduce("", (a, b) -> a + b + "\n"))
			.getBytes(StandardCharsets.UTF_8);

		Api.Answer first = api().send("intake", "POST", "/api/leads/imports", "text/csv", file);
		assertThat(first.status()).as(first.toString()).isEqualTo(202);
		Api.Answer repeated = api().send("intake", "POST", "/api/leads/imports", "text/csv", file);
		assertThat(repeated.status()).as("the same upload again is the same import").isEqualTo(200);
		assertThat(repeated.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
		awaitDone(first.json().get("id").asText());

		// the same rows in another file (here: a changed order): every one is found, none made twice
		List<String> lines = new ArrayList<>(new String(file, StandardCharsets.UTF_8).lines().toList());
		java.util.Collections.swap(lines, 1, 3);
		Api.Answer other = upload("mara", "again.csv", String.join("\n", lines), "");
		assertThat(other.status()).isEqualTo(202);
		JsonNode done = awaitDone(other.json().get("id").asText());
		assertThat(done.get("created").asInt()).isZero();
		assertThat(done.get("duplicates").asInt()).isEqualTo(3);
		assertThat(api().get("mara", "/api/leads?campaign=" + campaign.replace(" ", "%20")).json().get("total").asInt())
			.isEqualTo(3);
	}

	@Test
	void aFileThatCannotBeImportedIsRefusedWholeNamingEveryProblemAndNothingIsStored() {
		int before = api().get("mara", "/api/leads/imports").json().size();
		Map<String, byte[]> refused = new HashMap<>();
		refused.put("an unknown column and a missing one",
				"contact.email,contact.lastName,contact.roleLevel,company.name,company.contry,source\n".getBytes(StandardCharsets.UTF_8));
		refused.put("no rows", HEADER.getBytes(StandardCharsets.UTF_8));
		refused.put("not UTF-8", ("source," + HEADER + "list,,J\u00f6rg,Bad,j@" + domain() + ",,STAFF,Firma,,DE,,,,,,,\n")
			.getBytes(StandardCharsets.ISO_8859_1));
		refused.put("an open quote", ("source," + HEADER + "list,\"unclosed,Bad\n").getBytes(StandardCharsets.UTF_8));
		ByteArrayOutputStream tooMany = new ByteArrayOutputStream();
		tooMany.writeBytes(("source," + HEADER).getBytes(StandardCharsets.UTF_8));
		byte[] line = ("list," + row("Many", "Rows", "many@" + domain(), "DE", "") + "\n").getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i <= 100_000; i++) {
			tooMany.writeBytes(line);
		}
		refused.put("100,001 rows", tooMany.toByteArray());

		for (Map.Entry<String, byte[]> file : refused.entrySet()) {
			Api.Answer answer = api().send("mara", "POST", "/api/leads/imports", "text/csv", file.getValue());
			assertThat(answer.status()).as(file.getKey() + ": " + answer).isEqualTo(400);
			assertThat(answer.json().get("detail").asText()).as(file.getKey()).isNotBlank();
		}
		Api.Answer unknown = api().send("mara", "POST", "/api/leads/imports", "text/csv", refused.get("an unknown column and a missing one"));
		assertThat(unknown.body()).contains("company.contry").contains("is not a known column").contains("company.country")
			.contains("is a required column");
		Api.Answer badParameter = api().send("mara", "POST", "/api/leads/imports?source=" + "x".repeat(101), "text/csv",
				("source," + HEADER + "list," + row("P", "Param", "p@" + domain(), "DE", "") + "\n").getBytes(StandardCharsets.UTF_8));
		assertThat(badParameter.status()).isEqualTo(400);
		assertThat(badParameter.body()).contains("source");
		assertThat(api().get("mara", "/api/leads/imports").json().size()).as("no import was stored").isEqualTo(before);
	}

	@Test
	void onlyMarketingAndTheIntakeSystemImportOrReadImports() {
		byte[] file = ("source," + HEADER + "list," + row("Who", "May", "who@" + domain(), "DE", "") + "\n")
			.getBytes(StandardCharsets.UTF_8);
		for (String user : List.of("emma", "sam", "pia", "pete")) {
			assertThat(api().send(user, "POST", "/api/leads/imports", "text/csv", file).status()).as(user).isEqualTo(403);
			assertThat(api().get(user, "/api/leads/imports").status()).as(user).isEqualTo(403);
		}
		assertThat(api().send(null, "POST", "/api/leads/imports", "text/csv", file).status()).isEqualTo(401);
		Api.Answer accepted = api().send("intake", "POST", "/api/leads/imports", "text/csv", file);
		assertThat(accepted.status()).isEqualTo(202);
		String id = accepted.json().get("id").asText();
		assertThat(api().get("emma", "/api/leads/imports/" + id).status()).isEqualTo(403);
		assertThat(api().get("emma", "/api/leads/imports/" + id + "/errors").status()).isEqualTo(403);
		assertThat(api().get("mara", "/api/leads/imports/" + id).status()).isEqualTo(200);
		assertThat(api().get("mara", "/api/leads/imports/nope").status()).isEqualTo(404);
	}

	/**
	 * A burst for one team is spread by its round robin, one lead each in turn, and every imported
	 * lead has its own acceptance deadline.
	 */
	@Test
	void aBurstForOneTeamIsSpreadEvenlyAndEachLeadHasItsOwnDeadline() {
		String campaign = "Burst " + unique();
		StringBuilder csv = new StringBuilder("source," + HEADER);
		for (int i = 0; i < 24; i++) {
			csv.append("list,").append(row("Bea" + i, "Burst", "bea" + i + "@" + domain(), "DE", campaign)).append('\n');
		}
		Api.Answer answer = api().send("intake", "POST", "/api/leads/imports", "text/csv",
				csv.toString().getBytes(StandardCharsets.UTF_8));
		assertThat(answer.status()).isEqualTo(202);
		awaitDone(answer.json().get("id").asText());
		JsonNode leads = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(
				() -> api().get("mara", "/api/leads?status=ROUTED&size=100&campaign=" + campaign.replace(" ", "%20")).json(),
				page -> page.get("total").asInt() == 24);
		Map<String, Integer> perRep = new HashMap<>();
		for (JsonNode lead : leads.get("items")) {
			perRep.merge(lead.get("owner").asText(), 1, Integer::sum);
			JsonNode task = api().awaitTask(lead.get("id").asText(), "ReviewLead");
			assertThat(task.get("due").asText()).as("each lead's own acceptance deadline").isNotEmpty();
		}
		assertThat(perRep.keySet()).containsExactlyInAnyOrder("emma", "elias");
		assertThat(Math.abs(perRep.get("emma") - perRep.get("elias"))).as(perRep.toString()).isLessThanOrEqualTo(1);
	}

	private JsonNode awaitDone(String id) {
		return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
			.until(() -> api().get("mara", "/api/leads/imports/" + id).json(), status -> !"RUNNING".equals(status.get("state").asText()));
	}

	private Api.Answer csvOf(String id) {
		return new Api(port).sendAccepting("mara", "/api/leads/imports/" + id + "/errors", "text/csv");
	}

	private Api.Answer upload(String user, String fileName, String csv, String query) {
		String boundary = "leadflow-" + UUID.randomUUID();
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
		return api().send(user, "POST", "/api/leads/imports" + (query.isEmpty() ? "" : "?" + query),
				"multipart/form-data; boundary=" + boundary, body.getBytes(StandardCharsets.UTF_8));
	}

	private static Map<String, String> fields(JsonNode rowError) {
		Map<String, String> fields = new HashMap<>();
		rowError.get("errors").forEach(error -> fields.put(error.get("field").asText(), error.get("message").asText()));
		return fields;
	}

	/** A grade-A direct lead's row under {@link #HEADER}, a company of its own. */
	private static String row(String first, String last, String email, String country, String campaign) {
		return ",%s,%s,%s,CEO,EXECUTIVE,Firma %s,,%s,2000,Platform,true,true,true,1,%s".formatted(first, last, email,
				unique(), country, campaign);
	}

	private static String domain() {
		return "expo-" + unique() + ".example";
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
