package io.leadflow.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
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
		log.info("Checked {} model and form files; deployment {} holds the changed ones", count, result.getId());
	}

}
