package io.leadflow;

import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;

import io.leadflow.intake.LeadIntakeRequest;
import io.leadflow.intake.LeadIntakeRequest.CompanyData;
import io.leadflow.intake.LeadIntakeRequest.ContactData;
import io.leadflow.intake.LeadIntakeService;
import io.leadflow.intake.RoleLevel;

/**
 * For tests with the job executor off: a grade-A lead of a company of its own, taken through the
 * asynchronous steps (decisions) until its first task waits.
 */
public final class LeadScenarios {

	private final LeadIntakeService intake;

	private final RuntimeService runtimeService;

	private final ManagementService managementService;

	private final TaskService taskService;

	public LeadScenarios(LeadIntakeService intake, RuntimeService runtimeService, ManagementService managementService,
			TaskService taskService) {
		this.intake = intake;
		this.runtimeService = runtimeService;
		this.managementService = managementService;
		this.taskService = taskService;
	}

	/** @return the lead's id, once its first user task waits */
	public String hotLeadWaitingForItsFirstTask(String country, String productInterest) {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		String leadId = intake.receive(new LeadIntakeRequest(null, "webinar", null,
				new ContactData("Kenji", "Mori", "kenji@corp-" + unique + ".example", null, "CEO", RoleLevel.EXECUTIVE),
				new CompanyData("Corp " + unique, "corp-" + unique + ".example", country, "Manufacturing", 5000),
				productInterest, true, true, true, 2, null)).id();
		String instanceId = lifecycleInstance(leadId);
		while (taskService.createTaskQuery().processInstanceId(instanceId).count() == 0) {
			managementService.executeJob(
					managementService.createJobQuery().processInstanceId(instanceId).executable().list().get(0).getId());
		}
		return leadId;
	}

	public String lifecycleInstance(String leadId) {
		return runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey(leadId)
			.processDefinitionKey("lead-lifecycle")
			.singleResult()
			.getId();
	}

}
