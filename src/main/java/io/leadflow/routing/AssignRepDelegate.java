package io.leadflow.routing;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.leadflow.lead.HistoryType;
import io.leadflow.lead.LeadBreaches;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lead.LeadRejections;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadRepository.Lead;
import io.leadflow.lead.LeadStatus;
import io.leadflow.routing.RoutingPlan.Stop;

/**
 * Service task {@code Task_AssignRep} of {@code lead-lifecycle}: gives the lead to a rep of the team
 * the {@code lead-routing} table lines up next. First choice is the rep who sent it back to
 * cultivation (offered it again once re-baked), then the account's owner, then the team's round
 * robin. Reps who rejected the lead since its last cultivation, are out of office or at capacity
 * are skipped. Sets {@code rep}, or leaves it empty for a manager to assign, and writes the whole
 * decision — table matches, team, every rep considered and why, the pick — into the history.
 */
@Component("assignRep")
class AssignRepDelegate implements JavaDelegate {

	private final Reps reps;

	private final RepRotation rotation;

	private final LeadRepository leads;

	private final LeadRejections rejections;

	private final LeadHistory history;

	private final LeadBreaches breaches;

	AssignRepDelegate(Reps reps, RepRotation rotation, LeadRepository leads, LeadRejections rejections,
			LeadHistory history, LeadBreaches breaches) {
		this.breaches = breaches;
		this.reps = reps;
		this.rotation = rotation;
		this.leads = leads;
		this.rejections = rejections;
		this.history = history;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String leadId = (String) execution.getVariable(LEAD_ID);
		@SuppressWarnings("unchecked")
		RoutingPlan plan = RoutingPlan.of((List<Map<String, Object>>) execution.getVariable(ROUTING));
		Integer index = (Integer) execution.getVariable(TEAM_INDEX);
		int position = index == null ? 0 : index;
		String returningRep = (String) execution.getVariable(RETURNING_REP);
		execution.setVariable(TEAM_INDEX, position);
		execution.setVariable(RETURNING_REP, null);
		execution.setVariable(RETURNED_TO, null);
		execution.setVariable(OFFER_GROUPS, List.of());

		StringBuilder trace = new StringBuilder("Routing table: ").append(plan.describe());
		if (!plan.hasStop(position)) {
			execution.setVariable(REP, null);
			leads.updateOwner(leadId, null, null);
			history.record(leadId, HistoryType.NO_ELIGIBLE_REP,
					trace.append("; every team in line has declined it, a manager assigns it").toString());
			return;
		}
		Stop stop = plan.stop(position);
		execution.setVariable(TEAM, stop.team());
		execution.setVariable(CHANNEL, stop.channel());
		trace.append("; team ").append(stop.team()).append(" (").append(stop.channel()).append(')');

		Lead lead = leads.findById(leadId).orElseThrow();
		Set<String> rejectedBy = rejections.repsWhoRejectedSinceCultivation(leadId);
		Set<String> breachedBy = breaches.repsSinceCultivation(leadId);
		List<String> notes = new ArrayList<>();
		Optional<String> picked = Optional.empty();
		String why = null;

		if (returningRep != null && eligible(returningRep, stop, rejectedBy, breachedBy, notes, "returning rep")) {
			picked = Optional.of(returningRep);
			execution.setVariable(RETURNED_TO, returningRep);
			why = "offered again after re-cultivation, as the rep who sent it back";
		}
		String owner = lead.accountOwnerId();
		if (picked.isEmpty() && owner != null && eligible(owner, stop, rejectedBy, breachedBy, notes, "account owner")) {
			picked = Optional.of(owner);
			why = "owner of the account " + lead.account().name();
		}
		if (picked.isEmpty()) {
			List<String> candidates = new ArrayList<>();
			for (String rep : reps.repsOf(stop.team())) {
				if (eligible(rep, stop, rejectedBy, breachedBy, notes, null)) {
					candidates.add(rep);
				}
			}
			picked = rotation.next(stop.team(), candidates);
			why = "round robin: waited longest of " + candidates;
		}

		trace.append("; considered ").append(notes.isEmpty() ? "nobody" : String.join(", ", notes));
		execution.setVariable(REP, picked.orElse(null));
		if (picked.isPresent()) {
			leads.updateOwner(leadId, stop.team(), picked.get());
			leads.updateStatus(leadId, LeadStatus.ROUTED);
			history.record(leadId, HistoryType.ROUTED, trace.append("; picked ").append(picked.get()).append(" (")
				.append(why).append(')').toString());
		}
		else {
			leads.updateOwner(leadId, stop.team(), null);
			history.record(leadId, HistoryType.NO_ELIGIBLE_REP,
					trace.append("; nobody eligible, a manager assigns it").toString());
		}
	}

	/** Whether the rep may take the lead now; notes the rep and, if skipped, why. */
	private boolean eligible(String rep, Stop stop, Set<String> rejectedBy, Set<String> breachedBy, List<String> notes,
			String role) {
		String name = role == null ? rep : rep + " (" + role + ")";
		Optional<String> skip;
		if (stop.isPartner() ? !reps.isMember(rep, stop.team()) : !reps.isMember(rep, Reps.DIRECT_REPS)) {
			skip = Optional.of(stop.isPartner() ? "not a rep of " + stop.team() : "not a direct rep");
		}
		else if (rejectedBy.contains(rep)) {
			skip = Optional.of("rejected this lead");
		}
		else if (breachedBy.contains(rep)) {
			skip = Optional.of("let this lead's deadline pass");
		}
		else {
			skip = reps.unavailableBecause(rep);
		}
		notes.add(skip.map(reason -> name + " skipped: " + reason).orElse(name));
		return skip.isEmpty();
	}

}
