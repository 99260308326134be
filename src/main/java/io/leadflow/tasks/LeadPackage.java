package io.leadflow.tasks;

import static io.leadflow.lead.LeadWords.joined;

import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

import io.leadflow.cultivation.AccountEngagement;
import io.leadflow.cultivation.CultivationRecord;
import io.leadflow.cultivation.QualityOfEngagement;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lead.LeadWords;
import io.leadflow.lead.LeadRejections;
import io.leadflow.lead.LeadRepository;
import io.leadflow.system.EngineClock;
import io.leadflow.system.HumanWords;
import io.leadflow.system.SystemAccess;

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

	private final IdentityService identityService;

	private final SystemAccess system;

	LeadPackage(LeadRepository leads, LeadHistory history, LeadRejections rejections,
			AccountEngagement accountEngagement, CultivationRecord cultivation, IdentityService identityService,
			SystemAccess system) {
		this.identityService = identityService;
		this.system = system;
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
	/**
	 * Everything a new task shows of its lead, read once: the lead, and each person's and team's name
	 * looked up once however often they appear in the history.
	 */
	ForTask forTask(String leadId) {
		Lead lead = leads.findById(leadId).orElseThrow(() -> new IllegalStateException("No lead " + leadId));
		Names names = new Names();
		return new ForTask(summary(lead, names), lead(lead, names), history(leadId, names), rejections(leadId, names));
	}

	/**
	 * @param summary who the lead is, for the task's name and Tasklist's columns
	 * @param lead the form's view of the lead; @param history and @param rejections its tables
	 */
	record ForTask(Summary summary, Map<String, Object> lead, List<Map<String, Object>> history,
			List<Map<String, Object>> rejections) {
	}

	private Map<String, Object> lead(Lead lead, Names names) {
		String leadId = lead.id();
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", lead.id());
		view.put("status", HumanWords.code(lead.status()));
		view.put("score", lead.score());
		view.put("grade", lead.grade());
		view.put("source", lead.source());
		view.put("campaign", lead.campaign());
		view.put("origin", LeadWords.origin(lead));
		view.put("productInterest", lead.productInterest());
		view.put("budget", yesNo(lead.budgetEstablished()));
		view.put("authority", yesNo(lead.authority()));
		view.put("need", yesNo(lead.need()));
		view.put("timelineMonths", lead.timelineMonths());
		view.put("timeline", lead.timelineMonths() == null ? "unknown" : HumanWords.count(lead.timelineMonths(), "month"));
		view.put("team", names.team(lead.team()));
		view.put("owner", names.person(lead.ownerId()));
		view.put("contactName", lead.contact().fullName());
		view.put("email", lead.contact().email());
		view.put("phone", lead.contact().phone());
		view.put("title", lead.contact().title());
		view.put("roleLevel", HumanWords.code(lead.contact().roleLevel()));
		view.put("contactLine", joined(" · ", LeadWords.contactTitle(lead.contact()), LeadWords.contactReach(lead.contact())));
		view.put("company", lead.account().name());
		view.put("domain", lead.account().domain());
		view.put("country", lead.account().country());
		view.put("industry", lead.account().industry());
		view.put("employees", lead.account().employees());
		view.put("companyLine", LeadWords.company(lead.account()));
		view.put("receivedAt", WHEN.format(lead.createdAt()));
		QualityOfEngagement.Score engagement = accountEngagement.of(lead.accountId(), EngineClock.now());
		view.put("accountEngagement", engagement.score());
		view.put("accountEngagementParts", engagement.people() == 0 ? "nobody at the account has engaged yet"
				: "breadth " + engagement.breadth() + ", depth " + engagement.depth() + ", frequency "
						+ engagement.frequency() + ", recency " + engagement.recency() + "; "
						+ (engagement.people() == 1 ? "1 person" : engagement.people() + " people") + " engaged ("
						+ String.join(", ", engagement.roleLevels().stream().map(HumanWords::code).toList()) + ")");
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

	private List<Map<String, Object>> history(String leadId, Names names) {
		return history.of(leadId).stream().map(entry -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("at", WHEN.format(entry.at()));
			row.put("actor", names.person(entry.actor()));
			row.put("type", HumanWords.code(entry.type()));
			row.put("detail", entry.detail());
			return row;
		}).toList();
	}

	private List<Map<String, Object>> rejections(String leadId, Names names) {
		return rejections.of(leadId).stream().map(rejection -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("at", WHEN.format(rejection.at()));
			row.put("rep", names.person(rejection.rep()));
			row.put("team", names.team(rejection.team()));
			row.put("reason", HumanWords.code(rejection.reason()));
			row.put("comment", rejection.comment());
			return row;
		}).toList();
	}

	/** Who the lead is, as the task's name and Tasklist's columns show it: raw text, Tasklist escapes it. */
	private static Summary summary(Lead lead, Names names) {
		String title = joined(" · ", lead.contact().fullName(), lead.account().name(), lead.grade());
		return new Summary(title, lead.account().name(), lead.grade(), names.team(lead.team()));
	}

	record Summary(String title, String company, String grade, String team) {
	}

	/** Names looked up for one task's package, each once. */
	private final class Names {

		private final Map<String, String> people = new HashMap<>();

		private final Map<String, String> teams = new HashMap<>();

		String person(String userId) {
			return userId == null ? null : people.computeIfAbsent(userId, LeadPackage.this::personName);
		}

		String team(String groupId) {
			return groupId == null ? null : teams.computeIfAbsent(groupId, LeadPackage.this::teamName);
		}

	}

	/** A user's name, "Leadflow" for the engine's own steps, the id itself for someone unknown. */
	private String personName(String userId) {
		if (userId == null) {
			return null;
		}
		if (LeadHistory.SYSTEM.equals(userId)) {
			return "Leadflow";
		}
		User user = system.call(() -> identityService.createUserQuery().userId(userId).singleResult());
		return user == null ? userId : joined(" ", user.getFirstName(), user.getLastName());
	}

	/** A team's name as Admin shows it ("Territory EMEA"), or its id when it has none. */
	private String teamName(String groupId) {
		if (groupId == null) {
			return null;
		}
		Group group = system.call(() -> identityService.createGroupQuery().groupId(groupId).singleResult());
		return group == null || group.getName() == null ? groupId : group.getName();
	}

	private static String yesNo(Boolean value) {
		return value == null ? "unknown" : (value ? "yes" : "no");
	}

}
