package io.leadflow.lead;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.stereotype.Service;

import io.leadflow.lead.LeadMilestones.Answer;
import io.leadflow.lead.LeadMilestones.Stage;
import io.leadflow.lead.LeadRepository.Ownership;

/**
 * Everything that happens to a lead, one method per event of the product. Each writes the lead's
 * status and owner, the rows that go with the event (rejection, breach) and its history row
 * together, in the caller's transaction — so a lead's story and its state never tell two stories.
 * Which status an event leads to, and from which statuses it may happen, is decided here and
 * nowhere else; an event that makes no sense for the lead as it stands (a won lead routed again,
 * a lead accepted that was never routed) is refused with {@link LeadTransitionRefused} and
 * changes nothing. Delegates, task listeners and services call these methods and keep no rules
 * of their own about a lead's state.
 */
@Service
public class LeadEvents {

	/** Every status a lead can be worked from: not closed. */
	private static final Set<LeadStatus> OPEN = EnumSet.complementOf(EnumSet.copyOf(LeadStatus.closed()));

	/** A lead lost for timing goes back to cultivation: the one way out of a closed status. */
	private static final Set<LeadStatus> OPEN_OR_LOST = with(OPEN, LeadStatus.LOST);

	/** A rep's task for the lead (ReviewLead) exists only while it is routed. */
	private static final Set<LeadStatus> ROUTED = EnumSet.of(LeadStatus.ROUTED);

	/** Only an accepted lead has a rep who can report how it ended. */
	private static final Set<LeadStatus> ACCEPTED = EnumSet.of(LeadStatus.ACCEPTED);

	private final LeadRepository leads;

	private final Accounts accounts;

	private final LeadHistory history;

	private final LeadRejections rejections;

	private final LeadBreaches breaches;

	private final RoutingCorrections corrections;

	private final LeadMilestones milestones;

	LeadEvents(LeadRepository leads, Accounts accounts, LeadHistory history, LeadRejections rejections,
			LeadBreaches breaches, RoutingCorrections corrections, LeadMilestones milestones) {
		this.corrections = corrections;
		this.milestones = milestones;
		this.leads = leads;
		this.accounts = accounts;
		this.history = history;
		this.rejections = rejections;
		this.breaches = breaches;
	}

	// ---- arrival and qualification

	/** A new lead arrived; {@code summary} says from where and who. */
	public void received(NewLead lead, String summary) {
		leads.insert(lead);
		milestones.started(lead.id());
		history.record(lead.id(), HistoryType.RECEIVED, summary);
	}

	/** The same lead was sent again (same external id, or the contact's open lead): no twin, a note. */
	public void receivedAgain(String leadId, String what) {
		history.record(leadId, HistoryType.ACTIVITY, what);
	}

	/**
	 * The qualification table scored the lead. Sales-ready keeps the lead where it is (waiting for
	 * marketing's check when {@code needsCheck}); cultivate starts cultivation; disqualify ends it.
	 *
	 * @param why the table's description of its decision, with what it weighed
	 */
	public void qualified(String leadId, int score, String grade, QualificationRoute route, boolean needsCheck,
			String why, String reason) {
		LeadStatus to = switch (route) {
			case SALES_READY -> needsCheck ? LeadStatus.QUALIFYING : null;
			case CULTIVATE -> LeadStatus.CULTIVATING;
			case DISQUALIFY -> null;
		};
		change(leadId, "be qualified", OPEN, to, null);
		leads.updateQualification(leadId, score, grade);
		if (route == QualificationRoute.SALES_READY && !needsCheck) {
			milestones.reached(leadId, Stage.SALES_READY);
		}
		history.record(leadId, HistoryType.QUALIFIED, why);
		if (route == QualificationRoute.DISQUALIFY) {
			disqualify(leadId, "Disqualified by the qualification rules" + (reason == null ? "" : ": " + reason));
		}
	}

	/** Marketing checked a lead the table wanted checked: on to sales, into cultivation, or out. */
	public void checkedByMarketing(String leadId, QualificationRoute route, String comment) {
		history.record(leadId, HistoryType.QUALIFICATION_CHECKED, withComment(route.name(), comment));
		switch (route) {
			case SALES_READY -> milestones.reached(leadId, Stage.SALES_READY);
			case CULTIVATE -> change(leadId, "be cultivated", OPEN, LeadStatus.CULTIVATING, null);
			case DISQUALIFY -> disqualified(leadId, comment);
		}
	}

	// ---- cultivation

