package io.leadflow.tasks;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

import io.leadflow.lead.LeadEvents;
import io.leadflow.lifecycle.TaskContract.UnacceptedLeadAction;
import io.leadflow.lifecycle.TaskContractViolation;

/** {@code HandleUnacceptedLead}: the acceptance deadline passed, so the team's manager decides. */
@Component
class HandleUnacceptedLeadTask implements LeadTask {

	private final LeadEvents events;

	private final RepPick pick;

	HandleUnacceptedLeadTask(LeadEvents events, RepPick pick) {
		this.events = events;
		this.pick = pick;
	}

	@Override
	public String taskKey() {
		return TASK_HANDLE_UNACCEPTED_LEAD;
	}

	@Override
	public void created(DelegateTask task, String leadId) {
		pick.offer(task);
		// the form says so before the manager chooses, rather than refusing the choice after
		task.setVariableLocal(MANAGER_MUST_PICK, mustPick(task));
	}

	/** The acceptance table says after how many missed deadlines in a row routing again is over. */
	private static boolean mustPick(DelegateTask task) {
		return BREACHES_IN_A_ROW.getOrDefault(task, 0) >= ACCEPTANCE_POLICY.get(task).managerPicksAfter();
	}

	@Override
	public void completed(DelegateTask task, String leadId, TaskVariables answer) {
		UnacceptedLeadAction action = answer.choice(ACTION, UnacceptedLeadAction.class);
		String comment = answer.optionalText(COMMENT);
		if (action == UnacceptedLeadAction.REASSIGN && mustPick(task)) {
			int inARow = BREACHES_IN_A_ROW.getOrDefault(task, 0);
			throw new TaskContractViolation(ACTION, "REASSIGN is not possible after " + inARow + " missed deadline"
					+ (inARow == 1 ? "" : "s") + " in a row: ASSIGN a rep you pick, or CULTIVATE");
		}
		if (action == UnacceptedLeadAction.ASSIGN) {
			RepPick.Pick chosen = pick.chosen(task, answer);
			events.managerAssigned(leadId, TEAM.get(task), chosen.rep(), chosen.caveat(), comment);
			return;
		}
		events.managerDecided(leadId, action.name(), comment);
	}

}
