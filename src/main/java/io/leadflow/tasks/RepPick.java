package io.leadflow.tasks;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

import io.leadflow.lifecycle.TaskContractViolation;
import io.leadflow.routing.Reps;

/** A manager's pick of a rep, named in {@code assignee}: it must be a rep, and becomes the lead's rep. */
@Component
class RepPick {

	private final Reps reps;

	RepPick(Reps reps) {
		this.reps = reps;
	}

	String chosen(DelegateTask task, TaskVariables answer) {
		String assignee = answer.requiredText(ASSIGNEE);
		if (!reps.isRep(assignee)) {
			throw new TaskContractViolation(ASSIGNEE, "must be the user id of a sales or partner rep, not " + assignee);
		}
		REP.set(task, assignee);
		OFFER_GROUPS.set(task, List.of());
		return assignee;
	}

}
