package io.leadflow.cultivation;

import static io.leadflow.system.ProcessVariable.*;

import java.util.Date;
import java.util.Map;

import io.leadflow.system.ProcessVariable;

/**
 * The names that {@code processes/lead-cultivation.bpmn}, the lifecycle's call of it and the
 * engagement API share: the process id, the message and the variables, each with its type.
 */
public final class Cultivation {

	public static final String PROCESS_ID = "lead-cultivation";

	/** Correlated by the lead's id (business key) to its cultivation loop, or to its lifecycle while it is dormant. */
	public static final String ENGAGEMENT_MESSAGE = "EngagementReceived";

	/** The type of the engagement that was correlated last; UNSUBSCRIBE ends cultivation. */
	public static final ProcessVariable<String> ENGAGEMENT_TYPE = text("engagementType");

	/** How the loop ended: SALES_READY, DISQUALIFIED, UNSUBSCRIBED or DORMANT. */
	public static final ProcessVariable<String> OUTCOME = text("cultivationOutcome");

	public static final ProcessVariable<EngagementScore.Policy> CULTIVATION_POLICY = decision("cultivationPolicy",
			EngagementScore.Policy::of);

	/** The nurture plan's next touch: content, link and when (the table's outputs as they are, for the mail). */
	public static final ProcessVariable<Map<String, Object>> NURTURE_PLAN = map("nurturePlan");

	public static final ProcessVariable<Integer> TOUCHES_SENT = whole("touchesSent");

	public static final ProcessVariable<Date> NEXT_TOUCH_AT = time("nextTouchAt");

	/** When the loop ends as dormant unless an engagement comes first. */
	public static final ProcessVariable<Date> SILENCE_ENDS_AT = time("silenceEndsAt");

	/** The lead's engagement points, decayed to now; an input of the qualification table. */
	public static final ProcessVariable<Integer> ENGAGEMENT_SCORE = whole("engagementScore");

	/** The account's Quality of Engagement (1 to 10); an input of the qualification table. */
	public static final ProcessVariable<Integer> ACCOUNT_ENGAGEMENT = whole("accountEngagement");

	private Cultivation() {
	}

}
