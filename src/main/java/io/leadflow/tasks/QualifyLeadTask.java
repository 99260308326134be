package io.leadflow.tasks;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

import io.leadflow.lead.LeadEvents;
import io.leadflow.lead.LeadEvents.QualificationRoute;
import io.leadflow.lifecycle.TaskContract.QualifyAction;

/** {@code QualifyLead}: marketing checks a lead the qualification table wanted checked. */
@Component
class QualifyLeadTask implements LeadTask {

	private final LeadEvents events;

	QualifyLeadTask(LeadEvents events) {
		this.events = events;
	}

	@Override
	public String taskKey() {
		return TASK_QUALIFY_LEAD;
	}

	@Override
	public void completed(DelegateTask task, String leadId, TaskVariables answer) {
		QualifyAction action = answer.choice(ACTION, QualifyAction.class);
		events.checkedByMarketing(leadId, QualificationRoute.valueOf(action.name()), answer.optionalText(COMMENT));
	}

}
