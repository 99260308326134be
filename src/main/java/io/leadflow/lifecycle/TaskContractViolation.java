package io.leadflow.lifecycle;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A task completed with variables that break its contract (a missing decision, an unknown
 * reason). The completion is rolled back, so nothing changes. It extends the engine's form
 * validation error because that is the one the REST API answers with 400 and Tasklist shows as a
 * message; the engine has no public exception for it.
 */
public class TaskContractViolation extends FormFieldValidationException {

	public TaskContractViolation(String variable, String message) {
		super(variable, variable + " " + message);
	}

}
