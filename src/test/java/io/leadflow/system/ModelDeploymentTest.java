package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** What start-up deploys: every model and form, and nothing again when nothing changed. */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
class ModelDeploymentTest {

	@Autowired
	private ModelDeployment modelDeployment;

	@Autowired
	private RepositoryService repositoryService;

	@Test
	void theModelsAndTheFormsAreDeployed() {
		List<String> resources = repositoryService.createDeploymentQuery()
			.list()
			.stream()
			.flatMap(d -> repositoryService.getDeploymentResourceNames(d.getId()).stream())
			.toList();

		assertThat(resources).contains("lead-lifecycle.bpmn", "lead-cultivation.bpmn", "lead-qualification.dmn",
				"lead-routing.dmn", "nurture-plan.dmn", "engagement-scoring.dmn", "review-lead.form",
				"report-disposition.form", "evaluate-rejected-lead.form", "qualify-lead.form", "assign-lead.form");
		assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("lead-lifecycle").count())
			.isEqualTo(1);
	}

	@Test
	void aRestartWithUnchangedModelsCreatesNoNewVersion() {
		List<String> before = repositoryService.createDeploymentQuery().list().stream().map(Deployment::getId).toList();
		long lifecycleVersions = repositoryService.createProcessDefinitionQuery()
			.processDefinitionKey("lead-lifecycle")
			.count();

		modelDeployment.afterSingletonsInstantiated();

		assertThat(repositoryService.createDeploymentQuery().list()).extracting(Deployment::getId)
			.containsExactlyInAnyOrderElementsOf(before);
		assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("lead-lifecycle").count())
			.isEqualTo(lifecycleVersions);
	}

}
