package io.leadflow.dossier;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;

import io.leadflow.cultivation.QualityOfEngagement;
import io.leadflow.lead.Account;
import io.leadflow.lead.Contact;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lead.LeadRejections.Rejection;
import io.leadflow.lead.LeadStatus;

/** A lead's dossier: everything Leadflow knows of it, as {@code GET /api/leads/{id}} answers. */
record Dossier(String id, String externalId, LeadStatus status, Integer score, String grade, String source,
		String campaign, String productInterest, Boolean budgetEstablished, Boolean authority, Boolean need,
		Integer timelineMonths, String team, String owner, BigDecimal dealValue, OffsetDateTime createdAt,
		OffsetDateTime updatedAt, OffsetDateTime closedAt, Contact contact, Account account, String accountId,
		QualityOfEngagement.Score accountEngagement, Cultivation cultivation, List<EngagementView> engagements,
		List<Rejection> rejections, List<OpenTask> openTasks, List<LeadHistory.Entry> history) {

	/**
	 * @param loops how often the lead went round the cultivation loop
	 * @param timeInCultivation all loops together, the current one up to now
	 * @param cultivatingSince when the current loop began; null outside cultivation
	 * @param engagementScore the contact's engagement points, decayed to now
	 */
	record Cultivation(int loops, Duration timeInCultivation, OffsetDateTime cultivatingSince, int touchesSent,
			int engagementScore, OffsetDateTime unsubscribedAt) {
	}

	/** What the lead's contact did; {@code intentPoints} as the engagement-points table gave them, before decay. */
	record EngagementView(String type, OffsetDateTime occurredAt, String detail, int intentPoints) {
	}

	/**
	 * @param reminderAt when the assignee is reminded; @param deadlineAt when the task is taken away
	 * @param onTheirClock the same moments as the assignee reads them
	 */
	record OpenTask(String id, String taskDefinitionKey, String name, String assignee, Date created, Date due,
			Date reminderAt, Date deadlineAt, OnTheirClock onTheirClock) {
	}

	/**
	 * An open task's moments in the assignee's time zone (their own, else their team's), in words:
	 * "Mon 7 Dec 2026, 12:00 (Europe/Berlin)". The timers count the team's working hours, so a
	 * deadline only makes sense on a clock of that place.
	 */
	record OnTheirClock(String timeZone, String due, String reminderAt, String deadlineAt) {
	}

}
