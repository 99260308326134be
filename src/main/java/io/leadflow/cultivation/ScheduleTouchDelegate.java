package io.leadflow.cultivation;

import static io.leadflow.cultivation.Cultivation.*;

import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.leadflow.system.EngineClock;

/**
 * Service task {@code Task_ScheduleTouch} of {@code lead-cultivation}: the nurture plan says how
 * long until the next touch; this fixes the moment, so that an engagement in between does not
 * put the touch off.
 */
@Component("scheduleTouch")
class ScheduleTouchDelegate implements JavaDelegate {

	@Override
	public void execute(DelegateExecution execution) {
		Map<String, Object> plan = NURTURE_PLAN.get(execution);
		if (plan == null) {
			throw new IllegalStateException("The nurture-plan table has no rule for this lead");
		}
		NEXT_TOUCH_AT.set(execution,
				Date.from(IsoDurations.after(EngineClock.now(), (String) plan.get("nextTouchIn"), "nextTouchIn")));
	}

}
