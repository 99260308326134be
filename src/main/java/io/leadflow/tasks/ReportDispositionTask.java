package io.leadflow.tasks;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

import io.leadflow.lead.LeadEvents;
import io.leadflow.lifecycle.TaskContract.Outcome;

/** {@code ReportDisposition}: the rep says how an accepted lead ended — won, lost or not a lead. */
@Component
class ReportDispositionTask implements LeadTask {

	private final LeadEvents events;

	private final Reasons reasons;

	ReportDispositionTask(LeadEvents events, Reasons reasons) {
		this.events = events;
		this.reasons = reasons;
	}

	/** The reasons a lead may be lost for, as marketing's table lists them. */
	@Override
	public void created(DelegateTask task, String leadId) {
		task.setVariableLocal(FORM_LOST_REASON_CHOICES, Reasons.options(reasons.losses()
			.stream()
			.map(reason -> Map.entry(reason.code(), reason.label()))
			.toList()));
	}

	@Override
	public String taskKey() {
		return TASK_REPORT_DISPOSITION;
	}

	@Override
	public void completed(DelegateTask task, String leadId, TaskVariables answer) {
		Outcome outcome = answer.choice(OUTCOME, Outcome.class);
		Object given = task.getVariable(LOST_REASON);
		// a report without a reason is lost for no reason it names, and for good
		Reasons.Loss lostReason = outcome != Outcome.LOST || given == null ? null : reasons.loss(LOST_REASON, given);
		boolean backToCultivation = lostReason != null && lostReason.backToCultivation();
		// the gateway after the task reads them for every outcome
		task.setVariable(LOST_REASON, lostReason == null ? null : lostReason.code());
		task.setVariable(LOST_BACK_TO_CULTIVATION, backToCultivation);
		switch (outcome) {
			case WON -> events.won(leadId, answer.requiredAmount(DEAL_VALUE));
			case NOT_A_LEAD -> events.notALead(leadId, answer.requiredText(REASON));
			case LOST -> {
				String reason = answer.requiredText(REASON);
				if (backToCultivation) {
					// like a rep who rejected it as not ready yet: offered it first once it is ready again
					REJECTED_BY.set(task, REP.get(task));
				}
				events.lost(leadId, lostReason == null ? null : lostReason.code(), reason, backToCultivation);
			}
		}
	}

}
