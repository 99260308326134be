package io.leadflow.system;

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
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;


/**
 * Every error of Leadflow's API as {@code application/problem+json}; a bad request names each bad
 * field in {@code errors}, so the sending system can fix all of them at once.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException ex,
			@NonNull HttpHeaders headers, @NonNull HttpStatusCode status, @NonNull WebRequest request) {
		if (RequestSizeLimit.isTooLarge(ex)) {
			return badRequest(RequestSizeLimit.MESSAGE, List.of());
		}
		return badRequest("The body cannot be read as JSON: " + ex.getMostSpecificCause().getMessage(), List.of());
	}

	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<Object> handleInvalidInput(InvalidInputException ex) {
		return badRequest(ex.getMessage(), ex.errors());
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

}
