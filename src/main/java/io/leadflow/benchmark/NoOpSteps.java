package io.leadflow.benchmark;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import io.leadflow.cultivation.Cultivation;

/**
 * The speed benchmark's stand-in for every Leadflow step ({@code ${benchNoop}} in the copies of the
 * lifecycle models that {@code bench/speed} deploys): it sets only what the models' gateways and
 * tables read next, with no query and no row of Leadflow's own, so the same models with the same
 * async boundaries and the same tables run with Leadflow's code taken out. Mail events still start
 * a notification instance (its job is an async boundary of the real shape), whose sending does
 * nothing. Exists only with {@code leadflow.benchmark.enabled=true}.
 */
@Component("benchNoop")
@ConditionalOnProperty("leadflow.benchmark.enabled")
class NoOpSteps implements JavaDelegate, TaskListener {

	static final String NOTIFICATION = "bench-noop-notification";

	/** Set at start by the benchmark: who gets the lead, as the round robin would pick. */
	static final String BENCH_REP = "benchRep";

	private final RuntimeService runtimeService;

	NoOpSteps(RuntimeService runtimeService) {
		this.runtimeService = runtimeService;
	}

	@Override
	public void execute(DelegateExecution execution) {
		switch (execution.getCurrentActivityId()) {
			case "Task_WeighEngagement" -> {
				Cultivation.ENGAGEMENT_SCORE.set(execution, 0);
				Cultivation.ACCOUNT_ENGAGEMENT.set(execution, 0);
			}
			case "Task_RecordQualification" -> {
				@SuppressWarnings("unchecked")
				Map<String, Object> result = (Map<String, Object>) execution.getVariable("qualification");
				execution.setVariable(SCORE.name(), result.get("score"));
				execution.setVariable(GRADE.name(), result.get("grade"));
				execution.setVariable(ROUTE.name(), result.get("route"));
				execution.setVariable(NEEDS_CHECK.name(), result.get("needsCheck"));
			}
			case "Task_AssignRep" -> {
				@SuppressWarnings("unchecked")
				Map<String, Object> first = ((List<Map<String, Object>>) execution.getVariable("routing")).get(0);
				TEAM.set(execution, (String) first.get("team"));
				CHANNEL.set(execution, (String) first.get("channel"));
				OFFER_GROUPS.set(execution, List.of());
				REP.set(execution, (String) execution.getVariable(BENCH_REP));
			}
			default -> {
				if (execution.getProcessDefinitionId().startsWith(NOTIFICATION)) {
					return;
				}
				if (execution.hasVariable("mailKind")) {
					runtimeService.startProcessInstanceByKey(NOTIFICATION, execution.getProcessBusinessKey(),
							Variables.createVariables()
								.putValue("mails", List.of(Map.of("kind", execution.getVariable("mailKind"),
										"recipient", String.valueOf(REP.get(execution))))));
				}
			}
		}
	}

	@Override
	public void notify(DelegateTask task) {
		// Leadflow's task listener reads the lead's package and checks the answer; the stand-in does neither
	}

}
