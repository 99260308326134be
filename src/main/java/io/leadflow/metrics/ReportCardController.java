package io.leadflow.metrics;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.identity.Group;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.leadflow.identity.Groups;
import io.leadflow.metrics.ReportCards.Card;
import io.leadflow.metrics.ReportCards.Median;
import io.leadflow.metrics.ReportCards.Period;
import io.leadflow.metrics.ReportCards.Rep;
import io.leadflow.routing.Reps;
import io.leadflow.system.Access;
import io.leadflow.system.Access.Viewer;
import io.leadflow.system.EngineClock;
import io.leadflow.system.FieldError;
import io.leadflow.system.InvalidInputException;
import io.leadflow.system.NotFoundException;
import io.leadflow.system.SystemAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The report cards on demand — the same figures as the weekly mail. A rep sees their own card
 * with their teams' medians (never a colleague's figures); a manager the cards of their teams'
 * reps; a partner's manager their partner's; marketing and administrators every card.
 */
@RestController
@RequestMapping("/api/metrics/report-cards")
@Tag(name = "Metrics")
class ReportCardController {

	private final ReportCards cards;

	private final Reps reps;

	private final SystemAccess system;

	private final Access access;

	ReportCardController(ReportCards cards, Reps reps, SystemAccess system, Access access) {
		this.cards = cards;
		this.reps = reps;
		this.system = system;
		this.access = access;
	}

	@GetMapping("/rep")
	@Operation(summary = "A rep's report card for the period (default: the weekly mail's period, the days before today that processes/report-cards.dmn says), with the median rep of each of their teams beside it")
	ResponseEntity<?> rep(@Parameter(description = "the rep's user id; default the caller") @RequestParam(required = false) String rep,
			@Parameter(description = "first day, YYYY-MM-DD (UTC)") @RequestParam(required = false) String from,
			@Parameter(description = "last day, YYYY-MM-DD (UTC), included") @RequestParam(required = false) String to,
			@Parameter(description = "csv for a CSV download") @RequestParam(required = false) String format,
			@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
		Viewer viewer = access.viewer();
		String repId = rep == null || rep.isBlank() ? viewer.userId() : rep;
		Period period = period(from, to);
		List<String> teams = system.call(() -> reps.teamsOf(repId));
		if (!repId.equals(viewer.userId()) && !mayReadCardsOf(viewer, teams)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, viewer.userId() + " may not see the card of " + repId);
		}
		if (!system.call(() -> reps.isRep(repId))) {
			throw new NotFoundException("No rep with id " + repId);
		}
		// the rep's own card is one of their team's: counted once
		Card card = null;
		List<Median> medians = new ArrayList<>();
		for (String team : teams) {
			List<Card> teamCards = cards.of(repsOf(team), period);
			medians.add(ReportCards.median(team, teamName(team), teamCards));
			card = card != null ? card
					: teamCards.stream().filter(member -> member.rep().equals(repId)).findFirst().orElse(null);
		}
		if (card == null) {
			card = cards.of(List.of(rep(repId)), period).get(0);
		}
		RepCard answer = new RepCard(repId, card.name(), period.from(), period.to(), card, medians);
		return MetricsController.answer(answer, Card.class, List.of(card), "report-card-" + repId,
				new MetricsRequest(null, null, null, null, null, null, null, format), accept);
	}

	@GetMapping("/team")
	@Operation(summary = "A team's report card for the period (default: the weekly mail's period): each rep's card, the team's total and its median rep")
	ResponseEntity<?> team(@Parameter(description = "the team, e.g. territory-emea; default the caller's only team") @RequestParam(required = false) String team,
			@Parameter(description = "first day, YYYY-MM-DD (UTC)") @RequestParam(required = false) String from,
			@Parameter(description = "last day, YYYY-MM-DD (UTC), included") @RequestParam(required = false) String to,
			@Parameter(description = "csv for a CSV download") @RequestParam(required = false) String format,
			@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
		Viewer viewer = access.viewer();
		Period period = period(from, to);
		String teamId = team;
		if (teamId == null || teamId.isBlank()) {
			if (viewer.teams().size() != 1) {
				throw new InvalidInputException("Invalid parameters: team",
						List.of(new FieldError("team", "is required: name one of the teams, e.g. territory-emea")));
			}
			teamId = viewer.teams().iterator().next();
		}
		String chosen = teamId;
		if (!mayReadCardsOf(viewer, List.of(chosen))) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, viewer.userId() + " may not see the cards of " + chosen);
		}
		if (reps.team(chosen).isEmpty()) {
			throw new NotFoundException("No team with id " + chosen);
		}
		List<Card> teamCards = cards.of(repsOf(chosen), period);
		TeamCard answer = new TeamCard(chosen, teamName(chosen), period.from(), period.to(), teamCards,
				ReportCards.total("Total", teamCards), ReportCards.median(chosen, teamName(chosen), teamCards));
		return MetricsController.answer(answer, Card.class, teamCards, "report-card-" + chosen,
				new MetricsRequest(null, null, null, null, null, null, null, format), accept);
	}

	/**
	 * Whether the viewer may read individual reps' cards of these teams: marketing and administrators
	 * always, a manager or a partner's manager for their teams (a manager in no team for all). A rep
	 * reads only their own.
	 */
	private boolean mayReadCardsOf(Viewer viewer, List<String> teams) {
		if (!viewer.seesEverything() && !viewer.isManager() && !viewer.groups().contains(Groups.PARTNER_MANAGERS)) {
			return false;
		}
		Set<String> visible = access.teamsWhoseNumbersAreVisibleTo(viewer);
		return visible == null || teams.stream().anyMatch(visible::contains);
	}

	private Period period(String from, String to) {
		if ((from == null || from.isBlank()) && (to == null || to.isBlank())) {
			return cards.periodBefore(LocalDate.ofInstant(EngineClock.now(), ZoneOffset.UTC));
		}
		MetricsFilter checked = MetricsFilter.of(new MetricsRequest(from, to, "rep", null, null, null, null, null),
				"rep", Set.of("rep"), null);
		return new Period(checked.from(), checked.to());
	}

	private List<Rep> repsOf(String team) {
		return system.call(() -> reps.repsOf(team).stream().map(this::rep).toList());
	}

	private Rep rep(String id) {
		return new Rep(id, reps.nameOf(id));
	}

	private String teamName(String team) {
		return reps.team(team).map(Group::getName).orElse(team);
	}

	/** @param teams the median rep of each of the rep's teams */
	record RepCard(String rep, String name, LocalDate from, LocalDate to, Card card, List<Median> teams) {
	}

	record TeamCard(String team, String name, LocalDate from, LocalDate to, List<Card> reps, Card total,
			Median median) {
	}

}
