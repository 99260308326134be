package io.leadflow.designer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The latest deployed version of a policy table, evaluated where Leadflow's Java needs a rule that
 * marketing owns (Quality of Engagement weights, candidate order, the reasons a rep may give), so a
 * table deployed from Modeler counts from the next use, with no restart. Decisions a lead's process
 * takes are business rule tasks in the models and keep their history there; these are read like
 * settings, often (each account's score), so they are evaluated without a history entry.
 * <p>
 * The latest version is looked up at most every few seconds, and at once after a deployment on
 * this node; another node sees a new version within those seconds.
 */
@Component
public class PolicyTables {

	private static final Duration LOOK_AGAIN_AFTER = Duration.ofSeconds(5);

	private final ProcessEngineConfigurationImpl engine;

	/** The engine's own DMN engine writes a history entry per evaluation; this one is the same without it. */
	private final DmnEngine evaluator = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

	private final Map<String, Latest> latest = new ConcurrentHashMap<>();

	PolicyTables(ProcessEngineConfiguration engine) {
		this.engine = (ProcessEngineConfigurationImpl) engine;
	}

	/** The one result the table gives for these inputs. */
	public Map<String, Object> single(String decisionKey, Map<String, Object> inputs) {
		List<Map<String, Object>> results = list(decisionKey, inputs);
		if (results.size() != 1) {
			throw new IllegalStateException("The table " + decisionKey + " gives " + results.size()
					+ " results for " + inputs + "; it must give exactly one");
		}
		return results.get(0);
	}

	/** Every result the table gives for these inputs, in its rules' order. */
	public List<Map<String, Object>> list(String decisionKey, Map<String, Object> inputs) {
		DmnDecision decision = decision(decisionKey);
		return evaluator.evaluateDecision(decision, Variables.fromMap(inputs)).getResultList();
	}

	/** Forgets what it looked up: the next use reads the latest versions again. */
	void deployed() {
		latest.clear();
	}

	private DmnDecision decision(String key) {
		Instant now = Instant.now();
		Latest known = latest.get(key);
		if (known == null || known.lookedUpAt.plus(LOOK_AGAIN_AFTER).isBefore(now)) {
			DecisionDefinitionEntity definition = engine.getCommandExecutorTxRequired()
				.execute(context -> (DecisionDefinitionEntity) context.getProcessEngineConfiguration()
					.getDeploymentCache()
					.findDeployedLatestDecisionDefinitionByKey(key));
			known = new Latest(definition, now);
			latest.put(key, known);
		}
		return known.definition;
	}

	private record Latest(DecisionDefinitionEntity definition, Instant lookedUpAt) {
	}

}
