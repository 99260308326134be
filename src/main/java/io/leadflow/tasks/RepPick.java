package io.leadflow.tasks;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

import io.leadflow.lifecycle.TaskContractViolation;
import io.leadflow.routing.Reps;
import io.leadflow.routing.Reps.Choice;

/**
 * A manager's pick of a rep. The form offers the reps (the team's first) with their open leads and
 * availability; the pick, named in {@code assignee}, must be a rep, and one who is out of office or
 * at capacity only with {@code assignUnavailable} ticked. The pick becomes the lead's rep.
 */
@Component
class RepPick {

	/** Task-local: the ids of the offered reps who cannot take a lead now, for the form's confirmation box. */
	static final String UNAVAILABLE_REPS = "unavailableReps";

	private final Reps reps;

	RepPick(Reps reps) {
		this.reps = reps;
	}

	/** Puts the reps to choose from on the task, as they stand when the task is made. */
	void offer(DelegateTask task) {
		List<Choice> choices = reps.choices(TEAM.get(task));
		task.setVariableLocal(FORM_REP_CHOICES,
				choices.stream().map(choice -> Map.of("label", choice.label(), "value", choice.id())).toList());
		task.setVariableLocal(UNAVAILABLE_REPS, choices.stream().filter(Choice::unavailable).map(Choice::id).toList());
	}

	Pick chosen(DelegateTask task, TaskVariables answer) {
		String assignee = answer.requiredText(ASSIGNEE);
		if (!reps.isRep(assignee)) {
			throw new TaskContractViolation(ASSIGNEE, "must be the user id of a sales or partner rep, not " + assignee);
		}
		Optional<String> unavailable = reps.unavailableBecause(assignee);
		if (unavailable.isPresent() && !answer.optionalFlag(ASSIGN_UNAVAILABLE)) {
			throw new TaskContractViolation(ASSIGNEE, assignee + " is " + unavailable.get()
					+ ": confirm with assignUnavailable (\"Assign anyway\") to give them the lead");
		}
		REP.set(task, assignee);
		OFFER_GROUPS.set(task, List.of());
		return new Pick(assignee, unavailable.orElse(null));
	}

	/** @param caveat why the rep could not take a lead when the manager gave it to them anyway; null if they could */
	record Pick(String rep, String caveat) {
	}

}
