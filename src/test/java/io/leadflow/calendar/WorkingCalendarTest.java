package io.leadflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * What a policy's duration comes to in a team's working time, at the edges: opening and closing,
 * a weekend, public holidays, a clock change, another time zone.
 */
class WorkingCalendarTest {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final PublicHolidays HOLIDAYS = PublicHolidays.fromClasspath();

	private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

	private final WorkingCalendar emea = new WorkingCalendar("territory-emea", BERLIN, WEEKDAYS, LocalTime.of(9, 0),
			LocalTime.of(17, 0), "DE", HOLIDAYS.of("DE"));

	private final WorkingCalendar na = new WorkingCalendar("territory-na", NEW_YORK, WEEKDAYS, LocalTime.of(9, 0),
			LocalTime.of(17, 0), "US", HOLIDAYS.of("US"));

	@Test
	void fourHoursFromFridayNightEndOnMondayAtOnePm() {
		assertThat(emea.plus(berlin("2026-12-04T22:00"), "PT4H")).contains(berlin("2026-12-07T13:00"));
	}

	@Test
	void fromTheOpeningTheHoursRunAtOnce() {
		assertThat(emea.plus(berlin("2026-12-01T09:00"), "PT4H")).contains(berlin("2026-12-01T13:00"));
		assertThat(emea.plus(berlin("2026-12-01T08:59"), "PT4H")).contains(berlin("2026-12-01T13:00"));
	}

	@Test
	void aWholeDaysHoursEndAtTheClosingNotTheNextOpening() {
		assertThat(emea.plus(berlin("2026-12-01T09:00"), "PT8H")).contains(berlin("2026-12-01T17:00"));
	}

	@Test
	void fromTheClosingTheHoursRunTheNextWorkingDay() {
		assertThat(emea.plus(berlin("2026-12-01T17:00"), "PT1H")).contains(berlin("2026-12-02T10:00"));
		assertThat(emea.plus(berlin("2026-12-01T16:30"), "PT1H")).contains(berlin("2026-12-02T09:30"));
	}

	@Test
	void christmasAndTheWeekendAreSkipped() {
		// 24 Dec is a working day; 25 Dec (Fri) and the weekend are not
		assertThat(emea.plus(berlin("2026-12-24T16:00"), "PT2H")).contains(berlin("2026-12-28T10:00"));
	}

	@Test
	void easterFromGoodFridayToEasterMondayIsSkipped() {
		assertThat(emea.plus(berlin("2026-04-02T16:00"), "PT4H")).contains(berlin("2026-04-07T12:00"));
	}

	@Test
	void theEndOfSummerTimeMovesTheUtcInstantNotTheWorkingHours() {
		// Friday 16:00 CEST (14:00 UTC); Monday 10:00 CET (09:00 UTC)
		assertThat(emea.plus(berlin("2026-10-23T16:00"), "PT2H")).contains(Instant.parse("2026-10-26T09:00:00Z"));
	}

	@Test
	void daysAreWorkingDaysAndWeeksCalendarWeeks() {
		assertThat(emea.plus(berlin("2026-12-01T10:00"), "P1D")).contains(berlin("2026-12-02T10:00"));
		assertThat(emea.plus(berlin("2026-12-04T22:00"), "P1D")).as("a full Monday")
			.contains(berlin("2026-12-07T17:00"));
		assertThat(emea.plus(berlin("2026-12-04T10:00"), "P2D")).contains(berlin("2026-12-08T10:00"));
		assertThat(emea.plus(berlin("2026-12-01T10:00"), "P1W")).contains(berlin("2026-12-08T10:00"));
		assertThat(emea.plus(berlin("2026-12-05T10:00"), "P1W")).as("a week to a Saturday: the next opening")
			.contains(berlin("2026-12-14T09:00"));
		assertThat(emea.plus(berlin("2026-12-01T10:00"), "P1DT2H")).contains(berlin("2026-12-02T12:00"));
	}

