package io.leadflow.routing;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.camunda.bpm.engine.identity.User;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.leadflow.lead.LeadHistory;
import io.leadflow.lead.LeadRepository;
import io.leadflow.routing.RepAvailability.Availability;
import io.leadflow.system.PlausibleTime;
import io.leadflow.system.JsonRequest;
import io.leadflow.system.NotFoundException;
import io.leadflow.system.SystemAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A rep's availability for routing: a manager marks them out of office or caps their open leads,
 * and the next routing decision honours it, with no restart.
 */
@RestController
@RequestMapping("/api/reps")
@Tag(name = "Reps")
class RepController {

	private final Reps reps;

	private final RepAvailability availability;

	private final LeadRepository leads;

	private final LeadHistory history;

	private final SystemAccess system;

	RepController(Reps reps, RepAvailability availability, LeadRepository leads, LeadHistory history,
			SystemAccess system) {
		this.system = system;
		this.reps = reps;
		this.availability = availability;
		this.leads = leads;
		this.history = history;
	}

	@GetMapping("/{id}")
	@Operation(summary = "A rep: teams, availability, open accepted leads")
	RepView get(@PathVariable String id) {
		// who may ask was decided by Access; the directory lookup itself is Leadflow's
		return system.call(() -> view(rep(id)));
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Set a rep's availability",
			description = "outOfOfficeUntil (ISO-8601 with offset, or null) and capacity (maximum open accepted "
					+ "leads, or null for no limit). Both fields are replaced.")
	RepView update(@PathVariable String id, @RequestBody AvailabilityUpdate update) {
		User rep = system.call(() -> rep(id));
		availability.save(rep.getId(), update.outOfOfficeUntil(), update.capacity(), history.currentActor());
		return system.call(() -> view(rep));
	}

	private User rep(String id) {
		return reps.user(id)
			.filter(user -> reps.isRep(user.getId()))
			.orElseThrow(() -> new NotFoundException("No rep with id " + id));
	}

	private RepView view(User rep) {
		Availability set = availability.of(rep.getId()).orElse(Availability.ALWAYS);
		return new RepView(rep.getId(), rep.getFirstName(), rep.getLastName(), rep.getEmail(),
				reps.teamsOf(rep.getId()), set.outOfOfficeUntil(), set.capacity(),
				leads.openAcceptedLeads(rep.getId()), reps.unavailableBecause(rep.getId()).orElse(null),
				set.updatedAt(), set.updatedBy());
	}

	@JsonRequest("The availability")
	record AvailabilityUpdate(@PlausibleTime(daysAhead = 730) OffsetDateTime outOfOfficeUntil, @Min(0) @Max(10_000) Integer capacity) {
	}

	record RepView(String id, String firstName, String lastName, String email, List<String> teams,
			OffsetDateTime outOfOfficeUntil, Integer capacity, int openAcceptedLeads, String unavailableBecause,
			OffsetDateTime updatedAt, String updatedBy) {
	}

}
