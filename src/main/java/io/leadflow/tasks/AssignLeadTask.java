package io.leadflow.tasks;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

import io.leadflow.lead.LeadEvents;

/** {@code AssignLead}: nobody in the team could take the lead, so a manager picks the rep. */
@Component
class AssignLeadTask implements LeadTask {

	private final LeadEvents events;

	private final RepPick pick;

	AssignLeadTask(LeadEvents events, RepPick pick) {
		this.events = events;
		this.pick = pick;
	}

	@Override
	public String taskKey() {
		return TASK_ASSIGN_LEAD;
	}

	@Override
	public void created(DelegateTask task, String leadId) {
		pick.offer(task);
	}

	@Override
	public void completed(DelegateTask task, String leadId, TaskVariables answer) {
		RepPick.Pick chosen = pick.chosen(task, answer);
		events.assignedByManager(leadId, TEAM.get(task), chosen.rep(), chosen.caveat());
	}

}
