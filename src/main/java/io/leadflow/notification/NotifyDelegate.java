package io.leadflow.notification;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadRepository.Lead;

/**
 * The send tasks of {@code lead-lifecycle} ({@code ${notify}}, with input parameter {@code mailKind}):
 * who gets which mail follows from the kind and the lead's state. Each runs as its own
 * asynchronous step, so a mail outage holds up only the mail, never the lead.
 */
@Component("notify")
class NotifyDelegate implements JavaDelegate {

	static final String MAIL_KIND = "mailKind";

	private static final String MANAGERS = "sales-managers";

	private final Mails mails;

	private final LeadRepository leads;

	private final IdentityService identityService;

	private final TaskService taskService;

	NotifyDelegate(Mails mails, LeadRepository leads, IdentityService identityService, TaskService taskService) {
		this.mails = mails;
		this.leads = leads;
		this.identityService = identityService;
		this.taskService = taskService;
	}

	@Override
	public void execute(DelegateExecution execution) {
		MailKind kind = MailKind.valueOf((String) execution.getVariableLocal(MAIL_KIND));
		String leadId = (String) execution.getVariable(LEAD_ID);
		Lead lead = leads.findById(leadId).orElseThrow();
		String rep = (String) execution.getVariable(REP);
		String team = (String) execution.getVariable(TEAM);
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("lead", lead);
		model.put("team", team);
		model.put("acceptancePolicy", execution.getVariable(ACCEPTANCE_POLICY));
		model.put("breachedBy", execution.getVariable(BREACHED_BY));

		switch (kind) {
			case LEAD_ASSIGNED -> {
				openTask(execution, TASK_REVIEW_LEAD, model);
				if (rep != null) {
					boolean returned = rep.equals(execution.getVariable(RETURNED_TO));
					send(returned ? MailKind.LEAD_RETURNED : MailKind.LEAD_ASSIGNED, execution, lead, rep, model);
				}
				else {
					// offered to the whole team: every rep of it may claim the lead
					for (String member : members(team)) {
						send(MailKind.LEAD_OFFERED, execution, lead, member, model);
					}
				}
			}
			case ESCALATED -> {
				openTask(execution, TASK_HANDLE_UNACCEPTED_LEAD, model);
				for (String manager : managersOf(team)) {
					send(MailKind.ESCALATED, execution, lead, manager, model);
				}
				String breachedBy = (String) execution.getVariable(BREACHED_BY);
				if (breachedBy != null) {
					send(MailKind.REASSIGNED_AWAY, execution, lead, breachedBy, model);
				}
			}
			case ACCEPTANCE_REMINDER -> {
				openTask(execution, TASK_REVIEW_LEAD, model);
				remind(kind, execution, lead, rep, model);
			}
			case DISPOSITION_REMINDER -> {
				openTask(execution, TASK_REPORT_DISPOSITION, model);
				remind(kind, execution, lead, rep, model);
			}
			default -> throw new IllegalStateException(kind + " is not sent by a step of the lifecycle");
		}
	}

	private void remind(MailKind kind, DelegateExecution execution, Lead lead, String rep, Map<String, Object> model) {
		if (rep != null) {
			send(kind, execution, lead, rep, model);
		}
	}

	private void send(MailKind kind, DelegateExecution execution, Lead lead, String userId, Map<String, Object> model) {
		String title = lead.contact().fullName() + ", " + lead.account().name();
		mails.send(kind, lead.id(), title, userId, execution.getActivityInstanceId(), model);
	}

	/** The task the mail is about, for its link into Tasklist. */
	private void openTask(DelegateExecution execution, String taskKey, Map<String, Object> model) {
		Task task = taskService.createTaskQuery()
			.processInstanceId(execution.getProcessInstanceId())
			.taskDefinitionKey(taskKey)
			.singleResult();
		model.put("taskId", task == null ? null : task.getId());
	}

	private List<String> members(String group) {
		return group == null ? List.of()
				: identityService.createUserQuery().memberOfGroup(group).list().stream().map(User::getId).toList();
	}

	/** The managers who are in the team's group, or every sales manager when the team has none of its own. */
	private Set<String> managersOf(String team) {
		Set<String> managers = new LinkedHashSet<>(members(MANAGERS));
		Set<String> own = new LinkedHashSet<>(managers);
		own.retainAll(members(team));
		return own.isEmpty() ? managers : own;
	}

}
