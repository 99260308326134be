package io.leadflow.notification;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadEvents;

/**
 * Sends one mail, HTML with a plain-text part, to a Camunda user. A failure to send is thrown, so the
 * asynchronous step that sends becomes a retried job and, in the end, an incident; a mail already
 * sent under the same key (lead, step, recipient) is not sent again when the step is retried. Each
 * mail is its own job ({@code lead-notification}), so remembering it needs no second connection.
 */
@Service
public class Mails {

	private static final Logger log = LoggerFactory.getLogger(Mails.class);

	private final JavaMailSender mailSender;

	private final ITemplateEngine templates;

	private final IdentityService identityService;

	private final JdbcClient jdbc;

	private final LeadEvents events;

	private final MailSettings settings;

	private final Environment environment;

	Mails(JavaMailSender mailSender, ITemplateEngine mailTemplates, IdentityService identityService, JdbcClient jdbc,
			LeadEvents events, MailSettings settings, Environment environment) {
		this.environment = environment;
		this.mailSender = mailSender;
		this.templates = mailTemplates;
		this.identityService = identityService;
		this.jdbc = jdbc;
		this.events = events;
		this.settings = settings;
	}

	/**
	 * @param leadId the lead the mail is about, or null for a mail about many (a report card)
	 * @param occurrence what makes this sending unique besides lead, kind and recipient (the step's
	 * activity instance): the same occurrence is sent once, however often it is retried
	 */
	public void send(MailKind kind, String leadId, String leadTitle, String userId, String occurrence,
			Map<String, Object> model) {
		String key = (leadId + ":" + kind + ":" + userId + ":" + occurrence);
		if (sentBefore(key)) {
			log.info("{} to {} for lead {} was sent before; not again", kind, userId, leadId);
			return;
		}
		User user = identityService.createUserQuery().userId(userId).singleResult();
		if (user == null || user.getEmail() == null || user.getEmail().isBlank()) {
			log.warn("{} for lead {} not sent: user {} has no email address", kind, leadId, userId);
			return;
		}
		Context context = new Context();
		context.setVariables(model);
		context.setVariable("user", user);
		deliver(key, kind, leadId, user.getEmail(), userId, kind.subject(leadTitle), context);
	}

	/**
	 * A mail to the lead's contact, from marketing. A contact who has unsubscribed gets none, even
	 * a touch that was on its way when they unsubscribed.
	 */
	public void sendToContact(MailKind kind, Lead lead, String occurrence, Map<String, Object> model) {
		String email = lead.contact().email();
		String key = (lead.id() + ":" + kind + ":" + email + ":" + occurrence);
		if (sentBefore(key)) {
			log.info("{} to the contact of lead {} was sent before; not again", kind, lead.id());
			return;
		}
		if (unsubscribed(lead.contactId())) {
			events.touchNotMailed(lead.id(), kind.name());
			return;
		}
		Context context = new Context();
		context.setVariables(model);
		Object touch = model.get("touch");
		String about = touch instanceof Map<?, ?> content ? String.valueOf(content.get("content")) : kind.name();
		deliver(key, kind, lead.id(), email, email, kind.subject(about), context);
	}

	private boolean sentBefore(String key) {
		return jdbc.sql("SELECT COUNT(*) FROM mail_sent WHERE idempotency_key = ?").param(key).query(Long.class).single() > 0;
	}

	private boolean unsubscribed(String contactId) {
		return jdbc.sql("SELECT COUNT(*) FROM contact WHERE id = ? AND unsubscribed_at IS NOT NULL")
			.param(contactId)
			.query(Long.class)
			.single() > 0;
	}

	private void deliver(String key, MailKind kind, String leadId, String address, String recipient, String subject,
			Context context) {
		context.setVariable("tasklistUrl", tasklistUrl());
		MimeMessage message = mailSender.createMimeMessage();
		String text;
		try {
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(settings.from());
			helper.setTo(address);
			helper.setSubject(subject);
			text = templates.process(kind.template() + ".txt", context);
			helper.setText(text, templates.process(kind.template() + ".html", context));
			// the same mail always has the same id (Spring's sender keeps one that is set): SMTP has no
			// transaction, so a node killed after the server took the mail and before the key was
			// committed sends it again on retry, and the recipient's mail program shows that copy once
			message.setHeader("Message-ID", messageId(key));
		}
		catch (MessagingException e) {
			throw new MailPreparationException("Cannot prepare " + kind + " for " + recipient, e);
		}
		// remembered first, in the job's own transaction (one mail per job): a failed send rolls it
		// back and the retry sends; a twin attempt collides on the key before it sends anything
		remember(key, leadId, kind, address, subject, text);
		if (leadId != null) {
			events.mailSent(leadId, subject, recipient);
		}
		mailSender.send(message);
	}

	/** The Message-ID header of the mail recorded under this key in mail_sent. */
	public static String messageId(String idempotencyKey) {
		return "<" + UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8)) + "@leadflow>";
	}

	/** Where the mails' links point: the configured Tasklist, or this app's own on the port it runs on. */
	private String tasklistUrl() {
		if (settings.tasklistUrl() != null && !settings.tasklistUrl().isBlank()) {
			return settings.tasklistUrl();
		}
		return "http://localhost:" + environment.getProperty("local.server.port",
				environment.getProperty("server.port", "8080")) + "/camunda/app/tasklist/default/";
	}

	private void remember(String key, String leadId, MailKind kind, String recipient, String subject, String text) {
		jdbc.sql("""
				INSERT INTO mail_sent (idempotency_key, lead_id, kind, recipient, subject, sent_at, body_text)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(key, leadId, kind.name(), recipient, subject, OffsetDateTime.now(ZoneOffset.UTC), text)
			.update();
	}

}
