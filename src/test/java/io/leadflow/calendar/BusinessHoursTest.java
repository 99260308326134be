package io.leadflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.leadflow.LeadScenarios;
import io.leadflow.intake.LeadIntakeService;
import jakarta.mail.internet.MimeMessage;

/**
 * The lifecycle's clocks run in the working time of the lead's team, with the engine's clock: a
 * lead on Friday night, over Christmas, in New York, one that moves from Berlin to New York, and
 * a calendar the designers change.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@DirtiesContext(classMode = ClassMode.AFTER_CLASS) // edited tables stay deployed
class BusinessHoursTest {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@Autowired
	private LeadIntakeService intake;

	@Autowired
	private RuntimeService runtimeService;

	@Autowired
	private ManagementService managementService;

	@Autowired
	private TaskService taskService;

	@Autowired
	private RepositoryService repositoryService;

	@Autowired
	private IdentityService identityService;

	@Autowired
	private TeamCalendars calendars;

	@Autowired
	private GreenMail mailServer;

	@AfterEach
	void stopTheClock() {
		identityService.clearAuthentication();
		ClockUtil.reset();
	}

	@Test
	void aHotLeadOnFridayNightIsDueOnMondayInBerlinWorkingHours() throws Exception {
		at(berlin("2026-12-04T22:00"));
		String leadId = hotLead("DE");

		Task review = review(leadId);
		// grade A, direct: reminder after 4 working hours, deadline after 8
		assertThat(review.getFollowUpDate()).isEqualTo(Date.from(berlin("2026-12-07T13:00")));
		assertThat(review.getDueDate()).isEqualTo(Date.from(berlin("2026-12-07T17:00")));
		assertThat(timers(leadId)).containsEntry("Timer_AcceptanceReminder", berlin("2026-12-07T13:00"))
			.containsEntry("Timer_AcceptanceDeadline", berlin("2026-12-07T17:00"));
		assertThat(taskService.getVariableLocal(review.getId(), "taskDue"))
			.isEqualTo("Mon 7 Dec 2026, 17:00 (Europe/Berlin), 2 days 19 hours after the task was made");

		runMails(leadId);
		assertThat(mailTo(review.getAssignee(), leadId)).contains("on Mon 7 Dec 2026, 13:00 (Europe/Berlin)")
			.contains("at Mon 7 Dec 2026, 17:00 (Europe/Berlin)");

		at(berlin("2026-12-07T12:59"));
		assertThat(dueTimers(leadId)).as("nothing fires over the weekend").isZero();
		at(berlin("2026-12-07T13:01"));
		assertThat(dueTimers(leadId)).as("the reminder, on Monday").isEqualTo(1);
	}

	@Test
	void christmasAndTheWeekendStopTheClock() {
		at(berlin("2026-12-24T16:00"));
		String leadId = hotLead("DE");

		Task review = review(leadId);
		// one hour on Thursday 24 Dec; Friday 25 Dec is a public holiday in Germany, then the weekend
		assertThat(review.getFollowUpDate()).isEqualTo(Date.from(berlin("2026-12-28T12:00")));
		assertThat(review.getDueDate()).isEqualTo(Date.from(berlin("2026-12-28T16:00")));
	}

	@Test
	void aLeadOfTheNewYorkTeamRunsOnNewYorkTimeAndIsShownToItsRepThere() {
		at(newYork("2026-12-04T16:00"));
		String leadId = hotLead("US");

		Task review = review(leadId);
		assertThat(review.getAssignee()).isIn("nora", "nate");
		assertThat(review.getFollowUpDate()).isEqualTo(Date.from(newYork("2026-12-07T12:00")));
		assertThat(review.getDueDate()).isEqualTo(Date.from(newYork("2026-12-07T16:00")));
		assertThat(taskService.getVariableLocal(review.getId(), "taskDue")).asString()
			.startsWith("Mon 7 Dec 2026, 16:00 (America/New_York)");
	}

	@Test
	void aLeadThatMovesTeamsGetsTheNewTeamsClock() {
		// Tuesday 15:00 in Berlin is 09:00 in New York
		at(berlin("2026-12-01T15:00"));
		String leadId = hotLead("DE");
		Task inBerlin = review(leadId);
		assertThat(inBerlin.getDueDate()).as("2 hours on Tuesday, 6 on Wednesday")
			.isEqualTo(Date.from(berlin("2026-12-02T15:00")));

		signIn(inBerlin.getAssignee());
		taskService.complete(inBerlin.getId(), Map.of("decision", "REJECT", "rejectionReason", "WRONG_TERRITORY",
				"comment", "Their buying centre is in Boston", "suggestedTeam", "territory-na"));
		identityService.clearAuthentication();
		runJobs(leadId);

		Task inNewYork = review(leadId);
		assertThat(inNewYork.getAssignee()).isIn("nora", "nate");
		assertThat(inNewYork.getDueDate()).as("New York's whole Tuesday")
			.isEqualTo(Date.from(newYork("2026-12-01T17:00")));
		assertThat(timers(leadId)).containsEntry("Timer_AcceptanceDeadline", newYork("2026-12-01T17:00"));
	}

	@Test
	void aChangedCalendarTableHoldsForTheNextLeadWithoutAChangeInJava() throws Exception {
		String table = table();
		String saturdays = table.replaceFirst("<text>\"MON-FRI\"</text>", "<text>\"MON-SAT\"</text>");
		assertThat(saturdays).isNotEqualTo(table);
		repositoryService.createDeployment().name("designer's edit").addString("team-calendars.dmn", saturdays).deploy();
		try {
			at(berlin("2026-12-04T22:00"));
			String leadId = hotLead("DE");

			assertThat(review(leadId).getDueDate()).as("EMEA now works on Saturdays")
				.isEqualTo(Date.from(berlin("2026-12-05T17:00")));
		}
		finally {
			repositoryService.createDeployment().name("back").addString("team-calendars.dmn", table).deploy();
		}
	}

	@Test
	void aTableThatMakesNoCalendarIsRefusedWithTheReason() throws Exception {
		String table = table();
		String typo = table.replaceFirst("<text>\"Europe/Berlin\"</text>", "<text>\"Europe/Berln\"</text>");
		repositoryService.createDeployment().name("a typo").addString("team-calendars.dmn", typo).deploy();
		try {
			assertThatThrownBy(() -> new TeamCalendarCheck(calendars, identityService).run(null))
				.hasMessageContaining("team-calendars, team territory-emea: time zone Europe/Berln is unknown");
		}
		finally {
			repositoryService.createDeployment().name("back").addString("team-calendars.dmn", table).deploy();
		}
		new TeamCalendarCheck(calendars, identityService).run(null);
	}

	private String table() throws Exception {
		try (InputStream model = getClass().getResourceAsStream("/processes/team-calendars.dmn")) {
			return new String(model.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private String hotLead(String country) {
		return new LeadScenarios(intake, runtimeService, managementService, taskService)
			.hotLeadWaitingForItsFirstTask(country, "Platform");
	}

	private Task review(String leadId) {
		Task task = taskService.createTaskQuery().processInstanceBusinessKey(leadId).singleResult();
		assertThat(task.getTaskDefinitionKey()).isEqualTo("ReviewLead");
		return task;
	}

	/** When each of the lead's timers fires, by the timer's element id. */
	private Map<String, Instant> timers(String leadId) {
		Map<String, Instant> due = new HashMap<>();
		for (Job timer : managementService.createJobQuery().processInstanceId(instance(leadId)).timers().list()) {
			String activity = managementService.createJobDefinitionQuery()
				.jobDefinitionId(timer.getJobDefinitionId())
				.singleResult()
				.getActivityId();
			due.put(activity, timer.getDuedate().toInstant());
		}
		return due;
	}

	private long dueTimers(String leadId) {
		return managementService.createJobQuery().processInstanceId(instance(leadId)).timers().executable().count();
	}

	private String instance(String leadId) {
		return runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey(leadId)
			.processDefinitionKey("lead-lifecycle")
			.singleResult()
			.getId();
	}

	/** Runs the lead's asynchronous steps and mails, in every process of the lead; its timers wait for their time. */
	private void runJobs(String leadId) {
		for (int i = 0; i < 50; i++) {
			List<Job> due = runtimeService.createProcessInstanceQuery()
				.processInstanceBusinessKey(leadId)
				.list()
				.stream()
				.flatMap(instance -> managementService.createJobQuery()
					.processInstanceId(instance.getId())
					.messages()
					.executable()
					.list()
					.stream())
				.toList();
			if (due.isEmpty()) {
				return;
			}
			managementService.executeJob(due.get(0).getId());
		}
		throw new AssertionError("The lead's jobs do not settle");
	}

	private void runMails(String leadId) {
		runJobs(leadId);
	}

	private String mailTo(String userId, String leadId) throws Exception {
		String email = identityService.createUserQuery().userId(userId).singleResult().getEmail();
		for (MimeMessage message : mailServer.getReceivedMessages()) {
			if (message.getAllRecipients()[0].toString().equalsIgnoreCase(email)
					&& message.getSubject().startsWith("New lead for you")
					&& GreenMailUtil.getBody(message).contains("#/?task=" + review(leadId).getId())) {
				try (var decoded = jakarta.mail.internet.MimeUtility.decode(
						new java.io.ByteArrayInputStream(GreenMailUtil.getBody(message).getBytes(StandardCharsets.UTF_8)),
						"quoted-printable")) {
					return new String(decoded.readAllBytes(), StandardCharsets.UTF_8);
				}
			}
		}
		throw new AssertionError("No new-lead mail to " + userId + " for lead " + leadId);
	}

	private void signIn(String user) {
		List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
		identityService.setAuthentication(user, groups);
	}

	private static void at(Instant moment) {
		ClockUtil.setCurrentTime(Date.from(moment));
	}

	private static Instant berlin(String local) {
		return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
	}

	private static Instant newYork(String local) {
		return LocalDateTime.parse(local).atZone(NEW_YORK).toInstant();
	}

}
