package io.leadflow.rejection;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.leadflow.lead.LeadEvents;

/**
 * Service task {@code Task_ReturnToCultivation} of {@code lead-lifecycle}: a rejected lead goes back
 * to be re-baked instead of dying. "You can send the same lead back to the rep once it's been
 * properly re-baked": the rep whose rejection sent it back is offered it first when it comes back,
 * and the rejections and breaches so far no longer keep anyone from it.
 */
@Component("returnToCultivation")
class ReturnToCultivationDelegate implements JavaDelegate {

	private final LeadEvents events;

	ReturnToCultivationDelegate(LeadEvents events) {
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		// only a rep who rejected it is offered it again; a rep who let it time out is not
		String returningRep = REJECTED_BY.get(execution);
		RETURNING_REP.set(execution, returningRep);
		TEAM_INDEX.set(execution, 0);
		// re-baked, it is routed by the table again
		CORRECTED_TEAM.set(execution, null);
		events.returnedToCultivation(execution.getProcessBusinessKey(), returningRep);
	}

}
