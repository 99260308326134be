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
 * A rep answers a lead in Tasklist, in a real Chromium: the form's answer is exactly the task's
 * contract, so the completion guard lets it through. Screenshots go to target/screenshots.
 * Needs Debian's chromium and chromium-driver (.ci/run installs them); skipped where they are
 * missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TasklistIT {

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

		browser.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + review.get("id").asText());
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[type=text]"))).sendKeys(rep);
		browser.findElement(By.cssSelector("input[type=password]")).sendKeys(rep);
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		click(wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//label[starts-with(., 'Accept')]"))));
		screenshot("tasklist-review-lead");
		click(browser.findElement(By.xpath("//button[normalize-space(.)='Complete']")));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> api.get("mara", "/api/leads/" + lead).json().get("status").asText(), "ACCEPTED"::equals);
		assertThat(api.get("mara", "/api/leads/" + lead).json().get("owner").asText()).isEqualTo(rep);
		screenshot("tasklist-after-accept");
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
