package io.leadflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;

import com.icegreen.greenmail.util.GreenMail;

/**
 * What a report card covers and who gets one are marketing's table (processes/report-cards.dmn):
 * the next run follows a deployed change, with no Java change.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@DirtiesContext(classMode = ClassMode.AFTER_CLASS) // the edited tables stay deployed
class ReportCardsTableTest {

	@Autowired
	private RepositoryService repositoryService;

	@Autowired
	private RuntimeService runtimeService;

	@Autowired
	private ManagementService managementService;

	@Autowired
	private IdentityService identityService;

	@Autowired
	private GreenMail mailServer;

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void aFortnightsCardCoversTheFourteenDaysBeforeTheDayItIsSent() throws IOException {
		deploy(shipped().replace("<outputEntry id=\"Rule_TheWeekBefore_Out1\"><text>7</text>",
				"<outputEntry id=\"Rule_TheWeekBefore_Out1\"><text>14</text>"));
		// weeks no other test sends cards for: each week's card goes out once
		LocalDate monday = LocalDate.now(ZoneOffset.UTC).plusWeeks(30);

		sendReportCardsOn(monday);

		String fortnight = monday.minusDays(14) + " to " + monday.minusDays(1);
		assertThat(subjectsTo("emma")).contains("Your leads, " + fortnight);
		assertThat(subjectsTo("sam")).contains("Your teams' leads, " + fortnight);
	}

	@Test
	void aGroupTheTableLeavesOutGetsNoCard() throws IOException {
		String withoutPartnerReps = shipped().replaceAll("(?s)<rule id=\"Rule_PartnerReps\">.*?</rule>\\s*", "");
		assertThat(withoutPartnerReps).isNotEqualTo(shipped());
		deploy(withoutPartnerReps);
		LocalDate monday = LocalDate.now(ZoneOffset.UTC).plusWeeks(40);

		sendReportCardsOn(monday);

		String week = monday.minusDays(7) + " to " + monday.minusDays(1);
		assertThat(subjectsTo("emma")).contains("Your leads, " + week);
		assertThat(subjectsTo("pia")).as("partner reps are no longer in the table").doesNotContain("Your leads, " + week);
	}

	private void sendReportCardsOn(LocalDate day) {
		ClockUtil.setCurrentTime(Date.from(day.atTime(7, 0).toInstant(ZoneOffset.UTC)));
		String instance = runtimeService.startProcessInstanceByKey("report-cards").getId();
		managementService.executeJob(managementService.createJobQuery().processInstanceId(instance).singleResult().getId());
	}

	private List<String> subjectsTo(String userId) {
		String email = identityService.createUserQuery().userId(userId).singleResult().getEmail();
		return Arrays.stream(mailServer.getReceivedMessages()).filter(message -> {
			try {
				return Arrays.stream(message.getAllRecipients()).anyMatch(address -> address.toString().equalsIgnoreCase(email));
			}
			catch (MessagingException e) {
				throw new IllegalStateException(e);
			}
		}).map(ReportCardsTableTest::subject).toList();
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String shipped() throws IOException {
		return Files.readString(Path.of("processes/report-cards.dmn"));
	}

	private void deploy(String table) {
		repositoryService.createDeployment().name("marketing's edit").addString("report-cards.dmn", table).deploy();
	}

}
