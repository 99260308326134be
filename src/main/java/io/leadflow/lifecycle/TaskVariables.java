package io.leadflow.lifecycle;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.delegate.DelegateTask;

/** Reads a completed task's variables, refusing values outside the task's contract. */
final class TaskVariables {

	private final DelegateTask task;

	TaskVariables(DelegateTask task) {
		this.task = task;
	}

	String oneOf(String name, String... allowed) {
		Object value = task.getVariable(name);
		Set<String> choices = new TreeSet<>(Arrays.asList(allowed));
		if (!(value instanceof String text) || !choices.contains(text)) {
			throw new TaskContractViolation(name, "must be one of " + choices + (value == null ? "" : ", not " + value));
		}
		return text;
	}

	/** One of {@code allowed}, or {@code fallback} when the answer leaves it out. */
	String optionalOneOf(String name, String fallback, String... allowed) {
		return task.getVariable(name) == null ? fallback : oneOf(name, allowed);
	}

	String requiredText(String name) {
		String text = optionalText(name);
		if (text == null) {
			throw new TaskContractViolation(name, "is required");
		}
		return text;
	}

	String optionalText(String name) {
		Object value = task.getVariable(name);
		if (value == null) {
			return null;
		}
		if (!(value instanceof String text)) {
			throw new TaskContractViolation(name, "must be text");
		}
		if (text.length() > 2000) {
			throw new TaskContractViolation(name, "must be at most 2000 characters");
		}
		if (text.indexOf('\u0000') >= 0) {
			throw new TaskContractViolation(name, "must not contain the NUL character");
		}
		return text.isBlank() ? null : text.strip();
	}

	BigDecimal requiredAmount(String name) {
		Object value = task.getVariable(name);
		BigDecimal amount;
		try {
			if (value == null) {
				throw new TaskContractViolation(name, "is required");
			}
			else if (value instanceof Number number) {
				amount = new BigDecimal(number.toString());
			}
			else if (value instanceof String text) {
				amount = new BigDecimal(text.strip());
			}
			else {
				throw new TaskContractViolation(name, "must be a number");
			}
		}
		catch (NumberFormatException e) {
			throw new TaskContractViolation(name, "must be a number, not " + value);
		}
		if (amount.signum() < 0 || amount.compareTo(new BigDecimal("1e13")) >= 0) {
			throw new TaskContractViolation(name, "must be between 0 and 9999999999999");
		}
		// "1e-999999999" is a number, but not an amount of money the books can hold
		if (amount.signum() != 0 && amount.stripTrailingZeros().scale() > 2) {
			throw new TaskContractViolation(name, "must have at most two decimal places, not " + value);
		}
		return amount;
	}

}
