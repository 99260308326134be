package io.leadflow.system;

import java.io.IOException;
import java.io.InputStream;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.spring.boot.starter.event.PostDeployEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the models of {@code processes/} and the forms of {@code forms/} at start-up, named by
 * their file names. Only files that changed since the last deployment get a new version, so a
 * restart leaves the versions as they are, and Camunda Forms, which the starter's default pattern
 * leaves out, are deployed with the models.
 */
@Component
class ModelDeployment {

	static final String DEPLOYMENT_NAME = "leadflow";

	private static final String[] PATTERNS = { "classpath:processes/*.bpmn", "classpath:processes/*.dmn",
			"classpath:forms/*.form" };

	private static final Logger log = LoggerFactory.getLogger(ModelDeployment.class);

	private final RepositoryService repositoryService;

	ModelDeployment(RepositoryService repositoryService) {
		this.repositoryService = repositoryService;
	}

	@EventListener(PostDeployEvent.class)
	void deployModels() throws IOException {
		DeploymentBuilder deployment = repositoryService.createDeployment()
			.name(DEPLOYMENT_NAME)
			.source("leadflow start-up")
			.enableDuplicateFiltering(true);
		var resolver = new PathMatchingResourcePatternResolver();
		int count = 0;
		for (String pattern : PATTERNS) {
			for (Resource resource : resolver.getResources(pattern)) {
				try (InputStream content = resource.getInputStream()) {
					deployment.addInputStream(resource.getFilename(), content);
				}
				count++;
			}
		}
		var result = deployment.deployWithResult();
		log.info("Deployed {} of {} model and form files (unchanged files keep their version)",
				result.getDeployedProcessDefinitions().size() + result.getDeployedDecisionDefinitions().size()
						+ result.getDeployedDecisionRequirementsDefinitions().size(),
				count);
	}

}
