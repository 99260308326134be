package io.leadflow.tasks;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

import io.leadflow.lead.LeadEvents;
import io.leadflow.lifecycle.TaskContract.EvaluationAction;

/** {@code EvaluateRejectedLead}: marketing decides what a rejection means for the lead. */
@Component
class EvaluateRejectedLeadTask implements LeadTask {

	private final LeadEvents events;

	EvaluateRejectedLeadTask(LeadEvents events) {
		this.events = events;
	}

	@Override
	public String taskKey() {
		return TASK_EVALUATE_REJECTED_LEAD;
	}

	@Override
	public void completed(DelegateTask task, String leadId, TaskVariables answer) {
		EvaluationAction action = answer.choice(ACTION, EvaluationAction.class);
		String comment = answer.optionalText(COMMENT);
		events.rejectionEvaluated(leadId, action.name(), comment);
		if (action == EvaluationAction.DISQUALIFY) {
			events.disqualified(leadId, comment);
		}
	}

}
