package io.leadflow.notification;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.leadflow.system.SystemAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Every mail Leadflow sent, oldest first, from its own record of them (the same rows that keep a
 * retried step from sending twice): so what reached whom can be read after a restart too.
 */
@RestController
@RequestMapping("/api/mails")
@Validated
@Tag(name = "Mails")
class MailboxController {

	private final JdbcClient jdbc;

	private final IdentityService identityService;

	private final SystemAccess system;

	MailboxController(JdbcClient jdbc, IdentityService identityService, SystemAccess system) {
		this.jdbc = jdbc;
		this.identityService = identityService;
		this.system = system;
	}

	@GetMapping
	@Operation(summary = "Mails sent: subject, recipient, when, and the text part; `to` is a user id or an address")
	List<ReceivedMail> received(@RequestParam(required = false) @Size(max = 254) String to,
			@RequestParam(required = false) @Size(max = 36) String leadId,
			@RequestParam(defaultValue = "500") @Min(1) @Max(5000) int limit) {
		// only the conditions asked for: PostgreSQL cannot type a bare null parameter
		StringBuilder sql = new StringBuilder(
				"SELECT recipient, subject, sent_at, kind, lead_id, body_text FROM mail_sent WHERE 1 = 1");
		Map<String, Object> params = new HashMap<>();
		if (to != null && !to.isBlank()) {
			sql.append(" AND LOWER(recipient) = LOWER(:to)");
			params.put("to", addressOf(to.trim()));
		}
		if (leadId != null && !leadId.isBlank()) {
			sql.append(" AND lead_id = :lead");
			params.put("lead", leadId);
		}
		sql.append(" ORDER BY sent_at, idempotency_key FETCH FIRST :limit ROWS ONLY");
		params.put("limit", limit);
		return jdbc.sql(sql.toString())
			.params(params)
			.query((rs, row) -> new ReceivedMail(List.of(rs.getString("recipient")), rs.getString("subject"),
					rs.getObject("sent_at", OffsetDateTime.class), rs.getString("body_text"), rs.getString("kind"),
					rs.getString("lead_id")))
			.list();
	}

	/** A user's mail address for a user id; anything else is taken as an address. */
	private String addressOf(String to) {
		if (to.contains("@")) {
			return to;
		}
		return Optional.ofNullable(system.call(() -> identityService.createUserQuery().userId(to).singleResult()))
			.map(User::getEmail)
			.orElse(to);
	}

	/**
	 * @param body the mail's plain-text part
	 * @param kind which of Leadflow's mails it is (MailKind)
	 */
	record ReceivedMail(List<String> to, String subject, OffsetDateTime sentAt, String body, String kind,
			String leadId) {
	}

}
