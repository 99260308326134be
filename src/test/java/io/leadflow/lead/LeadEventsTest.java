package io.leadflow.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import io.leadflow.lead.LeadEvents.QualificationRoute;

/**
 * A lead's story, event by event, against Leadflow's own tables (the migrations on H2, no engine):
 * what each event does to status, owner and history, and which events a lead refuses as it stands.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ LeadEvents.class, LeadMilestones.class, LeadRepository.class, Accounts.class, Contacts.class, LeadHistory.class,
		LeadRejections.class, LeadBreaches.class, RoutingCorrections.class })
class LeadEventsTest {

	@Autowired
	private LeadEvents events;

	@Autowired
	private LeadRepository leads;

	@Autowired
	private Accounts accounts;

	@Autowired
	private Contacts contacts;

	@Autowired
	private LeadHistory history;

	@Autowired
	private LeadRejections rejections;

	@Autowired
	private LeadBreaches breaches;

	@Autowired
	private org.springframework.jdbc.core.simple.JdbcClient jdbc;

	/** No one signed in: the engine's own steps act as "system". */
	@MockitoBean
	private IdentityService identityService;

	private String lead;

	@BeforeEach
	void aLeadFromTheWebsite() {
		String accountId = accounts.insert(new Account("acme-" + UUID.randomUUID() + ".example", "Acme", "DE", "Software", 500));
		String contactId = contacts.insert(accountId,
				new Contact(UUID.randomUUID() + "@acme.example", "Greta", "Gruber", null, "CTO", "EXECUTIVE"));
		lead = UUID.randomUUID().toString();
		events.received(new NewLead(lead, null, contactId, accountId, "WEBSITE", "Q4", "Platform", true, true, true, 3),
				"Received from WEBSITE / Q4: Greta Gruber");
	}

	@Test
	void aSalesReadyLeadIsRoutedToARepWhoAcceptsAndWinsIt() {
		assertThat(status()).isEqualTo(LeadStatus.NEW);

		events.qualified(lead, 82, "A", QualificationRoute.SALES_READY, false, "Score 82, grade A, SALES_READY", null);
		assertThat(status()).as("sales-ready without a check goes straight on").isEqualTo(LeadStatus.NEW);

		events.routed(lead, "territory-emea", "elias", "Routing table: territory-emea; picked elias");
		assertThat(current().team()).isEqualTo("territory-emea");
		assertThat(current().ownerId()).isEqualTo("elias");
		assertThat(status()).isEqualTo(LeadStatus.ROUTED);

		events.accepted(lead, "territory-emea", "elias");
		assertThat(status()).isEqualTo(LeadStatus.ACCEPTED);
		assertThat(current().accountOwnerId()).as("the first rep to accept becomes the account's owner").isEqualTo("elias");

		events.won(lead, new BigDecimal("48000.50"));
		Lead won = current();
		assertThat(won.status()).isEqualTo(LeadStatus.WON);
		assertThat(won.dealValue()).isEqualByComparingTo("48000.50");
		assertThat(won.closedAt()).isNotNull();
		assertThat(types()).containsExactly("RECEIVED", "QUALIFIED", "ROUTED", "ACCEPTED", "WON");
		assertThat(history.of(lead)).allSatisfy(entry -> assertThat(entry.actor()).isEqualTo(LeadHistory.SYSTEM));
	}

	@Test
	void aLeadRejectedOnceAndAcceptedByTheNextRepCountsOnceInEachStageAndTwiceAsAnOffer() {
		events.qualified(lead, 82, "A", QualificationRoute.SALES_READY, false, "Score 82, grade A, sales ready", null);
		events.routed(lead, "territory-emea", "elias", "picked elias");
		events.rejected(lead, "territory-emea", "elias", "NOT_READY", "next year");
		events.routed(lead, "territory-emea", "emma", "picked emma");
		events.accepted(lead, "territory-emea", "emma");

		Map<String, Object> stages = jdbc.sql("SELECT * FROM lead_funnel WHERE lead_id = ?").param(lead).query().singleRow();
		assertThat(stages).extractingByKeys("sales_ready_at", "routed_at", "rejected_at", "accepted_at")
			.doesNotContainNull();
		assertThat(stages.get("cultivated_at")).isNull();
		assertThat(jdbc.sql("SELECT rep_id, answer FROM lead_offer WHERE lead_id = ? ORDER BY id").param(lead)
			.query((row, n) -> row.getString("rep_id") + " " + row.getString("answer")).list())
			.containsExactly("elias REJECTED", "emma ACCEPTED");
	}

	@Test
	void aLeadOfferedToTheWholeTeamIsTheAnsweringRepsOffer() {
		events.qualified(lead, 82, "A", QualificationRoute.SALES_READY, false, "sales ready", null);
		events.offeredToTeam(lead, "territory-emea");
		events.deadlineMissed(lead, null, "territory-emea", "8 hours", 1, false, null);

		assertThat(jdbc.sql("SELECT COALESCE(rep_id, '(team)') || ' ' || answer FROM lead_offer WHERE lead_id = ?")
			.param(lead).query(String.class).list()).containsExactly("(team) MISSED");
	}

	@Test
	void aWonLeadIsNotRoutedAgainAndNothingChanges() {
		acceptedByElias();
		events.won(lead, BigDecimal.TEN);
		List<LeadHistory.Entry> before = history.of(lead);

		assertThatThrownBy(() -> events.routed(lead, "territory-emea", "emma", "again"))
			.isInstanceOf(LeadTransitionRefused.class)
			.hasMessageContaining("is WON")
			.hasMessageContaining("cannot be routed");
		assertThatThrownBy(() -> events.lost(lead, null, "changed their mind", false)).isInstanceOf(LeadTransitionRefused.class);

		assertThat(current().ownerId()).isEqualTo("elias");
		assertThat(status()).isEqualTo(LeadStatus.WON);
		assertThat(history.of(lead)).isEqualTo(before);
	}

	@Test
	void aLeadNobodyRoutedCannotBeAcceptedOrWon() {
		assertThatThrownBy(() -> events.accepted(lead, "territory-emea", "elias")).isInstanceOf(LeadTransitionRefused.class)
			.hasMessageContaining("is NEW");
		assertThatThrownBy(() -> events.won(lead, BigDecimal.ONE)).isInstanceOf(LeadTransitionRefused.class);
		assertThat(status()).isEqualTo(LeadStatus.NEW);
		assertThat(types()).containsExactly("RECEIVED");
	}

	@Test
	void aRejectionIsKeptWithItsReasonAndTheRepIsNotOfferedTheLeadAgainUntilItIsReBaked() {
		routedToElias();

		int count = events.rejected(lead, "territory-emea", "elias", "WRONG_TERRITORY", "We don't cover Bavaria");

		assertThat(count).isEqualTo(1);
		assertThat(status()).isEqualTo(LeadStatus.REJECTED);
		assertThat(current().ownerId()).isNull();
		assertThat(current().team()).isEqualTo("territory-emea");
		assertThat(rejections.of(lead)).singleElement().satisfies(rejection -> {
			assertThat(rejection.rep()).isEqualTo("elias");
			assertThat(rejection.reason()).isEqualTo("WRONG_TERRITORY");
		});
		assertThat(rejections.repsWhoRejectedSinceCultivation(lead)).containsExactly("elias");
		assertThat(lastDetail()).isEqualTo("Rejected by elias: WRONG_TERRITORY — We don't cover Bavaria");

		events.returnedToCultivation(lead, "elias");

		assertThat(status()).isEqualTo(LeadStatus.CULTIVATING);
		assertThat(current().team()).isNull();
		assertThat(rejections.repsWhoRejectedSinceCultivation(lead)).as("re-baked: nobody is kept from it").isEmpty();
		assertThat(lastDetail()).contains("elias is offered it first");
	}

	@Test
	void aPartnerThatLetsTheDeadlinePassPassesTheLeadOnWhileADirectTeamsManagerDecides() {
		events.routed(lead, "partner-northwind", "nora", "trace");

		events.deadlineMissed(lead, "nora", "partner-northwind", "PT8H", 1, true, "territory-emea");

		assertThat(status()).as("still waiting for the next team in line").isEqualTo(LeadStatus.ROUTED);
		assertThat(current().ownerId()).isNull();
		assertThat(breaches.repsSinceCultivation(lead)).containsExactly("nora");
		assertThat(types()).endsWith("SLA_BREACH", "ROUTING_CASCADE");
		assertThat(lastDetail()).isEqualTo("partner-northwind let the lead time out; next in line is territory-emea");

		events.routed(lead, "territory-emea", "elias", "trace");
		events.deadlineMissed(lead, "elias", "territory-emea", "PT8H", 2, false, null);

		assertThat(status()).isEqualTo(LeadStatus.ESCALATED);
		assertThat(lastDetail()).isEqualTo(
				"elias did not accept or reject the lead within PT8H (2 deadlines missed in a row); the manager decides");
	}

	@Test
	void aStaleLeadGoesToTheManagerWhoLeavesItWithTheRepOrTakesItAway() {
		acceptedByElias();

		events.goneStale(lead, "elias", "P30D");
		assertThat(status()).isEqualTo(LeadStatus.ESCALATED);

		events.staleLeadKept(lead, "REMIND", "Call them this week");
		assertThat(status()).isEqualTo(LeadStatus.ACCEPTED);
		assertThat(lastDetail()).isEqualTo("REMIND: Call them this week");

		events.goneStale(lead, "elias", "P30D");
		events.staleLeadTakenAway(lead, "elias", "territory-emea", "REASSIGN", null);
		assertThat(current().ownerId()).isNull();
		assertThat(breaches.repsSinceCultivation(lead)).containsExactly("elias");
	}

	@Test
	void aLeadLostForTimingGoesBackToCultivationAndIsOpenAgain() {
		acceptedByElias();

		events.lost(lead, "TIMING", "Budget next year", true);
		assertThat(status()).isEqualTo(LeadStatus.LOST);
		assertThat(lastDetail()).isEqualTo("Lost for timing: Budget next year — back to cultivation, not lost for good");

		events.returnedToCultivation(lead, "elias");
		assertThat(status()).isEqualTo(LeadStatus.CULTIVATING);
		assertThat(current().closedAt()).isNull();
		assertThat(leads.findOpenByEmail(current().contact().email())).map(Lead::id).hasValue(lead);
	}

	@Test
	void aDisqualifiedLeadIsClosedAndItsContactMayStartANewOne() {
		events.cultivationStarted(lead, 1, false, Instant.parse("2027-01-01T00:00:00Z"), "P60D");
		events.dormant(lead, "P60D");
		assertThat(status()).isEqualTo(LeadStatus.DORMANT);

		events.disqualified(lead, "Student");

		assertThat(status()).isEqualTo(LeadStatus.DISQUALIFIED);
		assertThat(lastDetail()).isEqualTo("Disqualified: Student");
		assertThat(leads.findOpenByEmail(current().contact().email())).isEmpty();
		assertThatThrownBy(() -> events.dormant(lead, "P60D")).isInstanceOf(LeadTransitionRefused.class);
	}

	@Test
	void theQualificationTableCanSendALeadToMarketingToCultivationOrOut() {
		events.qualified(lead, 55, "B", QualificationRoute.SALES_READY, true, "checked first", null);
		assertThat(status()).isEqualTo(LeadStatus.QUALIFYING);

		events.checkedByMarketing(lead, QualificationRoute.CULTIVATE, "Not yet");
		assertThat(status()).isEqualTo(LeadStatus.CULTIVATING);

		events.qualified(lead, 5, "D", QualificationRoute.DISQUALIFY, false, "Score 5", "a competitor's domain");
		assertThat(status()).isEqualTo(LeadStatus.DISQUALIFIED);
		assertThat(current().score()).isEqualTo(5);
		assertThat(lastDetail()).isEqualTo("Disqualified by the qualification rules: a competitor's domain");
	}

	private void routedToElias() {
		events.routed(lead, "territory-emea", "elias", "trace");
	}

	private void acceptedByElias() {
		routedToElias();
		events.accepted(lead, "territory-emea", "elias");
	}

	private Lead current() {
		return leads.findById(lead).orElseThrow();
	}

	private LeadStatus status() {
		return current().status();
	}

	private List<String> types() {
		return history.of(lead).stream().map(LeadHistory.Entry::type).toList();
	}

	private String lastDetail() {
		List<LeadHistory.Entry> entries = history.of(lead);
		return entries.get(entries.size() - 1).detail();
	}

}
