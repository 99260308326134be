package io.leadflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every endpoint Spring MVC maps, and the engine's REST API, refuse a request without credentials. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EndpointsRequireCredentialsIT {

	/** A sample of the engine REST API (Jersey), which Spring MVC does not list. */
	private static final List<String> ENGINE_REST = List.of("GET /engine-rest/engine", "GET /engine-rest/task",
			"GET /engine-rest/task/x/variables", "POST /engine-rest/task/x/complete", "GET /engine-rest/process-definition",
			"POST /engine-rest/process-definition/key/lead-lifecycle/start", "GET /engine-rest/history/process-instance",
			"GET /engine-rest/user", "POST /engine-rest/deployment/create", "GET /engine-rest/decision-definition",
			"GET /actuator/health", "GET /actuator/info");

	@Autowired
	private TestRestTemplate http;

	@Autowired
	private org.springframework.context.ApplicationContext context;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Test
	void noEndpointAnswersWithoutCredentials() {
		List<String> endpoints = new ArrayList<>(ENGINE_REST);
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				String path = pattern.replaceAll("\\{[^}]+}", "x").replace("/**", "/x");
				if (methods.isEmpty()) {
					endpoints.add("GET " + path);
				}
				methods.forEach(method -> endpoints.add(method.name() + " " + path));
			}
		}
		assertThat(endpoints).contains("POST /api/leads", "GET /api/leads/x", "PUT /api/reps/x", "GET /v3/api-docs");

		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		for (String endpoint : endpoints) {
			String[] parts = endpoint.split(" ", 2);
			var response = http.exchange(parts[1], HttpMethod.valueOf(parts[0]), new HttpEntity<>("{}", headers),
					String.class);
			assertThat(response.getStatusCode()).as(endpoint).isEqualTo(HttpStatus.UNAUTHORIZED);
		}
	}

	/**
	 * The speed benchmark's start endpoint and no-op steps exist only in an app started for the
	 * benchmark: in any other, not even an administrator starts a process past Leadflow's intake.
	 */
	@Test
	void theBenchmarksShortcutsAreAbsentUnlessItRuns() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		var response = http.withBasicAuth(Api.ADMIN, Api.passwordOf(Api.ADMIN))
			.exchange("/api/benchmark/instances/bench-bare", HttpMethod.POST, new HttpEntity<>("{}", headers),
					String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(context.containsBean("benchNoop")).isFalse();
	}

}
