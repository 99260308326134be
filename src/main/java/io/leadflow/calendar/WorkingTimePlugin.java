package io.leadflow.calendar;

import java.util.Optional;

import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendarManager;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.leadflow.lifecycle.LeadLifecycle;

/**
 * Installs the working-time calendars in the engine, so the models' timers and due dates stay
 * ordinary ({@code ${acceptancePolicy.deadlineAfter}}) and mean working time: in
 * {@code lead-lifecycle}, a duration is counted in the calendar of the lead's current team
 * ({@link TeamCalendars}). Cycles ({@code R/P14D}, cron) and other processes keep the wall clock.
 */
@Component
class WorkingTimePlugin extends AbstractProcessEnginePlugin {

	private static final Logger log = LoggerFactory.getLogger(WorkingTimePlugin.class);

	/** The calendars read decision tables through the engine this plugin configures: looked up when first used. */
	private final ObjectProvider<TeamCalendars> calendars;

	WorkingTimePlugin(ObjectProvider<TeamCalendars> calendars) {
		this.calendars = calendars;
	}

	@Override
	public void postInit(ProcessEngineConfigurationImpl configuration) {
		BusinessCalendarManager manager = configuration.getBusinessCalendarManager();
		if (!(manager instanceof MapBusinessCalendarManager map)) {
			throw new IllegalStateException("Expected the engine's MapBusinessCalendarManager, found " + manager
					+ ": the working-time calendars cannot be installed");
		}
		for (String name : new String[] { DurationBusinessCalendar.NAME, DueDateBusinessCalendar.NAME }) {
			BusinessCalendar engines = map.getBusinessCalendar(name);
			map.addBusinessCalendar(name, new WorkingTimeBusinessCalendar(engines, this::calendarOf));
		}
	}

	private Optional<WorkingCalendar> calendarOf(ExecutionEntity execution) {
		if (execution.getProcessDefinition() == null
				|| !LeadLifecycle.PROCESS_ID.equals(execution.getProcessDefinition().getKey())) {
			return Optional.empty();
		}
		String team = LeadLifecycle.TEAM.get(execution);
		Optional<WorkingCalendar> calendar = calendars.getObject().of(team);
		if (team != null && calendar.isEmpty()) {
			log.warn("Team {} has no row in {}: lead {} is timed by the wall clock", team, TeamCalendars.DECISION,
					execution.getProcessBusinessKey());
		}
		return calendar;
	}

}
