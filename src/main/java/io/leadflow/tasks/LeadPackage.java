package io.leadflow.tasks;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.leadflow.cultivation.AccountEngagement;
import io.leadflow.cultivation.CultivationRecord;
import io.leadflow.cultivation.QualityOfEngagement;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lead.LeadRejections;
import io.leadflow.lead.LeadRepository;
import io.leadflow.system.EngineClock;

/**
 * "The sales force gets the whole package": what a task's form shows of its lead — contact,
 * company, score and grade, source and campaign, the history so far and earlier rejections — as
 * plain maps and lists that the engine stores as JSON and Camunda Forms read.
 */
@Component
class LeadPackage {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

	private final LeadRepository leads;

	private final LeadHistory history;

	private final LeadRejections rejections;

	private final AccountEngagement accountEngagement;

	private final CultivationRecord cultivation;

	LeadPackage(LeadRepository leads, LeadHistory history, LeadRejections rejections,
			AccountEngagement accountEngagement, CultivationRecord cultivation) {
		this.accountEngagement = accountEngagement;
		this.cultivation = cultivation;
		this.leads = leads;
		this.history = history;
		this.rejections = rejections;
	}

	/**
	 * The lead as the forms' text views show it. Those views render Markdown and HTML, so every value
	 * is escaped for both: a lead named {@code <b>Evil</b>} or {@code [click](...)} reads as exactly that.
	 */
	Map<String, Object> lead(String leadId) {
		Lead lead = leads.findById(leadId).orElseThrow(() -> new IllegalStateException("No lead " + leadId));
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", lead.id());
		view.put("status", lead.status().name());
		view.put("score", lead.score());
		view.put("grade", lead.grade());
		view.put("source", lead.source());
		view.put("campaign", lead.campaign());
		view.put("productInterest", lead.productInterest());
		view.put("budget", yesNo(lead.budgetEstablished()));
		view.put("authority", yesNo(lead.authority()));
		view.put("need", yesNo(lead.need()));
		view.put("timelineMonths", lead.timelineMonths());
		view.put("team", lead.team());
		view.put("owner", lead.ownerId());
		view.put("contactName", lead.contact().fullName());
		view.put("email", lead.contact().email());
		view.put("phone", lead.contact().phone());
		view.put("title", lead.contact().title());
		view.put("roleLevel", lead.contact().roleLevel());
		view.put("company", lead.account().name());
		view.put("domain", lead.account().domain());
		view.put("country", lead.account().country());
		view.put("industry", lead.account().industry());
		view.put("employees", lead.account().employees());
		view.put("receivedAt", WHEN.format(lead.createdAt()));
		QualityOfEngagement.Score engagement = accountEngagement.of(lead.accountId(), EngineClock.now());
		view.put("accountEngagement", engagement.score());
		view.put("accountEngagementParts", "breadth " + engagement.breadth() + ", depth " + engagement.depth()
				+ ", frequency " + engagement.frequency() + ", recency " + engagement.recency() + "; "
				+ engagement.people() + " people engaged (" + String.join(", ", engagement.roleLevels()) + ")");
		cultivation.of(leadId, EngineClock.nowUtc()).ifPresent(loops -> {
			view.put("cultivationLoops", loops.loops());
			view.put("daysInCultivation", loops.timeInCultivation().toDays());
		});
		view.replaceAll((key, value) -> value instanceof String text ? asText(text) : value);
		return view;
	}

	/** Markdown's and HTML's special characters, escaped so that a text view shows them as typed. */
	static String asText(String value) {
		StringBuilder text = new StringBuilder(value.length());
		for (char c : value.toCharArray()) {
			switch (c) {
				case '&' -> text.append("&amp;");
				case '<' -> text.append("&lt;");
				case '>' -> text.append("&gt;");
				case '"' -> text.append("&quot;");
				case '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '-', '.', '!', '|', '~' ->
					text.append('\\').append(c);
				default -> text.append(c);
			}
		}
		return text.toString();
	}

	List<Map<String, Object>> history(String leadId) {
		return history.of(leadId).stream().map(entry -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("at", WHEN.format(entry.at()));
			row.put("actor", entry.actor());
			row.put("type", entry.type());
			row.put("detail", entry.detail());
			return row;
		}).toList();
	}

	List<Map<String, Object>> rejections(String leadId) {
		return rejections.of(leadId).stream().map(rejection -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("at", WHEN.format(rejection.at()));
			row.put("rep", rejection.rep());
			row.put("team", rejection.team());
			row.put("reason", rejection.reason());
			row.put("comment", rejection.comment());
			return row;
		}).toList();
	}

	private static String yesNo(Boolean value) {
		return value == null ? "unknown" : (value ? "yes" : "no");
	}

}
