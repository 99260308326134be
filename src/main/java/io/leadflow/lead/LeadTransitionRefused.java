package io.leadflow.lead;

/**
 * An event that makes no sense for the lead as it stands: a won lead routed again, a lead accepted
 * that nobody routed. Thrown before anything changed; in a service step it rolls the step back and
 * leaves an incident for an administrator to look at, instead of a lead in a state nobody chose.
 */
public class LeadTransitionRefused extends IllegalStateException {

	private final LeadStatus status;

	LeadTransitionRefused(String leadId, String what, LeadStatus status) {
		super(status == null ? "There is no lead " + leadId
				: "Lead " + leadId + " is " + status + ": it cannot " + what + " now");
		this.status = status;
	}

	/** Where the lead stands; null when there is no such lead. */
	public LeadStatus status() {
		return status;
	}

}
