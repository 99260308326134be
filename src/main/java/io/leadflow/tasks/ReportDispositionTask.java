package io.leadflow.tasks;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

import io.leadflow.lead.LeadEvents;
import io.leadflow.lifecycle.TaskContract.LostReason;
import io.leadflow.lifecycle.TaskContract.Outcome;

/** {@code ReportDisposition}: the rep says how an accepted lead ended — won, lost or not a lead. */
@Component
class ReportDispositionTask implements LeadTask {

	private final LeadEvents events;

	ReportDispositionTask(LeadEvents events) {
		this.events = events;
	}

	@Override
	public String taskKey() {
		return TASK_REPORT_DISPOSITION;
	}

	@Override
	public void completed(DelegateTask task, String leadId, TaskVariables answer) {
		Outcome outcome = answer.choice(OUTCOME, Outcome.class);
		LostReason lostReason = answer.optionalChoice(LOST_REASON, LostReason.OTHER);
		// the gateway after the task reads it for every outcome
		task.setVariable(LOST_REASON, outcome == Outcome.LOST ? lostReason.name() : null);
		switch (outcome) {
			case WON -> events.won(leadId, answer.requiredAmount(DEAL_VALUE));
			case NOT_A_LEAD -> events.notALead(leadId, answer.requiredText(REASON));
			case LOST -> {
				String reason = answer.requiredText(REASON);
				if (lostReason == LostReason.TIMING) {
					// like a rep who rejected it as not ready yet: offered it first once it is ready again
					REJECTED_BY.set(task, REP.get(task));
				}
				events.lost(leadId, lostReason == LostReason.OTHER ? null : lostReason.name(), reason,
						lostReason == LostReason.TIMING);
			}
		}
	}

}
