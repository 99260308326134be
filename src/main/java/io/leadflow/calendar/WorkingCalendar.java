package io.leadflow.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A team's working time: its time zone, working days, opening hours and public holidays, and what
 * an ISO-8601 duration from a policy table comes to in it.
 *
 * <p>Years, months and weeks are calendar spans in the team's zone. Days, hours, minutes and
 * seconds are working time: {@code PT4H} is four working hours, {@code P1D} one working day (as
 * many working hours as the team is open on a day). A moment that falls outside working time
 * moves to the next opening, so a deadline is always a moment at which the team works — or the
 * closing moment at which its last working hour ends.
 *
 * @param team the group id, for messages
 * @param country whose public holidays {@code holidays} are, for messages
 */
public record WorkingCalendar(String team, ZoneId zone, Set<DayOfWeek> workingDays, LocalTime opens,
		LocalTime closes, String country, Set<LocalDate> holidays) {

	private static final Pattern DURATION = Pattern.compile(
			"P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");

	/** Ten years without a working day is a calendar error, not a wait. */
	private static final int SEARCH_DAYS = 3660;

	public WorkingCalendar {
		workingDays = Set.copyOf(workingDays);
		holidays = Set.copyOf(holidays);
		if (workingDays.isEmpty()) {
			throw new IllegalArgumentException(team + ": a calendar needs at least one working day");
		}
		if (!opens.isBefore(closes)) {
			throw new IllegalArgumentException(team + ": opens at " + opens + " but closes at " + closes
					+ "; working hours past midnight are not supported");
		}
	}

	/**
	 * The moment {@code duration} of working time after {@code start}, or empty for what this
	 * calendar does not count (a repeating cycle, a fraction, a negative or a date), which the
	 * engine's own calendars then resolve.
	 */
	public Optional<Instant> plus(Instant start, String duration) {
		Matcher parts = DURATION.matcher(duration.trim());
		if (!parts.matches() || duration.trim().equals("P") || duration.trim().endsWith("T")) {
			return Optional.empty();
		}
		ZonedDateTime at = start.atZone(zone)
			.plusYears(number(parts, 1))
			.plusMonths(number(parts, 2))
			.plusWeeks(number(parts, 3));
		Duration working = dayLength().multipliedBy(number(parts, 4))
			.plusHours(number(parts, 5))
			.plusMinutes(number(parts, 6))
			.plusSeconds(number(parts, 7));
		if (at.toInstant().equals(start) && working.isZero()) {
			return Optional.of(start);
		}
		return Optional.of(plusWorking(nextOpening(at), working).toInstant());
	}

	/** Whether the team works on that day at all. */
	public boolean isWorkingDay(LocalDate day) {
		return workingDays.contains(day.getDayOfWeek()) && !holidays.contains(day);
	}

	/** {@code at} itself when the team works then, else its next opening. */
	public ZonedDateTime nextOpening(ZonedDateTime at) {
		ZonedDateTime local = at.withZoneSameInstant(zone);
		LocalDate day = local.toLocalDate();
		if (isWorkingDay(day) && !local.toLocalTime().isBefore(opens) && local.toLocalTime().isBefore(closes)) {
			return local;
		}
		if (!isWorkingDay(day) || !local.toLocalTime().isBefore(opens)) {
			day = day.plusDays(1);
		}
		for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
			if (isWorkingDay(day)) {
				return day.atTime(opens).atZone(zone);
			}
		}
		throw new IllegalStateException(team + ": no working day within ten years of " + at);
	}

	private ZonedDateTime plusWorking(ZonedDateTime from, Duration working) {
		ZonedDateTime at = from;
		Duration left = working;
		while (true) {
			ZonedDateTime closing = at.toLocalDate().atTime(closes).atZone(zone);
			Duration today = Duration.between(at, closing);
			if (left.compareTo(today) <= 0) {
				return at.plus(left);
			}
			left = left.minus(today);
			at = nextOpening(closing);
		}
	}

	private Duration dayLength() {
		return Duration.between(opens, closes);
	}

	private static long number(Matcher parts, int group) {
		String digits = parts.group(group);
		return digits == null ? 0 : Long.parseLong(digits);
	}

}