	@Test
	void newYorkWorksOnNewYorkTimeAndItsOwnHolidays() {
		// Thanksgiving (Thu 26 Nov) is a US holiday, not a German one
		Instant wednesday = newYork("2026-11-25T15:00");
		assertThat(na.plus(wednesday, "PT4H")).contains(newYork("2026-11-27T11:00"));
		assertThat(emea.plus(wednesday, "PT4H")).as("21:00 in Berlin: Thursday morning")
			.contains(berlin("2026-11-26T13:00"));
		assertThat(na.plus(newYork("2026-12-04T16:00"), "PT4H")).contains(newYork("2026-12-07T12:00"));
	}

	@Test
	void whatTheCalendarDoesNotCountIsLeftToTheEngine() {
		assertThat(emea.plus(berlin("2026-12-01T10:00"), "R/P14D")).isEmpty();
		assertThat(emea.plus(berlin("2026-12-01T10:00"), "PT1.5H")).isEmpty();
		assertThat(emea.plus(berlin("2026-12-01T10:00"), "2026-12-24T10:00:00")).isEmpty();
		assertThat(emea.plus(berlin("2026-12-01T10:00"), "P")).isEmpty();
		assertThat(emea.plus(berlin("2026-12-05T10:00"), "PT0S")).contains(berlin("2026-12-05T10:00"));
	}

	@Test
	void workingDaysAreWrittenAsARangeOrAList() {
		assertThat(TeamCalendars.days("MON-FRI", "")).isEqualTo(WEEKDAYS);
		assertThat(TeamCalendars.days("SUN-THU", "")).containsExactlyInAnyOrder(DayOfWeek.SUNDAY, DayOfWeek.MONDAY,
				DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY);
		assertThat(TeamCalendars.days("mon, wed,FRI", "")).containsExactlyInAnyOrder(DayOfWeek.MONDAY,
				DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
		assertThatThrownBy(() -> TeamCalendars.days("MON-FRY", "team-calendars, team x: "))
			.hasMessage("team-calendars, team x: working days MON-FRY: FRY is no day; write MON, TUE, WED, THU, FRI, SAT or SUN");
	}

	@Test
	void aCalendarWithoutWorkingTimeIsRefused() {
		assertThatThrownBy(() -> new WorkingCalendar("t", BERLIN, WEEKDAYS, LocalTime.of(17, 0), LocalTime.of(9, 0), "DE",
				Set.of()))
			.hasMessageContaining("opens at 17:00 but closes at 09:00");
		assertThatThrownBy(() -> new WorkingCalendar("t", BERLIN, Set.of(), LocalTime.of(9, 0), LocalTime.of(17, 0), "DE",
				Set.of()))
			.hasMessageContaining("at least one working day");
	}

	@Test
	void theHolidayFileNamesEachMistakeByLine() {
		String csv = "country,date,name\nDE,2026-12-25,Weihnachten\nDE,2026-13-01,Nonsense\nGermany,2026-12-26,X\n"
				+ "DE,2026-12-25,Again\n";
		assertThatThrownBy(() -> PublicHolidays.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))))
			.hasMessageContaining("line 3: 2026-13-01 is no date")
			.hasMessageContaining("line 4: Germany is no ISO country code")
			.hasMessageContaining("line 5: DE 2026-12-25 is listed twice");
	}

	@Test
	void theHolidayFileCoversTheTeamsCountriesForTwoYears() {
		for (String country : new String[] { "DE", "US", "JP", "GB" }) {
			assertThat(HOLIDAYS.lastListed(country)).as(country).isAfterOrEqualTo(java.time.LocalDate.parse("2027-11-01"));
		}
	}

	private static Instant berlin(String local) {
		return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
	}

	private static Instant newYork(String local) {
		return LocalDateTime.parse(local).atZone(NEW_YORK).toInstant();
	}

}
