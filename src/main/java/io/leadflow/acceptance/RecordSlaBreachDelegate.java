package io.leadflow.acceptance;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.leadflow.lead.LeadEvents;
import io.leadflow.lifecycle.RoutingPlan;

/**
 * Service task {@code Task_RecordBreach} of {@code lead-lifecycle}, after the acceptance deadline
 * took {@code ReviewLead} away: the breach is recorded against the rep, who will not be offered the
 * lead again until it is re-baked, and the lead waits for the team's manager — or, a partner's
 * lead, goes on to the next team in line.
 */
@Component("recordSlaBreach")
class RecordSlaBreachDelegate implements JavaDelegate {

	private final LeadEvents events;

	RecordSlaBreachDelegate(LeadEvents events) {
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String rep = REP.get(execution);
		int inARow = BREACHES_IN_A_ROW.getOrDefault(execution, 0) + 1;
		BREACHES_IN_A_ROW.set(execution, inARow);
		BREACHED_BY.set(execution, rep);
		REJECTED_BY.set(execution, null);

		// a partner that lets a lead time out passes it on, like one that rejects it
		boolean partner = RoutingPlan.PARTNER.equals(CHANNEL.get(execution));
		String nextTeam = null;
		if (partner) {
			int position = TEAM_INDEX.getOrDefault(execution, 0);
			TEAM_INDEX.set(execution, position + 1);
			CORRECTED_TEAM.set(execution, null);
			nextTeam = ROUTING.get(execution).teamAfter(position);
		}
		events.deadlineMissed(execution.getProcessBusinessKey(), rep, TEAM.get(execution),
				ACCEPTANCE_POLICY.get(execution).deadlineAfter(), inARow, partner, nextTeam);
	}

}
