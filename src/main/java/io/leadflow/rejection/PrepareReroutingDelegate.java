package io.leadflow.rejection;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.leadflow.lead.HistoryType;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lifecycle.DecisionResults.RejectionPolicy;
import io.leadflow.routing.RoutingPlan;

/**
 * Service task {@code Task_PrepareRerouting} of {@code lead-lifecycle}: a rejection that the
 * {@code rejection-policy} table sends straight back to routing. A partner's rejection moves the
 * lead to the next team the routing table lines up (partner cascade); a wrong territory routes it
 * again in place, without the rep who rejected it.
 */
@Component("prepareRerouting")
class PrepareReroutingDelegate implements JavaDelegate {

	private final LeadHistory history;

	PrepareReroutingDelegate(LeadHistory history) {
		this.history = history;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String leadId = (String) execution.getVariable(LEAD_ID);
		RejectionPolicy policy = RejectionPolicy.of(execution.getVariable(REJECTION_POLICY));
		String why = policy.reason();
		if (!policy.nextTeam()) {
			history.record(leadId, HistoryType.REROUTED, why);
			return;
		}
		int next = (Integer) execution.getVariable(TEAM_INDEX) + 1;
		execution.setVariable(TEAM_INDEX, next);
		@SuppressWarnings("unchecked")
		RoutingPlan plan = RoutingPlan.of((List<Map<String, Object>>) execution.getVariable(ROUTING));
		history.record(leadId, HistoryType.ROUTING_CASCADE, why + ": " + execution.getVariable(TEAM) + " declined; "
				+ (plan.hasStop(next) ? "next in line is " + plan.stop(next).team() : "nobody is next in line"));
	}

}
