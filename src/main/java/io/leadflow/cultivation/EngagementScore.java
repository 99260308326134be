package io.leadflow.cultivation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import io.leadflow.cultivation.Engagements.Engagement;
import io.leadflow.system.SystemAccess;

/**
 * A contact's engagement as intent points for the qualification table. Each engagement's points
 * (engagement-points table) halve every {@code scoreHalfLife} (cultivation-policy table), so an old
 * burst of interest does not keep a lead hot.
 */
@Component
public class EngagementScore {

	private final Engagements engagements;

	private final DecisionService decisions;

	private final SystemAccess system;

	EngagementScore(Engagements engagements, DecisionService decisions, SystemAccess system) {
		this.engagements = engagements;
		this.decisions = decisions;
		this.system = system;
	}

	public int of(String contactId, String productInterest, Instant asOf) {
		return of(contactId, policy(productInterest), asOf);
	}

	public int of(String contactId, Policy policy, Instant asOf) {
		return of(engagements.ofContact(contactId), policy, asOf);
	}

	/** The score of engagements already at hand (one contact's). */
	public int of(List<Engagement> contactEngagements, Policy policy, Instant asOf) {
		Duration halfLife = IsoDurations.length(asOf, policy.scoreHalfLife(), "scoreHalfLife");
		double points = 0;
		for (Engagement engagement : contactEngagements) {
			Duration age = Duration.between(engagement.occurredAt().toInstant(), asOf);
			if (!age.isNegative()) {
				points += engagement.intentPoints() * Math.pow(0.5, (double) age.toMillis() / halfLife.toMillis());
			}
		}
		return (int) Math.round(points);
	}

	/** The silence and decay of the cultivation-policy table for a lead of this product interest. */
	public Policy policy(String productInterest) {
		Map<String, Object> result = system.call(() -> decisions.evaluateDecisionTableByKey("cultivation-policy")
			.variables(Variables.createVariables().putValue("productInterest", productInterest))
			.evaluate()
			.getSingleResult()
			.getEntryMap());
		return Policy.of(result);
	}

	/** The engagement-points table's points for one engagement. */
	Points points(EngagementType type, String roleLevel) {
		Map<String, Object> result = system.call(() -> decisions.evaluateDecisionTableByKey("engagement-points")
			.variables(Variables.createVariables()
				.putValue("engagementType", type.name())
				.putValue("roleLevel", roleLevel))
			.evaluate()
			.getSingleResult()
			.getEntryMap());
		if (result == null) {
			throw new IllegalStateException("The engagement-points table has no rule for " + type);
		}
		return new Points(((Number) result.get("intentPoints")).intValue(), ((Number) result.get("depthPoints")).intValue());
	}

	/** @param dormantAfter @param scoreHalfLife ISO-8601 durations, as the table gives them */
	public record Policy(String dormantAfter, String scoreHalfLife) {

		/** A loop that hears nothing from {@code now} on is dormant at this moment. */
		Instant silenceEndsAt(Instant now) {
			return IsoDurations.after(now, dormantAfter, "dormantAfter");
		}

		static Policy of(Object result) {
			if (!(result instanceof Map<?, ?> decided)) {
				throw new IllegalStateException("The cultivation-policy table has no rule for this lead");
			}
			return new Policy((String) decided.get("dormantAfter"), (String) decided.get("scoreHalfLife"));
		}

	}

	record Points(int intent, int depth) {
	}

}
