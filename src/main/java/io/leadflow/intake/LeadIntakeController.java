package io.leadflow.intake;

import java.net.URI;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.leadflow.intake.LeadIntakeService.IntakeResult;
import io.leadflow.lead.LeadStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/leads")
@Tag(name = "Leads")
class LeadIntakeController {

	private final LeadIntakeService intake;

	LeadIntakeController(LeadIntakeService intake) {
		this.intake = intake;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Hand a lead to Leadflow",
			description = "Creates the lead and starts its lifecycle. A lead with the same externalId, or an open lead "
					+ "with the same email, is not created twice: the new activity is recorded on it.")
	@ApiResponse(responseCode = "201", description = "A new lead")
	@ApiResponse(responseCode = "200", description = "The lead already existed; the new activity is in its history")
	@ApiResponse(responseCode = "400", description = "Bad input, each bad field named; nothing was written")
	ResponseEntity<IntakeResponse> receive(@RequestBody LeadIntakeRequest request) {
		IntakeResult result = receiveRacingTwins(request);
		IntakeResponse response = new IntakeResponse(result.id(), result.status());
		if (!result.created()) {
			return ResponseEntity.ok(response);
		}
		URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(result.id()).toUri();
		return ResponseEntity.created(location).body(response);
	}

	/**
	 * The same contact arriving many times at once: the database lets one request make the lead
	 * (unique external id, email, domain and open lead per contact) and refuses the others, which
	 * then find that lead. A loser may retry before the winner committed, so it tries a few times.
	 */
	private IntakeResult receiveRacingTwins(LeadIntakeRequest request) {
		for (int attempt = 1;; attempt++) {
			try {
				return intake.receive(request);
			}
			catch (DataIntegrityViolationException raceWithTwin) {
				if (attempt == 5) {
					throw raceWithTwin;
				}
				try {
					Thread.sleep(20L * attempt);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw raceWithTwin;
				}
			}
		}
	}

	record IntakeResponse(String id, LeadStatus status) {
	}

}
