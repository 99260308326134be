package io.leadflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The default run, as a user starts it (the packaged jar, the embedded H2 database under ./data),
 * killed with SIGKILL while four clients post leads, and started again: every lead it answered
 * 201 for is there. A process of its own, so the kill is real.
 */
class DurabilityIT {

	private Process app;

	@AfterEach
	void stop() {
		if (app != null) {
			app.destroyForcibly();
		}
	}

	@Test
	void noAcknowledgedLeadIsLostWhenTheDefaultRunIsKilled() throws Exception {
		assumeThat(System.getProperty("spring.profiles.active", "default")).as("the embedded database's test")
			.doesNotContain("postgres");
		Path home = Files.createTempDirectory("leadflow-durability");
		int port = AppProcess.freePort();
		Api api = new Api(port);
		app = AppProcess.start(home, port, api);

		List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean posting = new AtomicBoolean(true);
		ExecutorService clients = Executors.newFixedThreadPool(4);
		for (int i = 0; i < 4; i++) {
			clients.submit(() -> {
				while (posting.get()) {
					try {
						Api.Answer answer = api.post("intake", "/api/leads", Api.lead("DE", "Platform"));
						if (answer.status() == 201) {
							acknowledged.add(answer.json().get("id").asText());
						}
					}
					catch (RuntimeException killedMidRequest) {
						return;
					}
				}
			});
		}
		Thread.sleep(15_000);
		app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		posting.set(false);
		clients.shutdown();
		clients.awaitTermination(30, TimeUnit.SECONDS);
		List<String> answered = List.copyOf(acknowledged);
		assertThat(answered).as("leads answered 201 before the kill").hasSizeGreaterThan(20);

		app = AppProcess.start(home, port, api);
		List<String> missing = answered.stream().filter(id -> api.get("mara", "/api/leads/" + id).status() != 200).toList();
		assertThat(missing).as("acknowledged leads missing after the restart").isEmpty();
	}

	/**
	 * A bulk import killed between batches goes on after the restart from where it stopped: every
	 * row once, no lead twice, one lifecycle per lead. The restarted node takes over the batch the
	 * dead one had locked when that lock expires (15 s here, 5 minutes by default).
	 */
	@Test
	void anImportKilledMidwayGoesOnWhereItStoppedWithNoRowLostAndNoneDoubled() throws Exception {
		assumeThat(System.getProperty("spring.profiles.active", "default")).as("the embedded database's test")
			.doesNotContain("postgres");
		Path home = Files.createTempDirectory("leadflow-import-durability");
		int port = AppProcess.freePort();
		Api api = new Api(port);
		String lockTime = "--camunda.bpm.job-execution.lock-time-in-millis=15000";
		app = AppProcess.start(home, port, api, lockTime);

		int rows = 1_000;
		StringBuilder csv = new StringBuilder(
				"contact.firstName,contact.lastName,contact.email,contact.roleLevel,company.name,company.country\n");
		for (int i = 0; i < rows; i++) {
			csv.append("Kim,Kill").append(i).append(",kim").append(i).append("@kill-").append(i).append(".example,MANAGER,Kill ")
				.append(i).append(",DE\n");
		}
		Api.Answer started = api.send("intake", "POST", "/api/leads/imports?source=list&campaign=Killed", "text/csv",
				csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(started.status()).as(started.toString()).isEqualTo(202);
		String id = started.json().get("id").asText();
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		int processed = 0;
		while (processed < 100 && Instant.now().isBefore(deadline)) {
			Thread.sleep(200);
			processed = api.get("mara", "/api/leads/imports/" + id).json().get("processed").asInt();
		}
		assertThat(processed).as("killed mid-import").isBetween(100, rows - 1);
		app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

		app = AppProcess.start(home, port, api, lockTime);
		deadline = Instant.now().plus(Duration.ofMinutes(5));
		com.fasterxml.jackson.databind.JsonNode status = api.get("mara", "/api/leads/imports/" + id).json();
		while (!"DONE".equals(status.get("state").asText()) && Instant.now().isBefore(deadline)) {
			Thread.sleep(500);
			status = api.get("mara", "/api/leads/imports/" + id).json();
		}
		assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("DONE");
		assertThat(status.get("processed").asInt()).isEqualTo(rows);
		assertThat(status.get("created").asInt()).as(status.toString()).isEqualTo(rows);
		assertThat(status.get("duplicates").asInt() + status.get("failed").asInt()).isZero();
		assertThat(api.get("mara", "/api/leads?campaign=Killed").json().get("total").asInt()).as("leads, none twice")
			.isEqualTo(rows);
		assertThat(api.get("demo", "/engine-rest/history/process-instance/count?processDefinitionKey=lead-lifecycle").json()
			.get("count").asInt()).as("one lifecycle per lead").isEqualTo(rows);
	}

}
