package io.leadflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Tasklist and Cockpit as people use them, in a real Chromium. A rep answers a lead in Tasklist: the form's answer is exactly the task's
 * contract, so the completion guard lets it through. Screenshots go to target/screenshots.
 * Needs Debian's chromium and chromium-driver (.ci/run installs them); skipped where they are
 * missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebappsIT {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@LocalServerPort
	private int port;

	private WebDriver browser;

	@BeforeEach
	void chromium() {
		assumeThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
			.as("Debian's chromium and chromium-driver are installed").isTrue();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--window-size=1400,900");
		browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(),
				options);
	}

	@AfterEach
	void close() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void aRepAcceptsALeadWithTheFormInTasklist() throws IOException {
		Api api = new Api(port);
		String lead = api.postLead(Api.lead("DE", "Platform"));
		JsonNode review = api.awaitTask(lead, "ReviewLead");
		String rep = review.get("assignee").asText();
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

		signIn("/#/?task=" + review.get("id").asText(), rep, wait);
		click(wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//label[starts-with(., 'Accept')]"))));
		screenshot("tasklist-review-lead");
		click(browser.findElement(By.xpath("//button[normalize-space(.)='Complete']")));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> api.get("mara", "/api/leads/" + lead).json().get("status").asText(), "ACCEPTED"::equals);
		assertThat(api.get("mara", "/api/leads/" + lead).json().get("owner").asText()).isEqualTo(rep);
		screenshot("tasklist-after-accept");
	}

	@Test
	void aRepSendsAWrongTerritoryLeadToTheTeamItBelongsToAndMarketingSeesItsQueueFirst() throws IOException {
		Api api = new Api(port);
		String lead = api.postLead(Api.lead("DE", "Platform"));
		JsonNode review = api.awaitTask(lead, "ReviewLead");
		String rep = review.get("assignee").asText();
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

		signIn("/#/?task=" + review.get("id").asText(), rep, wait);
		WebElement list = wait.until(ExpectedConditions.visibilityOfElementLocated(
				By.xpath("//*[contains(@class, 'task')]//*[contains(., 'Accept or reject lead: ')]")));
		assertThat(list.getText()).as("the list says whose lead it is").contains(" · A");
		// the task is due, and the list says when
		wait.until(page -> page.findElement(By.tagName("body")).getText().contains("Due in"));
		click(wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//label[starts-with(., 'Reject')]"))));
		choose("Why do you reject it?", "Wrong territory", wait);
		choose("Which team does it belong to?", "Territory North America", wait);
		WebElement comment = browser.findElement(By.cssSelector("textarea"));
		click(comment);
		comment.sendKeys("Their buying centre is in Boston");
		screenshot("tasklist-wrong-territory");
		click(browser.findElement(By.xpath("//button[normalize-space(.)='Complete']")));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> api.get("mara", "/api/leads/" + lead).json().get("team").asText(), "territory-na"::equals);
		JsonNode next = api.awaitTask(lead, "ReviewLead");
		assertThat(next.get("assignee").asText()).isIn("nora", "nate");

		// a wrong territory with no team named waits for marketing
		String other = api.postLead(Api.lead("DE", "Platform"));
		JsonNode otherReview = api.awaitTask(other, "ReviewLead");
		assertThat(api.post(otherReview.get("assignee").asText(), "/engine-rest/task/" + otherReview.get("id").asText()
				+ "/complete", """
				{"variables": {"decision": {"value": "REJECT"}, "rejectionReason": {"value": "WRONG_TERRITORY"},
				 "comment": {"value": "Not ours, not sure whose"}}}""").status()).isEqualTo(204);
		api.awaitTask(other, "EvaluateRejectedLead");

		browser.manage().deleteAllCookies();
		signIn("/", "mara", wait);
		WebElement firstFilter = wait.until(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector(".task-filters .task-filter")));
		assertThat(firstFilter.getText()).as("marketing's own queue comes first").startsWith("Marketing");
		wait.until(page -> page.findElement(By.tagName("body")).getText().contains("Evaluate rejected lead: "));
		screenshot("tasklist-marketing-filters");
	}

	@Test
	void aManagerFindsTheLeadInCockpitAndReadsTheLifecycle() throws IOException {
		Api api = new Api(port);
		String lead = api.postLead(Api.lead("DE", "Platform"));
		api.awaitTask(lead, "ReviewLead");
		String definition = api.get(Api.ADMIN, "/engine-rest/process-definition/key/lead-lifecycle").json().get("id").asText();
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(40));

		signIn("/camunda/app/cockpit/default/#/process-definition/" + definition + "/runtime", Api.ADMIN,
				Api.passwordOf(Api.ADMIN), wait);
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-element-id='Sub_Acceptance']")));
		for (String element : List.of("Sub_Qualification", "QualifyLead", "Call_Cultivation", "Sub_Acceptance", "Sub_Disposition",
				"End_LeadWon", "Boundary_AcceptanceToCultivation")) {
			assertThat(browser.findElements(By.cssSelector("[data-element-id='" + element + "']"))).as(element).isNotEmpty();
		}
		screenshot("cockpit-lifecycle");
		// the lead waits inside "Get the lead accepted": drilling down shows the rep's task with its timers
		click(wait.until(ExpectedConditions.elementToBeClickable(
				By.cssSelector(".djs-overlays[data-container-id='Sub_Acceptance'] .bjs-drilldown"))));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-element-id='ReviewLead']")));
		for (String element : List.of("Sub_Routing", "Timer_AcceptanceDeadline", "HandleUnacceptedLead", "Sub_Rejection")) {
			assertThat(browser.findElements(By.cssSelector("[data-element-id='" + element + "']"))).as(element).isNotEmpty();
		}
		screenshot("cockpit-lifecycle-acceptance");
	}

	@Test
	void aManagerFindsALeadByCompanyInCockpitsLeadsTab() throws IOException {
		Api api = new Api(port);
		String lead = api.postLead(Api.lead("DE", "Platform"));
		api.awaitTask(lead, "ReviewLead");
		String company = api.get("mara", "/api/leads/" + lead).json().at("/account/name").asText();
		String definition = api.get(Api.ADMIN, "/engine-rest/process-definition/key/lead-lifecycle").json().get("id").asText();
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(40));

		signIn("/camunda/app/cockpit/default/#/process-definition/" + definition + "/runtime", "sam", "sam", wait);
		click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space(.)='Leads']"))));
		WebElement search = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".leadflow-leads-search")));
		search.sendKeys(company);
		WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
				By.xpath("//table[contains(@class, 'leadflow-leads')]//tr[td[normalize-space(.)='" + company + "']]")));
		assertThat(row.getText()).as("the lead by name, not by id").contains("Ines Probe").contains(" A ").contains(lead);
		assertThat(browser.findElements(By.cssSelector("table.leadflow-leads tbody tr"))).as("only the lead searched for")
			.hasSize(1);
		screenshot("cockpit-leads");
		click(row.findElement(By.tagName("a")));
		wait.until(ExpectedConditions.urlContains("/process-instance/"));
	}

	@Test
	void aManagerAndMarketingReadTheNumbersInCockpitWithTheirOneLogin() throws IOException {
		Api api = new Api(port);
		String campaign = "Numbers " + java.util.UUID.randomUUID().toString().substring(0, 8);
		String lead = api.postLead(Api.lead("DE", "Platform").replace("\"campaign\": \"Escapes\"",
				"\"campaign\": \"" + campaign + "\""));
		JsonNode review = api.awaitTask(lead, "ReviewLead");
		assertThat(api.post(review.get("assignee").asText(), "/engine-rest/task/" + review.get("id").asText() + "/complete",
				"{\"variables\": {\"decision\": {\"value\": \"ACCEPT\"}}}").status()).isEqualTo(204);
		String waiting = api.postLead(Api.lead("DE", "Platform").replace("\"campaign\": \"Escapes\"",
				"\"campaign\": \"" + campaign + "\""));
		api.awaitTask(waiting, "ReviewLead");
		String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
		String query = "from=" + today + "&to=" + today + "&by=source&campaign="
				+ java.net.URLEncoder.encode(campaign, java.nio.charset.StandardCharsets.UTF_8);
		JsonNode expected = api.get("mara", "/api/metrics/funnel?" + query).json().get("total");
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(40));

		for (String user : List.of("sam", "mara")) {
			// sign out: the cookies go while on Cockpit's page, then a fresh page load shows the login
			browser.manage().deleteAllCookies();
			browser.get("about:blank");
			signIn("/camunda/app/cockpit/default/#/", user, user, wait);
			wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space(.)='Numbers']")));
			// a link a manager sent: the page opens with the period and the campaign in the URL
			browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/#/leadflow-numbers?" + query);
			wait.until(page -> campaign.equals(page.findElement(By.cssSelector(".leadflow-numbers-filters input[name=campaign]"))
				.getDomProperty("value")));
			WebElement total = wait.until(ExpectedConditions.visibilityOfElementLocated(
					By.xpath("//table[contains(@class, 'leadflow-funnel-table')]//tr[td[1][normalize-space(.)='Total']]")));
			List<String> cells = total.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
			assertThat(cells.subList(1, 6)).as("received, sales-ready, cultivated, routed, accepted as the API says")
				.containsExactly(expected.get("received").asText(), expected.get("salesReady").asText(),
						expected.get("cultivated").asText(), expected.get("routed").asText(),
						expected.get("accepted").asText());
			assertThat(cells.get(1)).isEqualTo("2");
			Object drawn = ((JavascriptExecutor) browser).executeScript(
					"return Chart.getChart(document.getElementById('leadflow-funnel-chart')).data.datasets[0].data.slice(0, 5)");
			assertThat(drawn.toString()).as("the chart draws the same figures").isEqualTo("[2, 2, 0, 2, 1]");
			assertThat(browser.findElements(By.cssSelector(".leadflow-speed-table tbody tr"))).isNotEmpty();
			wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".leadflow-engagement-highest")));
			assertThat(browser.findElements(By.cssSelector(".leadflow-cultivation-table"))).hasSize(1);
			assertThat(browser.findElements(By.cssSelector(".leadflow-dispositions-table"))).hasSize(1);
			assertThat(browser.findElements(By.cssSelector("#leadflow-rejections-chart"))).hasSize(1);
			screenshot("cockpit-numbers-" + user);
		}

		// the Cockpit login reads the numbers, and nothing else of Leadflow's API
		Object answers = ((JavascriptExecutor) browser).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const page = {'X-Requested-With': 'XMLHttpRequest'};
				Promise.all([
				  fetch('/api/metrics/funnel', {headers: page}).then(r => r.status),
				  fetch('/api/leads', {headers: page}).then(r => r.status + ' ' + r.headers.has('WWW-Authenticate')),
				  fetch('/api/leads', {method: 'POST', headers: {...page, 'Content-Type': 'application/json'}, body: '{}'})
				    .then(r => r.status),
				  fetch('/engine-rest/task', {headers: page}).then(r => r.status)
				]).then(done, error => done(String(error)));""");
		assertThat(answers.toString()).as("refused without a challenge: no browser login dialog over the page")
			.isEqualTo("[200, 401 false, 401, 401]");
	}

	@Test
	void aRepReadsTheirCardInTasklistBesideTheirTeamsMedian() throws IOException {
		Api api = new Api(port);
		String lead = api.postLead(Api.lead("DE", "Platform"));
		JsonNode review = api.awaitTask(lead, "ReviewLead");
		String rep = review.get("assignee").asText();
		assertThat(api.post(rep, "/engine-rest/task/" + review.get("id").asText() + "/complete",
				"{\"variables\": {\"decision\": {\"value\": \"ACCEPT\"}}}").status()).isEqualTo(204);
		java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
		String monday = today.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY)).toString();
		JsonNode lastWeek = api.get(rep, "/api/metrics/report-cards/rep").json();
		JsonNode thisWeek = api.get(rep, "/api/metrics/report-cards/rep?from=" + monday + "&to=" + today).json();
		assertThat(thisWeek.at("/card/accepted").asLong()).isPositive();
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

		signIn("/#/", rep, wait);
		click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space(.)='My numbers']"))));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".leadflow-card-table")));
		assertThat(youOf("accepted")).as("last week, as the weekly mail has it").isEqualTo(lastWeek.at("/card/accepted").asText());
		assertThat(youOf("received")).isEqualTo(lastWeek.at("/card/received").asText());
		assertThat(browser.findElement(By.cssSelector(".leadflow-card-table thead")).getText())
			.as("beside the median rep of their team, by name").contains("You", lastWeek.at("/teams/0/name").asText() + " median");

		new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector(".leadflow-card-period-choice")))
			.selectByVisibleText("This week so far");
		wait.until(page -> page.findElement(By.cssSelector(".leadflow-card-period")).getText().contains(monday + " to " + today));
		assertThat(youOf("accepted")).isEqualTo(thisWeek.at("/card/accepted").asText());
		assertThat(youOf("won")).isEqualTo(thisWeek.at("/card/won").asText());
		screenshot("tasklist-my-numbers");
	}

	@Test
	void aManagerReadsTheTeamsReportCardAndAnAccountsEkgOnTheNumbersPage() throws IOException {
		Api api = new Api(port);
		String lead = api.postLead(Api.lead("DE", "Platform"));
		JsonNode review = api.awaitTask(lead, "ReviewLead");
		assertThat(api.post(review.get("assignee").asText(), "/engine-rest/task/" + review.get("id").asText() + "/complete",
				"{\"variables\": {\"decision\": {\"value\": \"ACCEPT\"}}}").status()).isEqualTo(204);
		String unique = java.util.UUID.randomUUID().toString().substring(0, 8);
		Api.Answer engaged = api.post("intake", "/api/engagements", """
				{"email": "ekg@heart-%s.example", "type": "WEBINAR", "occurredAt": "%s", "firstName": "Hart",
				 "lastName": "Beat", "roleLevel": "EXECUTIVE", "country": "DE"}"""
			.formatted(unique, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusHours(2)));
		assertThat(engaged.status()).as(engaged.toString()).isEqualTo(201);
		String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
		String team = api.get("mara", "/api/leads/" + lead).json().get("team").asText();
		JsonNode card = api.get("sam", "/api/metrics/report-cards/team?team=" + team + "&from=" + today + "&to=" + today).json();
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(40));

		signIn("/camunda/app/cockpit/default/#/", "sam", "sam", wait);
		wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space(.)='Numbers']")));
		browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/#/leadflow-numbers?from=" + today + "&to=" + today
				+ "&team=" + team);
		// below the fold of Cockpit's own scrolling view: found, then brought into view
		WebElement median = wait.until(ExpectedConditions.presenceOfElementLocated(
				By.xpath("//table[contains(@class, 'leadflow-report-card-table')]//tr[td[1][normalize-space(.)='Median rep']]")));
		((JavascriptExecutor) browser).executeScript("document.querySelector('.leadflow-report-card').scrollIntoView()");
		assertThat(median.findElements(By.tagName("td")).get(2).getText()).as("the median rep's acceptances, as the API says")
			.isEqualTo(number(card.at("/median/accepted")));
		Object drawn = ((JavascriptExecutor) browser).executeScript(
				"return Chart.getChart(document.getElementById('leadflow-report-card-chart')).data.datasets[0].data");
		List<Long> accepted = new java.util.ArrayList<>();
		card.get("reps").forEach(row -> accepted.add(row.get("accepted").asLong()));
		assertThat(drawn.toString()).as("each rep's acceptances drawn").isEqualTo(accepted.toString());
		screenshot("cockpit-report-card");

		WebElement account = wait.until(ExpectedConditions.presenceOfElementLocated(
				By.cssSelector(".leadflow-engagement-highest tbody tr:first-child a")));
		String accountName = account.getDomProperty("textContent");
		click(account);
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("leadflow-ekg-chart")));
		String accountId = browser.getCurrentUrl().replaceAll(".*[?&]account=([^&]+).*", "$1");
		JsonNode ekg = api.get("sam", "/api/metrics/engagement/accounts/" + accountId + "?from=" + today + "&to=" + today).json();
		assertThat(ekg.get("name").asText()).isEqualTo(accountName);
		List<Integer> scores = new java.util.ArrayList<>();
		ekg.get("weeks").forEach(week -> scores.add(week.get("score").asInt()));
		Object line = ((JavascriptExecutor) browser).executeScript(
				"return Chart.getChart(document.getElementById('leadflow-ekg-chart')).data.datasets[0].data");
		assertThat(line.toString()).as("the EKG draws the account's weekly scores").isEqualTo(scores.toString());
		((JavascriptExecutor) browser).executeScript("document.querySelector('.leadflow-ekg').scrollIntoView()");
		screenshot("cockpit-ekg");
	}

	private String youOf(String figure) {
		return browser.findElement(By.cssSelector(".leadflow-card-table tr[data-figure=" + figure + "] .leadflow-card-you")).getText();
	}

	private static String number(JsonNode value) {
		double figure = value.asDouble();
		return figure == Math.rint(figure) ? String.valueOf((long) figure) : String.format(java.util.Locale.ROOT, "%.1f", figure);
	}

	@Test
	void aManagerGivesALeadNobodyCouldTakeToARepWhoIsAwayPickingFromTheList() throws IOException {
		Api api = new Api(port);
		String tomorrow = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusDays(1).withNano(0).toString();
		List<String> emea = List.of("elias", "emma");
		try {
			for (String rep : emea) {
				assertThat(api.put("sam", "/api/reps/" + rep, "{\"outOfOfficeUntil\": \"" + tomorrow + "\", \"capacity\": null}").status())
					.isEqualTo(200);
			}
			String lead = api.postLead(Api.lead("DE", "Platform"));
			JsonNode assign = api.awaitTask(lead, "AssignLead");
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

			signIn("/#/?task=" + assign.get("id").asText(), "sam", wait);
			click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space(.)='Claim']"))));
			WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(
					By.xpath("//label[starts-with(normalize-space(.), 'Rep')]/ancestor::div[contains(@class, 'fjs-form-field')][1]")));
			click(field.findElement(By.cssSelector(".fjs-input-group")));
			List<WebElement> options = wait.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(field,
					By.cssSelector(".fjs-dropdownlist-item")));
			assertThat(options).extracting(WebElement::getText)
				.as("the team's reps by name, each with why they are away")
				.anySatisfy(option -> assertThat(option).contains("Elias").contains("out of office until"));
			click(options.stream().filter(option -> option.getText().contains("Elias")).findFirst().orElseThrow());
			click(browser.findElement(By.xpath("//label[starts-with(normalize-space(.), 'Assign anyway')]")));
			screenshot("tasklist-manager-assigns");
			click(browser.findElement(By.xpath("//button[normalize-space(.)='Complete']")));

			JsonNode review = api.awaitTask(lead, "ReviewLead");
			assertThat(review.get("assignee").asText()).isEqualTo("elias");
		}
		finally {
			for (String rep : emea) {
				api.put("sam", "/api/reps/" + rep, "{\"outOfOfficeUntil\": null, \"capacity\": null}");
			}
		}
	}

	/**
	 * Marketing imports a trade show's file on Cockpit's import page with its one login: the page
	 * shows the import's progress until it is done, and the failed row with its line and problem.
	 */
	@Test
	void marketingImportsATradeShowFileOnTheImportPageAndReadsTheFailedRow() throws IOException {
		String unique = java.util.UUID.randomUUID().toString().substring(0, 8);
		Path file = Files.createTempDirectory("leadflow-import").resolve("expo-" + unique + ".csv");
		Files.writeString(file, """
				contact.firstName,contact.lastName,contact.email,contact.roleLevel,company.name,company.country
				Greta,Gruber,greta@expo-%1$s.example,EXECUTIVE,Gruber %1$s,DE
				Jonas,Berg,jonas-at-expo-%1$s.example,MANAGER,Berg %1$s,DE
				""".formatted(unique));
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(40));
		signIn("/camunda/app/cockpit/default/#/", "mara", "mara", wait);
		click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space(.)='Import leads']"))));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".leadflow-import-form input[type=file]")))
			.sendKeys(file.toAbsolutePath().toString());
		browser.findElement(By.cssSelector(".leadflow-import-form input[name=source]")).sendKeys("trade-show");
		browser.findElement(By.cssSelector(".leadflow-import-form input[name=campaign]")).sendKeys("Expo " + unique);
		click(browser.findElement(By.xpath("//form[contains(@class, 'leadflow-import-form')]//button[normalize-space(.)='Import']")));

		By row = By.xpath("//table[contains(@class, 'leadflow-imports')]//tr[td[1][normalize-space(.)='" + file.getFileName() + "']]");
		WebElement done = wait.until(ExpectedConditions.presenceOfElementLocated(
				By.xpath("//table[contains(@class, 'leadflow-imports')]//tr[@data-state='DONE'][td[1][normalize-space(.)='"
						+ file.getFileName() + "']]")));
		List<String> cells = done.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
		assertThat(cells.get(2)).as("who imported it, by name").isEqualTo("Mara Marketing");
		assertThat(cells.get(3)).as("the progress bar").isEqualTo("100 %");
		assertThat(cells.subList(4, 8)).as("rows, new, already known, failed").containsExactly("2 of 2", "1", "0", "1");
		assertThat(cells.get(9)).startsWith("Done");
		click(browser.findElement(row).findElement(By.xpath(".//button[normalize-space(.)='Show failed rows']")));
		// the table of failed rows, or the page's own words for why it has none
		By panel = By.cssSelector(".leadflow-import-errors-panel");
		try {
			wait.until(page -> {
				String text = page.findElement(panel).getDomProperty("textContent");
				return text.contains("Failed rows of") && !page.findElements(By.cssSelector(".leadflow-import-errors tbody tr"))
					.isEmpty() || text.contains("could not");
			});
		}
		finally {
			screenshot("cockpit-import");
			Files.writeString(Path.of("target", "screenshots", "cockpit-import.html"), browser.getPageSource());
		}
		assertThat(browser.findElement(panel).getDomProperty("textContent")).doesNotContain("could not");
		WebElement failed = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".leadflow-import-errors tbody tr")));
		assertThat(failed.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
			.containsExactly("3", "contact.email", "must be a well-formed email address");
	}

	/**
	 * Camunda 7 CE's red end-of-life bar is in every webapp's header; Leadflow's user styles hide
	 * it, so reps and managers see a clean screen (operators read the notice in docs/operations.md).
	 */
	@Test
	void noWebappShowsTheEndOfLifeBanner() throws IOException {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		signIn("/camunda/app/tasklist/default/", Api.ADMIN, Api.passwordOf(Api.ADMIN), wait);
		// the brand shows only once signed in: leaving the page before that would lose the login
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[cam-widget-header] .navbar-brand")));
		for (String app : List.of("tasklist", "cockpit", "admin", "welcome")) {
			browser.get("http://localhost:" + port + "/camunda/app/" + app + "/default/");
			// Camunda's own markup renders the banner for every Community Edition page; waiting for it
			// proves the header is there, so "not displayed" means hidden, not "not drawn yet"
			List<WebElement> banners = wait.until(ExpectedConditions.presenceOfAllElementsLocatedBy(
					By.cssSelector("[cam-widget-header] .ce-eol-banner")));
			assertThat(banners).as("%s shows no end-of-life banner", app).noneMatch(WebElement::isDisplayed);
			screenshot(app + "-without-banner");
		}
	}

	/** A demo user (password: the user id) signs in to a Tasklist page. */
	private void signIn(String tasklistPage, String user, WebDriverWait wait) {
		signIn("/camunda/app/tasklist/default" + tasklistPage, user, user, wait);
	}

	private void signIn(String page, String user, String password, WebDriverWait wait) {
		browser.get("http://localhost:" + port + page);
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=text]"))).sendKeys(user);
		browser.findElement(By.cssSelector("input[type=password]")).sendKeys(password);
		browser.findElement(By.cssSelector("button[type=submit]")).click();
	}

	/** A form-js select: open the one with this label, pick the option by its text. */
	private void choose(String label, String option, WebDriverWait wait) throws IOException {
		try {
			WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(
					By.xpath("//label[starts-with(normalize-space(.), '" + label + "')]/ancestor::div[contains(@class, 'fjs-form-field')][1]")));
			click(field.findElement(By.cssSelector(".fjs-input-group")));
			click(wait.until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(field,
					By.xpath(".//*[contains(@class, 'fjs-dropdownlist-item') and normalize-space(.)='" + option + "']")))
				.get(0));
		}
		catch (RuntimeException e) {
			Files.writeString(Path.of("target", "screenshots", "choose-failed.html"), browser.getPageSource());
			screenshot("choose-failed");
			throw e;
		}
	}

	/** Tasklist's task pane scrolls on its own: the element is brought to the middle first. */
	/**
	 * A form still laying out (a conditional text appearing above the field) can move the element
	 * between scrolling and clicking: then the click lands on its neighbour, so it is tried again.
	 */
	private void click(WebElement element) {
		for (int attempt = 1;; attempt++) {
			((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
			try {
				element.click();
				return;
			}
			catch (org.openqa.selenium.ElementClickInterceptedException movedWhileLayingOut) {
				if (attempt == 10) {
					throw movedWhileLayingOut;
				}
				try {
					Thread.sleep(300);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw movedWhileLayingOut;
				}
			}
		}
	}

	private void screenshot(String name) throws IOException {
		File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Path target = Path.of("target", "screenshots", name + ".png");
		Files.createDirectories(target.getParent());
		Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
	}

}
