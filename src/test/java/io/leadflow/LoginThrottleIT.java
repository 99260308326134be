package io.leadflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A stranger cannot lock a user out: their own address is stopped after 10 wrong passwords while
 * the user logs in from theirs, and only many failures from several addresses lock the user —
 * for a few minutes (three seconds here), with a message that says so. Each client speaks from an
 * address of its own on the loopback network (127.0.0.x).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"leadflow.login.client-failures=10", "leadflow.login.client-block=PT15M", "leadflow.login.user-failures=30",
		"leadflow.login.user-lock=PT3S" })
class LoginThrottleIT {

	@LocalServerPort
	private int port;

	@Test
	void aStrangerGuessingAPasswordIsStoppedWhileTheUserStillLogsIn() throws IOException {
		for (int attempt = 1; attempt <= 10; attempt++) {
			assertThat(status("127.0.0.2", "nora", "guess-" + attempt)).isEqualTo(401);
		}
		assertThat(status("127.0.0.2", "nora", "guess-11")).isEqualTo(429);
		assertThat(response("127.0.0.2", "nora", "nora")).as("even the right password, from the stranger's address")
			.startsWith("HTTP/1.1 429")
			.contains("Retry-After")
			.contains("Too many failed logins from your address");

		assertThat(status("127.0.0.3", "nora", "nora")).as("nora from her own address").isEqualTo(200);
		// Camunda's own lock-out would have locked nora for good after 10 failures
		assertThat(status("127.0.0.3", "nora", "nora")).isEqualTo(200);
	}

	@Test
	void manyFailuresFromSeveralAddressesLockTheUserForAWhileAndSaySo() throws IOException {
		for (int address = 10; address < 13; address++) {
			for (int attempt = 1; attempt <= 10; attempt++) {
				status("127.0.0." + address, "akira", "guess");
			}
		}

		String locked = response("127.0.0.20", "akira", "akira");
		assertThat(locked).startsWith("HTTP/1.1 429").contains("akira").contains("locked for");
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
			.until(() -> status("127.0.0.20", "akira", "akira") == 200);
	}

	private int status(String from, String user, String password) throws IOException {
		String answer = response(from, user, password);
		return Integer.parseInt(answer.substring(9, 12));
	}

	/** One request over a socket bound to the given loopback address: the server sees that address. */
	private String response(String from, String user, String password) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(10000);
			String credentials = Base64.getEncoder()
				.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
			OutputStream out = socket.getOutputStream();
			out.write(("GET /api/reps/" + user + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
					+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
