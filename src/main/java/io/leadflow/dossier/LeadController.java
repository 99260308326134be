package io.leadflow.dossier;

import java.time.OffsetDateTime;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.leadflow.lead.Lead;
import io.leadflow.lead.LeadFilter;
import io.leadflow.lead.LeadFilter.Visibility;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadStatus;
import io.leadflow.lead.Page;
import io.leadflow.system.Access;
import io.leadflow.system.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/leads")
@Validated
@Tag(name = "Leads")
class LeadController {

	private final LeadRepository leads;

	private final LeadDossiers dossiers;

	private final Access access;

	LeadController(LeadRepository leads, LeadDossiers dossiers, Access access) {
		this.leads = leads;
		this.dossiers = dossiers;
		this.access = access;
	}

	@GetMapping("/{id}")
	@Operation(summary = "A lead's dossier: contact, account, status, score, owner, open tasks and its whole history")
	Dossier dossier(@PathVariable String id) {
		Lead lead = dossiers.lead(id)
			// a lead the caller may not see is answered like one that does not exist
			.filter(found -> access.maySee(access.viewer(), found.id(), found.team(), found.ownerId()))
			.orElseThrow(() -> new NotFoundException("No lead with id " + id));
		return dossiers.of(lead);
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
			return viewer.teams().isEmpty() ? Visibility.ALL : new Visibility(false, viewer.teams(), null, Set.of());
		}
		return new Visibility(false, null, viewer.userId(), viewer.teams());
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
