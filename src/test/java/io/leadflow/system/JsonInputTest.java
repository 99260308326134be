package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import jakarta.validation.Validation;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;
import org.springframework.context.annotation.Import;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadflow.intake.LeadIntakeRequest;

/**
 * Reading a request body the way the API does (the application's Jackson settings): every bad
 * field named at once, and nothing lenient let through.
 */
@JsonTest
@Import(StrictJson.class)
class JsonInputTest {

	private static final String LEAD = """
			{"source": "webinar", "contact": {"lastName": "Gruber", "email": "greta@acme.de", "roleLevel": "EXECUTIVE"},
			 "company": {"name": "Acme GmbH", "country": "DE", "employees": 5000}, "timelineMonths": 2}""";

	@Autowired
	private ObjectMapper objectMapper;

	private JsonInput input() {
		return new JsonInput(objectMapper, Validation.buildDefaultValidatorFactory().getValidator());
	}

	private LeadIntakeRequest read(String body) {
		return input().read(body.getBytes(StandardCharsets.UTF_8), LeadIntakeRequest.class, "The lead");
	}

	@Test
	void aGoodLeadIsRead() {
		LeadIntakeRequest lead = read(LEAD);

		assertThat(lead.source()).isEqualTo("webinar");
		assertThat(lead.company().employees()).isEqualTo(5000);
	}

	@Test
	void everyBadFieldIsNamedInOneAnswer() {
		String bad = LEAD.replace("\"webinar\"", "true")
			.replace("\"EXECUTIVE\"", "1")
			.replace("\"DE\"", "\"XX\"")
			.replace("5000", "2.5")
			.replace("\"timelineMonths\": 2", "\"timelineMonths\": 500, \"leadId\": \"x\"");

		assertThatThrownBy(() -> read(bad)).isInstanceOfSatisfying(InvalidInputException.class,
				refused -> assertThat(refused.errors()).extracting(FieldError::field)
					.containsExactlyInAnyOrder("source", "contact.roleLevel", "company.country", "company.employees",
							"timelineMonths", "leadId"));
	}

	@Test
	void textWithANulCharacterIsRefused() {
		assertThatThrownBy(() -> read(LEAD.replace("Gruber", "Gru\\u0000ber")))
			.isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.errors())
				.containsExactly(new FieldError("contact.lastName", "must not contain the NUL character")));
	}

	@Test
	void whatIsNotOneJsonObjectIsRefusedWithASentence() {
		for (String body : new String[] { "", "  ", "[]", "\"lead\"", LEAD + " xyz", LEAD.replace("\"source\": \"webinar\"",
				"\"source\": \"webinar\", \"source\": \"fair\""), "{" }) {
			assertThatThrownBy(() -> read(body)).as(body).isInstanceOf(InvalidInputException.class).hasMessageContaining(
					"The");
		}
	}


	@Test
	void eachProblemIsSaidInTheCallersTermsAtItsPath() {
		String bad = LEAD.replace("\"lastName\": \"Gruber\"", "\"lastName\": \"Gruber\", \"nickname\": \"G\"")
			.replace("\"EXECUTIVE\"", "\"CEO\"")
			.replace("\"timelineMonths\": 2", "\"timelineMonths\": \"soon\", \"budgetEstablished\": \"yes\"");

		assertThatThrownBy(() -> read(bad)).isInstanceOfSatisfying(InvalidInputException.class, refused -> {
			assertThat(refused.errors()).containsExactly(new FieldError("budgetEstablished", "must be true or false"),
					new FieldError("contact.nickname", "is not a known field"),
					new FieldError("contact.roleLevel",
							"must be one of [EXECUTIVE, MANAGER, PRACTITIONER, OTHER]"),
					new FieldError("timelineMonths", "must be a whole number"));
			assertThat(refused.getMessage())
				.isEqualTo("The lead has invalid fields: budgetEstablished, contact.nickname, contact.roleLevel, timelineMonths");
		});
	}

	@Test
	void aNestedObjectThatIsNotAnObjectIsOneProblemNotTwo() {
		String bad = LEAD.replace("\"company\": {\"name\": \"Acme GmbH\", \"country\": \"DE\", \"employees\": 5000}",
				"\"company\": \"Acme GmbH\"");

		assertThatThrownBy(() -> read(bad)).isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(
				refused.errors()).as("no second \"must not be null\" for the field refused for its type")
			.containsExactly(new FieldError("company", "must be an object")));
	}

	@Test
	void aMissingRequiredFieldIsNamedByBeanValidation() {
		assertThatThrownBy(() -> read(LEAD.replace("\"source\": \"webinar\", ", "")))
			.isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.errors())
				.extracting(FieldError::field)
				.containsExactly("source"));
	}

}
