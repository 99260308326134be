package io.leadflow.system;

import java.io.IOException;
import java.lang.reflect.Type;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Spring MVC's way in for {@link JsonRequest} bodies: a message converter that reads them with
 * {@link JsonInput} (registered first, see {@link WebConfig}), and the advice that answers a
 * request without a body in the same words — Spring asks no converter when the body is empty.
 */
@ControllerAdvice
class JsonRequests extends RequestBodyAdviceAdapter {

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return converterType == Converter.class;
	}

	@Override
	public Object handleEmptyBody(Object body, HttpInputMessage message, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		throw JsonInput.missing(parameter.getParameterType().getAnnotation(JsonRequest.class).value());
	}

	static final class Converter extends AbstractHttpMessageConverter<Record> {

		private final JsonInput input;

		Converter(JsonInput input) {
			super(MediaType.APPLICATION_JSON);
			this.input = input;
		}

		@Override
		protected boolean supports(Class<?> type) {
			return type.isRecord() && type.isAnnotationPresent(JsonRequest.class);
		}

		@Override
		protected boolean canWrite(MediaType mediaType) {
			return false;
		}

		@Override
		protected Record readInternal(Class<? extends Record> type, HttpInputMessage message) throws IOException {
			return input.read(message.getBody().readAllBytes(), type, type.getAnnotation(JsonRequest.class).value());
		}

		@Override
		protected void writeInternal(Record value, HttpOutputMessage message) {
			throw new UnsupportedOperationException("Request bodies are only read");
		}

	}

}
