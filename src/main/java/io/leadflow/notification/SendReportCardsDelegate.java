package io.leadflow.notification;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import io.leadflow.notification.ReportCards.Card;

/**
 * Service task {@code Task_SendReportCards} of {@code report-cards}: the past seven days for every
 * rep, and for every manager the reps of their teams (all teams for a manager in no team group).
 * Keyed by week and recipient, so a retry sends nobody their card twice.
 */
@Component("sendReportCards")
class SendReportCardsDelegate implements JavaDelegate {

	private static final List<String> REP_GROUPS = List.of("sales-reps", "partner-reps");

	private final ReportCards cards;

	private final Mails mails;

	private final IdentityService identityService;

	SendReportCardsDelegate(ReportCards cards, Mails mails, IdentityService identityService) {
		this.cards = cards;
		this.mails = mails;
		this.identityService = identityService;
	}

	@Override
	public void execute(DelegateExecution execution) {
		OffsetDateTime to = ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC);
		OffsetDateTime from = to.minusDays(7);
		String week = to.get(IsoFields.WEEK_BASED_YEAR) + "-W" + to.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
		String period = from.toLocalDate() + " to " + to.toLocalDate();

		for (String rep : reps()) {
			mails.send(MailKind.REPORT_CARD_REP, null, period, rep, week,
					Map.of("card", cards.of(rep, from, to), "period", period));
		}
		for (User manager : identityService.createUserQuery().memberOfGroup("sales-managers").list()) {
			List<String> teams = teamsOf(manager.getId());
			List<Card> teamCards = new ArrayList<>();
			for (String rep : reps()) {
				if (teams.isEmpty() || teamsOf(rep).stream().anyMatch(teams::contains)) {
					teamCards.add(cards.of(rep, from, to));
				}
			}
			mails.send(MailKind.REPORT_CARD_MANAGER, null, period, manager.getId(), week, Map.of("cards", teamCards,
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

	private List<String> teamsOf(String userId) {
		return identityService.createGroupQuery()
			.groupMember(userId)
			.list()
			.stream()
			.map(Group::getId)
			.filter(id -> id.startsWith("territory-") || (id.startsWith("partner-") && !id.equals("partner-reps")))
			.toList();
	}

}
