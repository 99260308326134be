package io.leadflow.dossier;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

import io.leadflow.calendar.TimeZones;
import io.leadflow.cultivation.AccountEngagement;
import io.leadflow.cultivation.CultivationRecord;
import io.leadflow.cultivation.EngagementScore;
import io.leadflow.cultivation.Engagements;
import io.leadflow.dossier.Dossier.Cultivation;
import io.leadflow.dossier.Dossier.EngagementView;
import io.leadflow.dossier.Dossier.OnTheirClock;
import io.leadflow.dossier.Dossier.OpenTask;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lead.LeadRejections;
import io.leadflow.lead.LeadRepository;
import io.leadflow.system.EngineClock;
import io.leadflow.system.HumanWords;
import io.leadflow.system.SystemAccess;

/**
 * Puts a lead's dossier together from Leadflow's tables and the engine: the lead, its cultivation
 * and engagements, its account's Quality of Engagement, rejections, open tasks with their timers,
 * and its history. Whether the caller may see the lead is the caller's question, asked before.
 */
@Component
class LeadDossiers {

	private final LeadRepository leads;

	private final LeadHistory history;

	private final LeadRejections rejections;

	private final CultivationRecord cultivation;

	private final Engagements engagements;

	private final EngagementScore engagementScore;

	private final AccountEngagement accountEngagement;

	private final TaskService taskService;

	private final TaskTimers timers;

	private final SystemAccess system;

	private final TimeZones timeZones;

	LeadDossiers(LeadRepository leads, LeadHistory history, LeadRejections rejections, CultivationRecord cultivation,
			Engagements engagements, EngagementScore engagementScore, AccountEngagement accountEngagement,
			TaskService taskService, TaskTimers timers, SystemAccess system, TimeZones timeZones) {
		this.leads = leads;
		this.history = history;
		this.rejections = rejections;
		this.cultivation = cultivation;
		this.engagements = engagements;
		this.engagementScore = engagementScore;
		this.accountEngagement = accountEngagement;
		this.taskService = taskService;
		this.timers = timers;
		this.system = system;
		this.timeZones = timeZones;
	}

	Dossier of(Lead lead) {
		String id = lead.id();
		Instant now = EngineClock.now();
		CultivationRecord.Loops loops = cultivation.of(id, EngineClock.nowUtc()).orElseThrow();
		List<Engagements.Engagement> byContact = engagements.ofContact(lead.contactId());
		Cultivation inCultivation = new Cultivation(loops.loops(), loops.timeInCultivation(), loops.cultivatingSince(),
				loops.touchesSent(),
				engagementScore.of(byContact, engagementScore.policy(lead.productInterest()), now),
				loops.unsubscribedAt());
		List<EngagementView> contactEngagements = byContact.stream()
			.map(e -> new EngagementView(e.type().name(), e.occurredAt(), e.detail(), e.intentPoints()))
			.toList();
		return new Dossier(id, lead.externalId(), lead.status(), lead.score(), lead.grade(), lead.source(),
				lead.campaign(), lead.productInterest(), lead.budgetEstablished(), lead.authority(), lead.need(),
				lead.timelineMonths(), lead.team(), lead.ownerId(), lead.dealValue(), lead.createdAt(),
				lead.updatedAt(), lead.closedAt(), lead.contact(), lead.account(), lead.accountId(),
				accountEngagement.of(lead.accountId(), now), inCultivation, contactEngagements, rejections.of(id),
				openTasks(id, lead.team()), history.of(id));
	}

	Optional<Lead> lead(String id) {
		return leads.findById(id);
	}

	/** The lead's open tasks with when their reminder and deadline fire, read as Leadflow, not as the caller. */
	private List<OpenTask> openTasks(String leadId, String team) {
		Map<String, Map<String, TaskTimers.Due>> timersByInstance = new HashMap<>();
		return system.call(() -> taskService.createTaskQuery()
			.processInstanceBusinessKey(leadId)
			.orderByTaskCreateTime()
			.asc()
			.list()
			.stream()
			.map(task -> {
				TaskTimers.Due due = timersByInstance.computeIfAbsent(task.getProcessInstanceId(), timers::of)
					.getOrDefault(task.getTaskDefinitionKey(), new TaskTimers.Due(null, null));
				ZoneId zone = timeZones.of(task.getAssignee(), team);
				return new OpenTask(task.getId(), task.getTaskDefinitionKey(), task.getName(), task.getAssignee(),
						task.getCreateTime(), task.getDueDate(), due.reminderAt(), due.deadlineAt(),
						new OnTheirClock(zone.getId(), HumanWords.when(task.getDueDate(), zone),
								HumanWords.when(due.reminderAt(), zone), HumanWords.when(due.deadlineAt(), zone)));
			})
			.toList());
	}

}
