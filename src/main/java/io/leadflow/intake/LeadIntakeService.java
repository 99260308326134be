package io.leadflow.intake;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadflow.intake.LeadIntakeRequest.CompanyData;
import io.leadflow.intake.LeadIntakeRequest.ContactData;
import io.leadflow.lead.HistoryType;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadRepository.Account;
import io.leadflow.lead.LeadRepository.Contact;
import io.leadflow.lead.LeadRepository.Lead;
import io.leadflow.lead.LeadRepository.NewLead;
import io.leadflow.lead.LeadStatus;
import io.leadflow.lifecycle.LeadLifecycle;
import io.leadflow.system.SystemAccess;

/**
 * Step 1 of the lifecycle: a lead arrives. A lead we already have (same external id, or an open
 * lead of the same email) gets the new activity in its history instead of a twin; a new one gets
 * its account, contact and row, and its lifecycle process, in one transaction.
 */
@Service
public class LeadIntakeService {

	private final LeadRepository leads;

	private final LeadHistory history;

	private final RuntimeService runtimeService;

	private final ObjectMapper objectMapper;

	private final SystemAccess system;

	LeadIntakeService(LeadRepository leads, LeadHistory history, RuntimeService runtimeService,
			ObjectMapper objectMapper, SystemAccess system) {
		this.system = system;
		this.leads = leads;
		this.history = history;
		this.runtimeService = runtimeService;
		this.objectMapper = objectMapper;
	}

	@Transactional
	public IntakeResult receive(LeadIntakeRequest request) {
		String email = request.contact().email().trim().toLowerCase(Locale.ROOT);
		Optional<Lead> existing = Optional.ofNullable(request.externalId())
			.flatMap(leads::findByExternalId)
			.or(() -> leads.findOpenByEmail(email));
		if (existing.isPresent()) {
			Lead lead = existing.get();
			history.record(lead.id(), HistoryType.ACTIVITY, "Received again from " + describeOrigin(request)
					+ "; merged into this lead. Submitted: " + asJson(request));
			return new IntakeResult(lead.id(), lead.status(), false);
		}

		CompanyData company = request.company();
		String domain = Optional.ofNullable(company.domain())
			.map(d -> d.toLowerCase(Locale.ROOT))
			.orElse(email.substring(email.indexOf('@') + 1));
		String accountId = leads.findAccountIdByDomain(domain)
			.orElseGet(() -> leads.insertAccount(new Account(domain, company.name().trim(), company.country(),
					company.industry(), company.employees())));

		ContactData data = request.contact();
		Contact contact = new Contact(email, data.firstName(), data.lastName(), data.phone(), data.title(),
				data.roleLevel().name());
		String contactId = leads.findContactIdByEmail(email).map(id -> {
			leads.updateContact(id, accountId, contact);
			return id;
		}).orElseGet(() -> leads.insertContact(accountId, contact));

		String leadId = UUID.randomUUID().toString();
		leads.insertLead(new NewLead(leadId, request.externalId(), contactId, accountId, request.source(),
				request.campaign(), request.productInterest(), request.budgetEstablished(), request.authority(),
				request.need(), request.timelineMonths()));
		history.record(leadId, HistoryType.RECEIVED, "Received from " + describeOrigin(request) + ": "
				+ contact.fullName() + " <" + email + ">, " + company.name()
				+ (company.country() == null ? "" : " (" + company.country() + ")"));

		// Leadflow starts the lifecycle itself, one per new lead; no caller may start one (CallerGuard)
		system.run(() -> runtimeService.startProcessInstanceByKey(LeadLifecycle.PROCESS_ID, leadId,
				decisionInputs(leadId, request, email, company)));
		return new IntakeResult(leadId, LeadStatus.NEW, true);
	}

	/** Only what the qualification and routing tables decide on goes into the process. */
	private static VariableMap decisionInputs(String leadId, LeadIntakeRequest request, String email,
			CompanyData company) {
		return Variables.createVariables()
			.putValue(LeadLifecycle.LEAD_ID, leadId)
			.putValue(LeadLifecycle.SOURCE, request.source())
			.putValue(LeadLifecycle.ROLE_LEVEL, request.contact().roleLevel().name())
			.putValue(LeadLifecycle.TITLE, request.contact().title())
			.putValue(LeadLifecycle.EMAIL_DOMAIN, email.substring(email.indexOf('@') + 1))
			.putValue(LeadLifecycle.COUNTRY, company.country())
			.putValue(LeadLifecycle.INDUSTRY, company.industry())
			.putValue(LeadLifecycle.EMPLOYEES, company.employees())
			.putValue(LeadLifecycle.PRODUCT_INTEREST, request.productInterest())
			.putValue(LeadLifecycle.BUDGET_ESTABLISHED, request.budgetEstablished())
			.putValue(LeadLifecycle.AUTHORITY, request.authority())
			.putValue(LeadLifecycle.NEED, request.need())
			.putValue(LeadLifecycle.TIMELINE_MONTHS, request.timelineMonths())
			.putValue(LeadLifecycle.PARTNER_PREFERENCE, request.partnerPreference());
	}

	private static String describeOrigin(LeadIntakeRequest request) {
		return request.source() + (request.campaign() == null ? "" : " / " + request.campaign());
	}

	private String asJson(LeadIntakeRequest request) {
		try {
			return objectMapper.writeValueAsString(request);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("A validated request always serialises", e);
		}
	}

	public record IntakeResult(String id, LeadStatus status, boolean created) {
	}

}
