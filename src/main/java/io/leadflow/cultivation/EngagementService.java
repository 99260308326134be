package io.leadflow.cultivation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.leadflow.cultivation.Engagements.Engagement;
import io.leadflow.intake.LeadIntakeRequest;
import io.leadflow.intake.LeadIntakeRequest.CompanyData;
import io.leadflow.intake.LeadIntakeRequest.ContactData;
import io.leadflow.intake.LeadIntakeService;
import io.leadflow.intake.RoleLevel;
import io.leadflow.lead.Contact;
import io.leadflow.lead.Contacts;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadEvents;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadStatus;
import io.leadflow.system.EngineClock;
import io.leadflow.system.FieldError;
import io.leadflow.system.InvalidInputException;
import io.leadflow.system.NotFoundException;
import io.leadflow.system.SystemAccess;

/**
 * Step 3 of the lifecycle, from outside: an engagement event arrives. It is stored once (the same
 * event sent again is recognised by who, what, when and detail), credited to the contact's open
 * lead — or to a new lead, so that no interest is dropped — and correlated to the lead's
 * cultivation loop, or to its lifecycle if it lies dormant.
 */
@Service
public class EngagementService {

	/** Clocks of the systems that report engagements differ a little; more than this ahead is a mistake. */
	private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	private final LeadRepository leads;

	private final Contacts contacts;

	private final LeadEvents events;

	private final LeadHistory history;

	private final Engagements engagements;

	private final EngagementScore score;

	private final CultivationRecord record;

	private final LeadIntakeService intake;

	private final RuntimeService runtimeService;

	private final SystemAccess system;

	private final AccountScoreKeeper accountScores;

	EngagementService(LeadRepository leads, Contacts contacts, LeadEvents events, LeadHistory history,
			Engagements engagements, EngagementScore score, CultivationRecord record, LeadIntakeService intake,
			RuntimeService runtimeService, SystemAccess system, AccountScoreKeeper accountScores) {
		this.accountScores = accountScores;
		this.leads = leads;
		this.contacts = contacts;
		this.events = events;
		this.history = history;
		this.engagements = engagements;
		this.score = score;
		this.record = record;
		this.intake = intake;
		this.runtimeService = runtimeService;
		this.system = system;
	}

	@Transactional
	public Received receive(EngagementRequest request) {
		check(request);
		boolean leadCreated = false;
		Lead lead;
		if (request.leadId() != null) {
			lead = leads.findById(request.leadId())
				.orElseThrow(() -> invalid("leadId", "there is no lead with this id"));
			if (request.email() != null && !lead.contact().email().equalsIgnoreCase(request.email().trim())) {
				throw invalid("email", "is not the email of lead " + lead.id() + "; send one of them, or both of the same lead");
			}
		}
		else {
			String email = request.email().trim().toLowerCase(Locale.ROOT);
			Optional<Lead> open = leads.findOpenByEmail(email);
			if (open.isPresent()) {
				lead = open.get();
			}
			else if (request.type() == EngagementType.UNSUBSCRIBE) {
				lead = leads.findLatestByEmail(email)
					.orElseThrow(() -> new NotFoundException("No contact with email " + email + ": nothing to unsubscribe"));
			}
			else {
				lead = leads.findById(intake.receive(newLead(request, email)).id()).orElseThrow();
				leadCreated = true;
			}
		}

		String dedupeKey = dedupeKey(lead.contactId(), request);
		Optional<Engagement> twin = engagements.findByDedupeKey(dedupeKey);
		if (twin.isPresent()) {
			return new Received(twin.get().id(), twin.get().leadId(), true, false, false, lead.status());
		}
		EngagementScore.Points points = score.points(request.type(), lead.contact().roleLevel());
		OffsetDateTime now = EngineClock.nowUtc();
		String id = UUID.randomUUID().toString();
		engagements.insert(dedupeKey, new Engagement(id, lead.id(), lead.contactId(), lead.accountId(), request.type(),
				request.occurredAt().withOffsetSameInstant(ZoneOffset.UTC), request.detail(), points.intent(),
				points.depth(), now, history.currentActor(), null, null, null));
		events.engaged(lead.id(), describe(request, points));
		accountScores.rescore(lead.accountId());

		LeadStatus before = lead.status();
		List<MessageCorrelationResult> correlated = system.call(() -> runtimeService
			.createMessageCorrelation(Cultivation.ENGAGEMENT_MESSAGE)
			.processInstanceBusinessKey(lead.id())
			.setVariable(Cultivation.ENGAGEMENT_TYPE.name(), request.type().name())
			.correlateAllWithResult());
		if (request.type() == EngagementType.UNSUBSCRIBE) {
			unsubscribe(lead, !correlated.isEmpty(), now);
		}
		else if (before == LeadStatus.DORMANT && !correlated.isEmpty()) {
			events.woken(lead.id(), request.type().name());
		}
		LeadStatus status = leads.findById(lead.id()).map(Lead::status).orElseThrow();
		return new Received(id, lead.id(), false, leadCreated, !correlated.isEmpty(), status);
	}

