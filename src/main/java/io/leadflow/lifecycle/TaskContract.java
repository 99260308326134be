package io.leadflow.lifecycle;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each user task of {@code lead-lifecycle} takes on completion: its choices, each an enum of
 * the values the forms offer and the models' conditions test (TaskContractTest holds all three
 * together), and its free answers. A completion that names any other variable ({@code leadId},
 * {@code team}, {@code rep}, ...) is refused before it changes anything ({@link CallerGuard}), so
 * an answer can never steer another lead or re-route this one.
 */
public enum TaskContract {

	QUALIFY_LEAD(TASK_QUALIFY_LEAD, Map.of(ACTION, QualifyAction.class), COMMENT),
	ASSIGN_LEAD(TASK_ASSIGN_LEAD, Map.of(), ASSIGNEE, ASSIGN_UNAVAILABLE, COMMENT),
	REVIEW_LEAD(TASK_REVIEW_LEAD, Map.of(DECISION, Decision.class, REJECTION_REASON, RejectionReason.class), COMMENT,
			SUGGESTED_TEAM),
	EVALUATE_REJECTED_LEAD(TASK_EVALUATE_REJECTED_LEAD, Map.of(ACTION, EvaluationAction.class), COMMENT),
	HANDLE_REJECTED_LEAD(TASK_HANDLE_REJECTED_LEAD, Map.of(ACTION, RejectedLeadAction.class), ASSIGNEE,
			ASSIGN_UNAVAILABLE, COMMENT),
	HANDLE_UNACCEPTED_LEAD(TASK_HANDLE_UNACCEPTED_LEAD, Map.of(ACTION, UnacceptedLeadAction.class), ASSIGNEE,
			ASSIGN_UNAVAILABLE, COMMENT),
	REVIEW_STALE_LEAD(TASK_REVIEW_STALE_LEAD, Map.of(ACTION, StaleLeadAction.class), COMMENT),
	REPORT_DISPOSITION(TASK_REPORT_DISPOSITION, Map.of(OUTCOME, Outcome.class, LOST_REASON, LostReason.class),
			DEAL_VALUE, REASON);

	private final String taskKey;

	private final Map<String, Class<? extends Enum<?>>> choices;

	private final Set<String> variables;

	TaskContract(String taskKey, Map<String, Class<? extends Enum<?>>> choices, String... freeAnswers) {
		this.taskKey = taskKey;
		this.choices = choices;
		Set<String> all = new TreeSet<>(choices.keySet());
		all.addAll(Arrays.asList(freeAnswers));
		this.variables = Set.copyOf(all);
	}

	public static Optional<TaskContract> of(String taskKey) {
		return Arrays.stream(values()).filter(contract -> contract.taskKey.equals(taskKey)).findFirst();
	}

	public String taskKey() {
		return taskKey;
	}

	/** Every variable a completion of this task may set. */
	public Set<String> variables() {
		return variables;
	}

	/** What any task's completion may set: cleared when a task is made, so no old answer passes for a new one. */
	public static Set<String> allAnswers() {
		Set<String> all = new TreeSet<>();
		for (TaskContract contract : values()) {
			all.addAll(contract.variables);
		}
		return all;
	}

	/** The variables that take one of an enum's values, and that enum. */
	public Map<String, Class<? extends Enum<?>>> choices() {
		return choices;
	}

	public enum QualifyAction {
		SALES_READY, CULTIVATE, DISQUALIFY
	}

	public enum Decision {
		ACCEPT, REJECT
	}

	public enum RejectionReason {
		NOT_READY, ALREADY_WORKING, WRONG_TERRITORY, BAD_CONTACT, NOT_A_LEAD, OTHER
	}

	public enum EvaluationAction {
		REASSIGN, OFFER_TO_TEAM, CULTIVATE, DISQUALIFY
	}

	public enum RejectedLeadAction {
		ASSIGN, CULTIVATE, DISQUALIFY
	}

	public enum UnacceptedLeadAction {
		REASSIGN, ASSIGN, CULTIVATE
	}

	public enum StaleLeadAction {
		REMIND, REASSIGN, CULTIVATE
	}

	public enum Outcome {
		WON, LOST, NOT_A_LEAD
	}

	/** Why a lead was lost: TIMING sends it back to cultivation, the others end it. */
	public enum LostReason {
		TIMING, COMPETITOR, PRICE, NO_DECISION, OTHER
	}

}
