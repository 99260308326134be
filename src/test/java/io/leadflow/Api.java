package io.leadflow;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A client of the running app over plain HTTP, byte for byte what it sends: no retries, no
 * redirects, no body rewritten — for requests a well-behaved client would never make.
 */
public final class Api {

	private static final ObjectMapper JSON = new ObjectMapper();

	/**
	 * The administrator: {@code demo} in the default run; on PostgreSQL (profile postgres) the
	 * administrator of the environment, since that profile makes no demo administrator.
	 */
	public static final String ADMIN = System.getProperty("spring.profiles.active", "").contains("postgres")
			? System.getenv().getOrDefault("LEADFLOW_ADMIN_USER", "admin") : "demo";

	/** Demo users' passwords are their ids; the environment's administrator has one of its own. */
	public static String passwordOf(String user) {
		return user.equals(ADMIN) && !ADMIN.equals("demo") ? System.getenv("LEADFLOW_ADMIN_PASSWORD") : user;
	}

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final String base;

	public Api(int port) {
		this.base = "http://localhost:" + port;
	}

	public Answer send(String user, String method, String path, String contentType, byte[] body) {
		return send(user, method, path, contentType, body, null);
	}

	/** A GET that asks for one media type, as a download link's script does. */
	public Answer sendAccepting(String user, String path, String accept) {
		return send(user, "GET", path, null, null, accept);
	}

	private Answer send(String user, String method, String path, String contentType, byte[] body, String accept) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(60))
			.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
		if (user != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + passwordOf(user)).getBytes(StandardCharsets.UTF_8)));
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (accept != null) {
			request.header("Accept", accept);
		}
		try {
			HttpResponse<String> response = client.send(request.build(), BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(), response);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	public Answer get(String user, String path) {
		return send(user, "GET", path, null, null);
	}

	public Answer post(String user, String path, String json) {
		return send(user, "POST", path, "application/json", json == null ? null : json.getBytes(StandardCharsets.UTF_8));
	}

	public Answer put(String user, String path, String json) {
		return send(user, "PUT", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Deploys files to {@code /engine-rest/deployment/create} as Camunda Modeler does: a multipart
	 * form with the deployment's name, its source and each file.
	 */
	public Answer deploy(String user, String deploymentName, Map<String, byte[]> files) {
		String boundary = "leadflow-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (Map.Entry<String, String> field : Map.of("deployment-name", deploymentName, "deployment-source",
				"Camunda Modeler", "deploy-changed-only", "true").entrySet()) {
			write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
					+ field.getValue() + "\r\n");
		}
		for (Map.Entry<String, byte[]> file : files.entrySet()) {
			write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey()
					+ "\"; filename=\"" + file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
			body.writeBytes(file.getValue());
			write(body, "\r\n");
		}
		write(body, "--" + boundary + "--\r\n");
		return send(user, "POST", "/engine-rest/deployment/create", "multipart/form-data; boundary=" + boundary,
				body.toByteArray());
	}

	private static void write(ByteArrayOutputStream body, String text) {
		body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	/** A strong direct lead (grade A) of a company of its own in the given country. */
	public static String lead(String country, String productInterest) {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		return lead("ines@probe-" + unique + ".example", "Escapes", country, productInterest);
	}

	/** The same strong lead with this contact email (its domain is the company's) and campaign. */
	public static String lead(String email, String campaign, String country, String productInterest) {
		String domain = email.substring(email.indexOf('@') + 1);
		return """
				{"source": "webinar", "campaign": "%s", "contact": {"firstName": "Ines", "lastName": "Probe",
				 "email": "%s", "title": "CEO", "roleLevel": "EXECUTIVE"},
				 "company": {"name": "Probe %s", "domain": "%s", "country": "%s", "employees": 2000,
				 "industry": "Manufacturing"}, "productInterest": "%s", "budgetEstablished": true, "authority": true,
				 "need": true, "timelineMonths": 1}""".formatted(campaign, email, domain.substring(0, domain.indexOf('.')), domain,
				country, productInterest);
	}

	/** Posts a lead as intake and returns its id. */
	public String postLead(String body) {
		Answer created = post("intake", "/api/leads", body);
		if (created.status() != 201) {
			throw new IllegalStateException("Lead not created: " + created);
		}
		return created.json().get("id").asText();
	}

	/** The lead's one open task with this key, once it exists (as the administrator sees it). */
	public JsonNode awaitTask(String leadId, String taskKey) {
		return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
			JsonNode tasks = get(ADMIN, "/engine-rest/task?processInstanceBusinessKey=" + leadId + "&taskDefinitionKey="
					+ taskKey).json();
			return tasks.size() == 1 ? tasks.get(0) : null;
		}, task -> task != null);
	}

	public record Answer(int status, String body, HttpResponse<String> response) {

		public JsonNode json() {
			try {
				return JSON.readTree(body);
			}
			catch (IOException e) {
				throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
			}
		}

		public String header(String name) {
			return response.headers().firstValue(name).orElse(null);
		}

		@Override
		public String toString() {
			return status + " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
		}

	}

}
