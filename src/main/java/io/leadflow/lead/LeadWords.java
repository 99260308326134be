package io.leadflow.lead;

import java.util.Arrays;

import io.leadflow.system.HumanWords;

/**
 * A lead's facts as lines people read, the same in forms and mails: only the parts that are
 * there ("CTO, Executive", never "CTO ()"), no "·" dangling after a missing phone.
 */
public final class LeadWords {

	private LeadWords() {
	}

	/** "Chief Operating Officer, Executive". */
	public static String contactTitle(Contact contact) {
		return joined(", ", contact.title(), HumanWords.code(contact.roleLevel()));
	}

	/** "greta@acme.de · +49 89 1234". */
	public static String contactReach(Contact contact) {
		return joined(" · ", contact.email(), contact.phone());
	}

	/** "Acme GmbH (acme.de), DE, Manufacturing, 5000 employees". */
	public static String company(Account account) {
		return joined(", ", account.name() + (account.domain() == null ? "" : " (" + account.domain() + ")"),
				account.country(), account.industry(),
				account.employees() == null ? null : HumanWords.count(account.employees(), "employee"));
	}

	/** "webinar · Q4 Launch". */
	public static String origin(Lead lead) {
		return joined(" · ", lead.source(), lead.campaign());
	}

	/** The parts that are there, joined. */
	public static String joined(String separator, String... parts) {
		return String.join(separator, Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).toList());
	}

}
