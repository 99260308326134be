package io.leadflow.cultivation;

import static io.leadflow.cultivation.Cultivation.*;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.leadflow.lead.HistoryType;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadStatus;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.system.EngineClock;

/**
 * Service task {@code Task_StartLoop} of {@code lead-cultivation}: counts the loop, starts its
 * clock and sets when the lead falls silent if nobody engages (the cultivation policy's
 * {@code dormantAfter} from now).
 */
@Component("startCultivation")
class StartCultivationDelegate implements JavaDelegate {

	private final LeadRepository leads;

	private final LeadHistory history;

	private final CultivationRecord record;

	StartCultivationDelegate(LeadRepository leads, LeadHistory history, CultivationRecord record) {
		this.leads = leads;
		this.history = history;
		this.record = record;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String leadId = (String) execution.getVariable(LeadLifecycle.LEAD_ID);
		int loop = record.startLoop(leadId, EngineClock.nowUtc());
		@SuppressWarnings("unchecked")
		Map<String, Object> policy = (Map<String, Object>) execution.getVariable(CULTIVATION_POLICY);
		EngagementScore.Policy decided = EngagementScore.Policy.of(policy);
		Instant silentAt = decided.silenceEndsAt(EngineClock.now());
		execution.setVariable(TOUCHES_SENT, 0);
		execution.setVariable(SILENCE_ENDS_AT, Date.from(silentAt));
		leads.updateStatus(leadId, LeadStatus.CULTIVATING);
		boolean unsubscribed = record.of(leadId, EngineClock.nowUtc()).map(l -> l.unsubscribedAt() != null).orElse(false);
		history.record(leadId, HistoryType.CULTIVATION_STARTED, "Cultivation loop " + loop
				+ " started: touches on the nurture plan" + (unsubscribed ? " (not mailed: the contact has unsubscribed)" : "")
				+ "; dormant at " + silentAt + " unless the contact engages (" + decided.dormantAfter() + " of silence)");
	}

}
