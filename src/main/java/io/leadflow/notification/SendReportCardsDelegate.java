package io.leadflow.notification;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

import io.leadflow.identity.Groups;
import io.leadflow.metrics.ReportCards;
import io.leadflow.metrics.ReportCards.Card;
import io.leadflow.metrics.ReportCards.Median;
import io.leadflow.metrics.ReportCards.Period;
import io.leadflow.metrics.ReportCards.Rep;
import io.leadflow.routing.Reps;
import io.leadflow.system.EngineClock;

/**
 * Service task {@code Task_SendReportCards} of {@code report-cards}: the seven whole days before
 * today for every rep, with their teams' median rep beside them, and for every manager the reps of
 * their teams (all teams for a manager in no team group) — the cards of
 * {@code /api/metrics/report-cards} for the same week. Keyed by week and recipient, so a retry sends
 * nobody their card twice.
 */
@Component("sendReportCards")
class SendReportCardsDelegate implements JavaDelegate {

	private static final List<String> REP_GROUPS = List.of(Groups.DIRECT_REPS, Groups.PARTNER_REPS);

	private final ReportCards cards;

	private final Mails mails;

	private final IdentityService identityService;

	private final Reps reps;

	SendReportCardsDelegate(ReportCards cards, Mails mails, IdentityService identityService, Reps reps) {
		this.reps = reps;
		this.cards = cards;
		this.mails = mails;
		this.identityService = identityService;
	}

	@Override
	public void execute(DelegateExecution execution) {
		LocalDate today = LocalDate.ofInstant(EngineClock.now(), ZoneOffset.UTC);
		Period week = ReportCards.weekBefore(today);
		String weekKey = week.to().get(IsoFields.WEEK_BASED_YEAR) + "-W" + week.to().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
		String period = week.label();

		// each rep's card and teams, worked out once for their own mail and their managers'
		List<Card> all = cards.of(reps(), week);
		Map<String, Card> cardOf = new LinkedHashMap<>();
		Map<String, List<String>> teamsOfRep = new LinkedHashMap<>();
		for (Card card : all) {
			cardOf.put(card.rep(), card);
			teamsOfRep.put(card.rep(), reps.teamsOf(card.rep()));
		}
		Map<String, Median> medianOf = new LinkedHashMap<>();
		for (Group team : reps.teams()) {
			List<Card> members = all.stream().filter(card -> teamsOfRep.get(card.rep()).contains(team.getId())).toList();
			medianOf.put(team.getId(), ReportCards.median(team.getId(), team.getName(), members));
		}
		cardOf.forEach((rep, card) -> mails.send(MailKind.REPORT_CARD_REP, null, period, rep, weekKey,
				Map.of("card", card, "period", period,
						"medians", teamsOfRep.get(rep).stream().map(medianOf::get).filter(java.util.Objects::nonNull).toList())));
		for (User manager : identityService.createUserQuery().memberOfGroup(Groups.MANAGERS).list()) {
			List<String> teams = reps.teamsOf(manager.getId());
			List<Card> teamCards = new ArrayList<>();
			cardOf.forEach((rep, card) -> {
				if (teams.isEmpty() || teamsOfRep.get(rep).stream().anyMatch(teams::contains)) {
					teamCards.add(card);
				}
			});
			mails.send(MailKind.REPORT_CARD_MANAGER, null, period, manager.getId(), weekKey, Map.of("cards", teamCards,
					"total", ReportCards.total("All", teamCards), "period", period,
					"teams", teams.isEmpty() ? List.of("all") : teams.stream().map(this::teamName).toList()));
		}
	}

	private String teamName(String team) {
		return reps.team(team).map(Group::getName).orElse(team);
	}

	private List<Rep> reps() {
		return REP_GROUPS.stream()
			.flatMap(group -> identityService.createUserQuery().memberOfGroup(group).orderByUserId().asc().list().stream())
			.map(user -> new Rep(user.getId(), Reps.fullName(user)))
			.distinct()
			.toList();
	}

}
