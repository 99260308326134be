package io.leadflow.cultivation;

import static io.leadflow.cultivation.Cultivation.*;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadRepository;
import io.leadflow.system.EngineClock;

/**
 * Service task {@code Task_WeighEngagement} of {@code lead-lifecycle} (before the qualification
 * gate) and of {@code lead-cultivation} (after each engagement): puts the contact's decayed
 * engagement points and the account's Quality of Engagement where the qualification table reads
 * them. In cultivation, an engagement also starts the silence that makes a lead dormant over.
 */
@Component("weighEngagement")
class WeighEngagementDelegate implements JavaDelegate {

	private final LeadRepository leads;

	private final EngagementScore score;

	private final AccountEngagement accounts;

	WeighEngagementDelegate(LeadRepository leads, EngagementScore score, AccountEngagement accounts) {
		this.leads = leads;
		this.score = score;
		this.accounts = accounts;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String leadId = execution.getProcessBusinessKey();
		Lead lead = leads.findById(leadId).orElseThrow(() -> new IllegalStateException("No lead " + leadId));
		Instant now = EngineClock.now();
		EngagementScore.Policy policy = score.policy(lead.productInterest());
		ENGAGEMENT_SCORE.set(execution, score.of(lead.contactId(), policy, now));
		ACCOUNT_ENGAGEMENT.set(execution, accounts.of(lead.accountId(), now).score());
		if (execution.hasVariable(SILENCE_ENDS_AT.name())) {
			SILENCE_ENDS_AT.set(execution, Date.from(policy.silenceEndsAt(now)));
		}
	}

}
