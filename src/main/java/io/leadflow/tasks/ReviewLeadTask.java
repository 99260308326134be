package io.leadflow.tasks;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

import io.leadflow.lead.LeadEvents;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lifecycle.TaskContract.Decision;
import io.leadflow.lifecycle.TaskContract.RejectionReason;

/** {@code ReviewLead}: the rep accepts the lead, or rejects it with a reason and a comment. */
@Component
class ReviewLeadTask implements LeadTask {

	private final LeadEvents events;

	private final LeadHistory history;

	ReviewLeadTask(LeadEvents events, LeadHistory history) {
		this.events = events;
		this.history = history;
	}

	@Override
	public String taskKey() {
		return TASK_REVIEW_LEAD;
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
		RejectionReason reason = answer.choice(REJECTION_REASON, RejectionReason.class);
		int rejections = events.rejected(leadId, team, rep, reason.name(), answer.requiredText(COMMENT));
		REJECTED_BY.set(task, rep);
		REJECTION_COUNT.set(task, rejections);
	}

}
