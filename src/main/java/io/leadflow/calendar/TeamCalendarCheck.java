package io.leadflow.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import io.leadflow.system.EngineClock;

/**
 * At start-up, after the models are deployed and the groups made: every team has a calendar that
 * works. A typo in the table would otherwise surface as a failing timer at the first lead.
 */
@Component
class TeamCalendarCheck implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(TeamCalendarCheck.class);

	private final TeamCalendars calendars;

	private final IdentityService identityService;

	TeamCalendarCheck(TeamCalendars calendars, IdentityService identityService) {
		this.calendars = calendars;
		this.identityService = identityService;
	}

	@Override
	public void run(ApplicationArguments args) {
		List<String> problems = new ArrayList<>();
		LocalDate nextYear = LocalDate.ofInstant(EngineClock.now(), java.time.ZoneOffset.UTC).plusYears(1);
		for (Group team : identityService.createGroupQuery().groupType("TEAM").list()) {
			try {
				calendars.of(team.getId()).ifPresentOrElse(calendar -> {
					LocalDate last = calendars.holidays().lastListed(calendar.country());
					if (last != null && last.isBefore(nextYear.withDayOfYear(1))) {
						log.warn("{} lists {}'s public holidays only up to {}: add the coming year's for team {}",
								PublicHolidays.FILE, calendar.country(), last, team.getId());
					}
				}, () -> problems.add(TeamCalendars.DECISION + " has no row for team " + team.getId()));
			}
			catch (RuntimeException e) {
				problems.add(e.getMessage());
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("The team calendars do not work:\n  " + String.join("\n  ", problems));
		}
	}

}
