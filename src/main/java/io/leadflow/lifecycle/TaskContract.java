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
 * together), the reasons whose values are marketing's tables, and its free answers. A completion that names any other variable ({@code leadId},
 * {@code team}, {@code rep}, ...) is refused before it changes anything ({@link CallerGuard}), so
 * an answer can never steer another lead or re-route this one.
 */
public enum TaskContract {

	QUALIFY_LEAD(TASK_QUALIFY_LEAD, Map.of(ACTION, QualifyAction.class), COMMENT),
	ASSIGN_LEAD(TASK_ASSIGN_LEAD, Map.of(), ASSIGNEE, ASSIGN_UNAVAILABLE, COMMENT),
	REVIEW_LEAD(TASK_REVIEW_LEAD, Map.of(DECISION, Decision.class), REJECTION_REASON, COMMENT, SUGGESTED_TEAM),
	EVALUATE_REJECTED_LEAD(TASK_EVALUATE_REJECTED_LEAD, Map.of(ACTION, EvaluationAction.class), COMMENT),
	HANDLE_REJECTED_LEAD(TASK_HANDLE_REJECTED_LEAD, Map.of(ACTION, RejectedLeadAction.class), ASSIGNEE,
			ASSIGN_UNAVAILABLE, COMMENT),
	HANDLE_UNACCEPTED_LEAD(TASK_HANDLE_UNACCEPTED_LEAD, Map.of(ACTION, UnacceptedLeadAction.class), ASSIGNEE,
			ASSIGN_UNAVAILABLE, COMMENT),
	REVIEW_STALE_LEAD(TASK_REVIEW_STALE_LEAD, Map.of(ACTION, StaleLeadAction.class), COMMENT),
	REPORT_DISPOSITION(TASK_REPORT_DISPOSITION, Map.of(OUTCOME, Outcome.class), LOST_REASON, DEAL_VALUE, REASON);

	/**
	 * The answers whose values are marketing's: the rows of these tables (processes/reasons.dmn),
	 * which the forms offer through a variable and the tasks check on completion.
	 */
	private static final Map<String, String> TABLE_CHOICES = Map.of(REJECTION_REASON, "rejection-reasons", LOST_REASON,
			"lost-reasons");

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

	/** The table whose codes an answer takes, for the answers whose values marketing decides. */
	public static Optional<String> tableOf(String variable) {
		return Optional.ofNullable(TABLE_CHOICES.get(variable));
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

}
