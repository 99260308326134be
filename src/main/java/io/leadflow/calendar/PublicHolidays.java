package io.leadflow.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The public holidays by country, from {@code processes/holidays.csv} ({@code country,date,name},
 * one holiday a line), which the designers keep for the years ahead.
 */
public final class PublicHolidays {

	public static final String FILE = "processes/holidays.csv";

	private static final String HEADER = "country,date,name";

	private final Map<String, Set<LocalDate>> byCountry;

	private PublicHolidays(Map<String, Set<LocalDate>> byCountry) {
		this.byCountry = byCountry;
	}

	public static PublicHolidays fromClasspath() {
		try (InputStream file = PublicHolidays.class.getClassLoader().getResourceAsStream(FILE)) {
			if (file == null) {
				throw new IllegalStateException(FILE + " is missing: the team calendars need the public holidays");
			}
			return parse(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read " + FILE, e);
		}
	}

	/** Every line checked; all mistakes reported at once, with their line numbers. */
	static PublicHolidays parse(InputStream csv) throws IOException {
		Map<String, Set<LocalDate>> byCountry = new HashMap<>();
		List<String> mistakes = new ArrayList<>();
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
			String header = lines.readLine();
			if (header == null || !header.trim().equalsIgnoreCase(HEADER)) {
				throw new IllegalStateException(FILE + " must start with the line " + HEADER + ", not " + header);
			}
			String line;
			for (int number = 2; (line = lines.readLine()) != null; number++) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] fields = line.split(",", 3);
				String country = fields[0].trim();
				if (fields.length < 3 || fields[2].isBlank()) {
					mistakes.add("line " + number + ": expected country,date,name, got " + line);
					continue;
				}
				if (!country.matches("[A-Z]{2}")) {
					mistakes.add("line " + number + ": " + country + " is no ISO country code such as DE");
					continue;
				}
				try {
					if (!byCountry.computeIfAbsent(country, c -> new TreeSet<>()).add(LocalDate.parse(fields[1].trim()))) {
						mistakes.add("line " + number + ": " + country + " " + fields[1].trim() + " is listed twice");
					}
				}
				catch (DateTimeParseException e) {
					mistakes.add("line " + number + ": " + fields[1].trim() + " is no date like 2026-12-25");
				}
			}
		}
		if (!mistakes.isEmpty()) {
			throw new IllegalStateException(FILE + " has mistakes:\n  " + String.join("\n  ", mistakes));
		}
		return new PublicHolidays(byCountry);
	}

	public boolean knows(String country) {
		return byCountry.containsKey(country);
	}

	public Set<LocalDate> of(String country) {
		return byCountry.getOrDefault(country, Set.of());
	}

	/** The last holiday listed for the country; after it, the calendar knows no holidays. */
	public LocalDate lastListed(String country) {
		Set<LocalDate> dates = of(country);
		return dates.isEmpty() ? null : ((TreeSet<LocalDate>) dates).last();
	}

}
