package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.WebApplicationType;

import io.leadflow.LeadflowApplication;

/** The production profile does not start without its secrets, and says which are missing. */
class ProductionSecretsTest {

	@Test
	void thePostgresProfileRefusesToStartWithoutItsSecrets() {
		SpringApplicationBuilder app = new SpringApplicationBuilder(LeadflowApplication.class)
			.web(WebApplicationType.NONE)
			.profiles("postgres");

		// command-line arguments outrank the environment, so whatever the machine has set is blanked
		assertThatThrownBy(() -> app.run("--LEADFLOW_DB_URL=jdbc:postgresql://db/leadflow", "--LEADFLOW_DB_USER=leadflow",
				"--LEADFLOW_DB_PASSWORD=", "--LEADFLOW_ADMIN_PASSWORD=", "--LEADFLOW_SMTP_HOST=smtp.example.com",
				"--LEADFLOW_MAIL_FROM=leads@example.com", "--LEADFLOW_TASKLIST_URL="))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("LEADFLOW_DB_PASSWORD, LEADFLOW_ADMIN_PASSWORD, LEADFLOW_TASKLIST_URL")
			.hasMessageNotContaining("LEADFLOW_DB_URL");
	}

	@Test
	void thePostgresProfileRefusesAWeakAdministratorPassword() {
		SpringApplicationBuilder app = new SpringApplicationBuilder(LeadflowApplication.class)
			.web(WebApplicationType.NONE)
			.profiles("postgres");

		assertThatThrownBy(() -> app.run("--LEADFLOW_DB_URL=jdbc:postgresql://db/leadflow", "--LEADFLOW_DB_USER=leadflow",
				"--LEADFLOW_DB_PASSWORD=secret", "--LEADFLOW_ADMIN_PASSWORD=demo", "--LEADFLOW_SMTP_HOST=smtp.example.com",
				"--LEADFLOW_MAIL_FROM=leads@example.com", "--LEADFLOW_TASKLIST_URL=https://leads.example.com/"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("LEADFLOW_ADMIN_PASSWORD does not meet the password policy")
			.hasMessageContaining("at least 10 characters");
	}

	@Test
	void aPasswordThatIsTheUsersIdBreaksThePolicy() {
		assertThat(ProductionSecrets.brokenPasswordRules("emma", "emma")).isNotEmpty();
		assertThat(ProductionSecrets.brokenPasswordRules("admin", "Admin-2026-Lead!"))
			.containsExactly("nothing of the user's id, name or email");
		assertThat(ProductionSecrets.brokenPasswordRules("admin", "Admin-admin-2026!")).isNotEmpty();
		assertThat(ProductionSecrets.brokenPasswordRules("admin", "Leadflow-Ops-2026!")).isEmpty();
	}

}
