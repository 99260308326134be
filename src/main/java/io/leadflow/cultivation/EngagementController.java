package io.leadflow.cultivation;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.leadflow.cultivation.EngagementService.Received;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/engagements")
@Tag(name = "Engagements")
class EngagementController {

	/** Two events for one lead at the same moment meet at its process instance; the second tries again. */
	private static final int ATTEMPTS = 3;

	private final EngagementService engagements;

	EngagementController(EngagementService engagements) {
		this.engagements = engagements;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Report an engagement: a webinar, demo day, download, email click, site visit, meeting or unsubscribe",
			description = "Credited to the open lead of the email (or the lead named by leadId), raising its intent score and "
					+ "re-qualifying it if it is in cultivation, waking it if it is dormant. An email without any lead gets a "
					+ "new lead (source = the type). The same event (who, type, occurredAt, detail) sent again counts once.")
	@ApiResponse(responseCode = "201", description = "A new engagement")
	@ApiResponse(responseCode = "200", description = "The same event was reported before; nothing was written")
	@ApiResponse(responseCode = "400", description = "Bad input, each bad field named; nothing was written")
	@ApiResponse(responseCode = "404", description = "UNSUBSCRIBE for an email nobody knows")
	ResponseEntity<Received> receive(@RequestBody EngagementRequest request) {
		for (int attempt = 1;; attempt++) {
			try {
				Received received = engagements.receive(request);
				return ResponseEntity.status(received.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(received);
			}
			catch (OptimisticLockingException | DataIntegrityViolationException concurrent) {
				// another request changed the same lead, or stored the same event, first; now we see it
				if (attempt == ATTEMPTS) {
					throw concurrent;
				}
			}
		}
	}

}
