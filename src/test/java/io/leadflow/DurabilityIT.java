package io.leadflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
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
		int port = freePort();
		Api api = new Api(port);
		app = start(home, port, api);

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

		app = start(home, port, api);
		List<String> missing = answered.stream().filter(id -> api.get("mara", "/api/leads/" + id).status() != 200).toList();
		assertThat(missing).as("acknowledged leads missing after the restart").isEmpty();
	}

	private static Process start(Path home, int port, Api api) throws IOException, InterruptedException {
		File jar;
		try (var jars = Files.list(Path.of("target"))) {
			jar = jars.filter(path -> path.getFileName().toString().matches("leadflow-.*\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No packaged jar in target/: run mvn verify"))
				.toAbsolutePath()
				.toFile();
		}
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
				"-jar", jar.getPath(), "--server.port=" + port, "--leadflow.mail.embedded.port=0")
			.directory(home.toFile())
			.redirectErrorStream(true)
			.redirectOutput(home.resolve("app.log").toFile())
			.start();
		Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
		while (Instant.now().isBefore(deadline)) {
			try {
				if (api.get("demo", "/actuator/health").status() == 200) {
					return process;
				}
			}
			catch (RuntimeException notYet) {
				// still starting
			}
			if (!process.isAlive()) {
				throw new IllegalStateException("The app did not start: " + Files.readString(home.resolve("app.log")));
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("The app did not answer within 3 minutes");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
