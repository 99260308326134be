package io.leadflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mail.MailException;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.leadflow.intake.LeadIntakeRequest;
import io.leadflow.intake.LeadIntakeRequest.CompanyData;
import io.leadflow.intake.LeadIntakeRequest.ContactData;
import io.leadflow.intake.LeadIntakeService;
import io.leadflow.intake.RoleLevel;

/**
 * Mail through a real SMTP server that goes down: the mail step fails, retries and ends as an
 * incident while the lead goes on; when the server is back the step heals and the mail arrives once.
 */
@SpringBootTest(properties = { "camunda.bpm.job-execution.enabled=false", "leadflow.mail.embedded.enabled=false",
		"spring.mail.host=127.0.0.1", "spring.mail.port=3025" })
class MailOutageTest {

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

	@Autowired
	private LeadIntakeService intake;

	@Autowired
	private RuntimeService runtimeService;

	@Autowired
	private ManagementService managementService;

	@Autowired
	private TaskService taskService;

	@Autowired
	private Mails mails;

	@Test
	void aMailOutageBecomesAnIncidentAndHealsWithTheMailSentOnce() throws Exception {
		String leadId = receiveLead();
		String instanceId = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId)
			.singleResult()
			.getId();
		while (taskService.createTaskQuery().processInstanceId(instanceId).count() == 0) {
			managementService.executeJob(managementService.createJobQuery()
				.processInstanceId(instanceId)
				.executable()
				.list()
				.get(0)
				.getId()); // qualification, then routing
		}
		smtp.stop();

		String notificationId = runtimeService.createProcessInstanceQuery()
			.processInstanceBusinessKey(leadId)
			.processDefinitionKey("lead-notification")
			.singleResult()
			.getId();
		Job mailJob = managementService.createJobQuery().processInstanceId(notificationId).singleResult();
		for (int attempt = 1; attempt <= 5; attempt++) {
			String id = mailJob.getId();
			assertThatThrownBy(() -> managementService.executeJob(id)).hasRootCauseInstanceOf(java.net.ConnectException.class);
		}

		List<Incident> incidents = runtimeService.createIncidentQuery().processInstanceId(notificationId).list();
		assertThat(incidents).hasSize(1);
		assertThat(incidents.get(0).getActivityId()).isEqualTo("Task_SendMails");
		assertThat(taskService.createTaskQuery().processInstanceId(instanceId).taskDefinitionKey("ReviewLead").count())
			.as("the lead is with the rep all the same")
			.isOne();

		smtp.start();
		managementService.setJobRetries(mailJob.getId(), 1);
		managementService.executeJob(mailJob.getId());

		assertThat(runtimeService.createIncidentQuery().processInstanceId(notificationId).count()).isZero();
		assertThat(smtp.getReceivedMessages()).hasSize(1);
		assertThat(smtp.getReceivedMessages()[0].getSubject()).startsWith("New lead for you: ");
	}

	@Test
	void aRetriedStepDoesNotSendTheSameMailTwice() {
		String leadId = receiveLead();

		for (int attempt = 0; attempt < 3; attempt++) {
			mails.send(MailKind.ACCEPTANCE_REMINDER, leadId, "Retry test", "emma", "activity-instance-1",
					model(leadId));
		}
		mails.send(MailKind.ACCEPTANCE_REMINDER, leadId, "Retry test", "emma", "activity-instance-2",
				model(leadId));

		assertThat(smtp.getReceivedMessages()).hasSize(2);
	}

	@Test
	void aUserWithoutEmailIsSkippedNotAnError() {
		String leadId = receiveLead();

		mails.send(MailKind.ACCEPTANCE_REMINDER, leadId, "No mail", "nobody-at-all", "x", Map.of());

		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void anSmtpFailureIsThrownToTheStep() {
		String leadId = receiveLead();
		smtp.stop();

		assertThatThrownBy(() -> mails.send(MailKind.ACCEPTANCE_REMINDER, leadId, "Down", "emma", "y",
				model(leadId)))
			.isInstanceOf(MailException.class);
		smtp.start();
	}

	@Autowired
	private io.leadflow.lead.LeadRepository leads;

	private Map<String, Object> model(String leadId) {
		return Map.of("lead", leads.findById(leadId).orElseThrow(), "taskId", "t1", "acceptancePolicy",
				Map.of("reminderAfter", "PT4H", "deadlineAfter", "PT8H"));
	}

	private String receiveLead() {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		return intake.receive(new LeadIntakeRequest(null, "webinar", null,
				new ContactData("Eva", "Engel", "eva@m-" + unique + ".de", null, "CEO", RoleLevel.EXECUTIVE),
				new CompanyData("Mail " + unique, "m-" + unique + ".de", "DE", "Manufacturing", 5000), "Platform", true,
				true, true, 2, null)).id();
	}

}
