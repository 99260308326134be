package io.leadflow.system;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * A process variable declared once, with its name and type: {@code TEAM.get(execution)} instead of
 * {@code (String) execution.getVariable("team")} in every class that reads it. A value of another
 * type (a model or an old instance that stored something else) fails with the variable's name,
 * not with a ClassCastException somewhere later.
 *
 * <p>Numbers are read as numbers: an expression in a model ({@code ${touchesSent + 1}}) stores a
 * Long where Java stored an Integer.
 *
 * @param <T> what Java reads; for a decision result, the record its outputs are read into
 */
public final class ProcessVariable<T> {

	private final String name;

	/** A decision result is read even when absent: its reader says which table had no rule. */
	private final boolean decision;

	private final Function<Object, T> reader;

	private ProcessVariable(String name, boolean decision, Function<Object, T> reader) {
		this.name = name;
		this.decision = decision;
		this.reader = reader;
	}

	public static ProcessVariable<String> text(String name) {
		return of(name, String.class);
	}

	public static ProcessVariable<Boolean> flag(String name) {
		return of(name, Boolean.class);
	}

	public static ProcessVariable<Date> time(String name) {
		return of(name, Date.class);
	}

	public static ProcessVariable<Integer> whole(String name) {
		return new ProcessVariable<>(name, false,
				value -> value instanceof Number number ? number.intValue() : mismatch(name, "a whole number", value));
	}

	/** A list of texts, such as candidate groups. */
	public static ProcessVariable<List<String>> texts(String name) {
		return new ProcessVariable<>(name, false, value -> {
			if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
				@SuppressWarnings("unchecked")
				List<String> texts = (List<String>) list;
				return texts;
			}
			return mismatch(name, "a list of texts", value);
		});
	}

	/** A map, as a single-result decision or a model's input mapping stores it. */
	public static ProcessVariable<Map<String, Object>> map(String name) {
		return new ProcessVariable<>(name, false, value -> {
			if (value instanceof Map<?, ?> map) {
				@SuppressWarnings("unchecked")
				Map<String, Object> outputs = (Map<String, Object>) map;
				return outputs;
			}
			return mismatch(name, "a map", value);
		});
	}

	/**
	 * A decision's result, read into a record of the table's outputs. The variable itself stays what
	 * the engine stored (a map or a list of maps), because the models read it too.
	 */
	public static <R> ProcessVariable<R> decision(String name, Function<Object, R> read) {
		return new ProcessVariable<>(name, true, read);
	}

	private static <T> ProcessVariable<T> of(String name, Class<T> type) {
		return new ProcessVariable<>(name, false,
				value -> type.isInstance(value) ? type.cast(value) : mismatch(name, type.getSimpleName(), value));
	}

	private static <T> T mismatch(String name, String expected, Object value) {
		throw new IllegalStateException("Process variable " + name + " must be " + expected + ", but holds a "
				+ value.getClass().getSimpleName());
	}

	public String name() {
		return name;
	}

	/** The value, or null when the variable is not set (or set to null). */
	public T get(VariableScope scope) {
		Object value = scope.getVariable(name);
		return value == null && !decision ? null : reader.apply(value);
	}

	public T getOrDefault(VariableScope scope, T fallback) {
		T value = get(scope);
		return value == null ? fallback : value;
	}

	public void set(VariableScope scope, T value) {
		scope.setVariable(name, value);
	}

	/** The stored value as it is, to hand on to another process. */
	public Object raw(VariableScope scope) {
		return scope.getVariable(name);
	}

	public VariableMap put(VariableMap variables, T value) {
		return variables.putValue(name, value);
	}

	@Override
	public String toString() {
		return name;
	}

}
