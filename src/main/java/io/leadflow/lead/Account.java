package io.leadflow.lead;

/** A company, one row per domain; its contacts' leads share its engagement and its owner. */
public record Account(String domain, String name, String country, String industry, Integer employees) {
}
