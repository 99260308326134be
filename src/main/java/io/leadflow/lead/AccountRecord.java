package io.leadflow.lead;

import java.time.OffsetDateTime;

/** An account as stored: the first rep to accept one of its leads becomes its owner. */
public record AccountRecord(String id, Account account, String ownerId, OffsetDateTime createdAt) {
}
