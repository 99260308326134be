package io.leadflow.routing;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

import io.leadflow.lead.HistoryType;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lead.LeadRejections;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadStatus;

/**
 * Service task {@code Task_AssignRep} of {@code lead-lifecycle}: in the team that the
 * {@code lead-routing} decision chose, gives the lead to the rep next in the round robin, skipping
 * reps who already rejected it. Sets {@code rep}, or leaves it empty when nobody is eligible, and
 * writes the whole decision into the lead's history.
 */
@Component("assignRep")
class AssignRepDelegate implements JavaDelegate {

	/** Only members of these groups take leads; a manager in a territory group does not. */
	private static final List<String> REP_GROUPS = List.of("sales-reps", "partner-reps");

	private final IdentityService identityService;

	private final RepRotation rotation;

	private final LeadRepository leads;

	private final LeadRejections rejections;

	private final LeadHistory history;

	AssignRepDelegate(IdentityService identityService, RepRotation rotation, LeadRepository leads,
			LeadRejections rejections, LeadHistory history) {
		this.identityService = identityService;
		this.rotation = rotation;
		this.leads = leads;
		this.rejections = rejections;
		this.history = history;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String leadId = (String) execution.getVariable(LEAD_ID);
		@SuppressWarnings("unchecked")
		Map<String, Object> routing = (Map<String, Object>) execution.getVariable(ROUTING);
		String team = (String) routing.get(TEAM);
		String channel = (String) routing.get(CHANNEL);
		String why = (String) routing.get("routingReason");

		List<String> members = identityService.createUserQuery()
			.memberOfGroup(team)
			.orderByUserId()
			.asc()
			.list()
			.stream()
			.map(User::getId)
			.filter(this::isRep)
			.toList();
		Set<String> rejectedBy = rejections.repsWhoRejected(leadId);
		List<String> eligible = new ArrayList<>();
		List<String> skipped = new ArrayList<>();
		for (String rep : members) {
			if (rejectedBy.contains(rep)) {
				skipped.add(rep + " (rejected this lead)");
			}
			else {
				eligible.add(rep);
			}
		}
		Optional<String> picked = rotation.next(team, eligible);

		execution.setVariable(TEAM, team);
		execution.setVariable(CHANNEL, channel);
		execution.setVariable(REP, picked.orElse(null));
		String trace = "Routing table: team " + team + " (" + channel + (why == null ? "" : ", " + why)
				+ "); considered " + (members.isEmpty() ? "nobody" : String.join(", ", members))
				+ (skipped.isEmpty() ? "" : "; skipped " + String.join(", ", skipped));
		if (picked.isPresent()) {
			leads.updateOwner(leadId, team, picked.get());
			leads.updateStatus(leadId, LeadStatus.ROUTED);
			history.record(leadId, HistoryType.ROUTED, trace + "; picked " + picked.get() + " by round robin");
		}
		else {
			leads.updateOwner(leadId, team, null);
			history.record(leadId, HistoryType.NO_ELIGIBLE_REP, trace + "; nobody eligible, a manager assigns it");
		}
	}

	private boolean isRep(String userId) {
		return REP_GROUPS.stream()
			.anyMatch(group -> identityService.createUserQuery().userId(userId).memberOfGroup(group).count() > 0);
	}

}
