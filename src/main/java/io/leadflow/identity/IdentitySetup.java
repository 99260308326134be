package io.leadflow.identity;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ResourceTypeUtil;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import io.leadflow.identity.IdentityProperties.AuthorizationSpec;
import io.leadflow.identity.IdentityProperties.FilterSpec;
import io.leadflow.identity.IdentityProperties.GroupSpec;
import io.leadflow.identity.IdentityProperties.UserSpec;

/**
 * Makes the groups, the demo users (default run only) and the Tasklist filters at start-up. What
 * exists is left alone, so a restart changes nothing and what an administrator changed in Admin
 * stays.
 */
@Component
class IdentitySetup implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);

	private final IdentityProperties properties;

	private final IdentityService identityService;

	private final FilterService filterService;

	private final TaskService taskService;

	private final AuthorizationService authorizationService;

	IdentitySetup(IdentityProperties properties, IdentityService identityService, FilterService filterService,
			TaskService taskService, AuthorizationService authorizationService) {
		this.authorizationService = authorizationService;
		this.properties = properties;
		this.identityService = identityService;
		this.filterService = filterService;
		this.taskService = taskService;
	}

	// before the web server and the job executor start, so no request or job finds them missing
	@Override
	public void afterSingletonsInstantiated() {
		setUp();
	}

	void setUp() {
		properties.groups().forEach(this::ensureGroup);
		if (properties.demo().enabled()) {
			properties.demo().users().forEach(this::ensureDemoUser);
		}
		ensureAuthorizations();
		ensureFilters();
	}

	private void ensureGroup(GroupSpec spec) {
		if (identityService.createGroupQuery().groupId(spec.id()).count() > 0) {
			return;
		}
		Group group = identityService.newGroup(spec.id());
		group.setName(spec.name());
		group.setType(spec.type());
		identityService.saveGroup(group);
		log.info("Created group {}", spec.id());
	}

	private void ensureDemoUser(UserSpec spec) {
		if (identityService.createUserQuery().userId(spec.id()).count() == 0) {
			User user = identityService.newUser(spec.id());
			user.setFirstName(spec.firstName());
			user.setLastName(spec.lastName());
			user.setEmail(spec.email());
			user.setPassword(spec.passwordOrId());
			identityService.saveUser(user);
			for (String group : spec.groups()) {
				identityService.createMembership(spec.id(), group);
			}
			log.info("Created demo user {} in {}", spec.id(), spec.groups());
		}
		// also for a demo database made before users had a time zone; a zone set in Admin stays
		if (spec.timeZone() != null && identityService.getUserInfo(spec.id(), UserInfo.TIME_ZONE) == null) {
			identityService.setUserInfo(spec.id(), UserInfo.TIME_ZONE, spec.timeZone());
		}
	}

	/**
	 * Grants what the description in application.yaml lists. For a group and resource it names, the
	 * description is exact: an existing grant loses permissions beyond it (intake's CREATE_INSTANCE of
	 * earlier versions) and gains what it lists (marketing's DEPLOYMENT CREATE, since designers
	 * deploy), so a right taken away or given here is taken or given on the next start.
	 */
	private void ensureAuthorizations() {
		for (AuthorizationSpec spec : properties.authorizations()) {
			Resources resource = Resources.valueOf(spec.resource());
			for (String group : spec.groups()) {
				List<Authorization> existing = authorizationService.createAuthorizationQuery()
					.groupIdIn(group)
					.resourceType(resource)
					.resourceId(spec.resourceId())
					.list();
				if (!existing.isEmpty()) {
					existing.forEach(grant -> align(grant, spec, resource));
					continue;
				}
				Authorization grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
				grant.setGroupId(group);
				grant.setResource(resource);
				grant.setResourceId(spec.resourceId());
				for (String permission : spec.permissions()) {
					grant.addPermission(ResourceTypeUtil.getPermissionByNameAndResourceType(permission, resource.resourceType()));
				}
				authorizationService.saveAuthorization(grant);
				log.info("Granted {} {} on {} {}", group, spec.permissions(), spec.resource(), spec.resourceId());
			}
		}
	}

	private void align(Authorization grant, AuthorizationSpec spec, Resources resource) {
		if (grant.getAuthorizationType() != Authorization.AUTH_TYPE_GRANT) {
			return;
		}
		Set<String> allowed = new HashSet<>(spec.permissions());
		boolean changed = false;
		for (Permission permission : grant.getPermissions(ResourceTypeUtil.getPermissionsByResourceType(resource.resourceType()))) {
			if (permission.getValue() != 0 && !allowed.contains(permission.getName()) && !allowed.contains("ALL")) {
				grant.removePermission(permission);
				changed = true;
			}
		}
		for (String name : spec.permissions()) {
			Permission permission = ResourceTypeUtil.getPermissionByNameAndResourceType(name, resource.resourceType());
			if (permission.getValue() != 0 && !grant.isPermissionGranted(permission)) {
				grant.addPermission(permission);
				changed = true;
			}
		}
		if (changed) {
			authorizationService.saveAuthorization(grant);
			log.warn("Aligned {}'s grant on {} {} with {}", grant.getGroupId(), spec.resource(), spec.resourceId(),
					spec.permissions());
		}
	}

	/**
	 * Tasklist's left column: each role sees the work it does most first. A filter that exists is
	 * brought in line with the YAML (order, description, columns, who may read it), so an upgrade
	 * changes what people see without anyone editing filters by hand.
	 */
	private void ensureFilters() {
		for (FilterSpec spec : properties.filters()) {
			Map<String, Object> wanted = new HashMap<>(Map.of("priority", spec.priority(), "description",
					spec.description(), "refresh", true, "variables", List.of(
							// the task's own copies (LeadTaskListener): its assignee and candidates may read them
							Map.of("name", "leadCompany", "label", "Company"),
							Map.of("name", "leadGrade", "label", "Grade"),
							Map.of("name", "leadTeam", "label", "Team"))));
			Filter filter = filterService.createFilterQuery().filterName(spec.name()).singleResult();
			if (filter == null) {
				filter = filterService.newTaskFilter(spec.name()).setQuery(query(spec));
				filter.setProperties(wanted);
				filterService.saveFilter(filter);
				log.info("Created Tasklist filter {}", spec.name());
			}
			else if (!wanted.equals(filter.getProperties())) {
				filter.setProperties(wanted);
				filterService.saveFilter(filter);
				log.info("Updated Tasklist filter {}", spec.name());
			}
			for (Authorization grant : authorizationService.createAuthorizationQuery()
				.resourceType(Resources.FILTER)
				.resourceId(filter.getId())
				.list()) {
				if (grant.getGroupId() != null && !spec.groups().contains(grant.getGroupId())) {
					authorizationService.deleteAuthorization(grant.getId());
					log.info("Tasklist filter {} is no longer shown to {}", spec.name(), grant.getGroupId());
				}
			}
			for (String group : spec.groups()) {
				if (authorizationService.createAuthorizationQuery()
					.groupIdIn(group)
					.resourceType(Resources.FILTER)
					.resourceId(filter.getId())
					.count() == 0) {
					Authorization read = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
					read.setGroupId(group);
					read.setResource(Resources.FILTER);
					read.setResourceId(filter.getId());
					read.addPermission(Permissions.READ);
					authorizationService.saveAuthorization(read);
				}
			}
		}
	}

	private TaskQuery query(FilterSpec spec) {
		TaskQuery query = taskService.createTaskQuery();
		return switch (spec.tasks()) {
			case "MINE" -> query.taskAssigneeExpression("${currentUser()}");
			case "MY_GROUPS" -> query.taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks();
			case "GROUP" -> query.taskCandidateGroup(spec.group()).includeAssignedTasks();
			case "LIFECYCLE" -> query.processDefinitionKey("lead-lifecycle");
			default -> throw new IllegalArgumentException("Filter " + spec.name() + ": no task selection " + spec.tasks());
		};
	}

}
