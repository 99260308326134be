package io.leadflow.lifecycle;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import java.math.BigDecimal;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyChange;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

import io.leadflow.lead.HistoryType;
import io.leadflow.lead.LeadBreaches;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lead.LeadRejections;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadStatus;
import io.leadflow.lifecycle.DecisionResults.DispositionPolicy;
import io.leadflow.lifecycle.TaskContract.Decision;
import io.leadflow.lifecycle.TaskContract.EvaluationAction;
import io.leadflow.lifecycle.TaskContract.LostReason;
import io.leadflow.lifecycle.TaskContract.Outcome;
import io.leadflow.lifecycle.TaskContract.QualifyAction;
import io.leadflow.lifecycle.TaskContract.RejectedLeadAction;
import io.leadflow.lifecycle.TaskContract.RejectionReason;
import io.leadflow.lifecycle.TaskContract.StaleLeadAction;
import io.leadflow.lifecycle.TaskContract.UnacceptedLeadAction;
import io.leadflow.routing.Reps;

/**
 * The user tasks of {@code lead-lifecycle} ({@code ${leadTaskListener}} on every user task).
 * When a task is made, it clears the variables its completion must set, so a value left by an
 * earlier task never passes for a new answer, and puts the lead's package on the task for its form.
 * When a task is completed, it checks the answer against the task's contract and records what it
 * changes of the lead — status, owner, history, rejections — in the same transaction as the
 * completion. A broken contract rolls the completion back. A claimed task is its claimer's: a
 * teammate can neither take it over nor answer it; managers, marketing and administrators may
 * reassign it, and that is recorded.
 */
@Component("leadTaskListener")
class LeadTaskListener implements TaskListener {

	private final LeadRepository leads;

	private final LeadHistory history;

	private final LeadRejections rejections;

	private final LeadPackage leadPackage;

	private final Reps reps;

	private final LeadBreaches breaches;

	private final IdentityService identityService;

	LeadTaskListener(LeadRepository leads, LeadHistory history, LeadRejections rejections, LeadPackage leadPackage,
			Reps reps, LeadBreaches breaches, IdentityService identityService) {
		this.identityService = identityService;
		this.breaches = breaches;
		this.leads = leads;
		this.history = history;
		this.rejections = rejections;
		this.leadPackage = leadPackage;
		this.reps = reps;
	}

	@Override
	public void notify(DelegateTask task) {
		switch (task.getEventName()) {
			case EVENTNAME_CREATE -> created(task);
			case EVENTNAME_ASSIGNMENT -> assigned(task);
			case EVENTNAME_COMPLETE -> {
				refuseUnlessHolderOrPrivileged(task, task.getAssignee(), "answer");
				completed(task);
			}
			default -> {
			}
		}
	}

	private void created(DelegateTask task) {
		TaskContract.allAnswers().forEach(task::removeVariable);
		String leadId = leadId(task);
		if (TASK_HANDLE_REJECTED_LEAD.equals(task.getTaskDefinitionKey())) {
			history.record(leadId, HistoryType.ESCALATED_TO_MANAGER,
					"Rejected by " + task.getVariable(REJECTION_COUNT) + " reps: a manager decides");
		}
		if (TASK_REVIEW_STALE_LEAD.equals(task.getTaskDefinitionKey())) {
			leads.updateStatus(leadId, LeadStatus.ESCALATED);
			history.record(leadId, HistoryType.STALE, "No outcome reported by " + task.getVariable(REP) + " within "
					+ DispositionPolicy.of(task.getVariable(DISPOSITION_POLICY)).staleAfter() + ": a manager looks at the lead");
		}
		task.setVariableLocal(FORM_LEAD, leadPackage.lead(leadId));
		task.setVariableLocal(FORM_HISTORY, leadPackage.history(leadId));
		task.setVariableLocal(FORM_REJECTIONS, leadPackage.rejections(leadId));
	}

	/** A task handed from one holder to another: refused for a teammate, recorded for a manager. */
	private void assigned(DelegateTask task) {
		PropertyChange change = task instanceof TaskEntity entity ? entity.getPropertyChanges().get(TaskEntity.ASSIGNEE)
				: null;
		String before = change == null ? null : (String) change.getOrgValue();
		if (before == null || before.equals(task.getAssignee())) {
			return;
		}
		refuseUnlessHolderOrPrivileged(task, before, "take over");
		history.record(leadId(task), HistoryType.REASSIGNED, describeTask(task) + " handed from " + before + " to "
				+ (task.getAssignee() == null ? "the team again" : task.getAssignee()) + " by " + history.currentActor());
	}

