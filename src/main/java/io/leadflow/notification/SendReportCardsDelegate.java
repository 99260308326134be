package io.leadflow.notification;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import io.leadflow.identity.Groups;
import io.leadflow.notification.ReportCards.Card;
import io.leadflow.routing.Reps;

/**
 * Service task {@code Task_SendReportCards} of {@code report-cards}: the past seven days for every
 * rep, and for every manager the reps of their teams (all teams for a manager in no team group).
 * Keyed by week and recipient, so a retry sends nobody their card twice.
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
		OffsetDateTime to = ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC);
		OffsetDateTime from = to.minusDays(7);
		String weekKey = to.get(IsoFields.WEEK_BASED_YEAR) + "-W" + to.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
		String period = from.toLocalDate() + " to " + to.toLocalDate();

		// each rep's week and teams, worked out once for their own card and their managers'
		Map<String, Card> week = new LinkedHashMap<>();
		Map<String, List<String>> teamsOfRep = new LinkedHashMap<>();
		for (String rep : reps()) {
			week.put(rep, cards.of(rep, from, to));
			teamsOfRep.put(rep, reps.teamsOf(rep));
		}
		week.forEach((rep, card) -> mails.send(MailKind.REPORT_CARD_REP, null, period, rep, weekKey,
				Map.of("card", card, "period", period)));
		for (User manager : identityService.createUserQuery().memberOfGroup(Groups.MANAGERS).list()) {
			List<String> teams = reps.teamsOf(manager.getId());
			List<Card> teamCards = new ArrayList<>();
			week.forEach((rep, card) -> {
				if (teams.isEmpty() || teamsOfRep.get(rep).stream().anyMatch(teams::contains)) {
					teamCards.add(card);
				}
			});
			mails.send(MailKind.REPORT_CARD_MANAGER, null, period, manager.getId(), weekKey, Map.of("cards", teamCards,
					"total", cards.total("All", teamCards), "period", period, "teams", teams.isEmpty() ? List.of("all") : teams));
		}
	}

	private List<String> reps() {
		return REP_GROUPS.stream()
			.flatMap(group -> identityService.createUserQuery().memberOfGroup(group).orderByUserId().asc().list().stream())
			.map(User::getId)
			.distinct()
			.toList();
	}

}
