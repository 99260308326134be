package io.leadflow.identity;

/**
 * The role groups Leadflow gives a meaning to: what a user does. They are named once here because
 * the engine's authorizations (application.yaml) and Leadflow's API rights name the same ones.
 * Team groups (whose leads a user works) are the table's business: {@link Teams}.
 */
public final class Groups {

	public static final String ADMINS = "camunda-admin";

	public static final String MARKETING = "marketing";

	public static final String MANAGERS = "sales-managers";

	/** Direct reps: members of a territory team take its leads. */
	public static final String DIRECT_REPS = "sales-reps";

	/** Reps of a reseller: members of a partner team take its leads. */
	public static final String PARTNER_REPS = "partner-reps";

	/** A reseller's managers: with their partner's team group, they read that partner's numbers. */
	public static final String PARTNER_MANAGERS = "partner-managers";

	/** The system user(s) that hand leads and engagements to Leadflow. */
	public static final String INTAKE = "lead-intake";

	private Groups() {
	}

}
