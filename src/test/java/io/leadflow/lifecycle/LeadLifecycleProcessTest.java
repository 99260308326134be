package io.leadflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestExecutionListeners;

import io.leadflow.cultivation.CultivationRecord;
import io.leadflow.cultivation.EngagementRequest;
import io.leadflow.cultivation.EngagementService;
import io.leadflow.cultivation.EngagementType;
import io.leadflow.intake.LeadIntakeRequest;
import io.leadflow.intake.LeadIntakeRequest.CompanyData;
import io.leadflow.intake.LeadIntakeRequest.ContactData;
import io.leadflow.intake.LeadIntakeService;
import io.leadflow.intake.RoleLevel;
import io.leadflow.lead.LeadHistory;
import io.leadflow.lead.LeadRepository;
import io.leadflow.lead.LeadStatus;
import io.leadflow.lead.RoutingCorrections;

/**
 * Every path of {@code processes/lead-lifecycle.bpmn}, with the real decision tables, delegates
 * and task listener on an in-memory database. The job executor is off: each test runs the
 * asynchronous steps itself. The coverage listener fails the class unless every flow node and
 * sequence flow of the lifecycle was passed.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@Import({ ProcessEngineCoverageConfiguration.class, LeadLifecycleProcessTest.FullCoverage.class })
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
		mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class LeadLifecycleProcessTest {

	private static final List<String> EMEA_REPS = List.of("elias", "emma");

	@TestConfiguration
	static class FullCoverage {

		@Bean
		ProcessEngineCoverageProperties coverageProperties() {
			return ProcessEngineCoverageProperties.builder().assertClassCoverageAtLeast(1.0).build();
		}

	}

	@Autowired
	private ProcessEngine processEngine;

	@Autowired
	private LeadIntakeService intake;

	@Autowired
	private LeadRepository leads;

	@Autowired
	private LeadHistory history;

	@Autowired
	private EngagementService engagementService;

	@Autowired
	private CultivationRecord cultivationRecord;

	@Autowired
	private TaskService taskService;

	@Autowired
	private ManagementService managementService;

	@Autowired
	private HistoryService historyService;

	@Autowired
	private IdentityService identityService;

	@Autowired
	private RoutingCorrections corrections;

	@Autowired
	private org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@BeforeEach
	void initAssertions() {
		init(processEngine);
		// the clocks count the team's working hours (docs/calendars.md): a test that waits "8 hours"
		// starts at a Tuesday's opening in Berlin, not whenever the build happens to run
		ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-01T08:00:00Z")));
	}

	@Autowired
	private GreenMail mailServer;

	@AfterEach
	void signOutAndStopTheClock() {
		identityService.clearAuthentication();
		ClockUtil.reset();
	}

	@Test
	void aStrongLeadGoesStraightToARepWhoWinsIt() {
		String leadId = receive(strongLead());

		assertThat(instance(leadId)).isWaitingAt("Task_WeighEngagement");
		runJobs(leadId);

		Task review = task(leadId);
		assertThat(review.getTaskDefinitionKey()).isEqualTo("ReviewLead");
		assertThat(review.getAssignee()).isIn(EMEA_REPS);
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.ROUTED);
		assertThat(leads.findById(leadId).orElseThrow().ownerId()).isEqualTo(review.getAssignee());
		assertThat(taskService.getVariableLocal(review.getId(), "lead")).asString().contains("Acme");

		complete(review, review.getAssignee(), Map.of("decision", "ACCEPT"));
		Task disposition = task(leadId);
		assertThat(disposition.getTaskDefinitionKey()).isEqualTo("ReportDisposition");
		assertThat(disposition.getAssignee()).isEqualTo(review.getAssignee());

		complete(disposition, review.getAssignee(), Map.of("outcome", "WON", "dealValue", 48000));

		assertEndedAt(leadId, "End_LeadWon");
		var lead = leads.findById(leadId).orElseThrow();
		assertThat(lead.status()).isEqualTo(LeadStatus.WON);
		assertThat(lead.dealValue()).isEqualByComparingTo(new BigDecimal("48000"));
		assertThat(historyTypes(leadId)).containsExactly("RECEIVED", "QUALIFIED", "ROUTED", "ACCEPTED", "WON");
		assertThat(history.of(leadId).stream().filter(e -> e.type().equals("ACCEPTED")).findFirst().orElseThrow().actor())
			.isEqualTo(review.getAssignee());
		assertThat(lead.accountOwnerId()).as("the first rep to accept owns the account").isEqualTo(review.getAssignee());
	}

	@Test
	void everyTaskNamesItsLeadAndIsDueWhenItsPolicySays() {
		ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-01T09:00:00Z")));
		String leadId = receive(strongLead());
		runJobs(leadId);

		Task review = task(leadId);
		String company = leads.findById(leadId).orElseThrow().account().name();
		assertThat(review.getName()).isEqualTo("Accept or reject lead: Greta Gruber · " + company + " · A");
		// 10:00 in Berlin: 7 of the 8 working hours on Tuesday, the last on Wednesday
		assertThat(review.getDueDate()).as("the acceptance deadline of grade A (acceptance-policy: PT8H)")
			.isEqualTo(Instant.parse("2026-12-02T09:00:00Z"));
		assertThat(review.getFollowUpDate()).as("the reminder (PT4H)").isEqualTo(Instant.parse("2026-12-01T13:00:00Z"));
		assertThat(taskService.getVariablesLocal(review.getId())).containsEntry("leadCompany", company)
			.containsEntry("leadGrade", "A")
			.containsEntry("leadTeam", "Territory EMEA")
			.containsEntry("taskDue", "Wed 2 Dec 2026, 10:00 (Europe/Berlin), 1 day after the task was made");
		@SuppressWarnings("unchecked")
		Map<String, Object> form = (Map<String, Object>) taskService.getVariableLocal(review.getId(), "lead");
		assertThat(form).containsEntry("status", "Routed")
			.containsEntry("roleLevel", "Executive")
			.containsEntry("team", "Territory EMEA")
			.containsEntry("timeline", "2 months");
		assertThat(form.get("contactLine")).asString()
			.startsWith("Chief Operating Officer, Executive · greta@")
			.endsWith(" · \\+49 30 1234");

		complete(review, review.getAssignee(), Map.of("decision", "ACCEPT"));
		assertThat(task(leadId).getDueDate()).as("stale after P90D (disposition-policy): 90 of EMEA's working days")
			.isEqualTo(Instant.parse("2027-04-12T08:00:00Z"));
	}

	@Test
	void marketingsAndManagersTasksAreDueAsTheTaskDueDatesTableSays() {
		ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-01T09:00:00Z")));
		String leadId = receive(leadWithoutBudget());
		runJobs(leadId);

		Task check = task(leadId);
		assertThat(check.getTaskDefinitionKey()).isEqualTo("QualifyLead");
		assertThat(check.getName()).startsWith("Qualify lead: Greta Gruber · ");
		assertThat(check.getDueDate()).as("task-due-dates: QualifyLead PT4H, by the wall clock: no team has the lead yet")
			.isEqualTo(Instant.parse("2026-12-01T13:00:00Z"));
		assertThat(taskService.getVariableLocal(check.getId(), "taskDue")).asString().startsWith("Tue 1 Dec 2026, 13:00 (UTC)");
	}

	@Test
	void aNewLeadOfAnAccountIsOfferedToItsOwnerFirst() {
		LeadIntakeRequest first = strongLead();
		String firstId = receive(first);
		runJobs(firstId);
		Task review = task(firstId);
		complete(review, review.getAssignee(), Map.of("decision", "ACCEPT"));

		LeadIntakeRequest colleague = new LeadIntakeRequest(null, "trade show", null,
				new ContactData("Otto", "Olsen", "otto@" + first.company().domain(), null, "Plant Manager",
						RoleLevel.MANAGER),
				first.company(), "Platform", true, true, true, 2, null);
		String secondId = receive(colleague);
		runJobs(secondId);

		assertThat(task(secondId).getAssignee()).isEqualTo(review.getAssignee());
		assertThat(lastDetail(secondId, "ROUTED")).contains("owner of the account");
	}

	@Test
	void marketingChecksALeadWithoutBudgetThenTheRepLosesIt() {
		String leadId = receive(leadWithoutBudget());
		runJobs(leadId);

		Task check = task(leadId);
		assertThat(check.getTaskDefinitionKey()).isEqualTo("QualifyLead");
		assertThat(taskService.getIdentityLinksForTask(check.getId())).anyMatch(l -> "marketing".equals(l.getGroupId()));
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.QUALIFYING);

		complete(check, "mara", Map.of("action", "SALES_READY", "comment", "Budget confirmed by phone"));
		runJobs(leadId);
		Task review = task(leadId);
		complete(review, review.getAssignee(), Map.of("decision", "ACCEPT"));
		complete(task(leadId), review.getAssignee(), Map.of("outcome", "LOST", "reason", "Chose a competitor"));

		assertEndedAt(leadId, "End_LeadLost");
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.LOST);
		assertThat(historyTypes(leadId)).containsExactly("RECEIVED", "QUALIFIED", "QUALIFICATION_CHECKED", "ROUTED",
				"ACCEPTED", "LOST");
	}

	@Test
	void marketingSendsACheckedLeadToCultivationAndLaterToSalesWhereItIsNotALead() {
		String leadId = receive(leadWithoutBudget());
		runJobs(leadId);

		complete(task(leadId), "mara", Map.of("action", "CULTIVATE", "comment", "Timeline is next year"));
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.CULTIVATING);
		assertThat(cultivation(leadId)).isWaitingAt("Gateway_WaitForLead");

		engage(leadId, EngagementType.DEMO_DAY);
		Task check = task(leadId);
		assertThat(check.getTaskDefinitionKey()).as("still no budget: marketing checks again").isEqualTo("QualifyLead");
		assertThat(cultivationEndedAt(leadId, "End_SalesReady")).isTrue();
		complete(check, "mara", Map.of("action", "SALES_READY", "comment", "Budget confirmed after the demo day"));
		runJobs(leadId);
		Task review = task(leadId);
		assertThat(review.getTaskDefinitionKey()).isEqualTo("ReviewLead");
		complete(review, review.getAssignee(), Map.of("decision", "ACCEPT"));
		complete(task(leadId), review.getAssignee(), Map.of("outcome", "NOT_A_LEAD", "reason", "A student project"));

		assertEndedAt(leadId, "End_NotALead");
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.NOT_A_LEAD);
	}

	@Test
	void marketingDisqualifiesAtTheCheck() {
		String leadId = receive(leadWithoutBudget());
		runJobs(leadId);

		complete(task(leadId), "mara", Map.of("action", "DISQUALIFY", "comment", "Fake company"));

		assertEndedAt(leadId, "End_DisqualifiedAtCheck");
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.DISQUALIFIED);
	}

	@Test
	void theRulesDisqualifyAStudentWithoutBotheringAnyone() {
		LeadIntakeRequest student = lead("Intern", RoleLevel.PRACTITIONER, 5000, true, "DE");
		String leadId = receive(student);
		runJobs(leadId);

		assertEndedAt(leadId, "End_DisqualifiedByRules");
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.DISQUALIFIED);
		assertThat(taskService.createTaskQuery().processInstanceBusinessKey(leadId).count()).isZero();
	}

	@Test
	void anEarlyLeadIsTouchedOnTheNurturePlanUntilItUnsubscribes() throws Exception {
		LeadIntakeRequest early = lead(null, RoleLevel.OTHER, null, null, "DE");
		String leadId = receive(early);
		runJobs(leadId);
		assertThat(cultivation(leadId)).isWaitingAt("Gateway_WaitForLead");
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.CULTIVATING);

		later(Duration.ofDays(7).plusMinutes(1));
		runJobs(leadId);
		later(Duration.ofDays(14).plusMinutes(1));
		runJobs(leadId);
		assertThat(subjectsTo(early.contact().email())).containsExactly("Guide: from first contact to closed deal",
				"Webinar invitation: the lead lifecycle live");

		engage(leadId, EngagementType.SITE_VISIT);
		assertThat(cultivation(leadId)).as("one site visit does not make it ready").isWaitingAt("Gateway_WaitForLead");
		assertThat(lastDetail(leadId, "QUALIFIED")).contains("engagement 2,").contains(", cultivate").doesNotContain("CULTIVATE");

		engage(leadId, EngagementType.UNSUBSCRIBE);
		later(Duration.ofDays(30));
		runJobs(leadId);

		assertThat(cultivationEndedAt(leadId, "End_Unsubscribed")).isTrue();
		assertEndedAt(leadId, "End_DisqualifiedInCultivation");
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.DISQUALIFIED);
		assertThat(subjectsTo(early.contact().email())).as("no touch after unsubscribing").hasSize(2);
		assertThat(historyTypes(leadId)).containsSubsequence("CULTIVATION_STARTED", "ENGAGEMENT", "DISQUALIFIED");
		assertThat(cultivationRecord.of(leadId, OffsetDateTime.now(ZoneOffset.UTC)).orElseThrow().touchesSent()).isEqualTo(2);
	}

	@Test
	void aSilentLeadGoesDormantAndTheNextEngagementWakesItForASecondLoop() {
		String leadId = receive(lead(null, RoleLevel.OTHER, null, null, "DE"));
		runJobs(leadId);

		later(Duration.ofDays(271));
		runJobs(leadId);
		assertThat(cultivationEndedAt(leadId, "End_Dormant")).isTrue();
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.DORMANT);
		assertThat(instance(leadId)).isWaitingAt("Event_WokenByEngagement");

		var woken = engage(leadId, EngagementType.WEBINAR);
		assertThat(woken.correlated()).isTrue();
		runJobs(leadId);

		assertThat(cultivation(leadId)).isWaitingAt("Gateway_WaitForLead");
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.CULTIVATING);
		assertThat(historyTypes(leadId)).containsSubsequence("CULTIVATION_STARTED", "DORMANT", "ENGAGEMENT", "WOKEN_UP",
				"QUALIFIED", "CULTIVATION_STARTED");
		var loops = cultivationRecord.of(leadId, OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC))
			.orElseThrow();
		assertThat(loops.loops()).isEqualTo(2);
		assertThat(loops.timeInCultivation()).isGreaterThanOrEqualTo(Duration.ofDays(270));
	}

	@Test
	void anUnsubscribeEndsADormantLead() {
		String leadId = receive(lead(null, RoleLevel.OTHER, null, null, "DE"));
		runJobs(leadId);
		later(Duration.ofDays(271));
		runJobs(leadId);

		engage(leadId, EngagementType.UNSUBSCRIBE);

		assertEndedAt(leadId, "End_UnsubscribedWhileDormant");
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.DISQUALIFIED);
	}

	@Test
	void aLeadLostForTimingIsCultivatedAndGoesBackToItsRepWhenReady() {
		String leadId = receive(strongLead());
		runJobs(leadId);
		Task review = task(leadId);
		String rep = review.getAssignee();
		complete(review, rep, Map.of("decision", "ACCEPT"));
		complete(task(leadId), rep,
				Map.of("outcome", "LOST", "lostReason", "TIMING", "reason", "Budget frozen until next year"));

		assertThat(cultivation(leadId)).isWaitingAt("Gateway_WaitForLead");
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.CULTIVATING);
		assertThat(lastDetail(leadId, "LOST")).contains("Lost for timing");

		engage(leadId, EngagementType.MEETING);
		runJobs(leadId);

		Task again = task(leadId);
		assertThat(again.getTaskDefinitionKey()).isEqualTo("ReviewLead");
		assertThat(again.getAssignee()).isEqualTo(rep);
	}

	@Test
	void marketingSendsLeadsLostOnPriceBackToCultivationInTheReasonsTable() throws Exception {
		String shipped = java.nio.file.Files.readString(java.nio.file.Path.of("processes/reasons.dmn"));
		String edited = shipped.replace("<outputEntry id=\"Rule_Price_Out3\"><text>false</text>",
				"<outputEntry id=\"Rule_Price_Out3\"><text>true</text>");
		assertThat(edited).isNotEqualTo(shipped);
		deployReasons(edited);
		try {
			String leadId = receive(strongLead());
			runJobs(leadId);
			Task review = task(leadId);
			complete(review, review.getAssignee(), Map.of("decision", "ACCEPT"));
			complete(task(leadId), review.getAssignee(),
					Map.of("outcome", "LOST", "lostReason", "PRICE", "reason", "Too expensive this year"));

			assertThat(cultivation(leadId)).isWaitingAt("Gateway_WaitForLead");
			assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.CULTIVATING);
		}
		finally {
			deployReasons(shipped);
		}
	}

	@Test
	void marketingAddsARejectionReasonInTheTableAndTheFormOffersIt() throws Exception {
		String shipped = java.nio.file.Files.readString(java.nio.file.Path.of("processes/reasons.dmn"));
		String busy = """
				      <rule id="Rule_TooBusy">
				        <outputEntry id="Rule_TooBusy_Out1"><text>"TOO_BUSY"</text></outputEntry>
				        <outputEntry id="Rule_TooBusy_Out2"><text>"Too busy to take it now"</text></outputEntry>
				        <outputEntry id="Rule_TooBusy_Out3"><text>false</text></outputEntry>
				      </rule>
				""";
		String edited = shipped.replace("      <rule id=\"Rule_OtherRejection\">", busy + "      <rule id=\"Rule_OtherRejection\">");
		assertThat(edited).isNotEqualTo(shipped);
		deployReasons(edited);
		try {
			String leadId = receive(strongLead());
			runJobs(leadId);
			Task review = task(leadId);

			assertThat(taskService.getVariableLocal(review.getId(), "rejectionReasonChoices")).asList()
				.contains(Map.of("value", "TOO_BUSY", "label", "Too busy to take it now"));
			assertThatThrownBy(() -> complete(review, review.getAssignee(),
					Map.of("decision", "REJECT", "rejectionReason", "NO_IDEA", "comment", "x")))
				.isInstanceOf(TaskContractViolation.class)
				.hasMessageContaining("TOO_BUSY");
			reject(review, "TOO_BUSY");

			assertThat(lastDetail(leadId, "REJECTED")).contains("TOO_BUSY");
		}
		finally {
			deployReasons(shipped);
		}
	}

	private void deployReasons(String table) {
		processEngine.getRepositoryService().createDeployment().name("marketing's reasons").addString("reasons.dmn", table)
			.deploy();
	}

	@Test
	void aLeadMarketingNowCountsAsACompetitorIsDisqualifiedAtItsNextEngagement() throws Exception {
		LeadIntakeRequest early = lead(null, RoleLevel.OTHER, null, null, "DE");
		String leadId = receive(early);
		runJobs(leadId);
		String table = new String(getClass().getResourceAsStream("/processes/lead-qualification.dmn").readAllBytes(),
				java.nio.charset.StandardCharsets.UTF_8);
		String edited = table.replace("\"rivalsoft.com\",", "\"" + early.company().domain() + "\",\"rivalsoft.com\",");
		assertThat(edited).isNotEqualTo(table);
		String deployment = processEngine.getRepositoryService()
			.createDeployment()
			.name("marketing's edit")
			.addString("lead-qualification.dmn", edited)
			.deploy()
			.getId();
		try {
			engage(leadId, EngagementType.DOWNLOAD);
		}
		finally {
			processEngine.getRepositoryService().deleteDeployment(deployment, true);
		}

		assertThat(cultivationEndedAt(leadId, "End_Disqualified")).isTrue();
		assertEndedAt(leadId, "End_DisqualifiedInCultivation");
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.DISQUALIFIED);
	}

	@Test
	void marketingReassignsARejectedLeadUntilTheTeamIsExhaustedThenTheManagerDisqualifiesIt() {
		String leadId = receive(strongLead());
		runJobs(leadId);

		Task first = task(leadId);
		reject(first, "ALREADY_WORKING");
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.REJECTED);
		Task evaluate = task(leadId);
		assertThat(evaluate.getTaskDefinitionKey()).isEqualTo("EvaluateRejectedLead");
		assertThat(taskService.getVariableLocal(evaluate.getId(), "leadRejections")).asString()
			.contains("ALREADY_WORKING");

		complete(evaluate, "mara", Map.of("action", "REASSIGN", "comment", "Try the other rep"));
		runJobs(leadId);
		Task second = task(leadId);
		assertThat(second.getTaskDefinitionKey()).isEqualTo("ReviewLead");
		assertThat(second.getAssignee()).isIn(EMEA_REPS).isNotEqualTo(first.getAssignee());

		reject(second, "NOT_READY");
		complete(task(leadId), "mara", Map.of("action", "REASSIGN"));
		runJobs(leadId);

		Task assign = task(leadId);
		assertThat(assign.getTaskDefinitionKey()).isEqualTo("AssignLead");
		assertThat(taskService.getIdentityLinksForTask(assign.getId()))
			.anyMatch(l -> "sales-managers".equals(l.getGroupId()));
		assertThat(historyTypes(leadId)).contains("NO_ELIGIBLE_REP");

		complete(assign, "sam", Map.of("assignee", "nora"));
		Task third = task(leadId);
		assertThat(third.getTaskDefinitionKey()).isEqualTo("ReviewLead");
		assertThat(third.getAssignee()).isEqualTo("nora");
		assertThat(leads.findById(leadId).orElseThrow().ownerId()).isEqualTo("nora");

		reject(third, "BAD_CONTACT");
		Task escalated = task(leadId);
		assertThat(escalated.getTaskDefinitionKey()).as("the third rejection goes to a manager, not marketing")
			.isEqualTo("HandleRejectedLead");
		assertThat(historyTypes(leadId)).contains("ESCALATED_TO_MANAGER");
		complete(escalated, "sam", Map.of("action", "DISQUALIFY", "comment", "Nobody can reach them"));

		assertEndedAt(leadId, "End_DisqualifiedByManager");
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.DISQUALIFIED);
	}

	@Test
	void aWrongTerritoryGoesStraightToTheTeamTheRepNamesAndIsCountedForMarketing() {
		String leadId = receive(strongLead());
		runJobs(leadId);
		Task first = task(leadId);
		assertThat(taskService.getVariableLocal(first.getId(), "teamChoices")).asString()
			.contains("territory-na").contains("Territory North America").doesNotContain("value=territory-emea")
			.as("partners are routed by the table, and a rep sees no partner's name").doesNotContain("partner-");

		complete(first, first.getAssignee(), Map.of("decision", "REJECT", "rejectionReason", "WRONG_TERRITORY",
				"comment", "Their buying centre is in Boston", "suggestedTeam", "territory-na"));
		runJobs(leadId);

		Task second = task(leadId);
		assertThat(second.getTaskDefinitionKey()).isEqualTo("ReviewLead");
		assertThat(second.getAssignee()).isIn("nora", "nate");
		assertThat(leads.findById(leadId).orElseThrow().team()).isEqualTo("territory-na");
		assertThat(historyTypes(leadId)).containsSubsequence("REJECTED", "REROUTED", "ROUTED")
			.doesNotContain("REJECTION_EVALUATED");
		assertThat(lastDetail(leadId, "REROUTED")).contains("says it belongs to territory-na, not territory-emea")
			.contains("routing rule: EMEA");
		assertThat(corrections.counts()).anySatisfy(correction -> {
			assertThat(correction.fromTeam()).isEqualTo("territory-emea");
			assertThat(correction.toTeam()).isEqualTo("territory-na");
			assertThat(correction.routingRule()).contains("EMEA");
		});
	}

	@Test
	void aWrongTerritoryWithoutATeamGoesToMarketingWithTheRoutingTrace() {
		String leadId = receive(strongLead());
		runJobs(leadId);

		reject(task(leadId), "WRONG_TERRITORY");

		Task evaluation = task(leadId);
		assertThat(evaluation.getTaskDefinitionKey()).isEqualTo("EvaluateRejectedLead");
		assertThat(taskService.getVariableLocal(evaluation.getId(), "leadHistory")).asString().contains("Routing table:");
	}

	@Test
	void aRepMayNameOnlyAnotherRealTeamAndOnlyForAWrongTerritory() {
		String leadId = receive(strongLead());
		runJobs(leadId);
		Task review = task(leadId);
		String rep = review.getAssignee();

		for (Map<String, Object> answer : List.<Map<String, Object>>of(
				Map.of("decision", "REJECT", "rejectionReason", "NOT_READY", "comment", "x", "suggestedTeam", "territory-na"),
				Map.of("decision", "REJECT", "rejectionReason", "WRONG_TERRITORY", "comment", "x", "suggestedTeam", "sales-reps"),
				Map.of("decision", "REJECT", "rejectionReason", "WRONG_TERRITORY", "comment", "x", "suggestedTeam", "partner-northwind"),
				Map.of("decision", "REJECT", "rejectionReason", "WRONG_TERRITORY", "comment", "x", "suggestedTeam", "territory-mars"),
				Map.of("decision", "REJECT", "rejectionReason", "WRONG_TERRITORY", "comment", "x", "suggestedTeam", "territory-emea"))) {
			assertThatThrownBy(() -> complete(review, rep, answer)).as(answer.toString())
				.hasMessageContaining("suggestedTeam");
		}
		assertThat(task(leadId).getId()).as("nothing changed").isEqualTo(review.getId());
		assertThat(historyTypes(leadId)).doesNotContain("REJECTED");
	}

	@Test
	void marketingDisqualifiesARejectedLead() {
		String leadId = receive(strongLead());
		runJobs(leadId);
		reject(task(leadId), "NOT_A_LEAD");

		complete(task(leadId), "mara", Map.of("action", "DISQUALIFY", "comment", "A consultant fishing for ideas"));

		assertEndedAt(leadId, "End_DisqualifiedAfterRejection");
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.DISQUALIFIED);
	}

	@Test
	void aLeadOfferedToTheTeamGoesToWhoeverClaimsItFirst() throws Exception {
		String leadId = receive(strongLead());
		runJobs(leadId);
		Task first = task(leadId);
		reject(first, "OTHER");

		complete(task(leadId), "mara", Map.of("action", "OFFER_TO_TEAM", "comment", "Fair game"));

		Task offered = task(leadId);
		assertThat(offered.getTaskDefinitionKey()).isEqualTo("ReviewLead");
		assertThat(offered.getAssignee()).isNull();
		assertThat(taskService.getIdentityLinksForTask(offered.getId()))
			.anyMatch(l -> "territory-emea".equals(l.getGroupId()));
		assertThat(taskService.createTaskQuery().taskCandidateUser("emma").taskId(offered.getId()).count()).isOne();
		String other = EMEA_REPS.stream().filter(rep -> !rep.equals(first.getAssignee())).findFirst().orElseThrow();
		runJobs(leadId);
		assertThat(subjectsTo(other, leadId)).contains("A lead is up for grabs in your team: " + title(leadId));

		taskService.claim(offered.getId(), other);
		assertThatThrownBy(() -> taskService.claim(offered.getId(), first.getAssignee()))
			.as("the first to claim gets it")
			.isInstanceOf(org.camunda.bpm.engine.TaskAlreadyClaimedException.class);
		complete(task(leadId), other, Map.of("decision", "ACCEPT"));

		Task disposition = task(leadId);
		assertThat(disposition.getTaskDefinitionKey()).isEqualTo("ReportDisposition");
		assertThat(disposition.getAssignee()).isEqualTo(other);
		assertThat(leads.findById(leadId).orElseThrow().ownerId()).isEqualTo(other);
		assertThat(historyTypes(leadId)).contains("OFFERED_TO_TEAM");
	}

	@Test
	void aReBakedLeadIsOfferedFirstToTheRepWhoSentItBack() throws Exception {
		String leadId = receive(strongLead());
		runJobs(leadId);
		Task first = task(leadId);
		reject(first, "NOT_READY");

		complete(task(leadId), "mara", Map.of("action", "CULTIVATE", "comment", "Budget comes in Q2"));
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.CULTIVATING);
		assertThat(cultivation(leadId)).isWaitingAt("Gateway_WaitForLead");
		engage(leadId, EngagementType.DEMO_DAY);
		runJobs(leadId);

		Task again = task(leadId);
		assertThat(again.getTaskDefinitionKey()).isEqualTo("ReviewLead");
		assertThat(again.getAssignee()).isEqualTo(first.getAssignee());
		assertThat(lastDetail(leadId, "ROUTED")).contains("offered again after re-cultivation");
		assertThat(subjectsTo(first.getAssignee(), leadId)).contains("Re-baked and back to you: " + title(leadId));
	}

	@Test
	void aManagerAssignsALeadThreeRepsRejected() {
		String leadId = leadRejectedThreeTimes();

		complete(task(leadId), "sam", Map.of("action", "ASSIGN", "assignee", "asha", "comment", "Asha knows them"));

		Task review = task(leadId);
		assertThat(review.getTaskDefinitionKey()).isEqualTo("ReviewLead");
		assertThat(review.getAssignee()).isEqualTo("asha");
		assertThat(historyTypes(leadId)).contains("MANAGER_DECIDED");
	}

	@Test
	void aManagerSendsALeadThreeRepsRejectedBackToCultivation() {
		String leadId = leadRejectedThreeTimes();

		complete(task(leadId), "sam", Map.of("action", "CULTIVATE"));

		assertThat(cultivation(leadId)).isWaitingAt("Gateway_WaitForLead");
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.CULTIVATING);
	}

	@Test
	void aPartnerLeadCascadesFromPartnerToPartnerToTheDirectTeam() {
		LeadIntakeRequest bundle = lead("Chief Operating Officer", RoleLevel.EXECUTIVE, 5000, true, "DE",
				"Reseller Bundle");
		String leadId = receive(bundle);
		runJobs(leadId);

		Task northwind = task(leadId);
		assertThat(northwind.getAssignee()).isIn("pia", "paul");
		reject(northwind, "NOT_READY");
		runJobs(leadId);

		Task contoso = task(leadId);
		assertThat(contoso.getTaskDefinitionKey()).isEqualTo("ReviewLead");
		assertThat(contoso.getAssignee()).isIn("carl", "cleo");
		reject(contoso, "ALREADY_WORKING");
		runJobs(leadId);

		Task direct = task(leadId);
		assertThat(direct.getAssignee()).isIn(EMEA_REPS);
		assertThat(historyTypes(leadId)).filteredOn("ROUTING_CASCADE"::equals).hasSize(2);
		assertThat(leads.findById(leadId).orElseThrow().team()).isEqualTo("territory-emea");
	}

	@Test
	void aPartnerThatLetsALeadTimeOutPassesItToTheNextInLine() {
		String leadId = receive(lead("Chief Operating Officer", RoleLevel.EXECUTIVE, 5000, true, "DE", "Reseller Bundle"));
		runJobs(leadId);
		String northwind = task(leadId).getAssignee();
		assertThat(northwind).isIn("pia", "paul");

		later(Duration.ofDays(7).plusMinutes(1)); // partner deadline (acceptance policy): five working days
		runJobs(leadId);

		Task contoso = task(leadId);
		assertThat(contoso.getTaskDefinitionKey()).isEqualTo("ReviewLead");
		assertThat(contoso.getAssignee()).isIn("carl", "cleo");
		assertThat(historyTypes(leadId)).containsSubsequence("SLA_BREACH", "ROUTING_CASCADE", "ROUTED")
			.doesNotContain("ESCALATED_TO_MANAGER");
	}

	/** Both EMEA reps reject it as wrong territory with no team named, marketing sends it on each time: a manager must assign it. */
	private String leadNobodyInEmeaCanTake() {
		String leadId = receive(strongLead());
		runJobs(leadId);
		for (int i = 0; i < 2; i++) {
			reject(task(leadId), "WRONG_TERRITORY");
			complete(task(leadId), "mara", Map.of("action", "REASSIGN"));
			runJobs(leadId);
		}
		assertThat(task(leadId).getTaskDefinitionKey()).isEqualTo("AssignLead");
		return leadId;
	}

	/** Two wrong territories empty EMEA, the manager assigns nora, who rejects too: three rejections. */
	private String leadRejectedThreeTimes() {
		String leadId = leadNobodyInEmeaCanTake();
		complete(task(leadId), "sam", Map.of("assignee", "nora"));
		reject(task(leadId), "NOT_READY");
		Task escalated = task(leadId);
		assertThat(escalated.getTaskDefinitionKey()).isEqualTo("HandleRejectedLead");
		return leadId;
	}

	private void reject(Task review, String reason) {
		complete(review, review.getAssignee(),
				Map.of("decision", "REJECT", "rejectionReason", reason, "comment", "Rejected: " + reason));
	}

	@Test
	void theRepIsMailedTheLeadRemindedBeforeTheDeadlineAndThenAccepts() throws Exception {
		String leadId = receive(strongLead());
		runJobs(leadId);
		Task review = task(leadId);
		String rep = review.getAssignee();
		assertThat(subjectsTo(rep, leadId)).containsExactly("New lead for you: " + title(leadId));
		String body = readable(com.icegreen.greenmail.util.GreenMailUtil.getBody(mailsTo(rep, leadId).get(0)));
		assertThat(body).as("the whole package and a link to the task, in HTML and plain text")
			.contains(leads.findById(leadId).orElseThrow().account().name())
			.contains("#/?task=" + review.getId())
			.contains("text/plain")
			.contains("text/html");

		later(Duration.ofHours(4).plusMinutes(1));
		runJobs(leadId);

		assertThat(task(leadId).getId()).as("the reminder leaves the task with the rep").isEqualTo(review.getId());
		assertThat(subjectsTo(rep, leadId)).contains("Reminder: accept or reject " + title(leadId));
		complete(task(leadId), rep, Map.of("decision", "ACCEPT"));
		assertThat(task(leadId).getTaskDefinitionKey()).isEqualTo("ReportDisposition");
	}

	@Test
	void theDeadlineTakesTheLeadAwayAndTheManagerRoutesItToAnotherRep() throws Exception {
		String leadId = receive(strongLead());
		runJobs(leadId);
		String late = task(leadId).getAssignee();

		later(Duration.ofHours(8).plusMinutes(1));
		runJobs(leadId);

		Task handle = task(leadId);
		assertThat(handle.getTaskDefinitionKey()).isEqualTo("HandleUnacceptedLead");
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.ESCALATED);
		assertThat(lastDetail(leadId, "SLA_BREACH")).startsWith(late + " did not accept or reject the lead within PT8H");
		assertThat(subjectsTo("sam", leadId)).contains("Not accepted in time: " + title(leadId));
		assertThat(subjectsTo(late, leadId)).contains("Taken away from you: " + title(leadId));

		complete(handle, "sam", Map.of("action", "REASSIGN"));
		runJobs(leadId);

		Task next = task(leadId);
		assertThat(next.getTaskDefinitionKey()).isEqualTo("ReviewLead");
		assertThat(next.getAssignee()).isIn(EMEA_REPS).isNotEqualTo(late);
		assertThat(lastDetail(leadId, "ROUTED")).contains(late + " skipped: let this lead's deadline pass");
	}

	@Test
	void aTerritorysOwnManagersAreToldOfItsEscalationsOnceTheTeamTableNamesTheirGroup() throws Exception {
		String shipped = java.nio.file.Files.readString(java.nio.file.Path.of("processes/teams.dmn"));
		String edited = shipped.replace("<outputEntry id=\"Rule_Territory_Out3\"><text>\"sales-managers\"</text>",
				"<outputEntry id=\"Rule_Territory_Out3\"><text>\"regional-managers\"</text>");
		assertThat(edited).isNotEqualTo(shipped);
		// what an administrator does in Admin: EMEA gets a manager of its own, in a new role group
		identityService.saveGroup(identityService.newGroup("regional-managers"));
		var rhea = identityService.newUser("rhea");
		rhea.setEmail("rhea@leadflow.example");
		identityService.saveUser(rhea);
		identityService.createMembership("rhea", "regional-managers");
		identityService.createMembership("rhea", "territory-emea");
		processEngine.getRepositoryService().createDeployment().name("marketing's edit")
			.addString("teams.dmn", edited).deploy();
		try {
			String leadId = receive(strongLead());
			runJobs(leadId);
			later(Duration.ofHours(9));
			runJobs(leadId);

			assertThat(task(leadId).getTaskDefinitionKey()).isEqualTo("HandleUnacceptedLead");
			assertThat(subjectsTo("rhea", leadId)).contains("Not accepted in time: " + title(leadId));
			assertThat(subjectsTo("sam", leadId)).as("EMEA has a manager of its own now").isEmpty();
		}
		finally {
			// the shipped rule and people again for the tests that follow
			processEngine.getRepositoryService().createDeployment().name("shipped again")
				.addString("teams.dmn", shipped).deploy();
			identityService.deleteUser("rhea");
			identityService.deleteGroup("regional-managers");
		}
	}

	@Test
	void afterTwoMissedDeadlinesInARowTheManagerPicksTheRep() {
		String leadId = receive(strongLead());
		runJobs(leadId);
		later(Duration.ofHours(9));
		runJobs(leadId);
		complete(task(leadId), "sam", Map.of("action", "REASSIGN"));
		runJobs(leadId);
		later(Duration.ofDays(1)); // reassigned after hours: the next rep's 8 hours are Wednesday's
		runJobs(leadId);

		Task second = task(leadId);
		assertThat(second.getTaskDefinitionKey()).isEqualTo("HandleUnacceptedLead");
		assertThat(taskService.getVariableLocal(second.getId(), "managerMustPick")).as("the form says so").isEqualTo(true);
		assertThatThrownBy(() -> complete(second, "sam", Map.of("action", "REASSIGN")))
			.isInstanceOf(TaskContractViolation.class)
			.hasMessageContaining("2 missed deadlines in a row");
		complete(second, "sam", Map.of("action", "ASSIGN", "assignee", "nate"));

		assertThat(task(leadId).getAssignee()).isEqualTo("nate");
	}

	@Test
	void marketingMakesTheManagerPickAfterTheFirstMissedDeadlineInTheAcceptanceTable() throws Exception {
		String shipped = java.nio.file.Files.readString(java.nio.file.Path.of("processes/acceptance-policy.dmn"));
		String edited = shipped.replace("_Out3\"><text>2</text>", "_Out3\"><text>1</text>");
		assertThat(edited).isNotEqualTo(shipped);
		processEngine.getRepositoryService().createDeployment().name("marketing's edit")
			.addString("acceptance-policy.dmn", edited).deploy();
		try {
			String leadId = receive(strongLead());
			runJobs(leadId);
			later(Duration.ofHours(9));
			runJobs(leadId);

			Task first = task(leadId);
			assertThat(first.getTaskDefinitionKey()).isEqualTo("HandleUnacceptedLead");
			assertThat(taskService.getVariableLocal(first.getId(), "managerMustPick")).isEqualTo(true);
			assertThatThrownBy(() -> complete(first, "sam", Map.of("action", "REASSIGN")))
				.isInstanceOf(TaskContractViolation.class)
				.hasMessageContaining("1 missed deadline in a row");
		}
		finally {
			// the shipped rule again for the tests that follow
			processEngine.getRepositoryService().createDeployment().name("shipped again")
				.addString("acceptance-policy.dmn", shipped).deploy();
		}
	}

	@Test
	void theManagerSendsAnUnacceptedLeadBackToCultivation() {
		String leadId = receive(strongLead());
		runJobs(leadId);
		later(Duration.ofHours(9));
		runJobs(leadId);

		complete(task(leadId), "sam", Map.of("action", "CULTIVATE", "comment", "Nobody is ready for it"));

		assertThat(cultivation(leadId)).isWaitingAt("Gateway_WaitForLead");
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.CULTIVATING);
	}

	@Test
	void anAcceptedLeadIsRemindedEveryTwoWeeksAndGoesStaleUntilTheRepIsReminded() throws Exception {
		String leadId = receive(strongLead());
		runJobs(leadId);
		Task review = task(leadId);
		String rep = review.getAssignee();
		complete(review, rep, Map.of("decision", "ACCEPT"));
		Task disposition = task(leadId);

		for (int fortnight = 1; fortnight <= 2; fortnight++) {
			later(Duration.ofDays(14).plusMinutes(1));
			runJobs(leadId);
		}
		assertThat(task(leadId).getId()).isEqualTo(disposition.getId());
		assertThat(subjectsTo(rep, leadId)).filteredOn(subject -> subject.startsWith("How is it going")).hasSize(2);

		staleAt(disposition);
		runJobs(leadId);
		Task stale = task(leadId);
		assertThat(stale.getTaskDefinitionKey()).isEqualTo("ReviewStaleLead");
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.ESCALATED);
		assertThat(historyTypes(leadId)).contains("STALE");

		complete(stale, "sam", Map.of("action", "REMIND", "comment", "Please update the deal"));

		Task again = task(leadId);
		assertThat(again.getTaskDefinitionKey()).isEqualTo("ReportDisposition");
		assertThat(again.getAssignee()).isEqualTo(rep);
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.ACCEPTED);
	}

	@Test
	void aStaleLeadIsRoutedToAnotherRep() {
		String leadId = acceptedLeadGoneStale();
		String rep = leads.findById(leadId).orElseThrow().ownerId();

		complete(task(leadId), "sam", Map.of("action", "REASSIGN"));
		runJobs(leadId);

		Task review = task(leadId);
		assertThat(review.getTaskDefinitionKey()).isEqualTo("ReviewLead");
		assertThat(review.getAssignee()).isIn(EMEA_REPS).isNotEqualTo(rep);
	}

	@Test
	void aStaleLeadGoesBackToCultivation() {
		String leadId = acceptedLeadGoneStale();

		complete(task(leadId), "sam", Map.of("action", "CULTIVATE"));

		assertThat(cultivation(leadId)).isWaitingAt("Gateway_WaitForLead");
	}

	private String acceptedLeadGoneStale() {
		String leadId = receive(strongLead());
		runJobs(leadId);
		Task review = task(leadId);
		complete(review, review.getAssignee(), Map.of("decision", "ACCEPT"));
		staleAt(task(leadId));
		runJobs(leadId);
		assertThat(task(leadId).getTaskDefinitionKey()).isEqualTo("ReviewStaleLead");
		return leadId;
	}

	/** The engagement reported as the intake system would, for the lead, at the engine's now. */
	private EngagementService.Received engage(String leadId, EngagementType type) {
		signIn("intake");
		try {
			return engagementService.receive(new EngagementRequest(null, leadId, type,
					OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneOffset.UTC),
					"seen at " + UUID.randomUUID(), null, null, null, null, null, null));
		}
		finally {
			identityService.clearAuthentication();
		}
	}

	/** The lead's running cultivation loop. */
	private org.camunda.bpm.engine.runtime.ProcessInstance cultivation(String leadId) {
		return processEngine.getRuntimeService()
			.createProcessInstanceQuery()
			.processInstanceBusinessKey(leadId)
			.processDefinitionKey("lead-cultivation")
			.singleResult();
	}

	/** Whether one of the lead's cultivation loops ended at {@code endEvent}. */
	private boolean cultivationEndedAt(String leadId, String endEvent) {
		return historyService.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(leadId)
			.processDefinitionKey("lead-cultivation")
			.list()
			.stream()
			.anyMatch(instance -> historyService.createHistoricActivityInstanceQuery()
				.processInstanceId(instance.getId())
				.activityId(endEvent)
				.count() == 1);
	}

	/** Subjects of the mails to an address outside Leadflow (a contact), in the order they arrived. */
	private List<String> subjectsTo(String address) throws Exception {
		List<String> subjects = new java.util.ArrayList<>();
		for (MimeMessage message : mailServer.getReceivedMessages()) {
			if (java.util.Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address))) {
				subjects.add(message.getSubject());
			}
		}
		return subjects;
	}

	/** The mail's parts as their reader sees them: quoted-printable lines joined and decoded. */
	private static String readable(String rawBody) throws Exception {
		try (var decoded = jakarta.mail.internet.MimeUtility.decode(
				new java.io.ByteArrayInputStream(rawBody.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "quoted-printable")) {
			return new String(decoded.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
	}

	private void later(Duration duration) {
		ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(duration)));
	}

	/** Just after the lead goes stale: P90D of working days, which the disposition task is due at. */
	private void staleAt(Task disposition) {
		ClockUtil.setCurrentTime(Date.from(disposition.getDueDate().toInstant().plus(Duration.ofMinutes(1))));
	}

	private String title(String leadId) {
		var lead = leads.findById(leadId).orElseThrow();
		return lead.contact().fullName() + ", " + lead.account().name();
	}

	/** Subjects of the mails to a user about this lead, in the order they arrived. */
	private List<String> subjectsTo(String userId, String leadId) throws Exception {
		List<String> subjects = new java.util.ArrayList<>();
		for (MimeMessage message : mailsTo(userId, leadId)) {
			subjects.add(message.getSubject());
		}
		return subjects;
	}

	private List<MimeMessage> mailsTo(String userId, String leadId) throws Exception {
		String email = identityService.createUserQuery().userId(userId).singleResult().getEmail();
		String title = title(leadId);
		List<MimeMessage> mails = new java.util.ArrayList<>();
		for (MimeMessage message : mailServer.getReceivedMessages()) {
			if (message.getSubject().contains(title) && java.util.Arrays.stream(message.getAllRecipients())
				.anyMatch(address -> address.toString().equalsIgnoreCase(email))) {
				mails.add(message);
			}
		}
		return mails;
	}

	@Test
	void leadDataInAMailIsShownAsTextNeverAsMarkup() throws Exception {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		String leadId = receive(new LeadIntakeRequest(null, "webinar", null,
				new ContactData("<script>alert(1)</script>", "<b>Bold</b>", "x@h-" + unique + ".de", null, "CEO",
						RoleLevel.EXECUTIVE),
				new CompanyData("<img src=x onerror=alert(2)> " + unique, "h-" + unique + ".de", "DE", "Manufacturing",
						5000),
				"Platform", true, true, true, 2, null));
		runJobs(leadId);

		String mail = com.icegreen.greenmail.util.GreenMailUtil.getBody(mailsTo(task(leadId).getAssignee(), leadId).get(0));
		String html = mail.substring(mail.indexOf("Content-Type: text/html"));
		assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.contains("&lt;img src=x onerror=alert(2)&gt;")
			.doesNotContain("<script>")
			.doesNotContain("<img src=x");
	}

	@Test
	void anAnswerOutsideTheTaskContractIsRefusedAndChangesNothing() {
		String leadId = receive(strongLead());
		runJobs(leadId);
		Task review = task(leadId);
		List<String> historyBefore = historyTypes(leadId);

		assertThatThrownBy(() -> complete(review, review.getAssignee(), Map.of("decision", "MAYBE")))
			.isInstanceOf(TaskContractViolation.class)
			.hasMessageContaining("decision");
		assertThatThrownBy(() -> complete(review, review.getAssignee(), Map.of("decision", "REJECT")))
			.hasMessageContaining("rejectionReason");

		assertThat(task(leadId).getId()).isEqualTo(review.getId());
		assertThat(historyTypes(leadId)).isEqualTo(historyBefore);
		assertThat(leads.findById(leadId).orElseThrow().status()).isEqualTo(LeadStatus.ROUTED);
	}

	@Test
	void aManagerMustAssignARep() {
		String leadId = leadNobodyInEmeaCanTake();
		Task assign = task(leadId);

		assertThatThrownBy(() -> complete(assign, "sam", Map.of("assignee", "mara")))
			.isInstanceOf(TaskContractViolation.class)
			.hasMessageContaining("assignee");
		assertThat(task(leadId).getId()).isEqualTo(assign.getId());
	}

	@Test
	void theManagerPicksFromTheTeamsRepsAndConfirmsGivingALeadToARepWhoIsAway() {
		jdbc.sql("DELETE FROM rep_availability WHERE rep_id = 'nate'").update();
		jdbc.sql("INSERT INTO rep_availability (rep_id, out_of_office_until, updated_at, updated_by) VALUES ('nate', ?, ?, 'sam')")
			.params(OffsetDateTime.now(ZoneOffset.UTC).plusDays(3), OffsetDateTime.now(ZoneOffset.UTC))
			.update();
		try {
			String leadId = leadNobodyInEmeaCanTake();
			Task assign = task(leadId);
			@SuppressWarnings("unchecked")
			List<Map<String, String>> choices = (List<Map<String, String>>) taskService.getVariableLocal(assign.getId(), "repChoices");
			assertThat(choices.subList(0, 2)).extracting(choice -> choice.get("value")).containsExactlyInAnyOrder("elias", "emma");
			assertThat(choices).anySatisfy(choice -> assertThat(choice.get("label"))
				.startsWith("Nate Newman — Territory North America · ").contains("out of office until"));
			assertThat(taskService.getVariableLocal(assign.getId(), "unavailableReps")).asList().containsExactly("nate");

			assertThatThrownBy(() -> complete(assign, "sam", Map.of("assignee", "nate")))
				.isInstanceOf(TaskContractViolation.class)
				.hasMessageContaining("nate is out of office until");
			assertThat(task(leadId).getId()).as("nothing changed").isEqualTo(assign.getId());

			complete(assign, "sam", Map.of("assignee", "nate", "assignUnavailable", true));
			assertThat(task(leadId).getAssignee()).isEqualTo("nate");
			assertThat(lastDetail(leadId, "ASSIGNED_BY_MANAGER")).startsWith("Assigned to nate, confirmed although out of office until");
		}
		finally {
			jdbc.sql("DELETE FROM rep_availability WHERE rep_id = 'nate'").update();
		}
	}

	private String receive(LeadIntakeRequest request) {
		return intake.receive(request).id();
	}

	private org.camunda.bpm.engine.runtime.ProcessInstance instance(String leadId) {
		return processEngine.getRuntimeService()
			.createProcessInstanceQuery()
			.processInstanceBusinessKey(leadId)
			.processDefinitionKey("lead-lifecycle")
			.singleResult();
	}

	/** The lead's instance ended, its main path at {@code endEvent} (the mail branches end on their own). */
	private void assertEndedAt(String leadId, String endEvent) {
		HistoricProcessInstance instance = ended(leadId);
		assertThat(historyService.createHistoricActivityInstanceQuery()
			.processInstanceId(instance.getId())
			.activityId(endEvent)
			.count()).as("ended at " + endEvent).isOne();
	}

	/** The lead's instance once the mails still on their way are sent. */
	private HistoricProcessInstance ended(String leadId) {
		runJobs(leadId);
		HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(leadId)
			.processDefinitionKey("lead-lifecycle")
			.singleResult();
		assertThat(instance.getEndTime()).as("the lead's process has ended").isNotNull();
		return instance;
	}

	/** Runs the lead's asynchronous steps (decisions, mails) and the timers that are due, as the job executor would. */
	private void runJobs(String leadId) {
		for (int i = 0; i < 50; i++) {
			List<Job> due = processEngine.getRuntimeService()
				.createProcessInstanceQuery()
				.processInstanceBusinessKey(leadId)
				.list()
				.stream()
				.flatMap(instance -> managementService.createJobQuery()
					.processInstanceId(instance.getId())
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

	private Task task(String leadId) {
		return taskService.createTaskQuery().processInstanceBusinessKey(leadId).singleResult();
	}

	private void complete(Task task, String user, Map<String, Object> answer) {
		signIn(user);
		try {
			taskService.complete(task.getId(), answer);
		}
		finally {
			identityService.clearAuthentication();
		}
	}

	/** The lead's story without the mails sent along the way. */
	private List<String> historyTypes(String leadId) {
		return history.of(leadId).stream().map(LeadHistory.Entry::type).filter(type -> !type.equals("MAIL_SENT")).toList();
	}

	private String lastDetail(String leadId, String type) {
		return history.of(leadId).stream().filter(entry -> entry.type().equals(type)).reduce((a, b) -> b).orElseThrow().detail();
	}

	private static LeadIntakeRequest strongLead() {
		return lead("Chief Operating Officer", RoleLevel.EXECUTIVE, 5000, true, "DE");
	}

	private static LeadIntakeRequest leadWithoutBudget() {
		return lead("Chief Operating Officer", RoleLevel.EXECUTIVE, 5000, false, "DE");
	}

	private static LeadIntakeRequest lead(String title, RoleLevel roleLevel, Integer employees, Boolean budget,
			String country) {
		return lead(title, roleLevel, employees, budget, country, "Platform");
	}

	/** A lead of a company of its own, so no test's account owner steers another test's routing. */
	private static LeadIntakeRequest lead(String title, RoleLevel roleLevel, Integer employees, Boolean budget,
			String country, String productInterest) {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		boolean ready = Boolean.TRUE.equals(budget) || Boolean.FALSE.equals(budget);
		return new LeadIntakeRequest(null, "webinar", "Q4 Launch",
				new ContactData("Greta", "Gruber", "greta@acme-" + unique + ".de", "+49 30 1234", title, roleLevel),
				new CompanyData("Acme " + unique, "acme-" + unique + ".de", country, "Manufacturing", employees),
				productInterest, budget,
				ready ? true : null, ready ? true : null, ready ? 2 : null, null);
	}

	/** Signs the user in with their groups, as Tasklist and the REST API do, so the engine checks their rights. */
	private void signIn(String user) {
		List<String> groups = identityService.createGroupQuery()
			.groupMember(user)
			.list()
			.stream()
			.map(org.camunda.bpm.engine.identity.Group::getId)
			.toList();
		identityService.setAuthentication(user, groups);
	}

}
