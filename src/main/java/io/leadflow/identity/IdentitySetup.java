package io.leadflow.identity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FilterService;
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

	IdentitySetup(IdentityProperties properties, IdentityService identityService, FilterService filterService,
			TaskService taskService) {
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
	}

	/** Tasklist's left column: each user sees their own work first, then their teams'. */
	private void ensureFilters() {
		ensureFilter("My leads", -10, "Leads assigned to me", taskService.createTaskQuery()
			.taskAssigneeExpression("${currentUser()}"));
		ensureFilter("My team's leads", 0, "Open tasks of my groups that anyone of us may claim", taskService
			.createTaskQuery()
			.taskCandidateGroupInExpression("${currentUserGroups()}")
			.includeAssignedTasks());
		ensureFilter("Marketing", 10, "Qualify, cultivate and evaluate rejected leads",
				taskService.createTaskQuery().taskCandidateGroup("marketing").includeAssignedTasks());
		ensureFilter("Sales managers", 20, "Leads a manager must assign",
				taskService.createTaskQuery().taskCandidateGroup("sales-managers").includeAssignedTasks());
		ensureFilter("All leads", 30, "Every open task of every lead",
				taskService.createTaskQuery().processDefinitionKey("lead-lifecycle"));
	}

	private void ensureFilter(String name, int priority, String description, TaskQuery query) {
		if (filterService.createFilterQuery().filterName(name).count() > 0) {
			return;
		}
		Filter filter = filterService.newTaskFilter(name).setQuery(query);
		filter.setProperties(new HashMap<>(Map.of("priority", priority, "description",
				description, "refresh", true, "variables", List.of(
						Map.of("name", "leadId", "label", "Lead"),
						Map.of("name", "grade", "label", "Grade"),
						Map.of("name", "team", "label", "Team")))));
		filterService.saveFilter(filter);
		log.info("Created Tasklist filter {}", name);
	}

}
