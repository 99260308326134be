package io.leadflow.rejection;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.leadflow.lead.HistoryType;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lead.LeadRejections;
import io.leadflow.lead.LeadRejections.Rejection;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadStatus;

/**
 * Service task {@code Task_ReturnToCultivation} of {@code lead-lifecycle}: a rejected lead goes back
 * to be re-baked instead of dying. "You can send the same lead back to the rep once it's been
 * properly re-baked": the rep who rejected it last is offered it first when it comes back, and the
 * rejections so far no longer keep anyone from it.
 */
@Component("returnToCultivation")
class ReturnToCultivationDelegate implements JavaDelegate {

	private final LeadRepository leads;

	private final LeadRejections rejections;

	private final LeadHistory history;

	ReturnToCultivationDelegate(LeadRepository leads, LeadRejections rejections, LeadHistory history) {
		this.leads = leads;
		this.rejections = rejections;
		this.history = history;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String leadId = (String) execution.getVariable(LEAD_ID);
		String returningRep = rejections.latest(leadId).map(Rejection::rep).orElse(null);
		execution.setVariable(RETURNING_REP, returningRep);
		execution.setVariable(TEAM_INDEX, 0);
		leads.markCultivated(leadId);
		leads.updateOwner(leadId, null, null);
		leads.updateStatus(leadId, LeadStatus.CULTIVATING);
		history.record(leadId, HistoryType.RETURNED_TO_CULTIVATION, "Back to cultivation to re-bake"
				+ (returningRep == null ? "" : "; " + returningRep + " is offered it first when it is ready"));
	}

}
