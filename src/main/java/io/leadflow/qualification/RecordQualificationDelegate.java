package io.leadflow.qualification;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import static io.leadflow.cultivation.Cultivation.ACCOUNT_ENGAGEMENT;
import static io.leadflow.cultivation.Cultivation.ENGAGEMENT_SCORE;

import io.leadflow.lead.HistoryType;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadStatus;
import io.leadflow.lifecycle.DecisionResults.Qualification;

/**
 * Service task {@code Task_RecordQualification} of {@code lead-lifecycle}: writes the score, grade
 * and route that the {@code lead-qualification} decision gave onto the lead, and lays them out as
 * the variables the gateways read.
 */
@Component("recordQualification")
class RecordQualificationDelegate implements JavaDelegate {

	private final LeadRepository leads;

	private final LeadHistory history;

	RecordQualificationDelegate(LeadRepository leads, LeadHistory history) {
		this.leads = leads;
		this.history = history;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String leadId = (String) execution.getVariable(LEAD_ID);
		Qualification result = Qualification.of(execution.getVariable(QUALIFICATION));
		int score = result.score();
		String grade = result.grade();
		String route = result.route();
		boolean needsCheck = result.needsCheck();
		String why = result.reason();

		execution.setVariable(SCORE, score);
		execution.setVariable(GRADE, grade);
		execution.setVariable(ROUTE, route);
		execution.setVariable(NEEDS_CHECK, needsCheck);

		leads.updateQualification(leadId, score, grade);
		Object engagement = execution.getVariable(ENGAGEMENT_SCORE);
		Object account = execution.getVariable(ACCOUNT_ENGAGEMENT);
		String weighed = engagement == null ? "" : " (engagement " + engagement + ", account engagement " + account + "/10)";
		history.record(leadId, HistoryType.QUALIFIED, "Score " + score + weighed + ", grade " + grade + ", " + route
				+ (needsCheck ? " (marketing checks first)" : "") + (why == null ? "" : ": " + why));
		switch (route) {
			case "SALES_READY" -> {
				if (needsCheck) {
					leads.updateStatus(leadId, LeadStatus.QUALIFYING);
				}
			}
			case "CULTIVATE" -> leads.updateStatus(leadId, LeadStatus.CULTIVATING);
			case "DISQUALIFY" -> {
				leads.updateStatus(leadId, LeadStatus.DISQUALIFIED);
				history.record(leadId, HistoryType.DISQUALIFIED, "Disqualified by the qualification rules"
						+ (why == null ? "" : ": " + why));
			}
			default -> throw new IllegalStateException("The qualification table gave an unknown route: " + route);
		}
	}

}
