package io.leadflow.cultivation;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.leadflow.intake.IsoCountry;
import io.leadflow.intake.RoleLevel;
import io.leadflow.system.JsonRequest;
import io.leadflow.system.PlausibleTime;

/**
 * An engagement event as another system posts it to {@code POST /api/engagements}: whose
 * ({@code email} or {@code leadId}), what and when. The contact and company fields are used only
 * when the email is not known yet and a new lead is made for it.
 */
@JsonRequest("The engagement")
public record EngagementRequest(
		@Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+",
				message = "must be a well-formed email address") String email,
		@Size(max = 36) String leadId, @NotNull EngagementType type, @NotNull @PlausibleTime(daysAhead = 1) OffsetDateTime occurredAt,
		@Size(max = 2000) String detail, @Size(max = 100) String firstName, @Size(max = 100) String lastName,
		@Size(max = 150) String title, RoleLevel roleLevel, @Size(max = 200) String company,
		@IsoCountry String country) {
}
