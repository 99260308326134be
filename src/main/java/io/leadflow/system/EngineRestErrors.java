package io.leadflow.system;

import java.sql.SQLException;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.camunda.spin.SpinRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * The engine's REST API with Leadflow's answers to errors. Camunda answers 500 for many client
 * mistakes (a missing body, an unknown task, a malformed JSON variable, a number the database
 * cannot store) and puts the exception's text — an NPE, an SQL statement — in the body. Here a
 * client's mistake is a 4xx with a sentence and one log line; a real failure is a 500 that names
 * a reference for the log and nothing of the internals.
 */
@Component
class EngineRestErrors extends CamundaJerseyResourceConfig {

	private static final Logger log = LoggerFactory.getLogger(EngineRestErrors.class);

	@Override
	protected void registerAdditionalResources() {
		register(EngineExceptions.class);
		register(RestExceptions.class);
		register(AnyException.class);
		register(WrongShapeJson.class);
		register(MalformedJson.class);
	}

	static Response answer(Throwable error) {
		Status status = ExceptionHandlerHelper.getInstance().getStatus(error);
		String message = error.getMessage();
		String type = error.getClass().getSimpleName();
		// the REST resources wrap the engine's answer (RestException 500 "Cannot complete task ..."):
		// what the engine said decides
		SQLException sql = causedBy(error, SQLException.class);
		Throwable notFound = causedBy(error, NotFoundException.class);
		NullValueException nullValue = causedBy(error, NullValueException.class);
		if (sql != null) {
			// SQL state class 22: a value the column cannot hold (too long, too large, too precise)
			if (sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
				status = Status.BAD_REQUEST;
				message = "A value is out of the range Leadflow can store";
				type = "InvalidValue";
			}
			else {
				status = Status.INTERNAL_SERVER_ERROR;
			}
		}
		else if (causedBy(error, SpinRuntimeException.class) != null) {
			status = Status.BAD_REQUEST;
			message = "A variable's value cannot be read in its format";
			type = "InvalidVariable";
		}
		else if (notFound != null || nullValue != null && isAboutSomethingMissing(nullValue.getMessage())) {
			status = Status.NOT_FOUND;
			message = (notFound != null ? notFound : nullValue).getMessage();
		}
		else if (nullValue != null || causedBy(error, BadUserRequestException.class) != null) {
			status = Status.BAD_REQUEST;
		}
		else if (error instanceof IllegalArgumentException && thrownByRestLayer(error)) {
			// a variable the REST layer cannot build ("Cannot create file without valueInfo")
			status = Status.BAD_REQUEST;
			type = "InvalidRequest";
		}
		else if (causedBy(error, NullPointerException.class) != null
				&& thrownByRestLayer(causedBy(error, NullPointerException.class))) {
			// the REST resources read a missing body or part of it as null
			status = Status.BAD_REQUEST;
			message = "The request is incomplete: its body, or a part the call needs, is missing";
			type = "InvalidRequest";
		}
		if (status.getFamily() == Status.Family.SERVER_ERROR) {
			String reference = UUID.randomUUID().toString();
			log.error("Engine REST request failed (reference {})", reference, error);
			message = "Leadflow could not complete the request; the error is logged under reference " + reference;
			type = "InternalError";
		}
		else {
			message = withoutClassNames(firstLine(message));
			log.info("Engine REST request refused with {}: {}", status.getStatusCode(), message);
		}
		return Response.status(status)
			.type(MediaType.APPLICATION_JSON_TYPE)
			.entity(new Problem(type, message, null))
			.build();
	}

	private static boolean isAboutSomethingMissing(String message) {
		return message != null && (message.contains("Cannot find") || message.contains("does not exist")
				|| message.contains("not found"));
	}

	/** "java type java.lang.Integer" reads "java type Integer": a caller needs the type, not the package. */
	private static String withoutClassNames(String message) {
		return message.replaceAll("\\b(?:java|javax|jakarta|org)\\.(?:[a-z][\\w]*\\.)+([A-Z]\\w*)", "$1");
	}

	private static boolean thrownByRestLayer(Throwable error) {
		StackTraceElement[] trace = error.getStackTrace();
		return trace.length > 0 && (trace[0].getClassName().startsWith("org.camunda.bpm.engine.rest")
				|| trace[0].getClassName().startsWith("org.camunda.bpm.engine.variable"));
	}

	private static <T extends Throwable> T causedBy(Throwable error, Class<T> type) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "";
		}
		int end = message.indexOf('\n');
		return end < 0 ? message : message.substring(0, end);
	}

	/** The shape of Camunda's own error body, which Tasklist and Cockpit show. */
	record Problem(String type, String message, Integer code) {
	}

	@Priority(1)
	static class EngineExceptions implements ExceptionMapper<ProcessEngineException> {

		@Override
		public Response toResponse(ProcessEngineException error) {
			if (error instanceof org.camunda.bpm.engine.AuthorizationException) {
				// Camunda's own answer names the missing permissions, which Tasklist shows
				return ExceptionHandlerHelper.getInstance().getResponse(error);
			}
			if (error instanceof org.camunda.bpm.engine.ParseException) {
				// a model refused on deployment: Camunda's answer lists each problem with its element's id,
				// which Modeler marks in the diagram
				return ExceptionHandlerHelper.getInstance().getResponse(error);
			}
			return answer(error);
		}

	}

	@Priority(1)
	static class RestExceptions implements ExceptionMapper<RestException> {

		@Override
		public Response toResponse(RestException error) {
			return answer(error);
		}

	}

	static Response unreadable(JsonProcessingException error) {
		String message = "The body cannot be read: " + withoutClassNames(firstLine(error.getOriginalMessage()));
		log.info("Engine REST request refused with 400: {}", message);
		return Response.status(Status.BAD_REQUEST)
			.type(MediaType.APPLICATION_JSON_TYPE)
			.entity(new Problem("InvalidRequest", message, null))
			.build();
	}

	/** Camunda's own answer to a body of the wrong shape names the DTO classes it wanted. */
	@Priority(1)
	static class WrongShapeJson implements ExceptionMapper<JsonMappingException> {

		@Override
		public Response toResponse(JsonMappingException error) {
			return unreadable(error);
		}

	}

	@Priority(1)
	static class MalformedJson implements ExceptionMapper<JsonParseException> {

		@Override
		public Response toResponse(JsonParseException error) {
			return unreadable(error);
		}

	}

	@Priority(1)
	static class AnyException implements ExceptionMapper<Throwable> {

		@Override
		public Response toResponse(Throwable error) {
			if (error instanceof jakarta.ws.rs.WebApplicationException web && web.getResponse().getStatus() < 500) {
				return web.getResponse();
			}
			return answer(error);
		}

	}

}
