package io.leadflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The distribution's static welcome page (end-of-life banner, "sign in as demo/demo") is never
 * shown: every address under it leads to Leadflow's welcome app, whose header has the user styles.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WelcomePageIT {

	@LocalServerPort
	private int port;

	@ParameterizedTest
	@ValueSource(strings = { "/camunda-welcome", "/camunda-welcome/", "/camunda-welcome/index.html",
			"/camunda-welcome/assets/css/app.css" })
	void theDistributionsWelcomePageLeadsToTheWelcomeApp(String path) throws Exception {
		HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		HttpResponse<String> response = client.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).as(path)
			.hasValueSatisfying(location -> assertThat(location).endsWith("/camunda/app/welcome/default/"));
		assertThat(response.body()).doesNotContain("demo / demo").doesNotContain("ce-eol-banner");
	}

}