	private void refuseUnlessHolderOrPrivileged(DelegateTask task, String holder, String what) {
		Authentication caller = identityService.getCurrentAuthentication();
		if (holder == null || caller == null || caller.getUserId() == null || caller.getUserId().equals(holder)) {
			return;
		}
		if (!CallerGuard.mayHandTasksOn(caller)) {
			throw new ClaimedTaskRefusal(caller.getUserId() + " may not " + what + " task " + task.getId() + " ("
					+ describeTask(task) + "): " + holder + " holds it");
		}
	}

	private static String describeTask(DelegateTask task) {
		return task.getName() == null ? task.getTaskDefinitionKey() : task.getName();
	}

	/** Thrown from the listener, unwrapped again by {@link TaskContractUnwrapping}: the REST API answers 403. */
	static final class ClaimedTaskRefusal extends AuthorizationException {

		ClaimedTaskRefusal(String message) {
			super(message);
		}

	}

	private void completed(DelegateTask task) {
		String leadId = leadId(task);
		TaskVariables answer = new TaskVariables(task);
		switch (task.getTaskDefinitionKey()) {
			case TASK_QUALIFY_LEAD -> qualified(leadId, answer);
			case TASK_ASSIGN_LEAD -> assignedByManager(task, leadId, answer);
			case TASK_REVIEW_LEAD -> reviewed(task, leadId, answer);
			case TASK_EVALUATE_REJECTED_LEAD -> evaluated(leadId, answer);
			case TASK_HANDLE_REJECTED_LEAD -> handledByManager(task, leadId, answer);
			case TASK_HANDLE_UNACCEPTED_LEAD -> handledUnaccepted(task, leadId, answer);
			case TASK_REVIEW_STALE_LEAD -> reviewedStale(task, leadId, answer);
			case TASK_REPORT_DISPOSITION -> disposed(task, leadId, answer);
			default -> throw new IllegalStateException("No contract for task " + task.getTaskDefinitionKey());
		}
	}

	private void qualified(String leadId, TaskVariables answer) {
		QualifyAction action = answer.choice(ACTION, QualifyAction.class);
		String comment = answer.optionalText(COMMENT);
		history.record(leadId, HistoryType.QUALIFICATION_CHECKED, describe(action.name(), comment));
		if (action == QualifyAction.CULTIVATE) {
			leads.updateStatus(leadId, LeadStatus.CULTIVATING);
		}
		else if (action == QualifyAction.DISQUALIFY) {
			disqualify(leadId, comment);
		}
	}

	private void assignedByManager(DelegateTask task, String leadId, TaskVariables answer) {
		String assignee = assignRep(task, leadId, answer);
		history.record(leadId, HistoryType.ASSIGNED_BY_MANAGER, "Assigned to " + assignee);
	}

	/** The manager's pick of a rep, named in {@code assignee}, becomes the lead's rep. */
	private String assignRep(DelegateTask task, String leadId, TaskVariables answer) {
		String assignee = answer.requiredText(ASSIGNEE);
		if (!reps.isRep(assignee)) {
			throw new TaskContractViolation(ASSIGNEE, "must be the user id of a sales or partner rep, not " + assignee);
		}
		task.setVariable(REP, assignee);
		task.setVariable(OFFER_GROUPS, List.of());
		leads.updateOwner(leadId, (String) task.getVariable(TEAM), assignee);
		leads.updateStatus(leadId, LeadStatus.ROUTED);
		return assignee;
	}

	private void handledByManager(DelegateTask task, String leadId, TaskVariables answer) {
		RejectedLeadAction action = answer.choice(ACTION, RejectedLeadAction.class);
		String comment = answer.optionalText(COMMENT);
		String decided = action == RejectedLeadAction.ASSIGN ? "ASSIGN to " + assignRep(task, leadId, answer)
				: action.name();
		history.record(leadId, HistoryType.MANAGER_DECIDED, describe(decided, comment));
		if (action == RejectedLeadAction.DISQUALIFY) {
			disqualify(leadId, comment);
		}
	}

	private void handledUnaccepted(DelegateTask task, String leadId, TaskVariables answer) {
		UnacceptedLeadAction action = answer.choice(ACTION, UnacceptedLeadAction.class);
		String comment = answer.optionalText(COMMENT);
		Integer inARow = (Integer) task.getVariable(BREACHES_IN_A_ROW);
		if (action == UnacceptedLeadAction.REASSIGN && inARow != null && inARow >= 2) {
			throw new TaskContractViolation(ACTION, "REASSIGN is not possible after " + inARow
					+ " missed deadlines in a row: ASSIGN a rep you pick, or CULTIVATE");
		}
		String decided = action == UnacceptedLeadAction.ASSIGN ? "ASSIGN to " + assignRep(task, leadId, answer)
				: action.name();
		history.record(leadId, HistoryType.MANAGER_DECIDED, describe(decided, comment));
	}

