package io.leadflow.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the models of {@code processes/} and the forms of {@code forms/} at start-up, named by
 * their file names. Only files that changed since the last start-up deployment get a new version,
 * so a restart leaves the versions as they are, and Camunda Forms, which the starter's default
 * pattern leaves out, are deployed with the models.
 * <p>
 * A designer's deployment from Modeler is another deployment name, so it is not compared here: it
 * stays the latest version across restarts until a release ships a changed file of the same model,
 * which then becomes the next version (docs/designers.md). That replacement is logged, so nobody's
 * change disappears unnoticed.
 */
@Component
class ModelDeployment implements SmartInitializingSingleton {

	static final String DEPLOYMENT_NAME = "leadflow";

	private static final String[] PATTERNS = { "classpath:processes/*.bpmn", "classpath:processes/*.dmn",
			"classpath:forms/*.form" };

	private static final Logger log = LoggerFactory.getLogger(ModelDeployment.class);

	private final RepositoryService repositoryService;

	ModelDeployment(RepositoryService repositoryService) {
		this.repositoryService = repositoryService;
	}

	// before the web server and the job executor start, so no request or job finds them missing
	@Override
	public void afterSingletonsInstantiated() {
		try {
			deployModels();
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read the models to deploy", e);
		}
	}

	void deployModels() throws IOException {
		var resolver = new PathMatchingResourcePatternResolver();
		List<Resource> files = new ArrayList<>();
		for (String pattern : PATTERNS) {
			files.addAll(List.of(resolver.getResources(pattern)));
		}
		deploy(files);
	}

	/** Deploys what changed of these files, as start-up does with the shipped ones. */
	void deploy(List<Resource> files) throws IOException {
		DeploymentBuilder deployment = repositoryService.createDeployment()
			.name(DEPLOYMENT_NAME)
			.source("leadflow start-up")
			.enableDuplicateFiltering(true);
		for (Resource file : files) {
			try (InputStream content = file.getInputStream()) {
				deployment.addInputStream(file.getFilename(), content);
			}
		}
		DeploymentWithDefinitions result = deployment.deployWithResult();
		log.info("Checked {} model and form files; deployment {} holds the changed ones", files.size(), result.getId());
		for (ResourceDefinition shipped : definitions(result)) {
			reportReplacedDesign(shipped);
		}
	}

	private static List<ResourceDefinition> definitions(DeploymentWithDefinitions result) {
		List<ResourceDefinition> definitions = new ArrayList<>();
		Optional.ofNullable(result.getDeployedProcessDefinitions()).ifPresent(definitions::addAll);
		Optional.ofNullable(result.getDeployedDecisionDefinitions()).ifPresent(definitions::addAll);
		return definitions;
	}

	private void reportReplacedDesign(ResourceDefinition shipped) {
		if (shipped.getVersion() < 2) {
			return;
		}
		ResourceDefinition previous = shipped instanceof ProcessDefinition
				? repositoryService.createProcessDefinitionQuery()
					.processDefinitionKey(shipped.getKey())
					.processDefinitionVersion(shipped.getVersion() - 1)
					.singleResult()
				: repositoryService.createDecisionDefinitionQuery()
					.decisionDefinitionKey(shipped.getKey())
					.decisionDefinitionVersion(shipped.getVersion() - 1)
					.singleResult();
		if (previous == null) {
			return;
		}
		Deployment design = repositoryService.createDeploymentQuery().deploymentId(previous.getDeploymentId()).singleResult();
		if (design != null && !DEPLOYMENT_NAME.equals(design.getName())) {
			log.warn("{} of this release replaces version {} of {}, deployed as \"{}\" from {} on {}: put a "
					+ "designer's change into processes/ too, or it is replaced when the shipped file changes",
					shipped.getResourceName(), previous.getVersion(), shipped.getKey(), design.getName(),
					design.getSource(), design.getDeploymentTime().toInstant());
		}
	}

}
