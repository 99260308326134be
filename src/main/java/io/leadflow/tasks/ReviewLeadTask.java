package io.leadflow.tasks;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

import io.leadflow.identity.Groups;
import io.leadflow.identity.Teams;
import io.leadflow.lead.LeadEvents;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lifecycle.RoutingPlan;
import io.leadflow.lifecycle.TaskContract.Decision;
import io.leadflow.lifecycle.TaskContractViolation;
import io.leadflow.routing.Reps;

/** {@code ReviewLead}: the rep accepts the lead, or rejects it with a reason and a comment. */
@Component
class ReviewLeadTask implements LeadTask {

	private final LeadEvents events;

	private final LeadHistory history;

	private final Reps reps;

	private final Reasons reasons;

	private final Teams teams;

	ReviewLeadTask(LeadEvents events, LeadHistory history, Reps reps, Reasons reasons, Teams teams) {
		this.events = events;
		this.history = history;
		this.reps = reps;
		this.reasons = reasons;
		this.teams = teams;
	}

	/**
	 * The reasons the rep may give (marketing's table), and the teams a rep may name when the lead is
	 * in the wrong territory: the other direct territories. A partner's lead that is not theirs goes
	 * on to the next in line anyway, and a partner's rep sees no names of other teams.
	 */
	@Override
	public void created(DelegateTask task, String leadId) {
		task.setVariableLocal(FORM_REJECTION_REASON_CHOICES, Reasons.options(reasons.rejections()
			.stream()
			.map(reason -> Map.entry(reason.code(), reason.label()))
			.toList()));
		String team = TEAM.get(task);
		boolean partner = RoutingPlan.PARTNER.equals(CHANNEL.get(task));
		task.setVariableLocal(FORM_TEAM_CHOICES, partner ? List.of() : reps.teams()
			.stream()
			.filter(group -> isTerritory(group.getId()) && !group.getId().equals(team))
			.map(group -> Map.of("label", group.getName() == null ? group.getId() : group.getName(), "value", group.getId()))
			.toList());
	}

	@Override
	public String taskKey() {
		return TASK_REVIEW_LEAD;
	}

	/** A team whose leads direct reps take: one a lead in the wrong territory can be sent to. */
	private boolean isTerritory(String groupId) {
		return teams.isTeam(groupId) && teams.repGroupOf(groupId).equals(Groups.DIRECT_REPS);
	}

	@Override
	public void completed(DelegateTask task, String leadId, TaskVariables answer) {
		// an offered lead's task belongs to whoever of the team claimed it; who answered is in the history row
		String rep = task.getAssignee() != null ? task.getAssignee() : history.currentActor();
		String team = TEAM.get(task);
		Decision decision = answer.choice(DECISION, Decision.class);
		BREACHES_IN_A_ROW.set(task, 0);
		if (decision == Decision.ACCEPT) {
			REP.set(task, rep);
			OFFER_GROUPS.set(task, List.of());
			events.accepted(leadId, team, rep);
			return;
		}
		Reasons.Rejection reason = reasons.rejection(REJECTION_REASON, task.getVariable(REJECTION_REASON));
		String comment = answer.requiredText(COMMENT);
		String suggestedTeam = answer.optionalText(SUGGESTED_TEAM);
		if (suggestedTeam != null) {
			if (!reason.namesTeam()) {
				throw new TaskContractViolation(SUGGESTED_TEAM, "goes only with a rejectionReason with which the rep "
						+ "names the team, "
						+ reasons.rejections().stream().filter(Reasons.Rejection::namesTeam).map(Reasons.Rejection::code).toList()
						+ ", not " + reason.code());
			}
			if (!isTerritory(suggestedTeam) || reps.team(suggestedTeam).isEmpty()) {
				throw new TaskContractViolation(SUGGESTED_TEAM, "must be the id of a territory team, not " + suggestedTeam);
			}
			if (suggestedTeam.equals(team)) {
				throw new TaskContractViolation(SUGGESTED_TEAM, "is the team the lead is in now: name the team it belongs to");
			}
		}
		// the rejection policy reads it for every rejection
		task.setVariable(SUGGESTED_TEAM, suggestedTeam);
		int rejections = events.rejected(leadId, team, rep, reason.code(), comment);
		REJECTED_BY.set(task, rep);
		REJECTION_COUNT.set(task, rejections);
	}

}