	private void reviewedStale(DelegateTask task, String leadId, TaskVariables answer) {
		StaleLeadAction action = answer.choice(ACTION, StaleLeadAction.class);
		String comment = answer.optionalText(COMMENT);
		String rep = (String) task.getVariable(REP);
		task.setVariable(REJECTED_BY, null);
		if (action == StaleLeadAction.REMIND) {
			leads.updateStatus(leadId, LeadStatus.ACCEPTED);
		}
		else {
			breaches.record(leadId, rep, (String) task.getVariable(TEAM), LeadBreaches.STALE);
			task.setVariable(BREACHED_BY, rep);
			leads.updateOwner(leadId, (String) task.getVariable(TEAM), null);
		}
		history.record(leadId, HistoryType.MANAGER_DECIDED, describe(action.name(), comment));
	}

	private void reviewed(DelegateTask task, String leadId, TaskVariables answer) {
		// an offered lead's task belongs to whoever of the team claimed it; who answered is in the history row
		String rep = task.getAssignee() != null ? task.getAssignee() : history.currentActor();
		String team = (String) task.getVariable(TEAM);
		Decision decision = answer.choice(DECISION, Decision.class);
		task.setVariable(BREACHES_IN_A_ROW, 0);
		if (decision == Decision.ACCEPT) {
			task.setVariable(REP, rep);
			task.setVariable(OFFER_GROUPS, List.of());
			leads.updateOwner(leadId, team, rep);
			leads.updateStatus(leadId, LeadStatus.ACCEPTED);
			leads.findById(leadId).ifPresent(lead -> leads.claimAccountIfUnowned(lead.accountId(), rep));
			history.record(leadId, HistoryType.ACCEPTED, "Accepted by " + rep);
			return;
		}
		RejectionReason reason = answer.choice(REJECTION_REASON, RejectionReason.class);
		String comment = answer.requiredText(COMMENT);
		rejections.record(leadId, rep, team, reason.name(), comment);
		task.setVariable(REJECTED_BY, rep);
		task.setVariable(REJECTION_COUNT, rejections.countSinceCultivation(leadId));
		leads.updateOwner(leadId, team, null);
		leads.updateStatus(leadId, LeadStatus.REJECTED);
		history.record(leadId, HistoryType.REJECTED, "Rejected by " + rep + ": " + reason + " — " + comment);
	}

	private void evaluated(String leadId, TaskVariables answer) {
		EvaluationAction action = answer.choice(ACTION, EvaluationAction.class);
		String comment = answer.optionalText(COMMENT);
		history.record(leadId, HistoryType.REJECTION_EVALUATED, describe(action.name(), comment));
		if (action == EvaluationAction.DISQUALIFY) {
			disqualify(leadId, comment);
		}
	}

	private void disposed(DelegateTask task, String leadId, TaskVariables answer) {
		Outcome outcome = answer.choice(OUTCOME, Outcome.class);
		LostReason lostReason = answer.optionalChoice(LOST_REASON, LostReason.OTHER);
		// the gateway after the task reads it for every outcome
		task.setVariable(LOST_REASON, outcome == Outcome.LOST ? lostReason.name() : null);
		if (outcome == Outcome.WON) {
			BigDecimal dealValue = answer.requiredAmount(DEAL_VALUE);
			leads.updateDealValue(leadId, dealValue);
			leads.updateStatus(leadId, LeadStatus.WON);
			history.record(leadId, HistoryType.WON, "Won, deal value " + dealValue.toPlainString());
			return;
		}
		String reason = answer.requiredText(REASON);
		leads.updateStatus(leadId, LeadStatus.valueOf(outcome.name()));
		if (outcome == Outcome.NOT_A_LEAD) {
			history.record(leadId, HistoryType.NOT_A_LEAD, "Not a lead: " + reason);
			return;
		}
		if (lostReason == LostReason.TIMING) {
			// like a rep who rejected it as not ready yet: offered it first once it is ready again
			task.setVariable(REJECTED_BY, task.getVariable(REP));
			history.record(leadId, HistoryType.LOST, "Lost for timing: " + reason + " — back to cultivation, not lost for good");
			return;
		}
		history.record(leadId, HistoryType.LOST,
				(lostReason == LostReason.OTHER ? "Lost: " : "Lost (" + lostReason + "): ") + reason);
	}

	private void disqualify(String leadId, String comment) {
		leads.updateOwner(leadId, null, null);
		leads.updateStatus(leadId, LeadStatus.DISQUALIFIED);
		history.record(leadId, HistoryType.DISQUALIFIED, comment == null ? "Disqualified" : "Disqualified: " + comment);
	}

	private static String describe(String action, String comment) {
		return comment == null ? action : action + ": " + comment;
	}

	/** Always the task's own instance's lead, whatever variables anyone set. */
	private static String leadId(DelegateTask task) {
		return task.getExecution().getProcessBusinessKey();
	}

}
