package io.leadflow.tasks;

import java.math.BigDecimal;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.delegate.DelegateTask;

import io.leadflow.lifecycle.TaskContractViolation;

/** Reads a completed task's variables, refusing values outside the task's contract. */
final class TaskVariables {

	private final DelegateTask task;

	TaskVariables(DelegateTask task) {
		this.task = task;
	}

	/** One of the enum's values, given by name; anything else breaks the contract. */
	<E extends Enum<E>> E choice(String name, Class<E> type) {
		Object value = task.getVariable(name);
		Set<String> choices = new TreeSet<>();
		for (E constant : type.getEnumConstants()) {
			choices.add(constant.name());
			if (constant.name().equals(value)) {
				return constant;
			}
		}
		throw new TaskContractViolation(name, "must be one of " + choices + (value == null ? "" : ", not " + value));
	}

	/** One of the enum's values, or {@code fallback} when the answer leaves it out. */
	<E extends Enum<E>> E optionalChoice(String name, E fallback) {
		return task.getVariable(name) == null ? fallback : choice(name, fallback.getDeclaringClass());
	}

	/** A yes/no answer; left out means no. */
	boolean optionalFlag(String name) {
		Object value = task.getVariable(name);
		if (value == null) {
			return false;
		}
		if (!(value instanceof Boolean flag)) {
			throw new TaskContractViolation(name, "must be true or false");
		}
		return flag;
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
