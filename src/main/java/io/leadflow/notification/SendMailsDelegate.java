package io.leadflow.notification;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadRepository.Lead;

/**
 * Service task {@code Task_SendMails} of {@code lead-notification}, once per mail the lifecycle
 * asked for: sends the one mail of this job. A retry finds the mail remembered if it was sent.
 */
@Component("sendMails")
class SendMailsDelegate implements JavaDelegate {

	/** The multi-instance element: one of the {@code mails} the lifecycle asked for. */
	static final String MAIL = "mail";

	private final Mails mails;

	private final LeadRepository leads;

	private final TaskService taskService;

	SendMailsDelegate(Mails mails, LeadRepository leads, TaskService taskService) {
		this.mails = mails;
		this.leads = leads;
		this.taskService = taskService;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String leadId = (String) execution.getVariable(LEAD_ID);
		Lead lead = leads.findById(leadId).orElseThrow();
		String taskKey = (String) execution.getVariable(NotifyDelegate.TASK_KEY);
		Task task = taskKey == null ? null
				: taskService.createTaskQuery().processInstanceBusinessKey(leadId).taskDefinitionKey(taskKey).singleResult();
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("lead", lead);
		model.put("team", execution.getVariable(TEAM));
		model.put("breachedBy", execution.getVariable(BREACHED_BY));
		model.put("acceptancePolicy", execution.getVariable(ACCEPTANCE_POLICY));
		model.put("taskId", task == null ? null : task.getId());
		model.put("touch", execution.getVariable(NotifyDelegate.TOUCH));
		String title = lead.contact().fullName() + ", " + lead.account().name();
		@SuppressWarnings("unchecked")
		Map<String, String> mail = (Map<String, String>) execution.getVariable(MAIL);
		MailKind kind = MailKind.valueOf(mail.get("kind"));
		if (kind.toContact()) {
			mails.sendToContact(kind, lead, execution.getProcessInstanceId(), model);
		}
		else {
			mails.send(kind, leadId, title, mail.get("recipient"), execution.getProcessInstanceId(), model);
		}
	}

}
