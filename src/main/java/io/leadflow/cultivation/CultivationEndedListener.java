package io.leadflow.cultivation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import io.leadflow.system.EngineClock;

/**
 * End listener of the {@code lead-cultivation} process: however the loop ends (even cancelled),
 * its time is added to the lead's time in cultivation.
 */
@Component("cultivationEnded")
class CultivationEndedListener implements ExecutionListener {

	private final CultivationRecord record;

	CultivationEndedListener(CultivationRecord record) {
		this.record = record;
	}

	@Override
	public void notify(DelegateExecution execution) {
		record.endLoop(execution.getProcessBusinessKey(), EngineClock.nowUtc());
	}

}
