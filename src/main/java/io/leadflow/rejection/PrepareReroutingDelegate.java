package io.leadflow.rejection;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.leadflow.lead.LeadEvents;
import io.leadflow.lifecycle.DecisionResults.RejectionPolicy;

/**
 * Service task {@code Task_PrepareRerouting} of {@code lead-lifecycle}: a rejection that the
 * {@code rejection-policy} table sends straight back to routing. A partner's rejection moves the
 * lead to the next team the routing table lines up (partner cascade); a wrong territory routes it
 * again in place, without the rep who rejected it.
 */
@Component("prepareRerouting")
class PrepareReroutingDelegate implements JavaDelegate {

	private final LeadEvents events;

	PrepareReroutingDelegate(LeadEvents events) {
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String leadId = execution.getProcessBusinessKey();
		RejectionPolicy policy = REJECTION_POLICY.get(execution);
		if (!policy.nextTeam()) {
			events.rerouted(leadId, policy.reason());
			return;
		}
		int position = TEAM_INDEX.getOrDefault(execution, 0);
		TEAM_INDEX.set(execution, position + 1);
		events.passedOn(leadId, policy.reason() + ": " + TEAM.get(execution) + " declined",
				ROUTING.get(execution).teamAfter(position));
	}

}
