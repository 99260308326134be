package io.leadflow.lead;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.camunda.bpm.engine.TaskService;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.leadflow.cultivation.AccountEngagement;
import io.leadflow.cultivation.CultivationRecord;
import io.leadflow.cultivation.EngagementScore;
import io.leadflow.cultivation.Engagements;
import io.leadflow.cultivation.QualityOfEngagement;
import io.leadflow.lead.LeadRejections.Rejection;
import io.leadflow.lead.LeadRepository.Account;
import io.leadflow.lead.LeadRepository.Contact;
import io.leadflow.lead.LeadRepository.Lead;
import io.leadflow.lead.LeadRepository.LeadFilter;
import io.leadflow.lead.LeadRepository.Page;
import io.leadflow.lead.LeadRepository.Visibility;
import io.leadflow.system.Access;
import io.leadflow.system.EngineClock;
import io.leadflow.system.NotFoundException;
import io.leadflow.system.SystemAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/leads")
@Validated
@Tag(name = "Leads")
class LeadController {

	private final LeadRepository leads;

	private final LeadHistory history;

	private final LeadRejections rejections;

	private final TaskService taskService;

	private final TaskTimers timers;

	private final Access access;

	private final SystemAccess system;

	private final CultivationRecord cultivation;

	private final Engagements engagements;

	private final EngagementScore engagementScore;

	private final AccountEngagement accountEngagement;

	LeadController(LeadRepository leads, LeadHistory history, LeadRejections rejections, TaskService taskService,
			TaskTimers timers, Access access, SystemAccess system, CultivationRecord cultivation,
			Engagements engagements, EngagementScore engagementScore, AccountEngagement accountEngagement) {
		this.cultivation = cultivation;
		this.engagements = engagements;
		this.engagementScore = engagementScore;
		this.accountEngagement = accountEngagement;
		this.access = access;
		this.system = system;
		this.timers = timers;
		this.leads = leads;
		this.history = history;
		this.rejections = rejections;
		this.taskService = taskService;
	}

	@GetMapping("/{id}")
	@Operation(summary = "A lead's dossier: contact, account, status, score, owner, open tasks and its whole history")
	Dossier dossier(@PathVariable String id) {
		Lead lead = leads.findById(id)
			// a lead the caller may not see is answered like one that does not exist
			.filter(found -> access.maySee(access.viewer(), found.id(), found.team(), found.ownerId()))
			.orElseThrow(() -> new NotFoundException("No lead with id " + id));
		Map<String, Map<String, TaskTimers.Due>> timersByInstance = new HashMap<>();
		List<OpenTask> openTasks = system.call(() -> taskService.createTaskQuery()
			.processInstanceBusinessKey(id)
			.orderByTaskCreateTime()
			.asc()
			.list()
			.stream()
			.map(task -> {
				TaskTimers.Due due = timersByInstance.computeIfAbsent(task.getProcessInstanceId(), timers::of)
					.getOrDefault(task.getTaskDefinitionKey(), new TaskTimers.Due(null, null));
				return new OpenTask(task.getId(), task.getTaskDefinitionKey(), task.getName(), task.getAssignee(),
						task.getCreateTime(), task.getDueDate(), due.reminderAt(), due.deadlineAt());
			})
			.toList());
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
		return new Dossier(lead.id(), lead.externalId(), lead.status(), lead.score(), lead.grade(), lead.source(),
				lead.campaign(), lead.productInterest(), lead.budgetEstablished(), lead.authority(), lead.need(),
				lead.timelineMonths(), lead.team(), lead.ownerId(), lead.dealValue(), lead.createdAt(),
				lead.updatedAt(), lead.closedAt(), lead.contact(), lead.account(), lead.accountId(),
				accountEngagement.of(lead.accountId(), now), inCultivation, contactEngagements, rejections.of(id),
				openTasks, history.of(id));
	}

	@GetMapping
	@Operation(summary = "Leads, newest first, filtered by status, owner, source, campaign and the rep who rejected them")
	Page<LeadSummary> list(@RequestParam(required = false) LeadStatus status,
			@RequestParam(required = false) String owner, @RequestParam(required = false) String source,
			@RequestParam(required = false) String campaign, @RequestParam(required = false) String rejectedBy,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		Page<Lead> found = leads.search(new LeadFilter(status, owner, source, campaign, rejectedBy, visibility()), page, size);
		return new Page<>(found.items().stream().map(LeadSummary::of).toList(), found.page(), found.size(),
				found.total());
	}

	/** The leads the caller may see, as a condition for the list (see {@link Access#maySee}). */
	private Visibility visibility() {
		Access.Viewer viewer = access.viewer();
		if (viewer.seesEverything()) {
			return Visibility.ALL;
		}
		if (viewer.isManager()) {
			return viewer.teams().isEmpty() ? Visibility.ALL : new Visibility(false, viewer.teams(), null, Set.of(), Set.of());
		}
		return new Visibility(false, null, viewer.userId(), access.leadsWithTasksOf(viewer), viewer.teams());
	}

	record Dossier(String id, String externalId, LeadStatus status, Integer score, String grade, String source,
			String campaign, String productInterest, Boolean budgetEstablished, Boolean authority, Boolean need,
			Integer timelineMonths, String team, String owner, BigDecimal dealValue, OffsetDateTime createdAt,
			OffsetDateTime updatedAt, OffsetDateTime closedAt, Contact contact, Account account, String accountId,
			QualityOfEngagement.Score accountEngagement, Cultivation cultivation, List<EngagementView> engagements,
			List<Rejection> rejections, List<OpenTask> openTasks, List<LeadHistory.Entry> history) {
	}

	/**
	 * @param loops how often the lead went round the cultivation loop
	 * @param timeInCultivation all loops together, the current one up to now
	 * @param cultivatingSince when the current loop began; null outside cultivation
	 * @param engagementScore the contact's engagement points, decayed to now
	 */
	record Cultivation(int loops, Duration timeInCultivation, OffsetDateTime cultivatingSince, int touchesSent,
			int engagementScore, OffsetDateTime unsubscribedAt) {
	}

	/** What the lead's contact did; {@code intentPoints} as the engagement-points table gave them, before decay. */
	record EngagementView(String type, OffsetDateTime occurredAt, String detail, int intentPoints) {
	}

	/** @param reminderAt when the assignee is reminded; @param deadlineAt when the task is taken away */
	record OpenTask(String id, String taskDefinitionKey, String name, String assignee, Date created, Date due,
			Date reminderAt, Date deadlineAt) {
	}

	record LeadSummary(String id, LeadStatus status, Integer score, String grade, String source, String campaign,
			String owner, String contactName, String email, String company, String country,
			OffsetDateTime createdAt) {

		static LeadSummary of(Lead lead) {
			return new LeadSummary(lead.id(), lead.status(), lead.score(), lead.grade(), lead.source(),
					lead.campaign(), lead.ownerId(), lead.contact().fullName(), lead.contact().email(),
					lead.account().name(), lead.account().country(), lead.createdAt());
		}

	}

}
