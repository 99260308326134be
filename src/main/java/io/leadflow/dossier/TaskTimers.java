package io.leadflow.dossier;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Component;

/**
 * When the timers on a lead's open tasks fire: a non-interrupting timer is the task's reminder, an
 * interrupting one its deadline — read from the model, so a timer marketing adds shows up too.
 */
@Component
class TaskTimers {

	private final ManagementService managementService;

	private final RepositoryService repositoryService;

	TaskTimers(ManagementService managementService, RepositoryService repositoryService) {
		this.managementService = managementService;
		this.repositoryService = repositoryService;
	}

	/** Reminder and deadline per task definition key of the process instance's open tasks. */
	Map<String, Due> of(String processInstanceId) {
		Map<String, Due> due = new HashMap<>();
		for (Job job : managementService.createJobQuery().processInstanceId(processInstanceId).timers().list()) {
			JobDefinition definition = managementService.createJobDefinitionQuery()
				.jobDefinitionId(job.getJobDefinitionId())
				.singleResult();
			if (definition == null) {
				continue;
			}
			FlowElement element = repositoryService.getBpmnModelInstance(job.getProcessDefinitionId())
				.getModelElementById(definition.getActivityId());
			if (element instanceof BoundaryEvent timer) {
				String task = timer.getAttachedTo().getId();
				Due current = due.getOrDefault(task, new Due(null, null));
				due.put(task, timer.cancelActivity() ? new Due(current.reminderAt(), job.getDuedate())
						: new Due(job.getDuedate(), current.deadlineAt()));
			}
		}
		return due;
	}

	record Due(Date reminderAt, Date deadlineAt) {
	}

}
