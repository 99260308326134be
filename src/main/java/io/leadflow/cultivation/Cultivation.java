package io.leadflow.cultivation;

/**
 * The names that {@code processes/lead-cultivation.bpmn}, the lifecycle's call of it and the
 * engagement API share: the process id, the message and the variables.
 */
public final class Cultivation {

	public static final String PROCESS_ID = "lead-cultivation";

	/** Correlated by the lead's id (business key) to its cultivation loop, or to its lifecycle while it is dormant. */
	public static final String ENGAGEMENT_MESSAGE = "EngagementReceived";

	/** The type of the engagement that was correlated last; UNSUBSCRIBE ends cultivation. */
	public static final String ENGAGEMENT_TYPE = "engagementType";

	/** How the loop ended: SALES_READY, DISQUALIFIED, UNSUBSCRIBED or DORMANT. */
	public static final String OUTCOME = "cultivationOutcome";

	public static final String CULTIVATION_POLICY = "cultivationPolicy";

	public static final String NURTURE_PLAN = "nurturePlan";

	public static final String TOUCHES_SENT = "touchesSent";

	public static final String NEXT_TOUCH_AT = "nextTouchAt";

	/** When the loop ends as dormant unless an engagement comes first. */
	public static final String SILENCE_ENDS_AT = "silenceEndsAt";

	/** The lead's engagement points, decayed to now; an input of the qualification table. */
	public static final String ENGAGEMENT_SCORE = "engagementScore";

	/** The account's Quality of Engagement (1 to 10); an input of the qualification table. */
	public static final String ACCOUNT_ENGAGEMENT = "accountEngagement";

	private Cultivation() {
	}

}
