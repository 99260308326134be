package io.leadflow.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

import io.leadflow.LeadScenarios;
import io.leadflow.identity.Groups;
import io.leadflow.intake.LeadIntakeService;
import io.leadflow.lead.LeadHistory;

/**
 * Who gets a lead within a team: the round robin's fairness, reps skipped for being away or full,
 * and a territory that marketing adds by editing the routing table alone.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
class RoutingTest {

	@Autowired
	private RepRotation rotation;

	@Autowired
	private RepAvailability availability;

	@Autowired
	private TransactionTemplate transaction;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private LeadIntakeService intake;

	@Autowired
	private LeadHistory history;

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
	private Reps reps;

	@AfterEach
	void everyoneBackAtWork() {
		jdbc.sql("DELETE FROM rep_availability").update();
	}

	@Test
	void theRoundRobinKeepsEveryRepWithinOneLeadOfTheOthers() {
		List<String> team = List.of("rr-ana", "rr-ben", "rr-cem");
		Map<String, Integer> received = new HashMap<>();

		for (int lead = 1; lead <= 30; lead++) {
			String leadId = "fairness-lead-" + lead;
			String rep = transaction.execute(status -> rotation.next("fairness-team", team, leadId, 0).orElseThrow());
			received.merge(rep, 1, Integer::sum);
			int most = received.values().stream().max(Integer::compare).orElseThrow();
			int least = team.stream().mapToInt(r -> received.getOrDefault(r, 0)).min().orElseThrow();
			assertThat(most - least).as("after %d leads: %s", lead, received).isLessThanOrEqualTo(1);
		}
		assertThat(received).containsExactlyInAnyOrderEntriesOf(Map.of("rr-ana", 10, "rr-ben", 10, "rr-cem", 10));
	}

	/**
	 * The pick commits before the rest of the routing step: a step that fails after it and is
	 * retried takes the same turn again, and the rotation counts the lead once.
	 */
	@Test
	void aRoutingStepRetriedAfterAFailureTakesTheSameTurn() {
		List<String> team = List.of("retry-ana", "retry-ben");
		String first = transaction.execute(status -> rotation.next("retry-team", team, "retry-lead-1", 0).orElseThrow());
		for (int attempt = 0; attempt < 3; attempt++) {
			assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
				rotation.next("retry-team", team, "retry-lead-2", 0);
				throw new IllegalStateException("the routing step fails after its pick");
			})).hasMessageContaining("fails after its pick");
		}
		String second = transaction.execute(status -> rotation.next("retry-team", team, "retry-lead-2", 0).orElseThrow());
		assertThat(second).as("the other rep, whatever the failed attempts").isNotEqualTo(first);
		String third = transaction.execute(status -> rotation.next("retry-team", team, "retry-lead-3", 0).orElseThrow());
		assertThat(third).as("the turns went on from the retried lead's, counted once").isEqualTo(first);
		assertThat(jdbc.sql("SELECT leads_assigned FROM rep_rotation WHERE team = 'retry-team' ORDER BY leads_assigned DESC")
			.query(Integer.class)
			.list()).as("three leads, three turns: the failed attempts took none of their own").containsExactly(2, 1);
		// the lead's next routing (after a rejection, say) is a new turn
		String again = transaction.execute(status -> rotation.next("retry-team", team, "retry-lead-2", 1).orElseThrow());
		assertThat(again).isNotEqualTo(third);
	}

	@Test
	void tiesAmongNewRepsAreNotBrokenByName() {
		Map<String, Integer> firstPicks = new HashMap<>();
		for (int round = 0; round < 40; round++) {
			String team = "tie-team-" + round;
			String rep = transaction
				.execute(status -> rotation.next(team, List.of("a-rep", "b-rep"), "tie-lead-" + team, 0).orElseThrow());
			firstPicks.merge(rep, 1, Integer::sum);
		}
		// at random, each has a chance of 1 in 2^40 of never being first
		assertThat(firstPicks).containsKeys("a-rep", "b-rep");
	}

	@Test
	void repsOutOfOfficeOrAtCapacityAreSkippedAndTheManagerAssignsWhenNobodyIsLeft() {
		availability.save("akira", OffsetDateTime.now(ZoneOffset.UTC).plusDays(3), null, "sam");

		for (int i = 0; i < 2; i++) {
			String leadId = receiveApacLead();
			assertThat(task(leadId).getAssignee()).isEqualTo("asha");
			assertThat(lastDetail(leadId)).contains("akira skipped: out of office until");
		}

		availability.save("asha", null, 0, "sam");
		String leadId = receiveApacLead();

		assertThat(task(leadId).getTaskDefinitionKey()).isEqualTo("AssignLead");
		assertThat(lastDetail(leadId)).contains("asha skipped: at capacity (0 of 0 open leads)")
			.contains("akira skipped: out of office");
	}

	@Test
	@DirtiesContext // the edited table stays deployed; later tests get a fresh engine
	void marketingAddsATerritoryByEditingOnlyTheRoutingTable() throws IOException {
		String latam = """
				      <rule id="Rule_Latam">
				        <inputEntry id="Rule_Latam_In1"><text>"BR","AR","CL"</text></inputEntry>
				        <inputEntry id="Rule_Latam_In2"><text>-</text></inputEntry>
				        <inputEntry id="Rule_Latam_In3"><text>-</text></inputEntry>
				        <inputEntry id="Rule_Latam_In4"><text>-</text></inputEntry>
				        <inputEntry id="Rule_Latam_In5"><text>-</text></inputEntry>
				        <outputEntry id="Rule_Latam_Out1"><text>"territory-latam"</text></outputEntry>
				        <outputEntry id="Rule_Latam_Out2"><text>"DIRECT"</text></outputEntry>
				        <outputEntry id="Rule_Latam_Out3"><text>"Latin America by country"</text></outputEntry>
				      </rule>
				""";
		String table;
		try (InputStream model = getClass().getResourceAsStream("/processes/lead-routing.dmn")) {
			table = new String(model.readAllBytes(), StandardCharsets.UTF_8);
		}
		String edited = table.replace("      <rule id=\"Rule_ResellerProduct\">", latam + "      <rule id=\"Rule_ResellerProduct\">");
		assertThat(edited).isNotEqualTo(table);
		// what an administrator does in Admin: a new team with a rep in it
		identityService.saveGroup(identityService.newGroup("territory-latam"));
		User lucia = identityService.newUser("lucia");
		identityService.saveUser(lucia);
		identityService.createMembership("lucia", "territory-latam");
		identityService.createMembership("lucia", Groups.DIRECT_REPS);

		repositoryService.createDeployment().name("marketing's edit").addString("lead-routing.dmn", edited).deploy();
		String leadId = receive("BR", "Platform");

		assertThat(task(leadId).getAssignee()).isEqualTo("lucia");
		assertThat(lastDetail(leadId)).contains("territory-latam (Latin America by country)");
	}

	@Test
	@DirtiesContext // the edited tables stay deployed; later tests get a fresh engine
	void aNewKindOfTeamTakesLeadsOnceTheTeamTableKnowsIt() throws IOException {
		String regions = """
				      <rule id="Rule_Region">
				        <inputEntry id="Rule_Region_In1"><text>-</text></inputEntry>
				        <inputEntry id="Rule_Region_In2"><text>"region-"</text></inputEntry>
				        <outputEntry id="Rule_Region_Out1"><text>true</text></outputEntry>
				        <outputEntry id="Rule_Region_Out2"><text>"sales-reps"</text></outputEntry>
				        <outputEntry id="Rule_Region_Out3"><text>"sales-managers"</text></outputEntry>
				      </rule>
				""";
		String teams = shipped("teams.dmn");
		String editedTeams = teams.replace("      <rule id=\"Rule_NoTeam\">", regions + "      <rule id=\"Rule_NoTeam\">");
		String routing = shipped("lead-routing.dmn");
		String editedRouting = routing.replace("<text>\"territory-emea\"</text>", "<text>\"region-emea\"</text>");
		assertThat(editedTeams).isNotEqualTo(teams);
		assertThat(editedRouting).isNotEqualTo(routing);
		identityService.saveGroup(identityService.newGroup("region-emea"));
		identityService.saveUser(identityService.newUser("rhea"));
		identityService.createMembership("rhea", "region-emea");
		identityService.createMembership("rhea", Groups.DIRECT_REPS);

		repositoryService.createDeployment()
			.name("marketing's edit")
			.addString("teams.dmn", editedTeams)
			.addString("lead-routing.dmn", editedRouting)
			.deploy();
		String leadId = receive("DE", "Platform");

		assertThat(task(leadId).getAssignee()).isEqualTo("rhea");
		assertThat(lastDetail(leadId)).contains("region-emea");
		assertThat(reps.teamsOf("rhea")).containsExactly("region-emea");
	}

	@Test
	@DirtiesContext // the edited table stays deployed; later tests get a fresh engine
	void marketingCountsLeadsWaitingForAcceptanceTowardsCapacityInTheTable() throws IOException {
		String table = shipped("rep-selection.dmn");
		String edited = table.replace("<outputEntry id=\"Rule_AcceptedOnly_Out1\"><text>false</text>",
				"<outputEntry id=\"Rule_AcceptedOnly_Out1\"><text>true</text>");
		assertThat(edited).isNotEqualTo(table);
		repositoryService.createDeployment().name("marketing's edit").addString("rep-selection.dmn", edited).deploy();
		availability.save("akira", OffsetDateTime.now(ZoneOffset.UTC).plusDays(3), null, "sam");
		availability.save("asha", null, 1, "sam");

		String first = receiveApacLead();
		assertThat(task(first).getAssignee()).as("nothing open yet").isEqualTo("asha");
		String second = receiveApacLead();

		assertThat(task(second).getTaskDefinitionKey()).as("the first lead, not yet accepted, fills her capacity")
			.isEqualTo("AssignLead");
		assertThat(lastDetail(second)).contains("asha skipped: at capacity (1 of 1 open leads, counting those waiting");
	}

	@Test
	@DirtiesContext // the edited table stays deployed; later tests get a fresh engine
	void marketingLeavesTheRoundRobinOutOfTheCandidateOrderInTheTable() throws IOException {
		String table = shipped("rep-selection.dmn");
		String edited = table.replaceAll("(?s)<rule id=\"Rule_RoundRobin\">.*?</rule>\\s*", "");
		assertThat(edited).isNotEqualTo(table);
		repositoryService.createDeployment().name("marketing's edit").addString("rep-selection.dmn", edited).deploy();

		String leadId = receiveApacLead();

		assertThat(task(leadId).getTaskDefinitionKey()).as("a new account has no owner, and nobody else is asked")
			.isEqualTo("AssignLead");
		assertThat(lastDetail(leadId)).contains("nobody eligible, a manager assigns it").doesNotContain("asha");
	}

	private String shipped(String file) throws IOException {
		try (InputStream model = getClass().getResourceAsStream("/processes/" + file)) {
			return new String(model.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private String receiveApacLead() {
		return receive("JP", "Platform");
	}

	private String receive(String country, String productInterest) {
		return new LeadScenarios(intake, runtimeService, managementService, taskService)
			.hotLeadWaitingForItsFirstTask(country, productInterest);
	}

	private Task task(String leadId) {
		return taskService.createTaskQuery().processInstanceBusinessKey(leadId).singleResult();
	}

	/** The routing decision's trace. */
	private String lastDetail(String leadId) {
		return history.of(leadId)
			.stream()
			.filter(entry -> entry.type().equals("ROUTED") || entry.type().equals("NO_ELIGIBLE_REP"))
			.reduce((a, b) -> b)
			.orElseThrow()
			.detail();
	}

}
