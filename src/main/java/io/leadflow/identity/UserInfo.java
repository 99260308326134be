package io.leadflow.identity;

/** The user info entries (Camunda's key-value store per user) that Leadflow reads. */
public final class UserInfo {

	/** Where the user reads deadlines: a region such as Europe/Berlin. */
	public static final String TIME_ZONE = "timeZone";

	private UserInfo() {
	}

}
