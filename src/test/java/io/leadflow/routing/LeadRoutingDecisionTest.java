package io.leadflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.leadflow.DecisionTables;

/** {@code processes/lead-routing.dmn} on its own: territory, industry override, partner, default. */
class LeadRoutingDecisionTest {

	private final DecisionTables routing = DecisionTables.load("lead-routing.dmn", "lead-routing");

	private Map<String, Object> route(String country, String industry, Integer employees, String productInterest) {
		Map<String, Object> lead = new HashMap<>();
		lead.put("country", country);
		lead.put("industry", industry);
		lead.put("employees", employees);
		lead.put("productInterest", productInterest);
		return routing.evaluateSingle(lead);
	}

	@ParameterizedTest(name = "{0} goes to {1}")
	@CsvSource({ "DE, territory-emea", "GB, territory-emea", "ZA, territory-emea", "US, territory-na",
			"BR, territory-na", "JP, territory-apac", "AU, territory-apac" })
	void eachTerritoryTakesItsCountries(String country, String team) {
		assertThat(route(country, "Manufacturing", 500, "Platform")).containsEntry("team", team)
			.containsEntry("channel", "DIRECT");
	}

	@Test
	void publicSectorInTheAmericasGoesToNorthAmericaEvenWhenSmall() {
		assertThat(route("US", "Public Sector", 20, "Platform")).containsEntry("team", "territory-na")
			.containsEntry("channel", "DIRECT");
	}

	@Test
	void smallBusinessesInNorthAmericaGoToTheReseller() {
		assertThat(route("CA", "Retail", 12, "Platform")).containsEntry("team", "partner-northwind")
			.containsEntry("channel", "PARTNER");
	}

	@Test
	void theResellerProductGoesToTheResellerAnywhere() {
		assertThat(route("DE", "Manufacturing", 5000, "Reseller Bundle")).containsEntry("team", "partner-northwind")
			.containsEntry("channel", "PARTNER");
	}

	@Test
	void aCountryWithoutTerritoryStillReachesATeam() {
		Map<String, Object> result = route("AQ", null, null, null);

		assertThat(result).containsEntry("team", "territory-emea").containsEntry("channel", "DIRECT");
		assertThat((String) result.get("routingReason")).contains("No territory");
	}

}
