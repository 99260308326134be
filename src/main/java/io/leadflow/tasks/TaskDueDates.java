package io.leadflow.tasks;

import java.util.Date;
import java.util.Optional;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.dmn.DecisionsEvaluationBuilder;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import io.leadflow.system.SystemAccess;

/**
 * When a task of marketing or a manager is due, from the {@code task-due-dates} table. The
 * duration is resolved by the engine's due-date calendar, the one that also resolves
 * {@code camunda:dueDate} on the reps' tasks, so both follow the same clock.
 */
@Component
class TaskDueDates {

	static final String DECISION = "task-due-dates";

	private final DecisionService decisionService;

	private final SystemAccess system;

	TaskDueDates(DecisionService decisionService, SystemAccess system) {
		this.decisionService = decisionService;
		this.system = system;
	}

	/** The due date of a task made now, or empty when the table has no rule for it. */
	Optional<Date> of(String taskKey) {
		// whoever's completion made this task, reading the table is Leadflow's own doing
		Object dueIn = system.call(() -> {
			DecisionsEvaluationBuilder evaluation = decisionService.evaluateDecisionByKey(DECISION)
				.variables(Variables.putValue("taskKey", taskKey));
			var result = evaluation.evaluate().getFirstResult();
			return result == null ? null : result.getEntry("dueIn");
		});
		if (!(dueIn instanceof String duration) || duration.isBlank()) {
			return Optional.empty();
		}
		return Optional.of(Context.getProcessEngineConfiguration()
			.getBusinessCalendarManager()
			.getBusinessCalendar(DueDateBusinessCalendar.NAME)
			.resolveDuedate(duration));
	}

}
