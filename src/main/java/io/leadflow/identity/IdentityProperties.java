package io.leadflow.identity;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The groups Leadflow works with, in every profile, and the demo users of the default run, as
 * data in application.yaml rather than code.
 */
@ConfigurationProperties("leadflow")
record IdentityProperties(List<GroupSpec> groups, List<AuthorizationSpec> authorizations, List<FilterSpec> filters,
		Demo demo) {

	IdentityProperties {
		groups = groups == null ? List.of() : groups;
		authorizations = authorizations == null ? List.of() : authorizations;
		filters = filters == null ? List.of() : filters;
		demo = demo == null ? new Demo(false, List.of()) : demo;
	}

	/** Grants each group the permissions on one resource (Camunda's names, e.g. PROCESS_DEFINITION, READ). */
	record AuthorizationSpec(List<String> groups, String resource, String resourceId, List<String> permissions) {
	}

	/**
	 * A Tasklist filter and the groups that see it.
	 * @param tasks which tasks: MINE (assigned to the user), MY_GROUPS (candidate groups of the user),
	 * GROUP (candidate group {@code group}) or LIFECYCLE (every task of the lead lifecycle)
	 */
	record FilterSpec(String name, int priority, String description, String tasks, String group, List<String> groups) {
	}

	record GroupSpec(String id, String name, String type) {
	}

	record Demo(boolean enabled, List<UserSpec> users) {

		Demo {
			users = users == null ? List.of() : users;
		}

	}

	/**
	 * A demo user; the password is the user id unless one is given.
	 * @param timeZone where the user reads deadlines (user info {@code timeZone}); none: their team's
	 */
	record UserSpec(String id, String firstName, String lastName, String email, String password, List<String> groups,
			String timeZone) {

		String passwordOrId() {
			return password == null ? id : password;
		}

	}

}
