package io.leadflow.calendar;

import java.util.Date;
import java.util.Optional;
import java.util.function.Function;

import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;

/**
 * One of the engine's calendars ({@code duration} for timer durations, {@code dueDate} for task due
 * and follow-up dates) counting a duration in the working time of the execution's team, and
 * leaving everything else — dates, a process without a team, a duration it does not count — to
 * the engine's own calendar it replaces.
 *
 * <p>The engine hands a timer's calendar no execution, and a task's only the task: the execution
 * is the one the engine is working on in this thread, which is the one whose timer or task it is
 * making.
 */
final class WorkingTimeBusinessCalendar implements BusinessCalendar {

	private final BusinessCalendar engines;

	private final Function<ExecutionEntity, Optional<WorkingCalendar>> calendarOf;

	WorkingTimeBusinessCalendar(BusinessCalendar engines, Function<ExecutionEntity, Optional<WorkingCalendar>> calendarOf) {
		this.engines = engines;
		this.calendarOf = calendarOf;
	}

	@Override
	public Date resolveDuedate(String duedate) {
		return resolve(duedate, null, current()).orElseGet(() -> engines.resolveDuedate(duedate));
	}

	@Override
	public Date resolveDuedate(String duedate, Date startDate) {
		return resolve(duedate, startDate, current()).orElseGet(() -> engines.resolveDuedate(duedate, startDate));
	}

	@Override
	public Date resolveDuedate(String duedate, Task task) {
		ExecutionEntity execution = task instanceof TaskEntity entity && entity.getExecution() != null
				? entity.getExecution() : current();
		return resolve(duedate, null, execution).orElseGet(() -> engines.resolveDuedate(duedate, task));
	}

	private Optional<Date> resolve(String duedate, Date startDate, ExecutionEntity execution) {
		if (duedate == null || execution == null || !duedate.trim().startsWith("P")) {
			return Optional.empty();
		}
		Date start = startDate != null ? startDate : ClockUtil.getCurrentTime();
		return calendarOf.apply(execution)
			.flatMap(calendar -> calendar.plus(start.toInstant(), duedate))
			.map(Date::from);
	}

	private static ExecutionEntity current() {
		BpmnExecutionContext context = Context.getBpmnExecutionContext();
		return context == null ? null : context.getExecution();
	}

}
