package io.leadflow.cultivation;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.TimeZone;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;

/**
 * The ISO-8601 durations of the decision tables ({@code P7D}, {@code P6M}, {@code PT12H}), read as
 * the engine reads a timer's: months and years are calendar months and years.
 */
final class IsoDurations {

	private static final DatatypeFactory FACTORY;

	static {
		try {
			FACTORY = DatatypeFactory.newInstance();
		}
		catch (DatatypeConfigurationException e) {
			throw new ExceptionInInitializerError(e);
		}
	}

	private IsoDurations() {
	}

	/** @throws IllegalArgumentException naming the table value when it is no ISO-8601 duration */
	static Instant after(Instant start, String duration, String what) {
		if (duration == null) {
			throw new IllegalArgumentException(what + " is missing: the decision table gave no duration");
		}
		try {
			GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
			calendar.setTime(Date.from(start));
			FACTORY.newDuration(duration).addTo(calendar);
			return calendar.toInstant();
		}
		catch (IllegalArgumentException | UnsupportedOperationException e) {
			throw new IllegalArgumentException(what + " must be an ISO-8601 duration such as P30D, not " + duration, e);
		}
	}

	static Duration length(Instant from, String duration, String what) {
		return Duration.between(from, after(from, duration, what));
	}

}
