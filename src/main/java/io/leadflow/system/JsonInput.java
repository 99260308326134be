package io.leadflow.system;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a JSON request body and checks it, collecting every problem before answering: unknown
 * fields, values of the wrong type or outside an enumeration, and the Bean Validation constraints.
 * Plain Jackson stops at the first bad field; a sending system should learn all of them at once.
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
	public <T> T read(byte[] body, Class<T> type, String what) {
		if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
			throw new InvalidInputException("The body is missing or empty; send " + what.toLowerCase() + " as JSON",
					List.of());
		}
		JsonNode tree;
		try {
			tree = objectMapper.readTree(body);
		}
		catch (IOException e) {
			throw new InvalidInputException("The body is not well-formed JSON: " + e.getMessage(), List.of());
		}
		if (!(tree instanceof ObjectNode)) {
			throw new InvalidInputException(what + " must be a JSON object", List.of());
		}
		ProblemCollector problems = new ProblemCollector();
		dropUnknownFields((ObjectNode) tree, type, "", problems.errors);
		dropNulCharacters(tree, "", problems.errors);
		ObjectReader reader = objectMapper.readerFor(type)
			.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.without(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.withHandler(problems);
		T value = null;
		while (value == null) {
			try {
				value = reader.readValue(tree);
			}
			catch (JsonMappingException e) {
				// a value Jackson cannot read past (e.g. 2.5 for a whole number): note it, drop it, read again
				if (e.getPath().isEmpty() || !remove(tree, e.getPath())) {
					throw new InvalidInputException(what + " cannot be read: " + e.getOriginalMessage(), List.of());
				}
				problems.errors.putIfAbsent(path(e), e instanceof MismatchedInputException mismatch
						&& mismatch.getTargetType() != null ? "must be " + describe(mismatch.getTargetType())
								: "has the wrong type");
			}
			catch (IOException e) {
				throw new InvalidInputException(what + " cannot be read: " + e.getMessage(), List.of());
			}
		}
		Map<String, String> errors = new LinkedHashMap<>(problems.errors);
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

	/**
	 * Records (the request types) name their fields; anything else in the body is reported and
	 * dropped here, where the path is known, rather than by Jackson, which loses the path of a record's
	 * trailing properties.
	 */
	private static void dropUnknownFields(ObjectNode node, Class<?> type, String prefix, Map<String, String> errors) {
		if (!type.isRecord()) {
			return;
		}
		Map<String, Class<?>> components = new LinkedHashMap<>();
		for (RecordComponent component : type.getRecordComponents()) {
			components.put(component.getName(), component.getType());
		}
		for (String name : new ArrayList<>(node.properties().stream().map(Map.Entry::getKey).toList())) {
			Class<?> fieldType = components.get(name);
			if (fieldType == null) {
				errors.put(prefix + name, "is not a known field");
				node.remove(name);
			}
			else if (node.get(name) instanceof ObjectNode child) {
				dropUnknownFields(child, fieldType, prefix + name + ".", errors);
			}
		}
	}

	/**
	 * Text with a NUL character: no user types one, PostgreSQL cannot store one (a 500 there), and
	 * other systems cut the text at it.
	 */
	private static void dropNulCharacters(JsonNode node, String path, Map<String, String> errors) {
		if (node instanceof ObjectNode object) {
			List<String> names = new java.util.ArrayList<>();
			object.fieldNames().forEachRemaining(names::add);
			for (String name : names) {
				JsonNode child = object.get(name);
				String childPath = path.isEmpty() ? name : path + "." + name;
				if (child.isTextual() && child.asText().indexOf('\u0000') >= 0) {
					errors.putIfAbsent(childPath, "must not contain the NUL character");
					object.remove(name);
				}
				else {
					dropNulCharacters(child, childPath, errors);
				}
			}
		}
	}

	private static boolean remove(JsonNode tree, List<JsonMappingException.Reference> path) {
		JsonNode parent = tree;
		for (JsonMappingException.Reference reference : path.subList(0, path.size() - 1)) {
			parent = reference.getFieldName() != null ? parent.get(reference.getFieldName())
					: parent.get(reference.getIndex());
			if (parent == null) {
				return false;
			}
		}
		JsonMappingException.Reference last = path.get(path.size() - 1);
		if (parent instanceof ObjectNode object && last.getFieldName() != null) {
			return object.remove(last.getFieldName()) != null;
		}
		if (parent instanceof ArrayNode array && last.getIndex() >= 0 && last.getIndex() < array.size()) {
			array.set(last.getIndex(), NullNode.getInstance());
			return true;
		}
		return false;
	}

	private static String path(JsonMappingException e) {
		StringBuilder path = new StringBuilder();
		for (JsonMappingException.Reference reference : e.getPath()) {
			if (reference.getFieldName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
			}
			else {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	/** The path of the value the parser is at; an object or array value has already opened its own context. */
	private static String valuePath(JsonParser parser) {
		JsonStreamContext context = parser.getParsingContext();
		if (parser.currentToken() == JsonToken.START_OBJECT || parser.currentToken() == JsonToken.START_ARRAY) {
			context = context.getParent();
		}
		return path(context);
	}

	private static String fieldPath(JsonStreamContext context, String name) {
		for (JsonStreamContext c = context; c != null; c = c.getParent()) {
			if (c.inObject() && name.equals(c.getCurrentName())) {
				return path(c);
			}
		}
		return null;
	}

	private static String path(JsonStreamContext context) {
		List<String> parts = new ArrayList<>();
		for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
			if (c.inArray()) {
				parts.add(0, "[" + c.getCurrentIndex() + "]");
			}
			else if (c.getCurrentName() != null) {
				parts.add(0, c.getCurrentName());
			}
		}
		return String.join(".", parts).replace(".[", "[");
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
		if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
			return "a date and time with offset, such as 2026-12-01T09:00:00Z";
		}
		if (List.class.isAssignableFrom(type)) {
			return "a list";
		}
		return "an object";
	}

	/** Turns Jackson's type errors into recorded problems and reads on with the field left empty. */
	private static final class ProblemCollector extends DeserializationProblemHandler {

		private final Map<String, String> errors = new LinkedHashMap<>();

		@Override
		public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
				JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
			// a record's trailing properties are replayed from a buffer whose parser forgot the path; the
			// context's parser still knows it
			String path = fieldPath(p.getParsingContext(), propertyName);
			if (path == null) {
				path = fieldPath(ctxt.getParser().getParsingContext(), propertyName);
			}
			errors.put(path == null ? propertyName : path, "is not a known field");
			p.skipChildren();
			return true;
		}

		@Override
		public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String valueToConvert,
				String failureMsg) {
			errors.put(valuePath(ctxt.getParser()), "must be " + describe(targetType));
			return null;
		}

		@Override
		public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number valueToConvert,
				String failureMsg) {
			errors.put(valuePath(ctxt.getParser()), "must be " + describe(targetType));
			return null;
		}

		@Override
		public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t,
				JsonParser p, String failureMsg) throws IOException {
			String path = valuePath(p);
			if (path.isEmpty() || targetType.isPrimitive()) {
				return NOT_HANDLED;
			}
			errors.put(path, "must be " + describe(targetType.getRawClass()));
			p.skipChildren();
			return null;
		}

	}

}
