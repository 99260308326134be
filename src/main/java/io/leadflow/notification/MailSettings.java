package io.leadflow.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param from the sender of every mail
 * @param tasklistUrl where the links in mails point, e.g. {@code https://leads.example.com/camunda/app/tasklist/default/}
 * @param embedded the default run's own SMTP server
 */
@ConfigurationProperties("leadflow.mail")
record MailSettings(String from, String tasklistUrl, Embedded embedded) {

	MailSettings {
		embedded = embedded == null ? new Embedded(false, 0) : embedded;
	}

	/** @param port 0 picks a free port */
	record Embedded(boolean enabled, int port) {
	}

}
