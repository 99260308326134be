package io.leadflow.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The {@code postgres} profile has no default for a password, a database or a mail server: each
 * comes from the environment, and the application refuses to start, naming what is missing,
 * rather than fail later with a puzzling error or run with a guessable secret.
 */
public class ProductionSecrets implements EnvironmentPostProcessor {

	static final String PROFILE = "postgres";

	/** Each required setting and the environment variable that gives it. */
	private static final Map<String, String> REQUIRED = new LinkedHashMap<>();

	static {
		REQUIRED.put("spring.datasource.url", "LEADFLOW_DB_URL");
		REQUIRED.put("spring.datasource.username", "LEADFLOW_DB_USER");
		REQUIRED.put("spring.datasource.password", "LEADFLOW_DB_PASSWORD");
		REQUIRED.put("camunda.bpm.admin-user.password", "LEADFLOW_ADMIN_PASSWORD");
		REQUIRED.put("spring.mail.host", "LEADFLOW_SMTP_HOST");
		REQUIRED.put("leadflow.mail.from", "LEADFLOW_MAIL_FROM");
		REQUIRED.put("leadflow.mail.tasklist-url", "LEADFLOW_TASKLIST_URL");
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.matchesProfiles(PROFILE)) {
			return;
		}
		List<String> missing = new ArrayList<>();
		REQUIRED.forEach((property, variable) -> {
			String value;
			try {
				value = environment.getProperty(property);
			}
			catch (IllegalArgumentException unresolvable) {
				value = null;
			}
			if (value == null || value.isBlank()) {
				missing.add(variable);
			}
		});
		if (!missing.isEmpty()) {
			throw new IllegalStateException("The postgres profile needs these environment variables, which are not set: "
					+ String.join(", ", missing) + ". See README.md, 'Production: PostgreSQL'.");
		}
	}

}
