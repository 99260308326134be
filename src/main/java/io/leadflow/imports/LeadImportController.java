package io.leadflow.imports;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.leadflow.imports.LeadImports.ForEveryRow;
import io.leadflow.imports.LeadImports.ImportStatus;
import io.leadflow.imports.LeadImports.RowError;
import io.leadflow.imports.LeadImports.Started;
import io.leadflow.system.Access;
import io.leadflow.system.FieldError;
import io.leadflow.system.InvalidInputException;
import io.leadflow.system.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Bulk import of a CSV file of leads (docs/import.md): answered at once, imported in the background. */
@RestController
@RequestMapping("/api/leads/imports")
@Tag(name = "Lead imports")
class LeadImportController {

	static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

	private static final int RECENT = 50;

	private final LeadImports imports;

	private final Access access;

	LeadImportController(LeadImports imports, Access access) {
		this.imports = imports;
		this.access = access;
	}

	@PostMapping(consumes = "text/csv")
	@Operation(summary = "Import a CSV file of leads, sent as the body",
			description = "UTF-8, a header row of intake fields (contact.email, company.domain, ...), up to 100,000 rows. "
					+ "Answers at once; the rows are imported in the background, batch by batch. source and campaign "
					+ "apply to every row that has none. The same file with the same source and campaign is one import.")
	@ApiResponse(responseCode = "202", description = "Stored; importing. The body is the import's progress")
	@ApiResponse(responseCode = "200", description = "This file was sent before: that import's progress")
	@ApiResponse(responseCode = "400", description = "The file cannot be imported (every problem named); nothing was stored")
	ResponseEntity<ImportStatus> importBody(@RequestBody(required = false) byte[] file,
			@RequestParam(required = false) String source, @RequestParam(required = false) String campaign) {
		return started(imports.start(file, null, forEveryRow(source, campaign), access.viewer().userId()));
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Import a CSV file of leads, uploaded as the form field file")
	@ApiResponse(responseCode = "202", description = "Stored; importing. The body is the import's progress")
	@ApiResponse(responseCode = "200", description = "This file was sent before: that import's progress")
	@ApiResponse(responseCode = "400", description = "The file cannot be imported (every problem named); nothing was stored")
	ResponseEntity<ImportStatus> importUpload(@RequestParam(required = false) MultipartFile file,
			@RequestParam(required = false) String source, @RequestParam(required = false) String campaign)
			throws IOException {
		if (file == null) {
			throw new InvalidInputException("Upload the CSV file as the form field \"file\"",
					List.of(new FieldError("file", "is missing")));
		}
		String name = file.getOriginalFilename() == null ? null
				: file.getOriginalFilename().replaceAll("[\\p{Cntrl}]", "").strip();
		if (name != null && name.length() > 255) {
			name = name.substring(0, 255);
		}
		return started(imports.start(file.getBytes(), name == null || name.isEmpty() ? null : name,
				forEveryRow(source, campaign), access.viewer().userId()));
	}

	@GetMapping
	@Operation(summary = "The newest imports with their progress")
	List<ImportStatus> recent() {
		return imports.recent(RECENT);
	}

	@GetMapping("/{id}")
	@Operation(summary = "An import's progress: state, counts, rows per second and ETA")
	ImportStatus status(@PathVariable String id) {
		return imports.status(id).orElseThrow(() -> new NotFoundException("No import with id " + id));
	}

	@GetMapping(path = "/{id}/errors", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Each failed row: its line in the file and every bad field",
			description = "With Accept: text/csv, the failed rows as a CSV file to fix and import again.")
	List<RowError> errors(@PathVariable String id) {
		requireImport(id);
		return imports.errors(id);
	}

	@GetMapping(path = "/{id}/errors", produces = "text/csv")
	ResponseEntity<String> failedRows(@PathVariable String id) {
		requireImport(id);
		return ResponseEntity.ok()
			.contentType(new MediaType(TEXT_CSV, java.nio.charset.StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("failed-rows-" + id + ".csv").build().toString())
			.body(imports.failedRowsCsv(id));
	}

	private void requireImport(String id) {
		if (!imports.exists(id)) {
			throw new NotFoundException("No import with id " + id);
		}
	}

	private static ResponseEntity<ImportStatus> started(Started started) {
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.replaceQuery(null)
			.path("/{id}")
			.buildAndExpand(started.status().id())
			.toUri();
		return ResponseEntity.status(started.repeated() ? HttpStatus.OK : HttpStatus.ACCEPTED)
			.location(location)
			.body(started.status());
	}

	private static ForEveryRow forEveryRow(String source, String campaign) {
		List<FieldError> problems = new ArrayList<>();
		String checkedSource = parameter("source", source, problems);
		String checkedCampaign = parameter("campaign", campaign, problems);
		if (!problems.isEmpty()) {
			throw new InvalidInputException("The import's parameters have problems: "
					+ String.join(", ", problems.stream().map(FieldError::field).toList()), problems);
		}
		return new ForEveryRow(checkedSource, checkedCampaign);
	}

	/** Blank is not given; otherwise the same limits as the lead's own field. */
	private static String parameter(String name, String value, List<FieldError> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String stripped = value.strip();
		if (stripped.length() > 100) {
			problems.add(new FieldError(name, "size must be between 0 and 100"));
		}
		else if (stripped.chars().anyMatch(Character::isISOControl)) {
			problems.add(new FieldError(name, "must not contain control characters"));
		}
		return stripped;
	}

}
