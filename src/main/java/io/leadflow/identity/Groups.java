package io.leadflow.identity;

/**
 * The Camunda groups Leadflow gives a meaning to. Role groups say what a user does; team groups
 * ({@code territory-…}, {@code partner-…}) say whose leads they work. Every part of Leadflow asks
 * here, so a group is named once.
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

	/** A territory or partner team, as opposed to a role group such as sales-reps. */
	public static boolean isTeam(String groupId) {
		return groupId.startsWith("territory-")
				|| groupId.startsWith("partner-") && !groupId.equals(PARTNER_REPS) && !groupId.equals(PARTNER_MANAGERS);
	}

	/** The role group whose members take a team's leads. */
	public static String repGroupOf(String team) {
		return team.startsWith("partner-") ? PARTNER_REPS : DIRECT_REPS;
	}

}
