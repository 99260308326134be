package io.leadflow.lifecycle;

import static io.leadflow.system.ProcessVariable.*;

import java.util.List;

import io.leadflow.lifecycle.DecisionResults.AcceptancePolicy;
import io.leadflow.lifecycle.DecisionResults.DispositionPolicy;
import io.leadflow.lifecycle.DecisionResults.Qualification;
import io.leadflow.lifecycle.DecisionResults.RejectionPolicy;
import io.leadflow.system.ProcessVariable;

/**
 * The names that {@code processes/lead-lifecycle.bpmn} and other systems share: the process id,
 * the user task ids and the variables, each declared once with its type. Other systems complete
 * tasks through /engine-rest with the answer names below ({@link TaskContract} says which task
 * takes which, and their values), so these are a contract, kept in one place.
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

	/** The lead's id, for the models; Java takes it from the business key, which nobody can change. */
	public static final ProcessVariable<String> LEAD_ID = text("leadId");

	/** Whose lead it is, so a manager finds "the Acme lead" in Cockpit by a variable search; no table reads them. */
	public static final ProcessVariable<String> COMPANY = text("company");
	public static final ProcessVariable<String> CONTACT_NAME = text("contactName");

	// what the qualification table decides on
	public static final ProcessVariable<String> ROLE_LEVEL = text("roleLevel");
	public static final ProcessVariable<String> TITLE = text("title");
	public static final ProcessVariable<String> EMAIL_DOMAIN = text("emailDomain");
	public static final ProcessVariable<Integer> EMPLOYEES = whole("employees");
	public static final ProcessVariable<String> INDUSTRY = text("industry");
	public static final ProcessVariable<Boolean> BUDGET_ESTABLISHED = flag("budgetEstablished");
	public static final ProcessVariable<Boolean> AUTHORITY = flag("authority");
	public static final ProcessVariable<Boolean> NEED = flag("need");
	public static final ProcessVariable<Integer> TIMELINE_MONTHS = whole("timelineMonths");
	public static final ProcessVariable<String> SOURCE = text("source");

	// what the routing table decides on, besides employees and industry
	public static final ProcessVariable<String> COUNTRY = text("country");
	public static final ProcessVariable<String> PRODUCT_INTEREST = text("productInterest");
	public static final ProcessVariable<Boolean> PARTNER_PREFERENCE = flag("partnerPreference");

	// decision results, each read into a record of its table's outputs
	public static final ProcessVariable<Qualification> QUALIFICATION = decision("qualification", Qualification::of);
	public static final ProcessVariable<RoutingPlan> ROUTING = decision("routing", RoutingPlan::of);
	public static final ProcessVariable<RejectionPolicy> REJECTION_POLICY = decision("rejectionPolicy",
			RejectionPolicy::of);
	public static final ProcessVariable<AcceptancePolicy> ACCEPTANCE_POLICY = decision("acceptancePolicy",
			AcceptancePolicy::of);
	public static final ProcessVariable<DispositionPolicy> DISPOSITION_POLICY = decision("dispositionPolicy",
			DispositionPolicy::of);

	// the qualification laid out for the gateways
	public static final ProcessVariable<Integer> SCORE = whole("score");
	public static final ProcessVariable<String> GRADE = text("grade");
	public static final ProcessVariable<String> ROUTE = text("route");
	public static final ProcessVariable<Boolean> NEEDS_CHECK = flag("needsCheck");

	// where the lead is in routing
	public static final ProcessVariable<String> TEAM = text("team");
	public static final ProcessVariable<String> CHANNEL = text("channel");
	/** The rep the lead is routed to; empty when nobody in the team is eligible. */
	public static final ProcessVariable<String> REP = text("rep");
	/** Which of the teams the routing table lines up the lead is offered to now (partner cascade). */
	public static final ProcessVariable<Integer> TEAM_INDEX = whole("teamIndex");
	/** Candidate groups of ReviewLead: empty, or the team when the lead is offered to all of it. */
	public static final ProcessVariable<List<String>> OFFER_GROUPS = texts("offerGroups");
	/** The rep who rejected the lead before it went back to cultivation: offered it first when it returns. */
	public static final ProcessVariable<String> RETURNING_REP = text("returningRep");
	public static final ProcessVariable<Integer> REJECTION_COUNT = whole("rejectionCount");
	/** The rep whose rejection is being handled; offered the lead again if it is re-baked. */
	public static final ProcessVariable<String> REJECTED_BY = text("rejectedBy");
	/** The rep who let the acceptance deadline pass, or let an accepted lead go stale. */
	public static final ProcessVariable<String> BREACHED_BY = text("breachedBy");
	/** Deadlines passed one after the other, with no rep accepting or rejecting in between. */
	public static final ProcessVariable<Integer> BREACHES_IN_A_ROW = whole("breachesInARow");
	/** The team a rep said a wrong-territory lead belongs to: routing takes it there instead of the table's team. */
	public static final ProcessVariable<String> CORRECTED_TEAM = text("correctedTeam");
	/** The rep a re-baked lead was just handed back to, for the mail that tells them. */
	public static final ProcessVariable<String> RETURNED_TO = text("returnedTo");

	// set when a user task is completed; which task takes which, and their values: TaskContract
	public static final String DECISION = "decision";
	public static final String REJECTION_REASON = "rejectionReason";
	public static final String COMMENT = "comment";
	public static final String OUTCOME = "outcome";
	public static final String DEAL_VALUE = "dealValue";
	public static final String REASON = "reason";
	/** Why a lead was lost: a code of the table lost-reasons; set for every outcome. */
	public static final String LOST_REASON = "lostReason";
	/** A lead lost for a reason that sends it back to cultivation (lost-reasons); the gateway reads it. */
	public static final String LOST_BACK_TO_CULTIVATION = "lostBackToCultivation";
	public static final String ACTION = "action";
	public static final String ASSIGNEE = "assignee";
	/** On a wrong-territory rejection: the team (group id, e.g. territory-na) the lead belongs to. */
	public static final String SUGGESTED_TEAM = "suggestedTeam";
	/** The manager confirms giving the lead to a rep who is out of office or at capacity. */
	public static final String ASSIGN_UNAVAILABLE = "assignUnavailable";

	// task-local, for the forms: the lead's package as it stood when the task was made
	public static final String FORM_LEAD = "lead";
	public static final String FORM_HISTORY = "leadHistory";
	public static final String FORM_REJECTIONS = "leadRejections";
	/** The teams a rep may name for a wrong territory, as a form select's options. */
	public static final String FORM_TEAM_CHOICES = "teamChoices";
	/** The reps a manager may pick, with their team and availability, as a form select's options. */
	public static final String FORM_REP_CHOICES = "repChoices";
	/** The reasons a rep may reject the lead for (rejection-reasons), as a form select's options. */
	public static final String FORM_REJECTION_REASON_CHOICES = "rejectionReasonChoices";
	/** The reasons a lead may be lost for (lost-reasons), as a form select's options. */
	public static final String FORM_LOST_REASON_CHOICES = "lostReasonChoices";
	/** The lead missed as many deadlines in a row as the acceptance table allows: the manager picks the rep. */
	public static final String MANAGER_MUST_PICK = "managerMustPick";

	private LeadLifecycle() {
	}

}
