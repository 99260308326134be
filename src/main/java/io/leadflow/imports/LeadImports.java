package io.leadflow.imports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;

import io.leadflow.intake.LeadIntakeRequest;
import io.leadflow.intake.LeadIntakeService;
import io.leadflow.intake.LeadIntakeService.IntakeResult;
import io.leadflow.routing.Reps;
import io.leadflow.system.EngineClock;
import io.leadflow.system.FieldError;
import io.leadflow.system.InvalidInputException;
import io.leadflow.system.JsonInput;
import io.leadflow.system.SystemAccess;

/**
 * Bulk imports (docs/import.md): a file's rows are stored as sent, then the lead-import process
 * takes them in batches, one job and one transaction per batch, through the single intake, so a
 * row is checked, merged into an existing lead or made a new one exactly as a posted lead is.
 */
@Service
public class LeadImports {

	/** The process that works through an import, one batch per job. */
	static final String PROCESS_ID = "lead-import";

	private static final Logger LOG = LoggerFactory.getLogger(LeadImports.class);

	private static final CsvMapper CSV = new CsvMapper();

	private static final TypeReference<List<String>> CELLS = new TypeReference<>() {
	};

	private static final TypeReference<List<FieldError>> ERRORS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final ObjectMapper objectMapper;

	private final JsonInput jsonInput;

	private final LeadIntakeService intake;

	private final RuntimeService runtimeService;

	private final SystemAccess system;

	private final Reps reps;

	LeadImports(JdbcClient jdbc, JdbcTemplate batch, ObjectMapper objectMapper, JsonInput jsonInput,
			LeadIntakeService intake, RuntimeService runtimeService, SystemAccess system, Reps reps) {
		this.reps = reps;
		this.jdbc = jdbc;
		this.batch = batch;
		this.objectMapper = objectMapper;
		this.jsonInput = jsonInput;
		this.intake = intake;
		this.runtimeService = runtimeService;
		this.system = system;
	}

	/** What a caller gives for the whole file; a row's own source or campaign wins. */
	public record ForEveryRow(String source, String campaign) {
	}

	/** @param repeated the same file with the same source and campaign was sent before: that import */
	public record Started(ImportStatus status, boolean repeated) {
	}

