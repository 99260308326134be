package io.leadflow.metrics;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A metrics statement with its period's bounds written into it rather than bound. PostgreSQL
 * plans a statement it has run five times once for any bounds (a generic plan), and for a period of
 * two years that plan takes twice as long as one made for the bounds (docs/performance.md). The
 * bounds are instants computed from dates Leadflow parsed, never a caller's text.
 */
final class PeriodSql {

	private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx");

	private PeriodSql() {
	}

	/** {@code sql} with {@code :start} and {@code :end} replaced by the bounds. */
	static String bounded(String sql, OffsetDateTime start, OffsetDateTime end) {
		return sql.replace(":start", literal(start)).replace(":end", literal(end));
	}

	private static String literal(OffsetDateTime instant) {
		return "TIMESTAMP WITH TIME ZONE '" + instant.withOffsetSameInstant(ZoneOffset.UTC).format(LITERAL) + "'";
	}

}
