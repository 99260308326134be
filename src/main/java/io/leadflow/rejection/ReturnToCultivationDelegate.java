package io.leadflow.rejection;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.leadflow.lead.HistoryType;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadStatus;

/**
 * Service task {@code Task_ReturnToCultivation} of {@code lead-lifecycle}: a rejected lead goes back
 * to be re-baked instead of dying. "You can send the same lead back to the rep once it's been
 * properly re-baked": the rep whose rejection sent it back is offered it first when it comes back,
 * and the rejections and breaches so far no longer keep anyone from it.
 */
@Component("returnToCultivation")
class ReturnToCultivationDelegate implements JavaDelegate {

	private final LeadRepository leads;

	private final LeadHistory history;

	ReturnToCultivationDelegate(LeadRepository leads, LeadHistory history) {
		this.leads = leads;
		this.history = history;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String leadId = (String) execution.getVariable(LEAD_ID);
		// only a rep who rejected it is offered it again; a rep who let it time out is not
		String returningRep = (String) execution.getVariable(REJECTED_BY);
		execution.setVariable(RETURNING_REP, returningRep);
		execution.setVariable(TEAM_INDEX, 0);
		leads.markCultivated(leadId);
		leads.updateOwner(leadId, null, null);
		leads.updateStatus(leadId, LeadStatus.CULTIVATING);
		history.record(leadId, HistoryType.RETURNED_TO_CULTIVATION, "Back to cultivation to re-bake"
				+ (returningRep == null ? "" : "; " + returningRep + " is offered it first when it is ready"));
	}

}