	public void cultivationStarted(String leadId, int loop, boolean unsubscribed, Instant dormantAt,
			String dormantAfter) {
		change(leadId, "be cultivated", OPEN, LeadStatus.CULTIVATING, null);
		milestones.reached(leadId, Stage.CULTIVATED);
		history.record(leadId, HistoryType.CULTIVATION_STARTED, "Cultivation loop " + loop
				+ " started: touches on the nurture plan" + (unsubscribed ? " (not mailed: the contact has unsubscribed)" : "")
				+ "; dormant at " + dormantAt + " unless the contact engages (" + dormantAfter + " of silence)");
	}

	public void engaged(String leadId, String what) {
		history.record(leadId, HistoryType.ENGAGEMENT, what);
	}

	/** A long silence ended the cultivation loop; the next engagement wakes the lead. */
	public void dormant(String leadId, String silence) {
		change(leadId, "go dormant", EnumSet.of(LeadStatus.CULTIVATING), LeadStatus.DORMANT, null);
		milestones.reached(leadId, Stage.DORMANT);
		history.record(leadId, HistoryType.DORMANT, "No engagement for " + silence
				+ ": dormant. The next engagement wakes the lead and it goes through qualification again");
	}

	public void woken(String leadId, String engagementType) {
		milestones.reached(leadId, Stage.WOKEN);
		history.record(leadId, HistoryType.WOKEN_UP, "Woken from dormancy by " + engagementType + ": qualified again");
	}

	/**
	 * The contact unsubscribed. A lead in cultivation (or dormant) ends there; a lead with sales stays
	 * with sales.
	 */
	public void unsubscribed(String leadId, boolean endedCultivation, LeadStatus status) {
		if (endedCultivation) {
			disqualify(leadId, "Unsubscribed: no more touches; disqualified for marketing (the lead and its history stay)");
		}
		else {
			history.record(leadId, HistoryType.UNSUBSCRIBED,
					"Unsubscribed from marketing mail; the lead stays where it is (" + status + ")");
		}
	}

	public void touchNotMailed(String leadId, String mailKind) {
		history.record(leadId, HistoryType.UNSUBSCRIBED, mailKind + " not mailed: the contact has unsubscribed");
	}

	/** A rejected or timed-out lead goes back to be re-baked; rejections so far no longer keep anyone from it. */
	public void returnedToCultivation(String leadId, String returningRep) {
		change(leadId, "go back to cultivation", OPEN_OR_LOST, LeadStatus.CULTIVATING, Ownership.NOBODY);
		leads.markCultivated(leadId);
		history.record(leadId, HistoryType.RETURNED_TO_CULTIVATION, "Back to cultivation to re-bake"
				+ (returningRep == null ? "" : "; " + returningRep + " is offered it first when it is ready"));
	}

	// ---- routing

	/** The routing step picked a rep of the team; {@code trace} is the whole decision. */
	public void routed(String leadId, String team, String rep, String trace) {
		change(leadId, "be routed", OPEN, LeadStatus.ROUTED, new Ownership(team, rep));
		offered(leadId, team, rep);
		history.record(leadId, HistoryType.ROUTED, trace);
	}

	/** Nobody in the team (or no team at all) can take the lead: a manager assigns it. */
	public void noEligibleRep(String leadId, String team, String trace) {
		change(leadId, "be routed", OPEN, null, new Ownership(team, null));
		milestones.reached(leadId, Stage.SALES_READY);
		history.record(leadId, HistoryType.NO_ELIGIBLE_REP, trace);
	}

	/**
	 * A manager picked the rep in the Assign lead task.
	 *
	 * @param caveat why the rep could not take a lead when the manager confirmed giving it anyway, or null
	 */
	public void assignedByManager(String leadId, String team, String rep, String caveat) {
		change(leadId, "be assigned", OPEN, LeadStatus.ROUTED, new Ownership(team, rep));
		offered(leadId, team, rep);
		history.record(leadId, HistoryType.ASSIGNED_BY_MANAGER, "Assigned to " + rep + anyway(caveat));
	}

	/** A manager handling a rejected or unaccepted lead gives it to a rep they pick. */
	public void managerAssigned(String leadId, String team, String rep, String caveat, String comment) {
		change(leadId, "be assigned", OPEN, LeadStatus.ROUTED, new Ownership(team, rep));
		offered(leadId, team, rep);
		managerDecided(leadId, "ASSIGN to " + rep + anyway(caveat), comment);
	}

	/** Every way a lead reaches a rep's or a team's Tasklist: the offer the speed metrics time. */
	private void offered(String leadId, String team, String rep) {
		milestones.reached(leadId, Stage.SALES_READY, Stage.ROUTED);
		milestones.offered(leadId, team, rep);
	}

	private static String anyway(String caveat) {
		return caveat == null ? "" : ", confirmed although " + caveat;
	}

