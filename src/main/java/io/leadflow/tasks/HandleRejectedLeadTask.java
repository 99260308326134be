package io.leadflow.tasks;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

import io.leadflow.lead.LeadEvents;
import io.leadflow.lifecycle.TaskContract.RejectedLeadAction;

/** {@code HandleRejectedLead}: several reps rejected the lead, so a manager decides. */
@Component
class HandleRejectedLeadTask implements LeadTask {

	private final LeadEvents events;

	private final RepPick pick;

	HandleRejectedLeadTask(LeadEvents events, RepPick pick) {
		this.events = events;
		this.pick = pick;
	}

	@Override
	public String taskKey() {
		return TASK_HANDLE_REJECTED_LEAD;
	}

	@Override
	public void created(DelegateTask task, String leadId) {
		events.rejectionsEscalated(leadId, REJECTION_COUNT.getOrDefault(task, 0));
		pick.offer(task);
	}

	@Override
	public void completed(DelegateTask task, String leadId, TaskVariables answer) {
		RejectedLeadAction action = answer.choice(ACTION, RejectedLeadAction.class);
		String comment = answer.optionalText(COMMENT);
		if (action == RejectedLeadAction.ASSIGN) {
			RepPick.Pick chosen = pick.chosen(task, answer);
			events.managerAssigned(leadId, TEAM.get(task), chosen.rep(), chosen.caveat(), comment);
			return;
		}
		events.managerDecided(leadId, action.name(), comment);
		if (action == RejectedLeadAction.DISQUALIFY) {
			events.disqualified(leadId, comment);
		}
	}

}
