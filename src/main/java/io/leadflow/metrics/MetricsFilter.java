package io.leadflow.metrics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.leadflow.system.FieldError;
import io.leadflow.system.InvalidInputException;

/**
 * A metrics request: the period (whole days in UTC, both ends included), the grouping, the filters
 * the caller chose, and the teams the caller may see (null: every team).
 */
record MetricsFilter(LocalDate from, LocalDate to, String by, String source, String campaign, String team,
		String partner, Set<String> visibleTeams) {

	/** Two years and a bit: the longest period the pages offer. */
	static final int LONGEST_PERIOD_DAYS = 800;

	static MetricsFilter of(MetricsRequest request, String by, Set<String> groupings, Set<String> visibleTeams) {
		List<FieldError> errors = new ArrayList<>();
		LocalDate end = date("to", request.to(), LocalDate.now(ZoneOffset.UTC), errors);
		LocalDate start = date("from", request.from(), end == null ? null : end.minusDays(29), errors);
		if (start != null && end != null) {
			if (start.isAfter(end)) {
				errors.add(new FieldError("from", "must not be after to (" + end + ")"));
			}
			else if (start.plusDays(LONGEST_PERIOD_DAYS).isBefore(end)) {
				errors.add(new FieldError("from", "the period may span at most " + LONGEST_PERIOD_DAYS + " days"));
			}
		}
		if (!groupings.contains(by)) {
			errors.add(new FieldError("by", "must be one of " + groupings.stream().sorted().toList()));
		}
		String partner = blankToNull(request.partner());
		if (partner != null && !partner.startsWith("partner-")) {
			errors.add(new FieldError("partner", "must be a partner team, e.g. partner-northwind"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("Invalid parameters: "
					+ String.join(", ", errors.stream().map(FieldError::field).distinct().toList()), errors);
		}
		return new MetricsFilter(start, end, by, blankToNull(request.source()), blankToNull(request.campaign()),
				blankToNull(request.team()), partner, visibleTeams);
	}

	private static LocalDate date(String name, String value, LocalDate otherwise, List<FieldError> errors) {
		if (value == null || value.isBlank()) {
			return otherwise;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (RuntimeException e) {
			errors.add(new FieldError(name, "must be a date as YYYY-MM-DD"));
			return null;
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	OffsetDateTime start() {
		return from.atStartOfDay().atOffset(ZoneOffset.UTC);
	}

	/** The first moment after the period. */
	OffsetDateTime end() {
		return to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
	}

	/** The parameters of a statement, for the conditions to add to; the period is written in by {@link #bounded}. */
	Map<String, Object> parameters() {
		return new java.util.HashMap<>();
	}

	/** The statement with the period's bounds in place of {@code :start} and {@code :end} ({@link PeriodSql}). */
	String bounded(String sql) {
		return PeriodSql.bounded(sql, start(), end());
	}

	/**
	 * The WHERE conditions on the {@code source}, {@code campaign} and {@code team} columns of the
	 * rows under {@code alias} (the lead, or an offer or outcome, which carry them), with their
	 * parameters: the caller's filters and the teams they may see.
	 */
	String conditions(String alias, Map<String, Object> params) {
		String teamColumn = alias + ".team";
		StringBuilder where = new StringBuilder();
		if (source != null) {
			where.append(" AND ").append(alias).append(".source = :source");
			params.put("source", source);
		}
		if (campaign != null) {
			where.append(" AND ").append(alias).append(".campaign = :campaign");
			params.put("campaign", campaign);
		}
		if (team != null) {
			where.append(" AND ").append(teamColumn).append(" = :team");
			params.put("team", team);
		}
		if (partner != null) {
			where.append(" AND ").append(teamColumn).append(" = :partner");
			params.put("partner", partner);
		}
		if ("partner".equals(by)) {
			where.append(" AND ").append(teamColumn).append(" LIKE 'partner-%'");
		}
		if (visibleTeams != null) {
			if (visibleTeams.isEmpty()) {
				where.append(" AND 1 = 0");
			}
			else {
				where.append(" AND ").append(teamColumn).append(" IN (:visibleTeams)");
				params.put("visibleTeams", visibleTeams);
			}
		}
		return where.toString();
	}

}
