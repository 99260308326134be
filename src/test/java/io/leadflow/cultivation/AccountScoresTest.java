package io.leadflow.cultivation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.leadflow.intake.RoleLevel;

/**
 * The kept account scores the accounts' numbers read: scored when one of the account's people
 * engages, and every night after by the {@code account-scores} process, so a quiet account decays
 * and, once quiet for longer than the score looks back, leaves the numbers.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
class AccountScoresTest {

	@Autowired
	private EngagementService engagementService;

	@Autowired
	private RuntimeService runtimeService;

	@Autowired
	private ManagementService managementService;

	@Autowired
	private IdentityService identityService;

	@Autowired
	private JdbcClient jdbc;


	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void anAccountIsScoredWhenItEngagesAndEveryNightSoAQuietOneDecaysAndThenLeavesTheNumbers() {
		// the engine's clock counts milliseconds: an engagement a microsecond after it has not happened yet
		Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		ClockUtil.setCurrentTime(Date.from(now));
		String unique = UUID.randomUUID().toString().substring(0, 8);
		identityService.setAuthentication("intake", List.of("lead-intake"));
		EngagementService.Received engaged;
		try {
			engaged = engagementService.receive(new EngagementRequest("quinn@quiet-" + unique + ".example", null,
					EngagementType.MEETING, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), "met at the fair", "Quinn",
					"Quiet", "CTO", RoleLevel.EXECUTIVE, "Quiet " + unique, "DE"));
		}
		finally {
			identityService.clearAuthentication();
		}
		String account = jdbc.sql("SELECT account_id FROM lead WHERE id = ?").param(engaged.leadId()).query(String.class).single();

		Map<String, Object> fresh = kept(account).orElseThrow();
		int freshScore = ((Number) fresh.get("score")).intValue();
		assertThat(freshScore).as("scored as it engaged").isBetween(1, 10);

		ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofDays(60))));
		rescoreTonight();
		Map<String, Object> quiet = kept(account).orElseThrow();
		assertThat(((Number) quiet.get("score")).intValue()).as("two quiet months later").isLessThanOrEqualTo(freshScore);
		assertThat(((Number) quiet.get("score")).intValue())
			.isLessThanOrEqualTo(((Number) quiet.get("four_weeks_ago")).intValue());
		OffsetDateTime scoredAt = jdbc.sql("SELECT scored_at FROM account_score WHERE account_id = ?").param(account)
			.query(OffsetDateTime.class).single();
		assertThat(scoredAt.toInstant()).as("rescored tonight").isAfter(now.plus(Duration.ofDays(59)));

		ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofDays(400))));
		rescoreTonight();
		assertThat(kept(account)).as("quiet for longer than the score looks back: no longer among the accounts").isEmpty();
	}

	private Optional<Map<String, Object>> kept(String account) {
		return jdbc.sql("SELECT score, four_weeks_ago FROM account_score WHERE account_id = ?").param(account).query()
			.listOfRows().stream().findFirst();
	}

	private void rescoreTonight() {
		String instance = runtimeService.startProcessInstanceByKey("account-scores").getId();
		managementService.executeJob(managementService.createJobQuery().processInstanceId(instance).singleResult().getId());
		assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
	}

}
