package io.leadflow.rejection;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.leadflow.lead.LeadEvents;

/**
 * Service task {@code Task_OfferToTeam} of {@code lead-lifecycle}: "if a sales rep rejects a lead
 * then it's fair game". {@code ReviewLead} becomes a group task of the whole team; the first rep to
 * claim it gets it.
 */
@Component("offerToTeam")
class OfferToTeamDelegate implements JavaDelegate {

	private final LeadEvents events;

	OfferToTeamDelegate(LeadEvents events) {
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String team = TEAM.get(execution);
		REP.set(execution, null);
		OFFER_GROUPS.set(execution, List.of(team));
		events.offeredToTeam(execution.getProcessBusinessKey(), team);
	}

}
