package io.leadflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;

/** A decision of {@code processes/}, evaluated by the DMN engine alone, exactly as deployed. */
public final class DecisionTables {

	private static final DmnEngine ENGINE = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

	private final DmnDecision decision;

	private DecisionTables(DmnDecision decision) {
		this.decision = decision;
	}

	public static DecisionTables load(String file, String decisionId) {
		try (InputStream model = DecisionTables.class.getResourceAsStream("/processes/" + file)) {
			if (model == null) {
				throw new IllegalArgumentException("No model processes/" + file + " on the classpath");
			}
			return new DecisionTables(ENGINE.parseDecision(decisionId, model));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public List<Map<String, Object>> evaluateList(Map<String, Object> inputs) {
		return ENGINE.evaluateDecision(decision, Variables.fromMap(inputs)).getResultList();
	}

	public Map<String, Object> evaluateSingle(Map<String, Object> inputs) {
		DmnDecisionResult result = ENGINE.evaluateDecision(decision, Variables.fromMap(inputs));
		return result.getSingleResult().getEntryMap();
	}

}
