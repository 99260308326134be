package io.leadflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.leadflow.DecisionTables;
import io.leadflow.lifecycle.RoutingPlan;
import io.leadflow.lifecycle.RoutingPlan.Stop;

/**
 * {@code processes/lead-routing.dmn} on its own, read as the process reads it: every matching rule
 * in order, cut after the first direct team. Territory, industry override, partners, default.
 */
class LeadRoutingDecisionTest {

	private final DecisionTables routing = DecisionTables.load("lead-routing.dmn", "lead-routing");

	private List<Stop> route(String country, String industry, Integer employees, String productInterest,
			Boolean partnerPreference) {
		Map<String, Object> lead = new HashMap<>();
		lead.put("country", country);
		lead.put("industry", industry);
		lead.put("employees", employees);
		lead.put("productInterest", productInterest);
		lead.put("partnerPreference", partnerPreference);
		return RoutingPlan.of(routing.evaluateList(lead)).stops();
	}

	private static List<String> teams(List<Stop> stops) {
		return stops.stream().map(Stop::team).toList();
	}

	@ParameterizedTest(name = "{0} goes to {1}")
	@CsvSource({ "DE, territory-emea", "GB, territory-emea", "ZA, territory-emea", "US, territory-na",
			"BR, territory-na", "JP, territory-apac", "AU, territory-apac" })
	void eachTerritoryTakesItsCountries(String country, String team) {
		List<Stop> stops = route(country, "Manufacturing", 500, "Platform", null);

		assertThat(teams(stops)).containsExactly(team);
		assertThat(stops.get(0).channel()).isEqualTo("DIRECT");
	}

	@Test
	void publicSectorInTheAmericasGoesDirectEvenWhenSmall() {
		assertThat(teams(route("US", "Public Sector", 20, "Platform", null))).containsExactly("territory-na");
	}

	@Test
	void smallBusinessesInNorthAmericaGoToTheResellerThenToTheDirectTeam() {
		List<Stop> stops = route("CA", "Retail", 12, "Platform", null);

		assertThat(teams(stops)).containsExactly("partner-northwind", "territory-na");
		assertThat(stops.get(0).isPartner()).isTrue();
	}

	@Test
	void theResellerProductCascadesThroughBothPartnersToTheTerritory() {
		assertThat(teams(route("DE", "Manufacturing", 5000, "Reseller Bundle", null)))
			.containsExactly("partner-northwind", "partner-contoso", "territory-emea");
	}

	@Test
	void aBuyerWhoPrefersAResellerGetsOneBeforeTheDirectTeam() {
		assertThat(teams(route("JP", "Retail", 800, "Platform", true))).containsExactly("partner-contoso",
				"territory-apac");
		assertThat(teams(route("JP", "Retail", 800, "Platform", false))).containsExactly("territory-apac");
	}

	@Test
	void aCountryWithoutTerritoryStillReachesATeam() {
		List<Stop> stops = route("AQ", null, null, null, null);

		assertThat(teams(stops)).containsExactly("territory-emea");
		assertThat(stops.get(0).reason()).contains("No territory");
	}

}
