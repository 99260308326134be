package io.leadflow.imports;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import io.leadflow.system.FieldError;
import io.leadflow.system.InvalidInputException;

/**
 * An uploaded CSV file read whole before anything is stored: UTF-8, a header row of known
 * columns, at most {@link #MAX_ROWS} rows. A file that fails here is refused with every problem
 * named and nothing is imported; a row's own problems (a bad email, a missing name) are that row's,
 * reported with its line, and the other rows go in.
 */
record CsvFile(List<String> columns, List<Row> rows) {

	static final int MAX_ROWS = 100_000;

	private static final CsvMapper CSV = new CsvMapper();

	/** @param line where the row starts in the file (the header is line 1) */
	record Row(int line, List<String> cells) {
	}

	static CsvFile read(byte[] bytes, boolean sourceGivenForTheFile) {
		if (bytes == null || bytes.length == 0) {
			throw new InvalidInputException("The file is empty: send a CSV file with a header row and one lead per row",
					List.of());
		}
		String text = utf8(bytes);
		if (text.startsWith("\uFEFF")) {
			// spreadsheet programs write a byte-order mark before the header
			text = text.substring(1);
		}
		List<String> columns = null;
		List<Row> rows = new ArrayList<>();
		try (MappingIterator<String[]> lines = CSV.readerFor(String[].class)
			.with(CsvParser.Feature.WRAP_AS_ARRAY)
			.readValues(text)) {
			while (true) {
				// where the record starts, before the parser moves past it (a quoted cell may span lines)
				int line = lines.hasNextValue() ? lines.getParser().currentLocation().getLineNr() : -1;
				if (line < 0) {
					break;
				}
				String[] cells = lines.nextValue();
				if (columns == null) {
					columns = header(cells, sourceGivenForTheFile);
					continue;
				}
				if (cells.length == 1 && cells[0].isBlank()) {
					continue;
				}
				if (rows.size() == MAX_ROWS) {
					throw new InvalidInputException("The file has more than " + MAX_ROWS + " rows: split it into files of "
							+ MAX_ROWS + " rows or fewer", List.of());
				}
				rows.add(new Row(line, Arrays.asList(cells)));
			}
		}
		catch (JsonProcessingException e) {
			throw new InvalidInputException("The file is not valid CSV at line " + e.getLocation().getLineNr() + ": "
					+ e.getOriginalMessage(), List.of());
		}
		catch (IOException e) {
			throw new IllegalStateException("Reading text in memory cannot fail", e);
		}
		if (columns == null || rows.isEmpty()) {
			throw new InvalidInputException("The file has no leads: send a header row and one lead per row", List.of());
		}
		return new CsvFile(columns, rows);
	}

	private static String utf8(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException e) {
			throw new InvalidInputException(
					"The file is not UTF-8 text: save it as \"CSV UTF-8\" and send it again", List.of());
		}
	}

	private static List<String> header(String[] cells, boolean sourceGivenForTheFile) {
		List<String> columns = Arrays.stream(cells).map(String::strip).toList();
		List<FieldError> problems = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (String column : columns) {
			if (!seen.add(column)) {
				problems.add(new FieldError(column, "is a column twice"));
			}
			else if (!LeadColumns.isKnown(column) && !column.equals(LeadColumns.ERRORS)) {
				problems.add(new FieldError(column.isEmpty() ? "(empty column name)" : column,
						"is not a known column; the columns are " + String.join(", ", LeadColumns.all())));
			}
		}
		for (String required : LeadColumns.REQUIRED) {
			if (!seen.contains(required)) {
				problems.add(new FieldError(required, "is a required column"));
			}
		}
		if (!seen.contains("source") && !sourceGivenForTheFile) {
			problems.add(new FieldError("source",
					"is a required column, unless the whole file has one source (?source=...)"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInputException("The header row has problems: "
					+ String.join(", ", problems.stream().map(FieldError::field).toList()), problems);
		}
		return columns;
	}

}
