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
 * A database from before "Close the escapes" keeps intake's right to start lifecycles, and one from
 * before designers deployed lacks marketing's right to deploy; the next start aligns both with the
 * description in application.yaml, which is exact for what it names.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
class IdentitySetupTest {

	@Autowired
	private IdentitySetup setup;

	@Autowired
	private AuthorizationService authorizations;

	@Test
	void aStartTakesAwayRightsTheDescriptionNoLongerGrantsAndGivesThoseItNowGrants() {
		Authorization deployment = grant("marketing", Resources.DEPLOYMENT, "*");
		deployment.removePermission(Permissions.CREATE);
		deployment.addPermission(Permissions.DELETE);
		authorizations.saveAuthorization(deployment);
		Authorization intake = grant("lead-intake", Resources.PROCESS_DEFINITION, "lead-lifecycle");
		intake.addPermission(ProcessDefinitionPermissions.CREATE_INSTANCE);
		intake.addPermission(ProcessDefinitionPermissions.READ);
		authorizations.saveAuthorization(intake);

		setup.setUp();

		Authorization aligned = grant("marketing", Resources.DEPLOYMENT, "*");
		assertThat(aligned.isPermissionGranted(Permissions.DELETE)).as("beyond the description").isFalse();
		assertThat(aligned.isPermissionGranted(Permissions.CREATE)).as("designers deploy").isTrue();
		assertThat(aligned.isPermissionGranted(Permissions.READ)).as("what the description grants stays").isTrue();
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
