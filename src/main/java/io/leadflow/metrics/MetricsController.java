package io.leadflow.metrics;

import java.util.List;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.leadflow.identity.Groups;
import io.leadflow.system.Access;
import io.leadflow.system.Access.Viewer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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

	private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

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
	@Operation(summary = "Leads received in the period, followed to today: received → sales-ready (or cultivated) → routed → accepted → won, with won value")
	ResponseEntity<?> funnel(@Parameter(description = "first day, YYYY-MM-DD (UTC); default 29 days before to") @RequestParam(required = false) String from,
			@Parameter(description = "last day, YYYY-MM-DD (UTC), included; default today") @RequestParam(required = false) String to,
			@Parameter(description = "source, campaign, team, partner or rep") @RequestParam(defaultValue = "source") String by,
			@RequestParam(required = false) String source, @RequestParam(required = false) String campaign,
			@RequestParam(required = false) String team, @RequestParam(required = false) String partner,
			@RequestParam(required = false) String format, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
		Funnel.Report report = funnel.report(filter(from, to, by, Funnel.groupings(), source, campaign, team, partner));
		return answer(report, Funnel.Row.class, withTotal(report), "funnel", format, accept);
	}

	@GetMapping("/speed")
	@Operation(summary = "Offers to reps in the period: time to accept (p50, p90), accepted in time, SLA compliance, missed deadlines")
	ResponseEntity<?> speed(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@Parameter(description = "rep, team or partner") @RequestParam(defaultValue = "rep") String by,
			@RequestParam(required = false) String source, @RequestParam(required = false) String campaign,
			@RequestParam(required = false) String team, @RequestParam(required = false) String partner,
			@RequestParam(required = false) String format, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
		Speed.Report report = speed.report(filter(from, to, by, Speed.groupings(), source, campaign, team, partner));
		return answer(report, Speed.Row.class, report.rows(), "speed", format, accept);
	}

	@GetMapping("/rejections")
	@Operation(summary = "What sales says about marketing's leads: rejections made in the period, by reason")
	ResponseEntity<?> rejections(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@Parameter(description = "source, campaign, team, partner or rep") @RequestParam(defaultValue = "source") String by,
			@RequestParam(required = false) String source, @RequestParam(required = false) String campaign,
			@RequestParam(required = false) String team, @RequestParam(required = false) String partner,
			@RequestParam(required = false) String format, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
		Outcomes.Rejections report = outcomes
			.rejections(filter(from, to, by, Outcomes.groupings(), source, campaign, team, partner));
		return answer(report, Outcomes.RejectionRow.class, report.rows(), "rejections", format, accept);
	}

	@GetMapping("/dispositions")
	@Operation(summary = "Closing the loop: dispositions reported in the period — won with value, lost by reason, not a lead")
	ResponseEntity<?> dispositions(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@Parameter(description = "source, campaign, team, partner or rep") @RequestParam(defaultValue = "campaign") String by,
			@RequestParam(required = false) String source, @RequestParam(required = false) String campaign,
			@RequestParam(required = false) String team, @RequestParam(required = false) String partner,
			@RequestParam(required = false) String format, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
		Outcomes.Dispositions report = outcomes
			.dispositions(filter(from, to, by, Outcomes.groupings(), source, campaign, team, partner));
		return answer(report, Outcomes.DispositionRow.class, report.rows(), "dispositions", format, accept);
	}

	@GetMapping("/fair-game")
	@Operation(summary = "Leads won in the period by a rep after another rep had rejected them, by the rep who won them")
	ResponseEntity<?> fairGame(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String source, @RequestParam(required = false) String campaign,
			@RequestParam(required = false) String team, @RequestParam(required = false) String partner,
			@RequestParam(required = false) String format, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
		Outcomes.FairGame report = outcomes
			.fairGame(filter(from, to, "rep", Outcomes.groupings(), source, campaign, team, partner));
		return answer(report, Outcomes.FairGameRow.class, report.rows(), "fair-game", format, accept);
	}

	@GetMapping("/cultivation")
	@Operation(summary = "Of the leads received in the period, those nurtured: in cultivation or dormant now, woken, ready for sales again, won; loops per lead")
	ResponseEntity<?> cultivation(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@Parameter(description = "source or campaign") @RequestParam(defaultValue = "campaign") String by,
			@RequestParam(required = false) String source, @RequestParam(required = false) String campaign,
			@RequestParam(required = false) String team, @RequestParam(required = false) String partner,
			@RequestParam(required = false) String format, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
		Cultivation.Report report = cultivation
			.report(filter(from, to, by, Cultivation.groupings(), source, campaign, team, partner));
		return answer(report, Cultivation.Row.class, report.rows(), "cultivation", format, accept);
	}

	@GetMapping("/engagement")
	@Operation(summary = "Accounts' Quality of Engagement: spread over 1 to 10, the most engaged, the fastest falling, and the score of won beside lost accounts when the outcome was reported (in the period)")
	ResponseEntity<?> engagement(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String format, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
		Viewer viewer = access.viewer();
		if (!viewer.seesEverything() && !viewer.isManager()) {
			// accounts are every team's: a partner sees its leads' numbers, not the company's accounts
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, viewer.userId() + " may not see every account's engagement");
		}
		EngagementQuality.Report report = engagementQuality
			.report(MetricsFilter.of(from, to, "account", Set.of("account"), null, null, null, null, null));
		return answer(report, EngagementQuality.AccountScore.class, report.highest(), "engagement", format, accept);
	}

	private static List<Funnel.Row> withTotal(Funnel.Report report) {
		List<Funnel.Row> rows = new java.util.ArrayList<>(report.rows());
		Funnel.Row total = report.total();
		rows.add(new Funnel.Row("(total)", total.received(), total.salesReady(), total.cultivated(), total.routed(),
				total.accepted(), total.rejected(), total.won(), total.lost(), total.notALead(), total.wonValue()));
		return rows;
	}

	private MetricsFilter filter(String from, String to, String by, Set<String> groupings, String source,
			String campaign, String team, String partner) {
		Viewer viewer = access.viewer();
		Set<String> visible = visibleTeams(viewer);
		for (String asked : new String[] { team, partner }) {
			if (asked != null && !asked.isBlank() && visible != null && !visible.contains(asked)) {
				throw new ResponseStatusException(HttpStatus.FORBIDDEN,
						viewer.userId() + " may not see the numbers of " + asked);
			}
		}
		return MetricsFilter.of(from, to, by, groupings, source, campaign, team, partner, visible);
	}

	/** Null: every team. A partner's rep or manager sees their partner only; a manager their teams, or all in none. */
	static Set<String> visibleTeams(Viewer viewer) {
		if (viewer.seesEverything()) {
			return null;
		}
		if (viewer.isManager()) {
			return viewer.teams().isEmpty() ? null : viewer.teams();
		}
		if (viewer.groups().contains(Groups.PARTNER_REPS) || viewer.groups().contains(Groups.PARTNER_MANAGERS)) {
			return viewer.teams();
		}
		return Set.of();
	}

	private static ResponseEntity<?> answer(Object report, Class<? extends Record> rowType, List<? extends Record> rows,
			String name, String format, String accept) {
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
