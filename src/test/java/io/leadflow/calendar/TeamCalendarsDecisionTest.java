package io.leadflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadflow.DecisionTables;

/** The team-calendars table on its own, one row per case. */
class TeamCalendarsDecisionTest {

	private final DecisionTables table = DecisionTables.load("team-calendars.dmn", "team-calendars");

	@Test
	void emeaWorksBerlinOfficeHoursWithGermanHolidays() {
		assertThat(table.evaluateSingle(Map.of("team", "territory-emea"))).containsEntry("timeZone", "Europe/Berlin")
			.containsEntry("workingDays", "MON-FRI")
			.containsEntry("opensAt", "09:00")
			.containsEntry("closesAt", "17:00")
			.containsEntry("holidays", "DE");
	}

	@Test
	void northAmericaWorksNewYorkHoursWithUsHolidays() {
		assertThat(table.evaluateSingle(Map.of("team", "territory-na"))).containsEntry("timeZone", "America/New_York")
			.containsEntry("holidays", "US");
	}

	@Test
	void apacWorksTokyoHoursWithJapaneseHolidays() {
		assertThat(table.evaluateSingle(Map.of("team", "territory-apac"))).containsEntry("timeZone", "Asia/Tokyo")
			.containsEntry("closesAt", "18:00")
			.containsEntry("holidays", "JP");
	}

	@Test
	void thePartnersWorkTheirOwnHours() {
		assertThat(table.evaluateSingle(Map.of("team", "partner-northwind"))).containsEntry("timeZone", "Europe/Berlin")
			.containsEntry("opensAt", "08:00")
			.containsEntry("closesAt", "18:00");
		assertThat(table.evaluateSingle(Map.of("team", "partner-contoso"))).containsEntry("timeZone", "Europe/London")
			.containsEntry("closesAt", "17:30")
			.containsEntry("holidays", "GB");
	}

	@Test
	void aGroupThatIsNoTeamHasNoRow() {
		assertThat(table.evaluateList(Map.of("team", "sales-managers"))).isEmpty();
	}

}
