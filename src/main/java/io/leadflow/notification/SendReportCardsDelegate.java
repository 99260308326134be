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
import org.springframework.stereotype.Component;

import io.leadflow.designer.PolicyTables;
import io.leadflow.metrics.ReportCards;
import io.leadflow.metrics.ReportCards.Card;
import io.leadflow.metrics.ReportCards.Median;
import io.leadflow.metrics.ReportCards.Period;
import io.leadflow.metrics.ReportCards.Rep;
import io.leadflow.routing.Reps;
import io.leadflow.system.EngineClock;

/**
 * Service task {@code Task_SendReportCards} of {@code report-cards}: the days before today that
 * {@code report-card-period} says, for every member of a group that {@code report-card-recipients}
 * gives the rep's card, with their teams' median rep beside them, and for every member of a group
 * it gives the manager's card the reps of their teams (all teams for a manager in no team group) —
 * the cards of {@code /api/metrics/report-cards} for the same days (both tables in
 * processes/report-cards.dmn). Keyed by week and recipient, so a retry sends nobody their card twice.
 */
@Component("sendReportCards")
class SendReportCardsDelegate implements JavaDelegate {

	private static final String RECIPIENTS = "report-card-recipients";

	private final ReportCards cards;

	private final Mails mails;

	private final IdentityService identityService;

	private final Reps reps;

	private final PolicyTables tables;

	SendReportCardsDelegate(ReportCards cards, Mails mails, IdentityService identityService, Reps reps,
			PolicyTables tables) {
		this.tables = tables;
		this.reps = reps;
		this.cards = cards;
		this.mails = mails;
		this.identityService = identityService;
	}

	@Override
	public void execute(DelegateExecution execution) {
		LocalDate today = LocalDate.ofInstant(EngineClock.now(), ZoneOffset.UTC);
		Period week = cards.periodBefore(today);
		Map<String, List<String>> recipients = recipientGroups();
		String weekKey = week.to().get(IsoFields.WEEK_BASED_YEAR) + "-W" + week.to().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
		String period = week.label();

		// each rep's card and teams, worked out once for their own mail and their managers'
		List<Card> all = cards.of(members(recipients.get("REP")), week);
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
		for (Rep manager : members(recipients.get("MANAGER"))) {
			List<String> teams = reps.teamsOf(manager.id());
			List<Card> teamCards = new ArrayList<>();
			cardOf.forEach((rep, card) -> {
				if (teams.isEmpty() || teamsOfRep.get(rep).stream().anyMatch(teams::contains)) {
					teamCards.add(card);
				}
			});
			mails.send(MailKind.REPORT_CARD_MANAGER, null, period, manager.id(), weekKey, Map.of("cards", teamCards,
					"total", ReportCards.total("All", teamCards), "period", period,
					"teams", teams.isEmpty() ? List.of("all") : teams.stream().map(this::teamName).toList()));
		}
	}

	private String teamName(String team) {
		return reps.team(team).map(Group::getName).orElse(team);
	}

	/** Which groups get which card (REP, MANAGER), as the table lists them. */
	private Map<String, List<String>> recipientGroups() {
		Map<String, List<String>> groupsOf = new LinkedHashMap<>(Map.of("REP", new ArrayList<>(), "MANAGER", new ArrayList<>()));
		for (Map<String, Object> row : tables.list(RECIPIENTS, Map.of())) {
			List<String> groups = groupsOf.get(String.valueOf(row.get("card")));
			if (groups == null || !(row.get("group") instanceof String group)) {
				throw new IllegalStateException("The table " + RECIPIENTS + " gives " + row
						+ "; each rule names a group and the card REP or MANAGER");
			}
			groups.add(group);
		}
		return groupsOf;
	}

	/** The members of the groups, each once, by user id. */
	private List<Rep> members(List<String> groups) {
		return groups.stream()
			.flatMap(group -> identityService.createUserQuery().memberOfGroup(group).orderByUserId().asc().list().stream())
			.map(user -> new Rep(user.getId(), Reps.fullName(user)))
			.distinct()
			.toList();
	}

}
