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
	private void click(WebElement element) {
		((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
		element.click();
	}

	private void screenshot(String name) throws IOException {
		File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Path target = Path.of("target", "screenshots", name + ".png");
		Files.createDirectories(target.getParent());
		Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
	}

}
