package io.leadflow.system;

/** One bad field of a request, by its JSON path (e.g. {@code contact.email}), and what is wrong with it. */
public record FieldError(String field, String message) {
}