	/** A manager's or marketing's decision on a lead that needed one, as it was given. */
	public void managerDecided(String leadId, String decision, String comment) {
		history.record(leadId, HistoryType.MANAGER_DECIDED, withComment(decision, comment));
	}

	/** "If a sales rep rejects a lead then it's fair game": the whole team may claim it. */
	public void offeredToTeam(String leadId, String team) {
		change(leadId, "be offered", OPEN, LeadStatus.ROUTED, new Ownership(team, null));
		offered(leadId, team, null);
		history.record(leadId, HistoryType.OFFERED_TO_TEAM, "Offered to every rep of " + team + ": the first to claim it gets it");
	}

	/** The rejection policy routes the lead again in its team, without the rep who rejected it. */
	public void rerouted(String leadId, String why) {
		history.record(leadId, HistoryType.REROUTED, why);
	}

	/**
	 * A rep said the lead is in the wrong territory and named its team: routing takes it there, and
	 * the correction is counted against the routing rule that chose the wrong team.
	 */
	public void routedToNamedTeam(String leadId, String rep, String fromTeam, String toTeam, String routingRule) {
		corrections.record(leadId, rep, fromTeam, toTeam, routingRule);
		history.record(leadId, HistoryType.REROUTED, "Wrong territory: " + rep + " says it belongs to " + toTeam
				+ ", not " + fromTeam + (routingRule == null ? "" : " (routing rule: " + routingRule + ")")
				+ "; routed to " + toTeam);
	}

	/** A team let the lead go (rejected it, or let it time out): the next team the routing table lines up gets it. */
	public void passedOn(String leadId, String what, String nextTeam) {
		history.record(leadId, HistoryType.ROUTING_CASCADE,
				what + "; " + (nextTeam != null ? "next in line is " + nextTeam : "nobody is next in line"));
	}

	/** A task on the lead went from one person to another, by someone who may hand tasks on. */
	public void reassigned(String leadId, String task, String from, String to) {
		history.record(leadId, HistoryType.REASSIGNED, task + " handed from " + from + " to "
				+ (to == null ? "the team again" : to) + " by " + history.currentActor());
	}

	// ---- acceptance

	/** The rep takes the lead; the first rep to accept a lead of an account without owner becomes its owner. */
	public void accepted(String leadId, String team, String rep) {
		change(leadId, "be accepted", ROUTED, LeadStatus.ACCEPTED, new Ownership(team, rep));
		leads.findById(leadId).ifPresent(lead -> accounts.claimIfUnowned(lead.accountId(), rep));
		milestones.reached(leadId, Stage.ACCEPTED);
		milestones.answered(leadId, rep, Answer.ACCEPTED);
		history.record(leadId, HistoryType.ACCEPTED, "Accepted by " + rep);
	}

	/**
	 * The rep turns the lead down, with a reason: routing skips them from now on.
	 *
	 * @return how many times the lead was rejected since it last came back from cultivation
	 */
	public int rejected(String leadId, String team, String rep, String reason, String comment) {
		change(leadId, "be rejected", ROUTED, LeadStatus.REJECTED, new Ownership(team, null));
		rejections.record(leadId, rep, team, reason, comment);
		milestones.reached(leadId, Stage.REJECTED);
		milestones.answered(leadId, rep, Answer.REJECTED);
		history.record(leadId, HistoryType.REJECTED, "Rejected by " + rep + ": " + reason + " — " + comment);
		return rejections.countSinceCultivation(leadId);
	}

	/** Marketing evaluated a rejection: what it decided, as it was given. */
	public void rejectionEvaluated(String leadId, String action, String comment) {
		history.record(leadId, HistoryType.REJECTION_EVALUATED, withComment(action, comment));
	}

	/** Several reps rejected the lead: a manager decides. */
	public void rejectionsEscalated(String leadId, int rejections) {
		history.record(leadId, HistoryType.ESCALATED_TO_MANAGER, "Rejected by " + rejections + " reps: a manager decides");
	}

	/**
	 * Nobody accepted or rejected the lead before its deadline. The rep who let it pass is recorded
	 * (routing skips them until the lead is re-baked); a partner's lead goes on to the next team in
	 * line, a direct team's lead to its manager.
	 *
	 * @param rep null when the lead was offered to the whole team
	 * @param nextTeam for a partner's lead: the next team in line, or null when there is none
	 */
	public void deadlineMissed(String leadId, String rep, String team, String deadline, int inARow, boolean partner,
			String nextTeam) {
		change(leadId, "miss a deadline", ROUTED, partner ? null : LeadStatus.ESCALATED, new Ownership(team, null));
		if (rep != null) {
			breaches.record(leadId, rep, team, LeadBreaches.DEADLINE);
		}
		milestones.answered(leadId, rep, Answer.MISSED);
		String missed = (rep == null ? "the team (" + team + ")" : rep) + " did not accept or reject the lead within "
				+ deadline + (inARow > 1 ? " (" + inARow + " deadlines missed in a row)" : "");
		if (partner) {
			history.record(leadId, HistoryType.SLA_BREACH, missed);
			passedOn(leadId, team + " let the lead time out", nextTeam);
		}
		else {
			history.record(leadId, HistoryType.SLA_BREACH, missed + "; the manager decides");
		}
	}

