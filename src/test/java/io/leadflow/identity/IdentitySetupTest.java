package io.leadflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A database from before "Close the escapes" keeps marketing's right to deploy and intake's right
 * to start lifecycles; the next start takes them away, because the description in
 * application.yaml is the ceiling for what it names.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
class IdentitySetupTest {

	@Autowired
	private IdentitySetup setup;

	@Autowired
	private AuthorizationService authorizations;

	@Test
	void aStartTakesAwayRightsTheDescriptionNoLongerGrants() {
		Authorization deployment = grant("marketing", Resources.DEPLOYMENT, "*");
		deployment.addPermission(Permissions.CREATE);
		authorizations.saveAuthorization(deployment);
		Authorization intake = grant("lead-intake", Resources.PROCESS_DEFINITION, "lead-lifecycle");
		intake.addPermission(ProcessDefinitionPermissions.CREATE_INSTANCE);
		intake.addPermission(ProcessDefinitionPermissions.READ);
		authorizations.saveAuthorization(intake);

		setup.setUp();

		Authorization narrowed = grant("marketing", Resources.DEPLOYMENT, "*");
		assertThat(narrowed.isPermissionGranted(Permissions.CREATE)).isFalse();
		assertThat(narrowed.isPermissionGranted(Permissions.READ)).as("what the description grants stays").isTrue();
		Authorization none = grant("lead-intake", Resources.PROCESS_DEFINITION, "lead-lifecycle");
		assertThat(none.isPermissionGranted(ProcessDefinitionPermissions.CREATE_INSTANCE)).isFalse();
		assertThat(none.isPermissionGranted(ProcessDefinitionPermissions.READ)).isFalse();
	}

	private Authorization grant(String group, Resources resource, String resourceId) {
		return authorizations.createAuthorizationQuery()
			.groupIdIn(group)
			.resourceType(resource)
			.resourceId(resourceId)
			.singleResult();
	}

}
