package io.leadflow.cultivation;

import static io.leadflow.cultivation.Cultivation.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.leadflow.lead.LeadEvents;

/**
 * Service task {@code Task_MarkDormant} of {@code lead-cultivation}: a long silence ends the loop.
 * The lead is not dropped: its lifecycle waits for the next engagement to wake it.
 */
@Component("markDormant")
class MarkDormantDelegate implements JavaDelegate {

	private final LeadEvents events;

	MarkDormantDelegate(LeadEvents events) {
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		events.dormant(execution.getProcessBusinessKey(), CULTIVATION_POLICY.get(execution).dormantAfter());
	}

}
