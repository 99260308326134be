package io.leadflow.system;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The time as the process engine sees it. Timers fire by the engine's clock, so what is compared
 * with them (when a lead falls silent, how far its points have decayed) reads the same clock.
 */
public final class EngineClock {

	private EngineClock() {
	}

	public static Instant now() {
		return ClockUtil.getCurrentTime().toInstant();
	}

	public static OffsetDateTime nowUtc() {
		return OffsetDateTime.ofInstant(now(), ZoneOffset.UTC);
	}

}
