package io.leadflow.imports;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadflow.intake.LeadIntakeRequest;

/**
 * The columns an import file may have: the intake's fields, a nested one as {@code contact.email},
 * read from {@link LeadIntakeRequest} itself so the file and the JSON intake never drift apart. A
 * row becomes the JSON the single intake takes, and is checked by the same code with the same
 * messages.
 */
final class LeadColumns {

	/** The column the failed-rows download adds; ignored on import, so that file goes back in as it is. */
	static final String ERRORS = "errors";

	/** Without these every row would fail: the file is refused instead. */
	static final List<String> REQUIRED = List.of("contact.lastName", "contact.email", "contact.roleLevel",
			"company.name", "company.country");

	private static final Map<String, Class<?>> TYPES = new LinkedHashMap<>();

	private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]{1,9}");

	private static final Set<String> YES = Set.of("true", "yes", "y", "1");

	private static final Set<String> NO = Set.of("false", "no", "n", "0");

	static {
		collect(LeadIntakeRequest.class, "");
	}

	private LeadColumns() {
	}

	private static void collect(Class<?> type, String prefix) {
		for (RecordComponent component : type.getRecordComponents()) {
			if (component.getType().isRecord()) {
				collect(component.getType(), prefix + component.getName() + ".");
			}
			else {
				TYPES.put(prefix + component.getName(), component.getType());
			}
		}
	}

	static Set<String> all() {
		return TYPES.keySet();
	}

	static boolean isKnown(String column) {
		return TYPES.containsKey(column);
	}

	/**
	 * The row as intake JSON. An empty cell is a field not given. A number or yes/no column gets a
	 * number or a boolean when the cell reads as one, and the text otherwise, so the intake's check
	 * names the field ("must be a whole number") instead of the import guessing.
	 */
	static ObjectNode toIntakeJson(List<String> columns, List<String> cells) {
		ObjectNode lead = JsonNodeFactory.instance.objectNode();
		for (int i = 0; i < columns.size(); i++) {
			String column = columns.get(i);
			Class<?> type = TYPES.get(column);
			String cell = cells.get(i).strip();
			if (type == null || cell.isEmpty()) {
				continue;
			}
			ObjectNode parent = lead;
			String[] path = column.split("\\.");
			for (int p = 0; p < path.length - 1; p++) {
				parent = parent.has(path[p]) ? (ObjectNode) parent.get(path[p]) : parent.putObject(path[p]);
			}
			String field = path[path.length - 1];
			String lower = cell.toLowerCase(Locale.ROOT);
			if (type == Integer.class && WHOLE_NUMBER.matcher(cell).matches()) {
				parent.put(field, Integer.parseInt(cell));
			}
			else if (type == Boolean.class && (YES.contains(lower) || NO.contains(lower))) {
				parent.put(field, YES.contains(lower));
			}
			else {
				parent.put(field, cell);
			}
		}
		return lead;
	}

}