	/**
	 * Reads the whole file and stores its rows, or refuses it naming every problem and stores
	 * nothing. The same upload twice is one import.
	 */
	@Transactional
	public Started start(byte[] file, String fileName, ForEveryRow forEveryRow, String requestedBy) {
		String key = requestKey(file, forEveryRow);
		Optional<ImportStatus> earlier = idOfRequest(key).flatMap(this::status);
		if (earlier.isPresent()) {
			return new Started(earlier.get(), true);
		}
		CsvFile csv = CsvFile.read(file, forEveryRow.source() != null);
		String id = UUID.randomUUID().toString();
		try {
			jdbc.sql("""
					INSERT INTO lead_import (id, request_key, file_name, source, campaign, columns_json, requested_by,
					  total, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(id, key, fileName, forEveryRow.source(), forEveryRow.campaign(), json(csv.columns()), requestedBy,
						csv.rows().size(), EngineClock.nowUtc())
				.update();
		}
		catch (DuplicateKeyException sentTwiceAtOnce) {
			return new Started(idOfRequest(key).flatMap(this::status).orElseThrow(() -> sentTwiceAtOnce), true);
		}
		List<Object[]> rows = new ArrayList<>(csv.rows().size());
		for (CsvFile.Row row : csv.rows()) {
			rows.add(new Object[] { id, row.line(), json(row.cells()) });
		}
		batch.batchUpdate("INSERT INTO lead_import_row (import_id, line_no, cells) VALUES (?, ?, ?)", rows);
		system.run(() -> runtimeService.startProcessInstanceByKey(PROCESS_ID, id,
				Variables.putValue(ImportLeadBatchDelegate.IMPORT_ID, id)));
		LOG.info("Import {} ({}) by {}: {} rows stored, importing in the background", id,
				fileName == null ? "sent as the body" : fileName, requestedBy, csv.rows().size());
		return new Started(status(id).orElseThrow(), false);
	}

	/** The import's next rows, each through the intake; the counts and the rows' outcomes in the same transaction. */
	@Transactional
	public BatchDone importBatch(String importId, int batchSize) {
		ImportRecord record = jdbc.sql("SELECT columns_json, source, campaign, file_name FROM lead_import WHERE id = ?")
			.param(importId)
			.query((rs, n) -> new ImportRecord(read(rs.getString(1), CELLS), rs.getString(2), rs.getString(3),
					rs.getString(4)))
			.optional()
			.orElseThrow(() -> new IllegalStateException("Import " + importId + " is not in lead_import"));
		List<PendingRow> pending = jdbc
			.sql("SELECT line_no, cells FROM lead_import_row WHERE import_id = ? AND outcome IS NULL ORDER BY line_no LIMIT ?")
			.params(importId, batchSize)
			.query((rs, n) -> new PendingRow(rs.getInt(1), read(rs.getString(2), CELLS)))
			.list();
		int created = 0;
		int duplicates = 0;
		int failed = 0;
		List<Object[]> outcomes = new ArrayList<>(pending.size());
		for (PendingRow row : pending) {
			Outcome outcome = importRow(record, row);
			switch (outcome.outcome()) {
				case "CREATED" -> created++;
				case "DUPLICATE" -> duplicates++;
				default -> failed++;
			}
			outcomes.add(new Object[] { outcome.outcome(), outcome.leadId(),
					outcome.errors().isEmpty() ? null : json(outcome.errors()), importId, row.line() });
		}
		batch.batchUpdate("UPDATE lead_import_row SET outcome = ?, lead_id = ?, errors = ? WHERE import_id = ? AND line_no = ?",
				outcomes);
		// a short batch was the last; a full one looks for one row more (the index answers without counting)
		boolean rowsLeft = pending.size() == batchSize && jdbc
			.sql("SELECT line_no FROM lead_import_row WHERE import_id = ? AND outcome IS NULL LIMIT 1")
			.param(importId)
			.query(Integer.class)
			.optional()
			.isPresent();
		jdbc.sql("""
				UPDATE lead_import SET processed = processed + ?, created = created + ?, duplicates = duplicates + ?,
				  failed = failed + ?, finished_at = ? WHERE id = ?""")
			.params(pending.size(), created, duplicates, failed, rowsLeft ? null : EngineClock.nowUtc(), importId)
			.update();
		if (!pending.isEmpty()) {
			// the counts only: the full status would also ask the engine for incidents, once per batch
			int[] done = jdbc.sql("SELECT processed, total FROM lead_import WHERE id = ?")
				.param(importId)
				.query((rs, n) -> new int[] { rs.getInt(1), rs.getInt(2) })
				.single();
			LOG.info("Import {} ({}): lines {}-{}: {} new, {} duplicates, {} failed; {} of {} rows done{}", importId,
					record.fileName() == null ? "sent as the body" : record.fileName(), pending.get(0).line(), pending.get(pending.size() - 1).line(), created, duplicates,
					failed, done[0], done[1], rowsLeft ? "" : ", import done");
		}
		return new BatchDone(pending.size(), rowsLeft);
	}

	public record BatchDone(int rows, boolean rowsLeft) {
	}

	private Outcome importRow(ImportRecord record, PendingRow row) {
		if (row.cells().size() != record.columns().size()) {
			return Outcome.failed(List.of(new FieldError("line", "has " + row.cells().size() + " values; the header has "
					+ record.columns().size() + " columns")));
		}
		ObjectNode lead = LeadColumns.toIntakeJson(record.columns(), row.cells());
		if (!lead.hasNonNull("source") && record.source() != null) {
			lead.put("source", record.source());
		}
		if (!lead.hasNonNull("campaign") && record.campaign() != null) {
			lead.put("campaign", record.campaign());
		}
		LeadIntakeRequest request;
		try {
			request = jsonInput.read(objectMapper.writeValueAsBytes(lead), LeadIntakeRequest.class, "The row");
		}
		catch (InvalidInputException e) {
			return Outcome.failed(e.errors().isEmpty() ? List.of(new FieldError("line", e.getMessage())) : e.errors());
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("A JSON tree always serialises", e);
		}
		IntakeResult result = intake.receive(request);
		return new Outcome(result.created() ? "CREATED" : "DUPLICATE", result.id(), List.of());
	}

	public Optional<ImportStatus> status(String id) {
		return jdbc.sql("SELECT " + STATUS_COLUMNS + " FROM lead_import WHERE id = ?")
			.param(id)
			.query(this::mapStatus)
			.optional()
			.map(this::withProblem);
	}

	/** The newest imports first. */
	public List<ImportStatus> recent(int limit) {
		return jdbc.sql("SELECT " + STATUS_COLUMNS + " FROM lead_import ORDER BY started_at DESC, id LIMIT ?")
			.param(limit)
			.query(this::mapStatus)
			.list()
			.stream()
			.map(this::withProblem)
			.toList();
	}

	/** Each failed row with its line and every bad field, in the order of the file. */
	public List<RowError> errors(String id) {
		return jdbc
			.sql("SELECT line_no, errors FROM lead_import_row WHERE import_id = ? AND outcome = 'FAILED' ORDER BY line_no")
			.param(id)
			.query((rs, n) -> new RowError(rs.getInt(1), read(rs.getString(2), ERRORS)))
			.list();
	}

	/**
	 * The failed rows as a CSV file with the import's columns and an errors column: fixed in a
	 * spreadsheet, it is imported again as it is (the errors column is ignored).
	 */
	public String failedRowsCsv(String id) {
		List<String> columns = jdbc.sql("SELECT columns_json FROM lead_import WHERE id = ?")
			.param(id)
			.query((rs, n) -> read(rs.getString(1), CELLS))
			.single();
		int errorsColumn = columns.indexOf(LeadColumns.ERRORS);
		List<String[]> lines = new ArrayList<>();
		List<String> header = new ArrayList<>(columns);
		if (errorsColumn < 0) {
			header.add(LeadColumns.ERRORS);
		}
		lines.add(header.toArray(String[]::new));
		jdbc.sql("SELECT cells, errors FROM lead_import_row WHERE import_id = ? AND outcome = 'FAILED' ORDER BY line_no")
			.param(id)
			.query((rs, n) -> {
				List<String> cells = new ArrayList<>(read(rs.getString(1), CELLS));
				while (cells.size() < columns.size()) {
					cells.add("");
				}
				String errors = String.join("; ",
						read(rs.getString(2), ERRORS).stream().map(e -> e.field() + " " + e.message()).toList());
				if (errorsColumn < 0) {
					cells.add(errors);
				}
				else {
					cells.set(errorsColumn, errors);
				}
				return cells.toArray(String[]::new);
			})
			.list()
			.forEach(lines::add);
		try {
			return CSV.writerFor(String[][].class).writeValueAsString(lines.toArray(String[][]::new));
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("Text cells always write as CSV", e);
		}
	}

	public boolean exists(String id) {
		return jdbc.sql("SELECT COUNT(*) FROM lead_import WHERE id = ?").param(id).query(Long.class).single() > 0;
	}

	private static final String STATUS_COLUMNS = """
			id, file_name, source, campaign, requested_by, total, processed, created, duplicates, failed,
			started_at, finished_at""";

	private ImportStatus mapStatus(ResultSet rs, int rowNum) throws SQLException {
		Instant startedAt = rs.getObject("started_at", OffsetDateTime.class).toInstant();
		OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
		Instant finishedAt = finished == null ? null : finished.toInstant();
		int total = rs.getInt("total");
		int processed = rs.getInt("processed");
		Instant until = finishedAt == null ? EngineClock.now() : finishedAt;
		double seconds = Math.max(Duration.between(startedAt, until).toMillis(), 1) / 1000.0;
		double rowsPerSecond = Math.round(processed / seconds * 10) / 10.0;
		Instant eta = finishedAt == null && rowsPerSecond > 0
				? until.plusMillis((long) ((total - processed) / rowsPerSecond * 1000)) : null;
		return new ImportStatus(rs.getString("id"), finishedAt == null ? ImportState.RUNNING : ImportState.DONE,
				rs.getString("file_name"), rs.getString("source"), rs.getString("campaign"), rs.getString("requested_by"),
				reps.nameOf(rs.getString("requested_by")), total, processed, rs.getInt("created"), rs.getInt("duplicates"),
				rs.getInt("failed"),
				startedAt.atOffset(ZoneOffset.UTC), finishedAt == null ? null : finishedAt.atOffset(ZoneOffset.UTC),
				rowsPerSecond, eta == null ? null : eta.atOffset(ZoneOffset.UTC), null);
	}

	/** A batch that failed all its retries is an incident in Cockpit: the import is FAILED until it is retried. */
	private ImportStatus withProblem(ImportStatus status) {
		if (status.state() != ImportState.RUNNING) {
			return status;
		}
		return system.call(() -> {
			ProcessInstance instance = runtimeService.createProcessInstanceQuery()
				.processDefinitionKey(PROCESS_ID)
				.processInstanceBusinessKey(status.id())
				.singleResult();
			if (instance == null) {
				return status;
			}
			Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
			return incident == null ? status : status.withIncident(incident.getIncidentMessage());
		});
	}

	private Optional<String> idOfRequest(String key) {
		return jdbc.sql("SELECT id FROM lead_import WHERE request_key = ?").param(key).query(String.class).optional();
	}

	private static String requestKey(byte[] file, ForEveryRow forEveryRow) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update((forEveryRow.source() + "\n" + forEveryRow.campaign() + "\n").getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest.digest(file == null ? new byte[0] : file));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every Java has SHA-256", e);
		}
	}

	private String json(Object value) {
		try {
			return objectMapper.writeValueAsString(value);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("Lists of text always serialise", e);
		}
	}

	private <T> T read(String json, TypeReference<T> type) {
		try {
			return objectMapper.readValue(json, type);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("lead_import holds only what it wrote", e);
		}
	}

	private record ImportRecord(List<String> columns, String source, String campaign, String fileName) {
	}

	private record PendingRow(int line, List<String> cells) {
	}

	private record Outcome(String outcome, String leadId, List<FieldError> errors) {

		static Outcome failed(List<FieldError> errors) {
			return new Outcome("FAILED", null, errors);
		}

	}

	public enum ImportState {
		RUNNING, DONE, FAILED
	}

	/** One failed row: its line in the file and every bad field, with the single intake's messages. */
	public record RowError(int line, List<FieldError> errors) {
	}

	/** GET /api/leads/imports/{id} (contract); requestedByName is the importer as people read it, for the page. */
	public record ImportStatus(String id, ImportState state, String fileName, String source, String campaign,
			String requestedBy, String requestedByName, int total, int processed, int created, int duplicates, int failed,
			OffsetDateTime startedAt, OffsetDateTime finishedAt, double rowsPerSecond, OffsetDateTime eta,
			String problem) {

		ImportStatus withIncident(String why) {
			return new ImportStatus(id, ImportState.FAILED, fileName, source, campaign, requestedBy, requestedByName, total,
					processed, created, duplicates, failed, startedAt, finishedAt, rowsPerSecond, null,
					"A batch failed every retry (" + why + "); it is an incident in Cockpit: fix the cause and retry it there");
		}

	}

}