	// ---- the outcome

	/** An accepted lead went without news until the manager has to look at it. */
	public void goneStale(String leadId, String rep, String staleAfter) {
		change(leadId, "go stale", ACCEPTED, LeadStatus.ESCALATED, null);
		history.record(leadId, HistoryType.STALE,
				"No outcome reported by " + rep + " within " + staleAfter + ": a manager looks at the lead");
	}

	/** The manager leaves a stale lead with its rep, who is asked for news again. */
	public void staleLeadKept(String leadId, String decision, String comment) {
		change(leadId, "stay with its rep", EnumSet.of(LeadStatus.ESCALATED), LeadStatus.ACCEPTED, null);
		managerDecided(leadId, decision, comment);
	}

	/** The manager takes a stale lead from its rep: recorded against the rep, the lead goes on without them. */
	public void staleLeadTakenAway(String leadId, String rep, String team, String decision, String comment) {
		change(leadId, "be taken away", EnumSet.of(LeadStatus.ESCALATED), null, new Ownership(team, null));
		breaches.record(leadId, rep, team, LeadBreaches.STALE);
		managerDecided(leadId, decision, comment);
	}

	public void won(String leadId, BigDecimal dealValue) {
		change(leadId, "be won", ACCEPTED, LeadStatus.WON, null);
		leads.updateDealValue(leadId, dealValue);
		milestones.disposed(leadId, LeadStatus.WON.name(), null, dealValue);
		history.record(leadId, HistoryType.WON, "Won, deal value " + dealValue.toPlainString());
	}

	/**
	 * @param lostReason why, as the rep chose it; null for "other"
	 * @param forTiming lost for now, not for good: the lead goes back to cultivation next
	 */
	public void lost(String leadId, String lostReason, String reason, boolean forTiming) {
		change(leadId, "be lost", ACCEPTED, LeadStatus.LOST, null);
		milestones.disposed(leadId, LeadStatus.LOST.name(), lostReason != null ? lostReason : forTiming ? "TIMING" : "OTHER",
				null);
		history.record(leadId, HistoryType.LOST,
				forTiming ? "Lost for timing: " + reason + " — back to cultivation, not lost for good"
						: (lostReason == null ? "Lost: " : "Lost (" + lostReason + "): ") + reason);
	}

	/** Sales says it was never a lead: marketing's programs hear it. */
	public void notALead(String leadId, String reason) {
		change(leadId, "be closed as not a lead", ACCEPTED, LeadStatus.NOT_A_LEAD, null);
		milestones.disposed(leadId, LeadStatus.NOT_A_LEAD.name(), null, null);
		history.record(leadId, HistoryType.NOT_A_LEAD, "Not a lead: " + reason);
	}

	/** Marketing or a manager decided the lead is no lead for anyone; nobody holds it any more. */
	public void disqualified(String leadId, String comment) {
		disqualify(leadId, withComment("Disqualified", comment));
	}

	private void disqualify(String leadId, String why) {
		change(leadId, "be disqualified", OPEN, LeadStatus.DISQUALIFIED, Ownership.NOBODY);
		history.record(leadId, HistoryType.DISQUALIFIED, why);
	}

	// ---- notes

	public void mailSent(String leadId, String subject, String recipient) {
		history.record(leadId, HistoryType.MAIL_SENT, "\"" + subject + "\" to " + recipient);
	}

	private void change(String leadId, String what, Set<LeadStatus> from, LeadStatus to, Ownership ownership) {
		if (!leads.change(leadId, from, to, ownership)) {
			throw new LeadTransitionRefused(leadId, what, leads.statusOf(leadId).orElse(null));
		}
	}

	private static String withComment(String what, String comment) {
		return comment == null ? what : what + ": " + comment;
	}

	private static Set<LeadStatus> with(Set<LeadStatus> statuses, LeadStatus another) {
		Set<LeadStatus> all = EnumSet.copyOf(statuses);
		all.add(another);
		return all;
	}

	/** Where the qualification table (or marketing's check) sends a lead. */
	public enum QualificationRoute {
		SALES_READY, CULTIVATE, DISQUALIFY
	}

}
