package io.leadflow.metrics;

import io.swagger.v3.oas.annotations.Parameter;

/** The query of every metrics endpoint, as the caller sent it; {@link MetricsFilter} checks it. */
record MetricsRequest(
		@Parameter(description = "first day, YYYY-MM-DD (UTC); default 29 days before to") String from,
		@Parameter(description = "last day, YYYY-MM-DD (UTC), included; default today") String to,
		@Parameter(description = "the grouping; each endpoint says which it offers and its default") String by,
		@Parameter(description = "only leads of this source") String source,
		@Parameter(description = "only leads of this campaign") String campaign,
		@Parameter(description = "only this team, e.g. territory-emea") String team,
		@Parameter(description = "only this partner team, e.g. partner-northwind") String partner,
		@Parameter(description = "csv for a CSV download (or send Accept: text/csv)") String format) {
}
