package io.leadflow.cultivation;

import static io.leadflow.cultivation.Cultivation.*;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.leadflow.lead.HistoryType;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadStatus;
import io.leadflow.lifecycle.LeadLifecycle;

/**
 * Service task {@code Task_MarkDormant} of {@code lead-cultivation}: a long silence ends the loop.
 * The lead is not dropped: its lifecycle waits for the next engagement to wake it.
 */
@Component("markDormant")
class MarkDormantDelegate implements JavaDelegate {

	private final LeadRepository leads;

	private final LeadHistory history;

	MarkDormantDelegate(LeadRepository leads, LeadHistory history) {
		this.leads = leads;
		this.history = history;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String leadId = (String) execution.getVariable(LeadLifecycle.LEAD_ID);
		@SuppressWarnings("unchecked")
		String dormantAfter = EngagementScore.Policy
			.of((Map<String, Object>) execution.getVariable(CULTIVATION_POLICY))
			.dormantAfter();
		leads.updateStatus(leadId, LeadStatus.DORMANT);
		history.record(leadId, HistoryType.DORMANT, "No engagement for " + dormantAfter
				+ ": dormant. The next engagement wakes the lead and it goes through qualification again");
	}

}
