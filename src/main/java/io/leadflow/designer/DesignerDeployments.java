package io.leadflow.designer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.leadflow.identity.Groups;

/**
 * A designer (marketing) deploys from Camunda Modeler, and what they deploy is checked first
 * ({@link ModelSafety}): the engine asks this deployer before its own parsers see a new
 * deployment, so a refused model creates no deployment, no definition and no version. Leadflow's
 * own start-up deployment and administrators' deployments are not checked; re-reading a deployed
 * model into the cache is not a new deployment and is not checked again.
 */
@Component
public class DesignerDeployments extends AbstractProcessEnginePlugin {

	private static final Logger log = LoggerFactory.getLogger(DesignerDeployments.class);

	/** Packages whose steps are Leadflow's; the benchmark's no-op step is not one a designer uses. */
	private static final String STEPS_PACKAGE = "io.leadflow.";

	private static final String BENCHMARK_PACKAGE = "io.leadflow.benchmark.";

	private final ListableBeanFactory beans;

	private final ObjectProvider<PolicyTables> policyTables;

	private volatile ModelSafety safety;

	DesignerDeployments(ListableBeanFactory beans, ObjectProvider<PolicyTables> policyTables) {
		this.beans = beans;
		this.policyTables = policyTables;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<Deployer> deployers = new ArrayList<>();
		if (configuration.getCustomPreDeployers() != null) {
			deployers.addAll(configuration.getCustomPreDeployers());
		}
		deployers.add(this::check);
		configuration.setCustomPreDeployers(deployers);
		List<Deployer> after = new ArrayList<>();
		if (configuration.getCustomPostDeployers() != null) {
			after.addAll(configuration.getCustomPostDeployers());
		}
		// a new table counts from the next lead, not from the next look-up a few seconds later
		after.add(deployment -> {
			if (deployment.isNew()) {
				policyTables.ifAvailable(PolicyTables::deployed);
			}
		});
		configuration.setCustomPostDeployers(after);
	}

	/** Whether the signed-in user is checked: everyone but administrators. */
	static boolean isDesigner(Authentication caller) {
		return caller != null && caller.getUserId() != null
				&& (caller.getGroupIds() == null || !caller.getGroupIds().contains(Groups.ADMINS));
	}

	private void check(DeploymentEntity deployment) {
		if (!deployment.isNew()) {
			return;
		}
		Authentication caller = Context.getCommandContext().getAuthentication();
		if (!isDesigner(caller)) {
			return;
		}
		for (Map.Entry<String, ResourceEntity> resource : deployment.getResources().entrySet()) {
			List<ModelSafety.Finding> findings = safety().check(resource.getKey(), resource.getValue().getBytes());
			if (!findings.isEmpty()) {
				String message = caller.getUserId() + " may not deploy " + resource.getKey() + ": "
						+ findings.stream().map(ModelSafety.Finding::message).collect(Collectors.joining("; "));
				log.warn("Refused the deployment {} by {}: {}", deployment.getName(), caller.getUserId(), message);
				throw new ParseException(message, resource.getKey(),
						findings.stream().map(DesignerDeployments::problem).toList(), List.of());
			}
		}
		log.info("{} deployed {} ({}): checked as a designer's deployment", caller.getUserId(), deployment.getName(),
				String.join(", ", new TreeSet<>(deployment.getResources().keySet())));
	}

	ModelSafety safety() {
		if (safety == null) {
			safety = new ModelSafety(new SafeExpressions(beans::containsBean), steps());
		}
		return safety;
	}

	/** Leadflow's delegates and listeners, by the bean names the models and templates use. */
	private Set<String> steps() {
		Set<String> steps = new TreeSet<>();
		for (Class<?> type : List.of(JavaDelegate.class, ExecutionListener.class, TaskListener.class)) {
			for (String name : beans.getBeanNamesForType(type, false, false)) {
				Class<?> implementation = beans.getType(name);
				if (implementation != null && implementation.getName().startsWith(STEPS_PACKAGE)
						&& !implementation.getName().startsWith(BENCHMARK_PACKAGE)) {
					steps.add(name);
				}
			}
		}
		return steps;
	}

	private static Problem problem(ModelSafety.Finding finding) {
		return new Problem() {

			@Override
			public String getMessage() {
				return finding.message();
			}

			@Override
			public int getLine() {
				return 0;
			}

			@Override
			public int getColumn() {
				return 0;
			}

			@Override
			public String getMainElementId() {
				return finding.elementId();
			}

			@Override
			public List<String> getElementIds() {
				return finding.elementId() == null ? List.of() : List.of(finding.elementId());
			}

		};
	}

}
