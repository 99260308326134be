package io.leadflow.system;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error of Leadflow's API as {@code application/problem+json}; a bad request names each bad
 * field in {@code errors}, so the sending system can fix all of them at once.
 */
@RestControllerAdvice(basePackages = "io.leadflow")
class ApiProblems extends ResponseEntityExceptionHandler {

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(@NonNull MethodArgumentNotValidException ex,
			@NonNull HttpHeaders headers, @NonNull HttpStatusCode status, @NonNull WebRequest request) {
		List<FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(e -> new FieldError(e.getField(), e.getDefaultMessage()))
			.sorted(Comparator.comparing(FieldError::field))
			.toList();
		return badRequest("The lead has invalid fields: "
				+ errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", ")), errors);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException ex,
			@NonNull HttpHeaders headers, @NonNull HttpStatusCode status, @NonNull WebRequest request) {
		Throwable cause = ex.getCause();
		if (RequestSizeLimit.isTooLarge(ex)) {
			return badRequest(RequestSizeLimit.MESSAGE, List.of());
		}
		if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
			String field = fieldPath(mapping);
			String message;
			if (cause instanceof UnrecognizedPropertyException) {
				message = "is not a known field";
			}
			else if (cause instanceof InvalidFormatException format && format.getTargetType().isEnum()) {
				message = "must be one of " + List.of(format.getTargetType().getEnumConstants());
			}
			else if (cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
				message = "must be " + describe(mismatch.getTargetType());
			}
			else {
				message = "has the wrong type";
			}
			return badRequest("The lead has invalid fields: " + field, List.of(new FieldError(field, message)));
		}
		if (cause instanceof JsonProcessingException json) {
			return badRequest("The body is not well-formed JSON: " + json.getOriginalMessage(), List.of());
		}
		return badRequest("The body is missing or empty; send the lead as JSON", List.of());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Object> handleTypeMismatch(MethodArgumentTypeMismatchException ex) {
		String message = ex.getRequiredType() != null && ex.getRequiredType().isEnum()
				? "must be one of " + List.of(ex.getRequiredType().getEnumConstants()) : "has the wrong type";
		return badRequest("Invalid parameter: " + ex.getName(), List.of(new FieldError(ex.getName(), message)));
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<Object> handleNotFound(NotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		return ResponseEntity.of(problem).build();
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex) {
		List<FieldError> errors = ex.getConstraintViolations()
			.stream()
			.map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
			.sorted(Comparator.comparing(FieldError::field))
			.toList();
		return badRequest("Invalid parameters: "
				+ errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", ")), errors);
	}

	private static String lastNode(String path) {
		return path.substring(path.lastIndexOf('.') + 1);
	}

	private static ResponseEntity<Object> badRequest(String detail, List<FieldError> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Bad request");
		problem.setProperty("errors", errors);
		return ResponseEntity.of(problem).build();
	}

	private static String fieldPath(JsonMappingException mapping) {
		List<String> parts = new ArrayList<>();
		for (JsonMappingException.Reference reference : mapping.getPath()) {
			parts.add(reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]");
		}
		return String.join(".", parts).replace(".[", "[");
	}

	private static String describe(Class<?> type) {
		if (type == Integer.class || type == int.class || type == Long.class) {
			return "a whole number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == String.class) {
			return "a string";
		}
		return "an object";
	}

	/** One bad field and what is wrong with it. */
	public record FieldError(String field, String message) {
	}

}
