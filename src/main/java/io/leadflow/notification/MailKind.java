package io.leadflow.notification;

/** The mails Leadflow sends; each has an HTML and a plain-text template in {@code src/main/resources/mail/}. */
public enum MailKind {

	LEAD_ASSIGNED("lead-assigned", "New lead for you: %s"),
	LEAD_RETURNED("lead-returned", "Re-baked and back to you: %s"),
	LEAD_OFFERED("lead-offered", "A lead is up for grabs in your team: %s"),
	ACCEPTANCE_REMINDER("acceptance-reminder", "Reminder: accept or reject %s"),
	ESCALATED("escalated", "Not accepted in time: %s"),
	REASSIGNED_AWAY("reassigned-away", "Taken away from you: %s"),
	DISPOSITION_REMINDER("disposition-reminder", "How is it going with %s?"),
	REPORT_CARD_REP("report-card-rep", "Your leads, %s"),
	REPORT_CARD_MANAGER("report-card-manager", "Your teams' leads, %s"),
	/** A touch of the cultivation loop: goes to the lead's contact, not to a Leadflow user. */
	NURTURE_TOUCH("nurture-touch", "%s");

	private final String template;

	private final String subject;

	MailKind(String template, String subject) {
		this.template = template;
		this.subject = subject;
	}

	String template() {
		return template;
	}

	boolean toContact() {
		return this == NURTURE_TOUCH;
	}

	String subject(String leadTitle) {
		return subject.formatted(leadTitle);
	}

}
