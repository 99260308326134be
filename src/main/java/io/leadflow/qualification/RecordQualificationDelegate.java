package io.leadflow.qualification;

import static io.leadflow.cultivation.Cultivation.ACCOUNT_ENGAGEMENT;
import static io.leadflow.cultivation.Cultivation.ENGAGEMENT_SCORE;
import static io.leadflow.lifecycle.LeadLifecycle.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.leadflow.lead.LeadEvents;
import io.leadflow.lead.LeadEvents.QualificationRoute;
import io.leadflow.lifecycle.DecisionResults.Qualification;
import io.leadflow.system.HumanWords;

/**
 * Service task {@code Task_RecordQualification} of {@code lead-lifecycle}: writes the score, grade
 * and route that the {@code lead-qualification} decision gave onto the lead, and lays them out as
 * the variables the gateways read.
 */
@Component("recordQualification")
class RecordQualificationDelegate implements JavaDelegate {

	private final LeadEvents events;

	RecordQualificationDelegate(LeadEvents events) {
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Qualification result = QUALIFICATION.get(execution);
		QualificationRoute route;
		try {
			route = QualificationRoute.valueOf(result.route());
		}
		catch (IllegalArgumentException | NullPointerException e) {
			throw new IllegalStateException("The qualification table gave an unknown route: " + result.route());
		}
		SCORE.set(execution, result.score());
		GRADE.set(execution, result.grade());
		ROUTE.set(execution, result.route());
		NEEDS_CHECK.set(execution, result.needsCheck());

		Integer engagement = ENGAGEMENT_SCORE.get(execution);
		String weighed = engagement == null ? ""
				: " (engagement " + engagement + ", account engagement " + ACCOUNT_ENGAGEMENT.get(execution) + "/10)";
		String why = result.reason();
		events.qualified(execution.getProcessBusinessKey(), result.score(), result.grade(), route, result.needsCheck(),
				"Score " + result.score() + weighed + ", grade " + result.grade() + ", " + HumanWords.code(route).toLowerCase(java.util.Locale.ROOT)
						+ (result.needsCheck() ? " (marketing checks first)" : "") + (why == null ? "" : ": " + why),
				why);
	}

}
