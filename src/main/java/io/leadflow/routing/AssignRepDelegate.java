package io.leadflow.routing;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.leadflow.designer.PolicyTables;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadBreaches;
import io.leadflow.lead.LeadEvents;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lead.LeadRejections;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lifecycle.RoutingPlan;
import io.leadflow.lifecycle.RoutingPlan.Stop;
import io.leadflow.routing.RepSelection.Candidacy;
import io.leadflow.routing.RepSelection.Candidate;
import io.leadflow.routing.RepSelection.Pick;

/**
 * Service task {@code Task_AssignRep} of {@code lead-lifecycle}: gives the lead to a rep of the team
 * the {@code lead-routing} table lines up next ({@link RepSelection} says who and why). Sets
 * {@code rep}, or leaves it empty for a manager to assign, and writes the whole decision — table
 * matches, team, every rep considered and why, the pick — into the history.
 */
@Component("assignRep")
class AssignRepDelegate implements JavaDelegate {

	private final Reps reps;

	private final RepRotation rotation;

	private final LeadHistory history;

	private final LeadRepository leads;

	private final LeadRejections rejections;

	private final LeadBreaches breaches;

	private final LeadEvents events;

	private final PolicyTables tables;

	AssignRepDelegate(Reps reps, RepRotation rotation, LeadHistory history, LeadRepository leads,
			LeadRejections rejections, LeadBreaches breaches, LeadEvents events, PolicyTables tables) {
		this.reps = reps;
		this.rotation = rotation;
		this.history = history;
		this.leads = leads;
		this.rejections = rejections;
		this.breaches = breaches;
		this.events = events;
		this.tables = tables;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String leadId = execution.getProcessBusinessKey();
		RoutingPlan plan = ROUTING.get(execution);
		int position = TEAM_INDEX.getOrDefault(execution, 0);
		String returningRep = RETURNING_REP.get(execution);
		TEAM_INDEX.set(execution, position);
		RETURNING_REP.set(execution, null);
		RETURNED_TO.set(execution, null);
		OFFER_GROUPS.set(execution, List.of());

		String trace = "Routing table: " + plan.describe();
		String namedTeam = CORRECTED_TEAM.get(execution);
		if (namedTeam == null && !plan.hasStop(position)) {
			REP.set(execution, null);
			events.noEligibleRep(leadId, null, trace + "; every team in line has declined it, a manager assigns it");
			return;
		}
		Stop stop = namedTeam != null
				// a rep may name only a direct territory (ReviewLeadTask)
				? new Stop(namedTeam, RoutingPlan.DIRECT, "named by a rep: wrong territory")
				: plan.stop(position);
		if (namedTeam != null) {
			trace += "; a rep named " + namedTeam;
		}
		TEAM.set(execution, stop.team());
		CHANNEL.set(execution, stop.channel());
		trace += "; team " + stop.team() + " (" + stop.channel() + ")";

		Lead lead = leads.findById(leadId).orElseThrow(() -> new IllegalStateException("No lead " + leadId));
		// this routing's number: a retry of a failed routing step has the same, and takes the same turn
		int routingNo = history.timesRouted(leadId);
		List<Candidate> order = tables.list("rep-candidate-order", Map.of("channel", stop.channel()))
			.stream()
			.map(result -> Candidate.named(result.get("candidate")))
			.toList();
		RepSelection selection = new RepSelection(reps,
				(team, eligible) -> rotation.next(team, eligible, leadId, routingNo), order);
		Pick pick = selection.pick(stop, new Candidacy(returningRep, lead.accountOwnerId(), lead.account().name(),
				rejections.repsWhoRejectedSinceCultivation(leadId), breaches.repsSinceCultivation(leadId)));
		REP.set(execution, pick.rep().orElse(null));
		if (pick.rep().isEmpty()) {
			events.noEligibleRep(leadId, stop.team(), trace + "; " + pick.describe());
			return;
		}
		if (pick.returning()) {
			RETURNED_TO.set(execution, returningRep);
		}
		events.routed(leadId, stop.team(), pick.rep().get(), trace + "; " + pick.describe());
	}

}
