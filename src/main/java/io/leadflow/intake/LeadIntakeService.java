package io.leadflow.intake;

import static io.leadflow.lifecycle.LeadLifecycle.*;

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
import io.leadflow.lead.Account;
import io.leadflow.lead.Accounts;
import io.leadflow.lead.Contact;
import io.leadflow.lead.Contacts;
import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadEvents;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadStatus;
import io.leadflow.lead.NewLead;
import io.leadflow.system.SystemAccess;

/**
 * Step 1 of the lifecycle: a lead arrives. A lead we already have (same external id, or an open
 * lead of the same email) gets the new activity in its history instead of a twin; a new one gets
 * its account, contact and row, and its lifecycle process, in one transaction.
 */
@Service
public class LeadIntakeService {

	private final LeadRepository leads;

	private final Accounts accounts;

	private final Contacts contacts;

	private final LeadEvents events;

	private final RuntimeService runtimeService;

	private final ObjectMapper objectMapper;

	private final SystemAccess system;

	LeadIntakeService(LeadRepository leads, Accounts accounts, Contacts contacts, LeadEvents events,
			RuntimeService runtimeService, ObjectMapper objectMapper, SystemAccess system) {
		this.system = system;
		this.leads = leads;
		this.accounts = accounts;
		this.contacts = contacts;
		this.events = events;
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
			events.receivedAgain(lead.id(), "Received again from " + describeOrigin(request)
					+ "; merged into this lead. Submitted: " + asJson(request));
			return new IntakeResult(lead.id(), lead.status(), false);
		}

		CompanyData company = request.company();
		String domain = Optional.ofNullable(company.domain())
			.map(d -> d.toLowerCase(Locale.ROOT))
			.orElse(email.substring(email.indexOf('@') + 1));
		String accountId = accounts.findIdByDomain(domain)
			.orElseGet(() -> accounts.insert(new Account(domain, company.name().trim(), company.country(),
					company.industry(), company.employees())));

		ContactData data = request.contact();
		Contact contact = new Contact(email, data.firstName(), data.lastName(), data.phone(), data.title(),
				data.roleLevel().name());
		String contactId = contacts.findIdByEmail(email).map(id -> {
			contacts.update(id, accountId, contact);
			return id;
		}).orElseGet(() -> contacts.insert(accountId, contact));

		String leadId = UUID.randomUUID().toString();
		events.received(new NewLead(leadId, request.externalId(), contactId, accountId, request.source(),
				request.campaign(), request.productInterest(), request.budgetEstablished(), request.authority(),
				request.need(), request.timelineMonths()), "Received from " + describeOrigin(request) + ": "
				+ contact.fullName() + " <" + email + ">, " + company.name()
				+ (company.country() == null ? "" : " (" + company.country() + ")"));

		// Leadflow starts the lifecycle itself, one per new lead; no caller may start one (CallerGuard)
		system.run(() -> runtimeService.startProcessInstanceByKey(PROCESS_ID, leadId,
				decisionInputs(leadId, request, email, company)));
		return new IntakeResult(leadId, LeadStatus.NEW, true);
	}

	/** What the qualification and routing tables decide on goes into the process, and whose lead it is. */
	private static VariableMap decisionInputs(String leadId, LeadIntakeRequest request, String email,
			CompanyData company) {
		VariableMap inputs = Variables.createVariables();
		LEAD_ID.put(inputs, leadId);
		COMPANY.put(inputs, company.name().trim());
		CONTACT_NAME.put(inputs, new Contact(email, request.contact().firstName(), request.contact().lastName(), null,
				null, null).fullName());
		SOURCE.put(inputs, request.source());
		ROLE_LEVEL.put(inputs, request.contact().roleLevel().name());
		TITLE.put(inputs, request.contact().title());
		EMAIL_DOMAIN.put(inputs, email.substring(email.indexOf('@') + 1));
		COUNTRY.put(inputs, company.country());
		INDUSTRY.put(inputs, company.industry());
		EMPLOYEES.put(inputs, company.employees());
		PRODUCT_INTEREST.put(inputs, request.productInterest());
		BUDGET_ESTABLISHED.put(inputs, request.budgetEstablished());
		AUTHORITY.put(inputs, request.authority());
		NEED.put(inputs, request.need());
		TIMELINE_MONTHS.put(inputs, request.timelineMonths());
		PARTNER_PREFERENCE.put(inputs, request.partnerPreference());
		return inputs;
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
