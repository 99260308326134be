package io.leadflow.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import io.leadflow.system.SystemAccess;

/**
 * Each team's working calendar, from the {@code team-calendars} table (time zone, working days,
 * hours, whose public holidays) and {@code processes/holidays.csv}. The latest deployed version of
 * the table holds, so a new version counts for the next timer without a restart.
 *
 * <p>A lead's task sets four clocks at once, and every lead sets them: the table is read by the
 * DMN engine alone, once per version and team, rather than evaluated by the process engine each
 * time, which would write a decision instance to the history for every clock.
 */
@Component
public class TeamCalendars {

	static final String DECISION = "team-calendars";

	private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

	private final RepositoryService repositoryService;

	private final SystemAccess system;

	private final PublicHolidays holidays;

	/** By decision definition id and team; a version once deployed never changes. */
	private final Map<String, Optional<WorkingCalendar>> calendars = new ConcurrentHashMap<>();

	private final Map<String, DmnDecision> tables = new ConcurrentHashMap<>();

	TeamCalendars(RepositoryService repositoryService, SystemAccess system) {
		this.repositoryService = repositoryService;
		this.system = system;
		this.holidays = PublicHolidays.fromClasspath();
	}

	/**
	 * The team's calendar; empty when the table has no row for it.
	 * @throws IllegalStateException when the team's row does not make a calendar, saying why
	 */
	public Optional<WorkingCalendar> of(String team) {
		if (team == null || team.isBlank()) {
			return Optional.empty();
		}
		// whoever's action sets the clock, reading the table is Leadflow's own doing
		String tableId = system.call(() -> {
			DecisionDefinition latest = repositoryService.createDecisionDefinitionQuery()
				.decisionDefinitionKey(DECISION)
				.latestVersion()
				.singleResult();
			if (latest == null) {
				throw new IllegalStateException("The " + DECISION + " table is not deployed (processes/" + DECISION
						+ ".dmn): no team's working time is known");
			}
			return latest.getId();
		});
		// a row that makes no calendar throws and is not kept: it fails again, with its reason
		return calendars.computeIfAbsent(tableId + " " + team, key -> {
			DmnDecisionResultEntries row = DMN
				.evaluateDecision(tables.computeIfAbsent(tableId, this::parse), Variables.putValue("team", team))
				.getFirstResult();
			return row == null ? Optional.empty() : Optional.of(calendar(team, row.getEntryMap()));
		});
	}

	private DmnDecision parse(String tableId) {
		return system.call(() -> {
			try (InputStream model = repositoryService.getDecisionModel(tableId)) {
				return DMN.parseDecision(DECISION, model);
			}
			catch (IOException e) {
				throw new UncheckedIOException("Cannot read " + DECISION + " " + tableId, e);
			}
		});
	}

	PublicHolidays holidays() {
		return holidays;
	}

	private WorkingCalendar calendar(String team, Map<String, Object> row) {
		String where = DECISION + ", team " + team + ": ";
		ZoneId zone;
		try {
			zone = ZoneId.of(text(row, "timeZone", where));
		}
		catch (DateTimeException e) {
			throw new IllegalStateException(where + "time zone " + row.get("timeZone")
					+ " is unknown; write a region such as Europe/Berlin or America/New_York");
		}
		Set<DayOfWeek> days = days(text(row, "workingDays", where), where);
		LocalTime opens = time(row, "opensAt", where);
		LocalTime closes = time(row, "closesAt", where);
		Object countryValue = row.get("holidays");
		String country = countryValue == null ? "" : countryValue.toString().trim().toUpperCase(Locale.ROOT);
		if (!country.isEmpty() && !holidays.knows(country)) {
			throw new IllegalStateException(where + "holidays of " + country + " are wanted, but "
					+ PublicHolidays.FILE + " lists none for " + country);
		}
		try {
			return new WorkingCalendar(team, zone, days, opens, closes, country, holidays.of(country));
		}
		catch (IllegalArgumentException e) {
			throw new IllegalStateException(DECISION + ", " + e.getMessage());
		}
	}

	private static String text(Map<String, Object> row, String output, String where) {
		Object value = row.get(output);
		if (value == null || value.toString().isBlank()) {
			throw new IllegalStateException(where + output + " is empty");
		}
		return value.toString().trim();
	}

	private static LocalTime time(Map<String, Object> row, String output, String where) {
		String value = text(row, output, where);
		try {
			return LocalTime.parse(value);
		}
		catch (DateTimeParseException e) {
			throw new IllegalStateException(where + output + " " + value + " is no time of day like 09:00");
		}
	}

	/** "MON-FRI", "SUN-THU" or "MON,TUE,THU". */
	static Set<DayOfWeek> days(String text, String where) {
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		for (String part : text.split(",")) {
			String[] range = part.trim().split("-");
			if (range.length > 2) {
				throw new IllegalStateException(where + "working days " + text + ": write MON-FRI or MON,TUE,WED");
			}
			DayOfWeek first = day(range[0], text, where);
			DayOfWeek last = range.length == 2 ? day(range[1], text, where) : first;
			for (DayOfWeek day = first;; day = day.plus(1)) {
				days.add(day);
				if (day == last) {
					break;
				}
			}
		}
		return days;
	}

	private static DayOfWeek day(String name, String text, String where) {
		String wanted = name.trim().toUpperCase(Locale.ROOT);
		for (DayOfWeek day : DayOfWeek.values()) {
			if (wanted.length() >= 3 && day.name().startsWith(wanted)) {
				return day;
			}
		}
		throw new IllegalStateException(where + "working days " + text + ": " + name.trim()
				+ " is no day; write MON, TUE, WED, THU, FRI, SAT or SUN");
	}

}
