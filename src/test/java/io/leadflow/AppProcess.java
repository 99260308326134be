package io.leadflow;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged app as an operator runs it: {@code java -jar} in a process of its own, so a test
 * can kill it for real (SIGKILL) and start it again. Needs {@code mvn package} (or verify) first.
 */
final class AppProcess {

	private AppProcess() {
	}

	/** Starts the jar in {@code home} (its working directory, where app.log goes), without waiting. */
	static Process launch(Path home, int port, List<String> arguments) throws IOException {
		File jar;
		try (var jars = Files.list(Path.of("target"))) {
			jar = jars.filter(path -> path.getFileName().toString().matches("leadflow-.*\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No packaged jar in target/: run mvn verify"))
				.toAbsolutePath()
				.toFile();
		}
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-jar", jar.getPath(), "--server.port=" + port, "--leadflow.mail.embedded.port=0"));
		command.addAll(arguments);
		return new ProcessBuilder(command).directory(home.toFile())
			.redirectErrorStream(true)
			.redirectOutput(home.resolve("app.log").toFile())
			.start();
	}

	/** Waits until the app answers its health check; fails with its log when it stopped instead. */
	static void awaitUp(Process process, Path home, Api api) throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(240));
		while (Instant.now().isBefore(deadline)) {
			try {
				if (api.get("demo", "/actuator/health").status() == 200) {
					return;
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
		throw new IllegalStateException("The app did not answer within 4 minutes: " + home.resolve("app.log"));
	}

	static Process start(Path home, int port, Api api, String... arguments) throws IOException, InterruptedException {
		Process process = launch(home, port, List.of(arguments));
		awaitUp(process, home, api);
		return process;
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
