package io.leadflow.notification;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import io.leadflow.calendar.TimeZones;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadWords;
import io.leadflow.lifecycle.DecisionResults.AcceptancePolicy;
import io.leadflow.system.HumanWords;
import io.leadflow.system.ProcessVariable;

/**
 * Service task {@code Task_SendMails} of {@code lead-notification}, once per mail the lifecycle
 * asked for: sends the one mail of this job. A retry finds the mail remembered if it was sent.
 */
@Component("sendMails")
class SendMailsDelegate implements JavaDelegate {

	/** The multi-instance element: one of the {@code mails} the lifecycle asked for. */
	static final ProcessVariable<Map<String, Object>> MAIL = ProcessVariable.map("mail");

	private final Mails mails;

	private final LeadRepository leads;

	private final TaskService taskService;

	private final IdentityService identityService;

	private final TimeZones timeZones;

	SendMailsDelegate(Mails mails, LeadRepository leads, TaskService taskService, IdentityService identityService,
			TimeZones timeZones) {
		this.identityService = identityService;
		this.timeZones = timeZones;
		this.mails = mails;
		this.leads = leads;
		this.taskService = taskService;
	}

	/** The team as Admin names it ("Territory EMEA"); the mail step runs as Leadflow, with no user signed in. */
	private String teamName(String team) {
		Group group = team == null ? null : identityService.createGroupQuery().groupId(team).singleResult();
		return group == null || group.getName() == null ? team : group.getName();
	}

	@Override
	public void execute(DelegateExecution execution) {
		String leadId = execution.getProcessBusinessKey();
		Lead lead = leads.findById(leadId).orElseThrow(() -> new IllegalStateException("No lead " + leadId));
		String taskKey = NotifyDelegate.TASK_KEY.get(execution);
		Task task = taskKey == null ? null
				: taskService.createTaskQuery().processInstanceBusinessKey(leadId).taskDefinitionKey(taskKey).singleResult();
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("lead", lead);
		model.put("team", TEAM.get(execution));
		model.put("breachedBy", BREACHED_BY.get(execution));
		if (ACCEPTANCE_POLICY.raw(execution) != null) {
			AcceptancePolicy policy = ACCEPTANCE_POLICY.get(execution);
			model.put("reminderIn", HumanWords.duration(policy.reminderAfter()));
			model.put("deadlineIn", HumanWords.duration(policy.deadlineAfter()));
		}
		Map<String, Object> mail = MAIL.get(execution);
		String recipient = (String) mail.get("recipient");
		MailKind kind = MailKind.valueOf((String) mail.get("kind"));
		if (task != null && !kind.toContact()) {
			// the policies count working time; the reader wants the moment on their own clock
			ZoneId zone = timeZones.of(recipient, TEAM.get(execution));
			model.put("deadlineAt", HumanWords.when(task.getDueDate(), zone));
			model.put("reminderAt", HumanWords.when(task.getFollowUpDate(), zone));
		}
		model.put("teamName", teamName(TEAM.get(execution)));
		model.put("contactTitle", LeadWords.contactTitle(lead.contact()));
		model.put("contactReach", LeadWords.contactReach(lead.contact()));
		model.put("companyLine", LeadWords.company(lead.account()));
		model.put("origin", LeadWords.origin(lead));
		model.put("taskId", task == null ? null : task.getId());
		model.put("touch", NotifyDelegate.TOUCH.get(execution));
		String title = lead.contact().fullName() + ", " + lead.account().name();
		if (kind.toContact()) {
			mails.sendToContact(kind, lead, execution.getProcessInstanceId(), model);
		}
		else {
			mails.send(kind, leadId, title, recipient, execution.getProcessInstanceId(), model);
		}
	}

}
