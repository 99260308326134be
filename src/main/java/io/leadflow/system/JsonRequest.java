package io.leadflow.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request body record that {@link JsonInput} reads: a controller takes it as
 * {@code @RequestBody}, and a bad body is answered with every bad field named.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface JsonRequest {

	/** How errors name the body, e.g. "The lead". */
	String value();

}