	/** A lead in cultivation (or dormant) ends there; a lead with sales stays with sales, the contact gets no more marketing mail either way. */
	private void unsubscribe(Lead lead, boolean endedCultivation, OffsetDateTime now) {
		record.unsubscribe(lead.contactId(), now);
		events.unsubscribed(lead.id(), endedCultivation, lead.status());
	}

	private void check(EngagementRequest request) {
		List<FieldError> errors = new ArrayList<>();
		if (request.email() == null && request.leadId() == null) {
			errors.add(new FieldError("email", "email or leadId is required: whose engagement is it?"));
		}
		if (request.occurredAt().isAfter(EngineClock.nowUtc().plus(CLOCK_SKEW))) {
			errors.add(new FieldError("occurredAt", "lies in the future"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("The engagement cannot be taken as it is", errors);
		}
	}

	private static InvalidInputException invalid(String field, String message) {
		return new InvalidInputException("The engagement cannot be taken as it is", List.of(new FieldError(field, message)));
	}

	/** Who, what, when (to the millisecond) and detail: the same event reported twice has the same key. */
	private static String dedupeKey(String contactId, EngagementRequest request) {
		String when = request.occurredAt().withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS)
			.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
		String identity = String.join("\n", contactId, request.type().name(), when,
				request.detail() == null ? "" : request.detail());
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every JDK has SHA-256", e);
		}
	}

	/** A lead for an email nobody has an open lead for; what we knew of the contact before is kept. */
	private LeadIntakeRequest newLead(EngagementRequest request, String email) {
		Optional<Contact> known = contacts.findByEmail(email);
		String domain = email.substring(email.indexOf('@') + 1);
		ContactData contact = new ContactData(
				first(request.firstName(), known.map(Contact::firstName).orElse(null)),
				first(request.lastName(), known.map(Contact::lastName).orElse(email.substring(0, email.indexOf('@')))),
				email, known.map(Contact::phone).orElse(null),
				first(request.title(), known.map(Contact::title).orElse(null)),
				request.roleLevel() != null ? request.roleLevel()
						: known.map(c -> RoleLevel.valueOf(c.roleLevel())).orElse(RoleLevel.OTHER));
		CompanyData company = new CompanyData(first(request.company(), domain), null, request.country(), null, null);
		return new LeadIntakeRequest(null, request.type().name(), null, contact, company, null, null, null, null, null,
				null);
	}

	private static String first(String given, String known) {
		return given != null && !given.isBlank() ? given.trim() : known;
	}

	private static String describe(EngagementRequest request, EngagementScore.Points points) {
		return request.type() + " on " + request.occurredAt().withOffsetSameInstant(ZoneOffset.UTC)
				+ (request.detail() == null ? "" : ": " + request.detail()) + " (+" + points.intent() + " intent)";
	}

	/**
	 * @param duplicate the event was known already; nothing was written
	 * @param correlated the lead's cultivation loop (or dormant lifecycle) took it
	 */
	public record Received(String id, String leadId, boolean duplicate, boolean leadCreated, boolean correlated,
			LeadStatus leadStatus) {
	}

}
