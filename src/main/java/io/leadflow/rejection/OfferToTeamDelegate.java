package io.leadflow.rejection;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.leadflow.lead.HistoryType;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadStatus;

/**
 * Service task {@code Task_OfferToTeam} of {@code lead-lifecycle}: "if a sales rep rejects a lead
 * then it's fair game". {@code ReviewLead} becomes a group task of the whole team; the first rep to
 * claim it gets it.
 */
@Component("offerToTeam")
class OfferToTeamDelegate implements JavaDelegate {

	private final LeadRepository leads;

	private final LeadHistory history;

	OfferToTeamDelegate(LeadRepository leads, LeadHistory history) {
		this.leads = leads;
		this.history = history;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String leadId = (String) execution.getVariable(LEAD_ID);
		String team = (String) execution.getVariable(TEAM);
		execution.setVariable(REP, null);
		execution.setVariable(OFFER_GROUPS, List.of(team));
		leads.updateOwner(leadId, team, null);
		leads.updateStatus(leadId, LeadStatus.ROUTED);
		history.record(leadId, HistoryType.OFFERED_TO_TEAM,
				"Offered to every rep of " + team + ": the first to claim it gets it");
	}

}
