package io.leadflow.tasks;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * One user task of {@code lead-lifecycle}: what happens to the lead when the task is made, and what
 * its answer means once checked against the task's {@link io.leadflow.lifecycle.TaskContract}.
 * {@link LeadTaskListener} picks the one of the task's definition key.
 */
interface LeadTask {

	/** The task definition key in the model, e.g. {@code ReviewLead}. */
	String taskKey();

	default void created(DelegateTask task, String leadId) {
	}

	/** Reads the answer (a broken contract throws and rolls the completion back) and records what it changes. */
	void completed(DelegateTask task, String leadId, TaskVariables answer);

}
