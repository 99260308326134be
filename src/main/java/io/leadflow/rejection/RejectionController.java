package io.leadflow.rejection;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.leadflow.lead.LeadRejections;
import io.leadflow.lead.LeadRejections.Count;
import io.leadflow.lead.RoutingCorrections;
import io.leadflow.system.FieldError;
import io.leadflow.system.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Rejection reasons counted, so marketing hears what sales says about its leads. */
@RestController
@RequestMapping("/api/rejections")
@Tag(name = "Rejections")
class RejectionController {

	private final LeadRejections rejections;

	private final RoutingCorrections corrections;

	RejectionController(LeadRejections rejections, RoutingCorrections corrections) {
		this.rejections = rejections;
		this.corrections = corrections;
	}

	@GetMapping("/corrections")
	@Operation(summary = "Wrong territories with the team the rep named, counted by the routing rule that chose the wrong team")
	List<RoutingCorrections.Count> corrections() {
		return corrections.counts();
	}

	@GetMapping("/counts")
	@Operation(summary = "Rejections by reason, per rep, team, source or campaign")
	List<Count> counts(@RequestParam(defaultValue = "rep") String by) {
		if (!LeadRejections.groupings().contains(by)) {
			throw new InvalidInputException("Invalid parameter: by",
					List.of(new FieldError("by", "must be one of " + LeadRejections.groupings())));
		}
		return rejections.countBy(by);
	}

}
