package io.leadflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.leadflow.DecisionTables;
import io.leadflow.identity.Groups;
import io.leadflow.lifecycle.RoutingPlan.Stop;
import io.leadflow.routing.RepSelection.Candidacy;
import io.leadflow.routing.RepSelection.Pick;

/** Who of a team gets a lead, and the reasons the history shows — with a directory of plain maps. */
class RepSelectionTest {

	private static final Stop EMEA = new Stop("territory-emea", "DIRECT", "DACH and Nordics");

	private static final Stop NORTHWIND = new Stop("partner-northwind", "PARTNER", "partner preferred");

	private final Map<String, Set<String>> groups = new HashMap<>(Map.of(
			"elias", Set.of(Groups.DIRECT_REPS, "territory-emea"),
			"emma", Set.of(Groups.DIRECT_REPS, "territory-emea"),
			"erik", Set.of(Groups.DIRECT_REPS, "territory-emea"),
			"nora", Set.of(Groups.PARTNER_REPS, "partner-northwind"),
			"sam", Set.of(Groups.MANAGERS, "territory-emea")));

	private final Map<String, String> away = new HashMap<>();

	/** The reps the round robin was asked about, and it gives the first of them. */
	private final List<List<String>> turnsAskedFor = new ArrayList<>();

	private final RepSelection selection = new RepSelection(new RepSelection.Directory() {

		@Override
		public boolean isMember(String userId, String groupId) {
			return groups.getOrDefault(userId, Set.of()).contains(groupId);
		}

		@Override
		public List<String> repsOf(String team) {
			// as the shipped processes/teams.dmn says
			String repGroup = team.startsWith("partner-") ? Groups.PARTNER_REPS : Groups.DIRECT_REPS;
			return groups.keySet().stream().filter(user -> isMember(user, team) && isMember(user, repGroup))
				.sorted().toList();
		}

		@Override
		public Optional<String> unavailableBecause(String rep) {
			return Optional.ofNullable(away.get(rep));
		}

	}, (team, eligible) -> {
		turnsAskedFor.add(eligible);
		return eligible.stream().findFirst();
	}, shippedOrder());

	/** The order of the shipped table {@code rep-candidate-order}. */
	private static List<RepSelection.Candidate> shippedOrder() {
		return DecisionTables.load("rep-selection.dmn", "rep-candidate-order")
			.evaluateList(Map.of("channel", "DIRECT"))
			.stream()
			.map(result -> RepSelection.Candidate.named(result.get("candidate")))
			.toList();
	}

	@Test
	void theRepWhoSentTheLeadBackToCultivationIsOfferedItFirst() {
		Pick pick = selection.pick(EMEA, lead("emma", "elias", Set.of(), Set.of()));

		assertThat(pick.rep()).hasValue("emma");
		assertThat(pick.returning()).isTrue();
		assertThat(pick.describe())
			.isEqualTo("considered emma (returning rep); picked emma (offered again after re-cultivation, as the rep who sent it back)");
		assertThat(turnsAskedFor).as("nobody's turn is used up").isEmpty();
	}

	@Test
	void theAccountOwnerComesNextAndTheRoundRobinLast() {
		assertThat(selection.pick(EMEA, lead(null, "elias", Set.of(), Set.of())).describe())
			.isEqualTo("considered elias (account owner); picked elias (owner of the account Acme)");

		Pick roundRobin = selection.pick(EMEA, lead(null, null, Set.of(), Set.of()));
		assertThat(roundRobin.rep()).hasValue("elias");
		assertThat(roundRobin.why()).isEqualTo("round robin: waited longest of [elias, emma, erik]");
		assertThat(turnsAskedFor).containsExactly(List.of("elias", "emma", "erik"));
	}

	@Test
	void repsWhoRejectedTheLeadLetItsDeadlinePassOrAreAwayAreSkippedWithTheirReason() {
		away.put("erik", "out of office until 2026-12-24 17:00 UTC");

		Pick pick = selection.pick(EMEA, lead("elias", "elias", Set.of("elias"), Set.of("emma")));

		assertThat(pick.rep()).isEmpty();
		assertThat(pick.considered()).containsExactly("elias (returning rep) skipped: rejected this lead",
				"elias (account owner) skipped: rejected this lead", "elias skipped: rejected this lead",
				"emma skipped: let this lead's deadline pass", "erik skipped: out of office until 2026-12-24 17:00 UTC");
		assertThat(pick.describe()).endsWith("; nobody eligible, a manager assigns it");
	}

	@Test
	void aPartnersLeadGoesOnlyToThatPartnersRepsAndADirectTeamsOnlyToDirectReps() {
		Pick partner = selection.pick(NORTHWIND, lead(null, "elias", Set.of(), Set.of()));
		assertThat(partner.rep()).hasValue("nora");
		assertThat(partner.considered()).containsExactly("elias (account owner) skipped: not a rep of partner-northwind", "nora");

		groups.put("nora", Set.of(Groups.PARTNER_REPS, "partner-northwind", "territory-emea"));
		Pick direct = selection.pick(EMEA, lead(null, "nora", Set.of(), Set.of()));
		assertThat(direct.considered()).first().isEqualTo("nora (account owner) skipped: not a direct rep");
		assertThat(direct.considered()).as("a manager in the team takes no leads").noneMatch(note -> note.startsWith("sam"));
	}

	private static Candidacy lead(String returningRep, String accountOwner, Set<String> rejectedBy, Set<String> breachedBy) {
		return new Candidacy(returningRep, accountOwner, "Acme", rejectedBy, breachedBy);
	}

}
