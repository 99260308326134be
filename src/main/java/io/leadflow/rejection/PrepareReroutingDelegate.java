package io.leadflow.rejection;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.leadflow.lead.LeadEvents;
import io.leadflow.lifecycle.DecisionResults.RejectionPolicy;
import io.leadflow.lifecycle.RoutingPlan;
import io.leadflow.system.ProcessVariable;

/**
 * Service task {@code Task_PrepareRerouting} of {@code lead-lifecycle}: a rejection that the
 * {@code rejection-policy} table sends straight back to routing. A partner's rejection moves the
 * lead to the next team the routing table lines up (partner cascade); a wrong territory goes to
 * the team the rep named, and the correction is counted against the routing rule.
 */
@Component("prepareRerouting")
class PrepareReroutingDelegate implements JavaDelegate {

	/** The rep's answer on the rejection, validated by the task's contract (ReviewLeadTask). */
	private static final ProcessVariable<String> NAMED_TEAM = ProcessVariable.text(SUGGESTED_TEAM);

	private final LeadEvents events;

	PrepareReroutingDelegate(LeadEvents events) {
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String leadId = execution.getProcessBusinessKey();
		RejectionPolicy policy = REJECTION_POLICY.get(execution);
		if (!policy.nextTeam()) {
			String namedTeam = NAMED_TEAM.get(execution);
			if (namedTeam == null) {
				events.rerouted(leadId, policy.reason());
				return;
			}
			RoutingPlan plan = ROUTING.get(execution);
			int position = TEAM_INDEX.getOrDefault(execution, 0);
			String routingRule = CORRECTED_TEAM.get(execution) == null && plan.hasStop(position)
					? plan.stop(position).reason() : "named by a rep before";
			CORRECTED_TEAM.set(execution, namedTeam);
			events.routedToNamedTeam(leadId, REJECTED_BY.get(execution), TEAM.get(execution), namedTeam, routingRule);
			return;
		}
		// the next team in line is the table's again, not one a rep named
		CORRECTED_TEAM.set(execution, null);
		int position = TEAM_INDEX.getOrDefault(execution, 0);
		TEAM_INDEX.set(execution, position + 1);
		events.passedOn(leadId, policy.reason() + ": " + TEAM.get(execution) + " declined",
				ROUTING.get(execution).teamAfter(position));
	}

}
