package io.leadflow.lead;

/** What intake knows of a lead before its lifecycle starts. */
public record NewLead(String id, String externalId, String contactId, String accountId, String source,
		String campaign, String productInterest, Boolean budgetEstablished, Boolean authority, Boolean need,
		Integer timelineMonths) {
}
