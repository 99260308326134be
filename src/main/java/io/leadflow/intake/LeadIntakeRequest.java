package io.leadflow.intake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.leadflow.system.JsonRequest;

/**
 * A lead as another system posts it to {@code POST /api/leads}. Unknown fields are refused (see
 * application.yaml), so a misspelt field is an error, not silently lost data.
 */
@JsonRequest("The lead")
public record LeadIntakeRequest(@Size(max = 100) String externalId, @NotBlank @Size(max = 100) String source,
		@Size(max = 100) String campaign, @NotNull @Valid ContactData contact, @NotNull @Valid CompanyData company,
		@Size(max = 100) String productInterest, Boolean budgetEstablished, Boolean authority, Boolean need,
		@Min(0) @Max(120) Integer timelineMonths, Boolean partnerPreference) {

	public record ContactData(@Size(max = 100) String firstName, @NotBlank @Size(max = 100) String lastName,
			@NotBlank @Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+",
					message = "must be a well-formed email address") String email,
			@Size(max = 40) @Pattern(regexp = "[+0-9 ()./-]*",
					message = "may hold only digits, spaces and + ( ) . / -") String phone,
			@Size(max = 150) String title, @NotNull RoleLevel roleLevel) {
	}

	public record CompanyData(@NotBlank @Size(max = 200) String name,
			@Size(max = 253) @Pattern(regexp = "([a-zA-Z0-9-]+\\.)+[a-zA-Z]{2,}",
					message = "must be a web domain such as example.com") String domain,
			@NotBlank @IsoCountry String country, @Size(max = 100) String industry,
			@Min(0) @Max(10_000_000) Integer employees) {
	}

}
