package io.leadflow.lead;

import java.util.List;

/** One page of a list, with the total the list has. */
public record Page<T>(List<T> items, int page, int size, long total) {
}
