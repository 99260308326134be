package io.leadflow.acceptance;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.leadflow.lead.HistoryType;
import io.leadflow.lead.LeadBreaches;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadStatus;
import io.leadflow.lifecycle.DecisionResults.AcceptancePolicy;
import io.leadflow.routing.RoutingPlan;

/**
 * Service task {@code Task_RecordBreach} of {@code lead-lifecycle}, after the acceptance deadline
 * took {@code ReviewLead} away: the breach is recorded against the rep, who will not be offered the
 * lead again until it is re-baked, and the lead waits for the team's manager.
 */
@Component("recordSlaBreach")
class RecordSlaBreachDelegate implements JavaDelegate {

	private final LeadRepository leads;

	private final LeadBreaches breaches;

	private final LeadHistory history;

	RecordSlaBreachDelegate(LeadRepository leads, LeadBreaches breaches, LeadHistory history) {
		this.leads = leads;
		this.breaches = breaches;
		this.history = history;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String leadId = (String) execution.getVariable(LEAD_ID);
		String rep = (String) execution.getVariable(REP);
		String team = (String) execution.getVariable(TEAM);
		AcceptancePolicy policy = AcceptancePolicy.of(execution.getVariable(ACCEPTANCE_POLICY));
		Integer before = (Integer) execution.getVariable(BREACHES_IN_A_ROW);
		int inARow = (before == null ? 0 : before) + 1;

		execution.setVariable(BREACHES_IN_A_ROW, inARow);
		execution.setVariable(BREACHED_BY, rep);
		execution.setVariable(REJECTED_BY, null);
		String who = rep == null ? "the team (" + team + ")" : rep;
		if (rep != null) {
			breaches.record(leadId, rep, team, LeadBreaches.DEADLINE);
		}
		leads.updateOwner(leadId, team, null);
		String missed = who + " did not accept or reject the lead within " + policy.deadlineAfter()
				+ (inARow > 1 ? " (" + inARow + " deadlines missed in a row)" : "");
		if (RoutingPlan.PARTNER.equals(execution.getVariable(CHANNEL))) {
			// a partner that lets a lead time out passes it on, like one that rejects it
			int next = (Integer) execution.getVariable(TEAM_INDEX) + 1;
			execution.setVariable(TEAM_INDEX, next);
			@SuppressWarnings("unchecked")
			RoutingPlan plan = RoutingPlan.of((List<Map<String, Object>>) execution.getVariable(ROUTING));
			history.record(leadId, HistoryType.SLA_BREACH, missed);
			history.record(leadId, HistoryType.ROUTING_CASCADE, team + " let the lead time out; "
					+ (plan.hasStop(next) ? "next in line is " + plan.stop(next).team() : "nobody is next in line"));
			return;
		}
		leads.updateStatus(leadId, LeadStatus.ESCALATED);
		history.record(leadId, HistoryType.SLA_BREACH, missed + "; the manager decides");
	}

}
