package io.leadflow.tasks;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.leadflow.designer.PolicyTables;
import io.leadflow.lifecycle.TaskContractViolation;

/**
 * The reasons a rep may give for rejecting a lead and for a lost lead, and what each leads to:
 * marketing's table {@code processes/reasons.dmn}. The forms offer them, a completion may give
 * only them, and the code is what the rejection policy, the numbers and the API use.
 */
@Component
class Reasons {

	static final String REJECTION_TABLE = "rejection-reasons";

	static final String LOST_TABLE = "lost-reasons";

	/** What the columns that store a reason can hold, in a form the API and the tables can test. */
	private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,19}");

	private final PolicyTables tables;

	Reasons(PolicyTables tables) {
		this.tables = tables;
	}

	/** @param namesTeam with this reason the rep may name the team the lead belongs to */
	record Rejection(String code, String label, boolean namesTeam) {
	}

	/** @param backToCultivation a lead lost for this reason goes back to cultivation, not lost for good */
	record Loss(String code, String label, boolean backToCultivation) {
	}

	List<Rejection> rejections() {
		return tables.list(REJECTION_TABLE, Map.of())
			.stream()
			.map(row -> new Rejection(code(REJECTION_TABLE, row), label(row), Boolean.TRUE.equals(row.get("namesTeam"))))
			.toList();
	}

	List<Loss> losses() {
		return tables.list(LOST_TABLE, Map.of())
			.stream()
			.map(row -> new Loss(code(LOST_TABLE, row), label(row), Boolean.TRUE.equals(row.get("backToCultivation"))))
			.toList();
	}

	/** The rejection the answer gives; a code the table does not list breaks the task's contract. */
	Rejection rejection(String variable, Object given) {
		List<Rejection> all = rejections();
		return all.stream()
			.filter(reason -> reason.code().equals(given))
			.findFirst()
			.orElseThrow(() -> refused(variable, all.stream().map(Rejection::code).toList(), given));
	}

	Loss loss(String variable, Object given) {
		List<Loss> all = losses();
		return all.stream()
			.filter(reason -> reason.code().equals(given))
			.findFirst()
			.orElseThrow(() -> refused(variable, all.stream().map(Loss::code).toList(), given));
	}

	/** The form's options: what the rep reads, and the code the form submits. */
	static List<Map<String, String>> options(List<Map.Entry<String, String>> codesAndLabels) {
		return codesAndLabels.stream().map(reason -> Map.of("value", reason.getKey(), "label", reason.getValue())).toList();
	}

	private static TaskContractViolation refused(String variable, List<String> codes, Object given) {
		return new TaskContractViolation(variable, "must be one of " + codes + (given == null ? "" : ", not " + given));
	}

	private static String code(String table, Map<String, Object> row) {
		Object code = row.get("reason");
		if (!(code instanceof String text) || !CODE.matcher(text).matches()) {
			throw new IllegalStateException("The table " + table + " has the code " + code + ": a code is 1 to 20 "
					+ "capital letters, digits or underscores, starting with a letter");
		}
		return text;
	}

	private static String label(Map<String, Object> row) {
		return row.get("label") instanceof String label && !label.isBlank() ? label : String.valueOf(row.get("reason"));
	}

}
