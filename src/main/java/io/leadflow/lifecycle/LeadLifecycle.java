package io.leadflow.lifecycle;

/**
 * The names that {@code processes/lead-lifecycle.bpmn} and other systems share: the process id,
 * the user task ids and the variables. Other systems complete tasks through /engine-rest with
 * these names, so they are a contract, kept in one place.
 */
public final class LeadLifecycle {

	public static final String PROCESS_ID = "lead-lifecycle";

	public static final String TASK_QUALIFY_LEAD = "QualifyLead";
	public static final String TASK_ASSIGN_LEAD = "AssignLead";
	public static final String TASK_REVIEW_LEAD = "ReviewLead";
	public static final String TASK_EVALUATE_REJECTED_LEAD = "EvaluateRejectedLead";
	public static final String TASK_REPORT_DISPOSITION = "ReportDisposition";
	public static final String TASK_HANDLE_REJECTED_LEAD = "HandleRejectedLead";
	public static final String TASK_HANDLE_UNACCEPTED_LEAD = "HandleUnacceptedLead";
	public static final String TASK_REVIEW_STALE_LEAD = "ReviewStaleLead";

	/** The lead's id; also the process instance's business key. */
	public static final String LEAD_ID = "leadId";

	// what the qualification table decides on
	public static final String ROLE_LEVEL = "roleLevel";
	public static final String TITLE = "title";
	public static final String EMAIL_DOMAIN = "emailDomain";
	public static final String EMPLOYEES = "employees";
	public static final String INDUSTRY = "industry";
	public static final String BUDGET_ESTABLISHED = "budgetEstablished";
	public static final String AUTHORITY = "authority";
	public static final String NEED = "need";
	public static final String TIMELINE_MONTHS = "timelineMonths";
	public static final String SOURCE = "source";

	// what the routing table decides on, besides employees and industry
	public static final String COUNTRY = "country";
	public static final String PRODUCT_INTEREST = "productInterest";
	public static final String PARTNER_PREFERENCE = "partnerPreference";

	// decision results
	public static final String QUALIFICATION = "qualification";
	public static final String SCORE = "score";
	public static final String GRADE = "grade";
	public static final String ROUTE = "route";
	public static final String NEEDS_CHECK = "needsCheck";
	public static final String ROUTING = "routing";
	public static final String TEAM = "team";
	public static final String CHANNEL = "channel";
	/** The rep the lead is routed to; empty when nobody in the team is eligible. */
	public static final String REP = "rep";
	/** Which of the teams the routing table lines up the lead is offered to now (partner cascade). */
	public static final String TEAM_INDEX = "teamIndex";
	/** Candidate groups of ReviewLead: empty, or the team when the lead is offered to all of it. */
	public static final String OFFER_GROUPS = "offerGroups";
	/** The rep who rejected the lead before it went back to cultivation: offered it first when it returns. */
	public static final String RETURNING_REP = "returningRep";
	public static final String REJECTION_COUNT = "rejectionCount";
	public static final String REJECTION_POLICY = "rejectionPolicy";
	/** The rep whose rejection is being handled; offered the lead again if it is re-baked. */
	public static final String REJECTED_BY = "rejectedBy";
	/** The rep who let the acceptance deadline pass, or let an accepted lead go stale. */
	public static final String BREACHED_BY = "breachedBy";
	/** Deadlines passed one after the other, with no rep accepting or rejecting in between. */
	public static final String BREACHES_IN_A_ROW = "breachesInARow";
	public static final String ACCEPTANCE_POLICY = "acceptancePolicy";
	/** The rep a re-baked lead was just handed back to, for the mail that tells them. */
	public static final String RETURNED_TO = "returnedTo";
	public static final String DISPOSITION_POLICY = "dispositionPolicy";

	// set when a user task is completed; which task takes which, and their values: TaskContract
	public static final String DECISION = "decision";
	public static final String REJECTION_REASON = "rejectionReason";
	public static final String COMMENT = "comment";
	public static final String OUTCOME = "outcome";
	public static final String DEAL_VALUE = "dealValue";
	public static final String REASON = "reason";
	/** Why a lead was lost ({@link TaskContract.LostReason}). */
	public static final String LOST_REASON = "lostReason";
	public static final String ACTION = "action";
	public static final String ASSIGNEE = "assignee";

	// task-local, for the forms: the lead's package as it stood when the task was made
	public static final String FORM_LEAD = "lead";
	public static final String FORM_HISTORY = "leadHistory";
	public static final String FORM_REJECTIONS = "leadRejections";

	private LeadLifecycle() {
	}

}
