package io.leadflow.calendar;

import java.time.DateTimeException;
import java.time.ZoneId;

import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.leadflow.identity.UserInfo;
import io.leadflow.system.SystemAccess;

/**
 * The time zone a person reads a deadline in: their own ({@value #USER_INFO}, a user info entry
 * Admin or the demo set-up sets), else their team's calendar zone, else UTC.
 */
@Component
public class TimeZones {

	public static final String USER_INFO = UserInfo.TIME_ZONE;

	/** Named, so a reader sees "(UTC)", not the offset's "(Z)". */
	private static final ZoneId UTC = ZoneId.of("UTC");

	private static final Logger log = LoggerFactory.getLogger(TimeZones.class);

	private final IdentityService identityService;

	private final TeamCalendars calendars;

	private final SystemAccess system;

	TimeZones(IdentityService identityService, TeamCalendars calendars, SystemAccess system) {
		this.identityService = identityService;
		this.calendars = calendars;
		this.system = system;
	}

	/** @param team the lead's team, whose calendar zone holds for a user without one of their own; may be null */
	public ZoneId of(String userId, String team) {
		if (userId != null) {
			String own = system.call(() -> identityService.getUserInfo(userId, USER_INFO));
			if (own != null && !own.isBlank()) {
				try {
					return ZoneId.of(own.trim());
				}
				catch (DateTimeException e) {
					log.warn("User {} has time zone {}, which is unknown; showing their team's", userId, own);
				}
			}
		}
		return ofTeam(team);
	}

	public ZoneId ofTeam(String team) {
		try {
			return calendars.of(team).map(WorkingCalendar::zone).orElse(UTC);
		}
		catch (IllegalStateException brokenRow) {
			// the clocks themselves fail with the reason; a screen shows UTC rather than nothing
			return UTC;
		}
	}

}
