package io.leadflow.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The {@code postgres} profile has no default for a password, a database or a mail server: each
 * comes from the environment, and the application refuses to start, naming what is missing,
 * rather than fail later with a puzzling error or run with a guessable secret. The administrator's
 * password must meet Camunda's password policy, which this profile turns on for everyone.
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
		String adminId = environment.getProperty("camunda.bpm.admin-user.id", "admin");
		List<String> broken = brokenPasswordRules(adminId, environment.getProperty("camunda.bpm.admin-user.password"));
		if (!broken.isEmpty()) {
			throw new IllegalStateException("LEADFLOW_ADMIN_PASSWORD does not meet the password policy, it needs "
					+ String.join(", ", broken) + ". See README.md, 'Production: PostgreSQL'.");
		}
	}

	/**
	 * The rules of Camunda's default password policy, which the postgres profile switches on for
	 * every user, that this password breaks — checked here so that the administrator's password
	 * fails with a sentence instead of the engine's "password does not match policy" at start-up.
	 */
	static List<String> brokenPasswordRules(String userId, String password) {
		User admin = new UserEntity(userId);
		List<String> broken = new ArrayList<>();
		for (PasswordPolicyRule rule : new DefaultPasswordPolicyImpl().getRules()) {
			if (!rule.execute(password, admin)) {
				String minimum = rule.getParameters() == null || rule.getParameters().isEmpty() ? "1"
						: rule.getParameters().values().iterator().next();
				broken.add(switch (rule.getPlaceholder()) {
					case "PASSWORD_POLICY_LENGTH" -> "at least " + minimum + " characters";
					case "PASSWORD_POLICY_LOWERCASE" -> "at least " + minimum + " lower-case letter(s)";
					case "PASSWORD_POLICY_UPPERCASE" -> "at least " + minimum + " upper-case letter(s)";
					case "PASSWORD_POLICY_DIGIT" -> "at least " + minimum + " digit(s)";
					case "PASSWORD_POLICY_SPECIAL" -> "at least " + minimum + " special character(s)";
					case "PASSWORD_POLICY_USER_DATA" -> "nothing of the user's id, name or email";
					default -> rule.getPlaceholder();
				});
			}
		}
		return broken;
	}

}
