package io.leadflow.tasks;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

import io.leadflow.lead.LeadEvents;
import io.leadflow.lifecycle.TaskContract.StaleLeadAction;

/** {@code ReviewStaleLead}: an accepted lead went without news too long; the manager looks at it. */
@Component
class ReviewStaleLeadTask implements LeadTask {

	private final LeadEvents events;

	ReviewStaleLeadTask(LeadEvents events) {
		this.events = events;
	}

	@Override
	public String taskKey() {
		return TASK_REVIEW_STALE_LEAD;
	}

	@Override
	public void created(DelegateTask task, String leadId) {
		events.goneStale(leadId, REP.get(task), DISPOSITION_POLICY.get(task).staleAfter());
	}

	@Override
	public void completed(DelegateTask task, String leadId, TaskVariables answer) {
		StaleLeadAction action = answer.choice(ACTION, StaleLeadAction.class);
		String comment = answer.optionalText(COMMENT);
		REJECTED_BY.set(task, null);
		if (action == StaleLeadAction.REMIND) {
			events.staleLeadKept(leadId, action.name(), comment);
			return;
		}
		String rep = REP.get(task);
		BREACHED_BY.set(task, rep);
		events.staleLeadTakenAway(leadId, rep, TEAM.get(task), action.name(), comment);
	}

}
