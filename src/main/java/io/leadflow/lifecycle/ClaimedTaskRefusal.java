package io.leadflow.lifecycle;

import org.camunda.bpm.engine.AuthorizationException;

/**
 * A teammate tried to take over or answer a task someone else holds. Thrown from the task listener
 * and unwrapped again by {@link TaskContractUnwrapping}, so the REST API answers 403.
 */
public final class ClaimedTaskRefusal extends AuthorizationException {

	public ClaimedTaskRefusal(String message) {
		super(message);
	}

}
