package io.leadflow.system;

/** Something the caller asked for by id does not exist: 404 as problem+json. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
