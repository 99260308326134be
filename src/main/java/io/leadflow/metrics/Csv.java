package io.leadflow.metrics;

import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * Rows of a record type as CSV, a header of the record's names first. A cell that a spreadsheet
 * would run as a formula (a campaign named "=HYPERLINK(…)") is written as text.
 */
final class Csv {

	private Csv() {
	}

	static String of(Class<? extends Record> type, List<? extends Record> rows) {
		RecordComponent[] columns = type.getRecordComponents();
		StringBuilder csv = new StringBuilder();
		for (int i = 0; i < columns.length; i++) {
			csv.append(i == 0 ? "" : ",").append(columns[i].getName());
		}
		csv.append("\r\n");
		for (Record row : rows) {
			for (int i = 0; i < columns.length; i++) {
				Object value;
				try {
					value = columns[i].getAccessor().invoke(row);
				}
				catch (ReflectiveOperationException e) {
					throw new IllegalStateException(e);
				}
				csv.append(i == 0 ? "" : ",").append(cell(value));
			}
			csv.append("\r\n");
		}
		return csv.toString();
	}

	private static String cell(Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
			text = "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

}
