package io.leadflow.identity;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The groups Leadflow works with, in every profile, and the demo users of the default run, as
 * data in application.yaml rather than code.
 */
@ConfigurationProperties("leadflow")
record IdentityProperties(List<GroupSpec> groups, Demo demo) {

	IdentityProperties {
		groups = groups == null ? List.of() : groups;
		demo = demo == null ? new Demo(false, List.of()) : demo;
	}

	record GroupSpec(String id, String name, String type) {
	}

	record Demo(boolean enabled, List<UserSpec> users) {

		Demo {
			users = users == null ? List.of() : users;
		}

	}

	/** A demo user; the password is the user id unless one is given. */
	record UserSpec(String id, String firstName, String lastName, String email, String password, List<String> groups) {

		String passwordOrId() {
			return password == null ? id : password;
		}

	}

}
