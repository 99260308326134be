package io.leadflow.notification;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** What the default run's own SMTP server received, newest last: the mails a person would have got. */
@RestController
@RequestMapping("/api/mails")
@Tag(name = "Mails (default run)")
@ConditionalOnProperty("leadflow.mail.embedded.enabled")
class MailboxController {

	private final GreenMail server;

	MailboxController(GreenMail embeddedMailServer) {
		this.server = embeddedMailServer;
	}

	@GetMapping
	@Operation(summary = "Mails received by the embedded SMTP server, optionally only those to one address")
	List<ReceivedMail> received(@RequestParam(required = false) String to) throws MessagingException, IOException {
		List<ReceivedMail> mails = new java.util.ArrayList<>();
		for (MimeMessage message : server.getReceivedMessages()) {
			List<String> recipients = Arrays.stream(message.getAllRecipients()).map(Address::toString).toList();
			if (to != null && recipients.stream().noneMatch(to::equalsIgnoreCase)) {
				continue;
			}
			mails.add(new ReceivedMail(recipients, message.getSubject(),
					message.getSentDate() == null ? null : message.getSentDate().toInstant().atOffset(ZoneOffset.UTC),
					GreenMailUtil.getBody(message)));
		}
		return mails;
	}

	record ReceivedMail(List<String> to, String subject, OffsetDateTime sentAt, String body) {
	}

}
