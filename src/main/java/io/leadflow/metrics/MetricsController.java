package io.leadflow.metrics;

import java.util.List;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springdoc.core.annotations.ParameterObject;

import io.leadflow.system.Access;
import io.leadflow.system.Access.Viewer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Leadflow's numbers (docs/metrics.md), each for a period and filters, scoped to what the caller
 * may see: marketing and administrators everything, a manager their teams (every team for a
 * manager in none), a partner rep their partner. JSON, or CSV with {@code ?format=csv} or
 * {@code Accept: text/csv}.
 */
@RestController
@RequestMapping("/api/metrics")
@Tag(name = "Metrics")
class MetricsController {

	static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

	private final Funnel funnel;

	private final Speed speed;

	private final Outcomes outcomes;

	private final Cultivation cultivation;

	private final EngagementQuality engagementQuality;

	private final Access access;

	MetricsController(Funnel funnel, Speed speed, Outcomes outcomes, Cultivation cultivation,
			EngagementQuality engagementQuality, Access access) {
		this.engagementQuality = engagementQuality;
		this.cultivation = cultivation;
		this.funnel = funnel;
		this.speed = speed;
		this.outcomes = outcomes;
		this.access = access;
	}

	@GetMapping("/funnel")
	@Operation(summary = "Leads received in the period, followed to today: received → sales-ready (or cultivated) → routed → accepted → won, with won value; by source (default), campaign, team, partner or rep")
	ResponseEntity<?> funnel(@ParameterObject MetricsRequest request, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
		Funnel.Report report = funnel.report(filter(request, "source", Funnel.groupings()));
		return answer(report, Funnel.Row.class, withTotal(report), "funnel", request, accept);
	}

	@GetMapping("/speed")
	@Operation(summary = "Offers to reps in the period: time to accept (p50, p90), accepted in time, SLA compliance, missed deadlines; by rep (default), team or partner")
	ResponseEntity<?> speed(@ParameterObject MetricsRequest request, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
		Speed.Report report = speed.report(filter(request, "rep", Speed.groupings()));
		return answer(report, Speed.Row.class, report.rows(), "speed", request, accept);
	}

	@GetMapping("/rejections")
	@Operation(summary = "What sales says about marketing's leads: rejections made in the period, by reason; by source (default), campaign, team, partner or rep")
	ResponseEntity<?> rejections(@ParameterObject MetricsRequest request, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
		Outcomes.Rejections report = outcomes.rejections(filter(request, "source", Outcomes.groupings()));
		return answer(report, Outcomes.RejectionRow.class, report.rows(), "rejections", request, accept);
	}

	@GetMapping("/dispositions")
	@Operation(summary = "Closing the loop: dispositions reported in the period — won with value, lost by reason, not a lead; by campaign (default), source, team, partner or rep")
	ResponseEntity<?> dispositions(@ParameterObject MetricsRequest request, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
		Outcomes.Dispositions report = outcomes.dispositions(filter(request, "campaign", Outcomes.groupings()));
		return answer(report, Outcomes.DispositionRow.class, report.rows(), "dispositions", request, accept);
	}

	@GetMapping("/fair-game")
	@Operation(summary = "Leads won in the period by a rep after another rep had rejected them, by the rep who won them")
	ResponseEntity<?> fairGame(@ParameterObject MetricsRequest request, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
		Outcomes.FairGame report = outcomes.fairGame(filter(request, "rep", Set.of("rep")));
		return answer(report, Outcomes.FairGameRow.class, report.rows(), "fair-game", request, accept);
	}

	@GetMapping("/cultivation")
	@Operation(summary = "Of the leads received in the period, those nurtured: in cultivation or dormant now, woken, ready for sales again, won; loops per lead; by campaign (default) or source")
	ResponseEntity<?> cultivation(@ParameterObject MetricsRequest request, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
		Cultivation.Report report = cultivation.report(filter(request, "campaign", Cultivation.groupings()));
		return answer(report, Cultivation.Row.class, report.rows(), "cultivation", request, accept);
	}

	@GetMapping("/engagement")
	@Operation(summary = "Accounts' Quality of Engagement: spread over 1 to 10, the most engaged, the fastest falling, and the score of won beside lost accounts when the outcome was reported (in the period)")
	ResponseEntity<?> engagement(@ParameterObject MetricsRequest request, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
		mayReadEveryAccount(access.viewer());
		EngagementQuality.Report report = engagementQuality.report(filter(request, "account", Set.of("account")));
		return answer(report, EngagementQuality.AccountScore.class, report.highest(), "engagement", request, accept);
	}

	@GetMapping("/engagement/accounts/{accountId}")
	@Operation(summary = "One account's Quality of Engagement week by week — its EKG: the score at the end of each week of the period, at least the last 13 weeks")
	ResponseEntity<?> ekg(@PathVariable String accountId, @ParameterObject MetricsRequest request,
			@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
		mayReadEveryAccount(access.viewer());
		EngagementQuality.Ekg ekg = engagementQuality.ekg(accountId, filter(request, "account", Set.of("account")));
		return answer(ekg, io.leadflow.cultivation.QualityOfEngagement.TrendPoint.class, ekg.weeks(), "ekg", request, accept);
	}

	/** Accounts are every team's: a partner sees its leads' numbers, not the company's accounts. */
	private static void mayReadEveryAccount(Viewer viewer) {
		if (!viewer.seesEverything() && !viewer.isManager()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, viewer.userId() + " may not see every account's engagement");
		}
	}

	private static List<Funnel.Row> withTotal(Funnel.Report report) {
		List<Funnel.Row> rows = new java.util.ArrayList<>(report.rows());
		Funnel.Row total = report.total();
		rows.add(new Funnel.Row("(total)", total.received(), total.salesReady(), total.cultivated(), total.routed(),
				total.accepted(), total.rejected(), total.won(), total.lost(), total.notALead(), total.wonValue()));
		return rows;
	}

	private MetricsFilter filter(MetricsRequest request, String defaultGrouping, Set<String> groupings) {
		Viewer viewer = access.viewer();
		Set<String> visible = access.teamsWhoseNumbersAreVisibleTo(viewer);
		for (String asked : new String[] { request.team(), request.partner() }) {
			if (asked != null && !asked.isBlank() && visible != null && !visible.contains(asked)) {
				throw new ResponseStatusException(HttpStatus.FORBIDDEN,
						viewer.userId() + " may not see the numbers of " + asked);
			}
		}
		return MetricsFilter.of(request, request.by() == null || request.by().isBlank() ? defaultGrouping : request.by(),
				groupings, visible);
	}

	static ResponseEntity<?> answer(Object report, Class<? extends Record> rowType, List<? extends Record> rows,
			String name, MetricsRequest request, String accept) {
		String format = request.format();
		boolean csv = "csv".equalsIgnoreCase(format) || format == null && accept != null && accept.contains("text/csv");
		if (!csv) {
			return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
		}
		return ResponseEntity.ok()
			.contentType(CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"")
			.body(Csv.of(rowType, rows));
	}

}
