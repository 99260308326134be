package io.leadflow.cultivation;

import static io.leadflow.cultivation.Cultivation.*;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.leadflow.lead.LeadEvents;
import io.leadflow.system.EngineClock;

/**
 * Service task {@code Task_StartLoop} of {@code lead-cultivation}: counts the loop, starts its
 * clock and sets when the lead falls silent if nobody engages (the cultivation policy's
 * {@code dormantAfter} from now).
 */
@Component("startCultivation")
class StartCultivationDelegate implements JavaDelegate {

	private final LeadEvents events;

	private final CultivationRecord record;

	StartCultivationDelegate(LeadEvents events, CultivationRecord record) {
		this.events = events;
		this.record = record;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String leadId = execution.getProcessBusinessKey();
		int loop = record.startLoop(leadId, EngineClock.nowUtc());
		EngagementScore.Policy policy = CULTIVATION_POLICY.get(execution);
		Instant silentAt = policy.silenceEndsAt(EngineClock.now());
		TOUCHES_SENT.set(execution, 0);
		SILENCE_ENDS_AT.set(execution, Date.from(silentAt));
		boolean unsubscribed = record.of(leadId, EngineClock.nowUtc()).map(l -> l.unsubscribedAt() != null).orElse(false);
		events.cultivationStarted(leadId, loop, unsubscribed, silentAt, policy.dormantAfter());
	}

}
