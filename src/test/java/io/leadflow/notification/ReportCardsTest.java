package io.leadflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.leadflow.LeadScenarios;
import io.leadflow.intake.LeadIntakeService;
import io.leadflow.metrics.ReportCards;
import io.leadflow.metrics.ReportCards.Card;
import io.leadflow.metrics.ReportCards.Rep;

/** The weekly report cards: each rep's week, each manager's teams, sent once per week. */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
class ReportCardsTest {

	@Autowired
	private LeadIntakeService intake;

	@Autowired
	private RuntimeService runtimeService;

	@Autowired
	private ManagementService managementService;

	@Autowired
	private TaskService taskService;

	@Autowired
	private IdentityService identityService;

	@Autowired
	private GreenMail mailServer;

	@Autowired
	private ReportCards reportCards;

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void repsAndManagersGetTheirWeekOncePerWeek() throws Exception {
		String rep = acceptALead();
		// the card covers the seven whole days before the day it is sent: send it tomorrow
		LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
		ClockUtil.setCurrentTime(Date.from(tomorrow.atTime(7, 0).toInstant(ZoneOffset.UTC)));

		sendReportCards();
		sendReportCards();

		List<MimeMessage> repCards = cardsTo(rep, "Your leads, ");
		assertThat(repCards).as("one card a week, however often the step runs").hasSize(1);
		String mail = GreenMailUtil.getBody(repCards.get(0));
		Card card = reportCards.of(List.of(new Rep(rep, rep)), reportCards.periodBefore(tomorrow)).get(0);
		assertThat(card.received()).isPositive();
		assertThat(card.accepted()).isPositive();
		assertThat(mail).as("the mail shows the figures of the card on demand for the same week")
			.containsPattern("Leads received:\\s+" + card.received() + "\\b")
			.containsPattern("Accepted:\\s+" + card.accepted() + "\\b")
			.containsPattern("Rejected:\\s+" + card.rejected() + "\\b")
			.containsPattern("Deadlines missed:\\s+" + card.missedDeadlines() + "\\b")
			.containsPattern("Won:\\s+" + card.won() + "\\b")
			.contains("median rep in brackets");
		List<MimeMessage> managerCards = cardsTo("sam", "Your teams' leads, ");
		assertThat(managerCards).hasSize(1);
		String repName = identityService.createUserQuery().userId(rep).singleResult().getFirstName();
		assertThat(GreenMailUtil.getBody(managerCards.get(0))).as("reps by name")
			.containsPattern(repName + " \\S+: received " + card.received() + ", accepted " + card.accepted());
		assertThat(cardsTo("pia", "Your leads, ")).as("partner reps get theirs too").hasSize(1);
	}

	private void sendReportCards() {
		String instance = runtimeService.startProcessInstanceByKey("report-cards").getId();
		managementService.executeJob(managementService.createJobQuery().processInstanceId(instance).singleResult().getId());
	}

	private List<MimeMessage> cardsTo(String userId, String subjectStart) throws Exception {
		String email = identityService.createUserQuery().userId(userId).singleResult().getEmail();
		return Arrays.stream(mailServer.getReceivedMessages()).filter(message -> {
			try {
				return message.getSubject().startsWith(subjectStart) && Arrays.stream(message.getAllRecipients())
					.anyMatch(address -> address.toString().equalsIgnoreCase(email));
			}
			catch (jakarta.mail.MessagingException e) {
				throw new IllegalStateException(e);
			}
		}).toList();
	}

	private String acceptALead() {
		LeadScenarios leads = new LeadScenarios(intake, runtimeService, managementService, taskService);
		String instanceId = leads.lifecycleInstance(leads.hotLeadWaitingForItsFirstTask("DE", "Platform"));
		Task review = taskService.createTaskQuery().processInstanceId(instanceId).singleResult();
		signIn(review.getAssignee());
		try {
			taskService.complete(review.getId(), Map.of("decision", "ACCEPT"));
		}
		finally {
			identityService.clearAuthentication();
		}
		return review.getAssignee();
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
