package io.leadflow.system;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a JSON request body into its record and checks it, naming every problem in one answer:
 * unknown fields, values Jackson will not read as the field's type, and the Bean Validation
 * constraints. Jackson stops at the first bad value, so each field is first read on its own —
 * by Jackson, with the application's settings — and a field it refuses is noted and left out;
 * what is left is then read as a whole and validated.
 */
@Component
public class JsonInput {

	private final ObjectMapper objectMapper;

	private final Validator validator;

	JsonInput(ObjectMapper objectMapper, Validator validator) {
		this.objectMapper = objectMapper;
		this.validator = validator;
	}

	/**
	 * @param what how the error message names the input, e.g. "The lead"
	 * @throws InvalidInputException naming every bad field; nothing has been done with the input
	 */
	public <T extends Record> T read(byte[] body, Class<T> type, String what) {
		if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
			throw missing(what);
		}
		JsonNode tree;
		try {
			tree = objectMapper.readTree(body);
		}
		catch (IOException e) {
			throw new InvalidInputException("The body is not well-formed JSON: " + e.getMessage(), List.of());
		}
		if (!(tree instanceof ObjectNode object)) {
			throw new InvalidInputException(what + " must be a JSON object", List.of());
		}
		Map<String, String> errors = new LinkedHashMap<>();
		dropBadFields(object, type, "", errors);
		T value;
		try {
			value = objectMapper.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(object);
		}
		catch (IOException e) {
			throw new InvalidInputException(what + " cannot be read: "
					+ (e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage()), List.of());
		}
		for (ConstraintViolation<T> violation : validator.validate(value)) {
			// a field refused for its type is null now; "must not be null" would only repeat that
			errors.putIfAbsent(violation.getPropertyPath().toString(), violation.getMessage());
		}
		if (!errors.isEmpty()) {
			List<FieldError> list = errors.entrySet()
				.stream()
				.map(e -> new FieldError(e.getKey(), e.getValue()))
				.sorted(Comparator.comparing(FieldError::field))
				.toList();
			throw new InvalidInputException(
					what + " has invalid fields: " + String.join(", ", list.stream().map(FieldError::field).toList()),
					list);
		}
		return value;
	}

	/** The error for a request that came without a body. */
	public static InvalidInputException missing(String what) {
		return new InvalidInputException("The body is missing or empty; send " + what.toLowerCase() + " as JSON",
				List.of());
	}

	/** Notes and removes every field the record does not have or whose value is not of the field's type. */
	private void dropBadFields(ObjectNode node, Class<?> type, String prefix, Map<String, String> errors) {
		Map<String, RecordComponent> components = new LinkedHashMap<>();
		for (RecordComponent component : type.getRecordComponents()) {
			components.put(component.getName(), component);
		}
		for (String name : new ArrayList<>(node.properties().stream().map(Map.Entry::getKey).toList())) {
			String path = prefix + name;
			RecordComponent component = components.get(name);
			JsonNode value = node.get(name);
			String problem;
			if (component == null) {
				problem = "is not a known field";
			}
			else if (value.isNull()) {
				problem = null;
			}
			else if (component.getType().isRecord()) {
				if (value instanceof ObjectNode child) {
					dropBadFields(child, component.getType(), path + ".", errors);
					problem = null;
				}
				else {
					problem = "must be an object";
				}
			}
			else if (value.isTextual() && value.textValue().indexOf('\u0000') >= 0) {
				// no user types one, PostgreSQL cannot store one, other systems cut the text at it
				problem = "must not contain the NUL character";
			}
			else {
				problem = readsAs(value, component) ? null : "must be " + describe(component.getType());
			}
			if (problem != null) {
				errors.put(path, problem);
				node.remove(name);
			}
		}
	}

	private boolean readsAs(JsonNode value, RecordComponent component) {
		try {
			objectMapper.readerFor(objectMapper.constructType(component.getGenericType()))
				.without(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
				.readValue(value);
			return true;
		}
		catch (IOException refused) {
			return false;
		}
	}

	private static String describe(Class<?> type) {
		if (type.isEnum()) {
			return "one of " + Arrays.toString(type.getEnumConstants());
		}
		if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
			return "a whole number";
		}
		if (Number.class.isAssignableFrom(type)) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == String.class) {
			return "text";
		}
		if (Temporal.class.isAssignableFrom(type)) {
			return "a date and time with offset, such as 2026-12-01T09:00:00Z";
		}
		return "an object";
	}

}
