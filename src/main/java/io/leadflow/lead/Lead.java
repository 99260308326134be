package io.leadflow.lead;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A lead as stored, with its contact and account. */
public record Lead(String id, String externalId, LeadStatus status, String source, String campaign,
		String productInterest, Boolean budgetEstablished, Boolean authority, Boolean need, Integer timelineMonths,
		Integer score, String grade, String team, String ownerId, BigDecimal dealValue, String contactId,
		Contact contact, String accountId, Account account, String accountOwnerId, OffsetDateTime createdAt,
		OffsetDateTime updatedAt, OffsetDateTime closedAt) {
}
