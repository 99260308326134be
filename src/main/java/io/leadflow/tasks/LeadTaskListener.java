package io.leadflow.tasks;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyChange;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

import io.leadflow.calendar.TimeZones;
import io.leadflow.lead.LeadAssignees;
import io.leadflow.lead.LeadEvents;
import io.leadflow.lifecycle.CallerGuard;
import io.leadflow.lifecycle.ClaimedTaskRefusal;
import io.leadflow.lifecycle.TaskContract;
import io.leadflow.system.HumanWords;

/**
 * The user tasks of {@code lead-lifecycle} ({@code ${leadTaskListener}} on every user task).
 * When a task is made, it clears the variables its completion must set, so a value left by an
 * earlier task never passes for a new answer, and puts the lead's package on the task for its form.
 * When a task is completed, the task's own {@link LeadTask} checks the answer against the task's
 * contract and records what it changes of the lead, in the same transaction as the completion; a
 * broken contract rolls the completion back. A claimed task is its claimer's: a teammate can
 * neither take it over nor answer it; managers, marketing and administrators may reassign it, and
 * that is recorded.
 */
@Component("leadTaskListener")
class LeadTaskListener implements TaskListener {

	private final Map<String, LeadTask> tasks;

	private final LeadPackage leadPackage;

	private final TaskDueDates dueDates;

	private final LeadEvents events;

	private final IdentityService identityService;

	private final TimeZones timeZones;

	private final LeadAssignees assignees;

	LeadTaskListener(List<LeadTask> tasks, LeadPackage leadPackage, TaskDueDates dueDates, LeadEvents events,
			IdentityService identityService, TimeZones timeZones, LeadAssignees assignees) {
		this.tasks = tasks.stream().collect(Collectors.toUnmodifiableMap(LeadTask::taskKey, Function.identity()));
		List<String> withoutHandler = Arrays.stream(TaskContract.values())
			.map(TaskContract::taskKey)
			.filter(key -> !this.tasks.containsKey(key))
			.toList();
		if (!withoutHandler.isEmpty()) {
			throw new IllegalStateException("No LeadTask for the user tasks " + withoutHandler);
		}
		this.leadPackage = leadPackage;
		this.dueDates = dueDates;
		this.events = events;
		this.identityService = identityService;
		this.timeZones = timeZones;
		this.assignees = assignees;
	}

	@Override
	public void notify(DelegateTask task) {
		switch (task.getEventName()) {
			case EVENTNAME_CREATE -> created(task);
			case EVENTNAME_ASSIGNMENT -> assigned(task);
			case EVENTNAME_COMPLETE -> {
				refuseUnlessHolderOrPrivileged(task, task.getAssignee(), "answer");
				of(task).completed(task, leadId(task), new TaskVariables(task));
			}
			default -> {
			}
		}
	}

	private void created(DelegateTask task) {
		TaskContract.allAnswers().forEach(task::removeVariable);
		String leadId = leadId(task);
		of(task).created(task, leadId);
		// every list in Tasklist says whose lead it is; the columns read the task's own variables,
		// which its assignee and candidates may read
		LeadPackage.ForTask forms = leadPackage.forTask(leadId);
		LeadPackage.Summary lead = forms.summary();
		task.setName(task.getName() + ": " + lead.title());
		task.setVariableLocal(TASK_LEAD_COMPANY, lead.company());
		task.setVariableLocal(TASK_LEAD_GRADE, lead.grade());
		task.setVariableLocal(TASK_LEAD_TEAM, lead.team());
		if (task.getDueDate() == null) {
			dueDates.of(task.getTaskDefinitionKey()).ifPresent(task::setDueDate);
		}
		if (task.getDueDate() != null) {
			// on the holder's clock: a deadline counted in Berlin working hours reads as Berlin time
			ZoneId zone = timeZones.of(task.getAssignee(), TEAM.get(task));
			task.setVariableLocal(TASK_DUE, HumanWords.when(task.getDueDate(), zone) + ", "
					+ HumanWords.span(Duration.between(task.getCreateTime().toInstant(), task.getDueDate().toInstant()))
					+ " after the task was made");
		}
		task.setVariableLocal(FORM_LEAD, forms.lead());
		task.setVariableLocal(FORM_HISTORY, forms.history());
		task.setVariableLocal(FORM_REJECTIONS, forms.rejections());
	}

	/** A task handed from one holder to another: refused for a teammate, recorded for a manager. */
	private void assigned(DelegateTask task) {
		PropertyChange change = task instanceof TaskEntity entity ? entity.getPropertyChanges().get(TaskEntity.ASSIGNEE)
				: null;
		String before = change == null ? null : (String) change.getOrgValue();
		assignees.record(leadId(task), task.getAssignee());
		if (before == null || before.equals(task.getAssignee())) {
			return;
		}
		refuseUnlessHolderOrPrivileged(task, before, "take over");
		events.reassigned(leadId(task), describe(task), before, task.getAssignee());
	}

	private void refuseUnlessHolderOrPrivileged(DelegateTask task, String holder, String what) {
		Authentication caller = identityService.getCurrentAuthentication();
		if (holder == null || caller == null || caller.getUserId() == null || caller.getUserId().equals(holder)) {
			return;
		}
		if (!CallerGuard.mayHandTasksOn(caller)) {
			throw new ClaimedTaskRefusal(caller.getUserId() + " may not " + what + " task " + task.getId() + " ("
					+ describe(task) + "): " + holder + " holds it");
		}
	}

	private LeadTask of(DelegateTask task) {
		LeadTask handler = tasks.get(task.getTaskDefinitionKey());
		if (handler == null) {
			throw new IllegalStateException("No contract for task " + task.getTaskDefinitionKey());
		}
		return handler;
	}

	private static String describe(DelegateTask task) {
		return task.getName() == null ? task.getTaskDefinitionKey() : task.getName();
	}

	/** Task-local copies of who the lead is, for the columns of Tasklist's filters. */
	static final String TASK_LEAD_COMPANY = "leadCompany";

	static final String TASK_LEAD_GRADE = "leadGrade";

	static final String TASK_LEAD_TEAM = "leadTeam";

	/** When the task is due, in words, for its form. */
	static final String TASK_DUE = "taskDue";

	/** Always the task's own instance's lead, whatever variables anyone set. */
	private static String leadId(DelegateTask task) {
		return task.getExecution().getProcessBusinessKey();
	}

}
