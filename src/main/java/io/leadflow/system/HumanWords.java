package io.leadflow.system;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What people read instead of codes: "Wrong territory" for {@code WRONG_TERRITORY}, "4 hours" for
 * {@code PT4H}, "2 months" for a timeline of 2. Codes stay in the API; screens and mails use these.
 */
public final class HumanWords {

	/** Codes whose words are not just the code spelt out. */
	private static final Map<String, String> WORDS = Map.ofEntries(Map.entry("SLA_BREACH", "Deadline missed"),
			Map.entry("NO_ELIGIBLE_REP", "Nobody eligible"), Map.entry("ROUTING_CASCADE", "Passed on to the next team"),
			Map.entry("ESCALATED_TO_MANAGER", "Sent to the manager"), Map.entry("STALE", "Gone quiet"),
			Map.entry("QUALIFICATION_CHECKED", "Checked by marketing"), Map.entry("REJECTION_EVALUATED",
					"Rejection evaluated"),
			Map.entry("WOKEN_UP", "Woken up"), Map.entry("NOT_A_LEAD", "Not a lead"),
			Map.entry("OFFER_TO_TEAM", "Offer to the team"), Map.entry("SALES_READY", "Sales-ready"));

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'",
			Locale.ENGLISH);

	private static final DateTimeFormatter WHEN_THERE = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm",
			Locale.ENGLISH);

	private HumanWords() {
	}

	/** {@code WRONG_TERRITORY} → "Wrong territory"; null stays null. */
	public static String code(String code) {
		if (code == null || code.isBlank()) {
			return code;
		}
		String words = WORDS.get(code);
		if (words != null) {
			return words;
		}
		String spelt = code.replace('_', ' ').toLowerCase(Locale.ROOT);
		return Character.toUpperCase(spelt.charAt(0)) + spelt.substring(1);
	}

	public static String code(Enum<?> code) {
		return code == null ? null : code(code.name());
	}

	/**
	 * An ISO-8601 duration or repeating interval in words: {@code PT4H} → "4 hours", {@code P1DT2H}
	 * → "1 day 2 hours", {@code R/P14D} → "every 14 days". What is no duration is returned as it is.
	 */
	public static String duration(String iso) {
		if (iso == null || iso.isBlank()) {
			return iso;
		}
		String text = iso.trim().toUpperCase(Locale.ROOT);
		if (text.startsWith("R")) {
			int slash = text.indexOf('/');
			return slash < 0 ? iso : "every " + duration(text.substring(slash + 1));
		}
		try {
			int t = text.indexOf('T');
			List<String> parts = new ArrayList<>();
			if (t != 1) {
				Period period = Period.parse(t < 0 ? text : text.substring(0, t));
				add(parts, period.getYears(), "year");
				add(parts, period.getMonths(), "month");
				add(parts, period.getDays(), "day");
			}
			if (t >= 0) {
				Duration time = Duration.parse("P" + text.substring(t));
				add(parts, time.toHours(), "hour");
				add(parts, time.toMinutesPart(), "minute");
			}
			return parts.isEmpty() ? "no time" : String.join(" ", parts);
		}
		catch (DateTimeParseException notADuration) {
			return iso;
		}
	}

	/** A span of time to the minute: "8 hours", "2 days 4 hours", "45 minutes". */
	public static String span(Duration span) {
		List<String> parts = new ArrayList<>();
		add(parts, span.toDays(), "day");
		add(parts, span.toHoursPart(), "hour");
		if (span.toDays() == 0) {
			add(parts, span.toMinutesPart(), "minute");
		}
		return parts.isEmpty() ? "less than a minute" : String.join(" ", parts);
	}

	/** "1 month", "2 months". */
	public static String count(long n, String unit) {
		return n + " " + unit + (n == 1 ? "" : "s");
	}

	/** A moment as people read it: "Tue 1 Dec 2026, 17:00 UTC". */
	public static String when(Date moment) {
		return moment == null ? null : WHEN.format(moment.toInstant().atOffset(ZoneOffset.UTC));
	}

	/** A moment on the reader's clock: "Mon 7 Dec 2026, 12:00 (Europe/Berlin)". */
	public static String when(Date moment, ZoneId zone) {
		return moment == null ? null : WHEN_THERE.format(moment.toInstant().atZone(zone)) + " (" + zone.getId() + ")";
	}

	private static void add(List<String> parts, long n, String unit) {
		if (n != 0) {
			parts.add(count(n, unit));
		}
	}

}
