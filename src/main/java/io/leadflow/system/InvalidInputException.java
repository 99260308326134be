package io.leadflow.system;

import java.util.List;

/** A request that cannot be taken as it is; answered 400 with every bad field. */
public class InvalidInputException extends RuntimeException {

	private final transient List<FieldError> errors;

	public InvalidInputException(String message, List<FieldError> errors) {
		super(message);
		this.errors = List.copyOf(errors);
	}

	public List<FieldError> errors() {
		return errors;
	}

}
