package io.leadflow.routing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The round robin within a team: of the eligible reps, the one who has waited longest since their
 * last lead gets the next one; reps who never had one come first, and ties are broken at random,
 * so no rep is favoured by name or by when they joined.
 *
 * <p>Two leads routed at the same moment must not both see the same "next" rep: the pick locks
 * the eligible reps' rows ({@code SELECT ... FOR UPDATE}, in a fixed order so two picks cannot
 * deadlock), and the second pick then sees the first's update. The pick commits in a transaction
 * of its own, so the rows are locked for the pick alone: holding them until the routing step
 * commits (its tables, task, timers and mail) made every lead of a team wait for the one before
 * (docs/performance.md). The turn is recorded for the lead and its routing number, and a routing
 * step that failed after its pick and is retried takes the same rep again instead of a second turn.
 */
@Repository
class RepRotation {

	private static final Comparator<Turn> LONGEST_WAITING = Comparator
		.comparing(Turn::lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparingInt(Turn::leadsAssigned);

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	RepRotation(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * The rep whose turn it is among {@code eligible}, for the lead's routing number
	 * {@code routingNo}; the turn is taken and committed at once. Asked again for the same routing,
	 * answers the rep it picked then, if still eligible.
	 */
	Optional<String> next(String team, List<String> eligible, String leadId, int routingNo) {
		if (eligible.isEmpty()) {
			return Optional.empty();
		}
		addNewcomers(team, eligible);
		return Optional.of(ownTransaction.execute(status -> {
			Optional<String> taken = jdbc
				.sql("SELECT rep_id FROM rep_turn WHERE lead_id = :lead AND routing_no = :routing AND team = :team")
				.param("lead", leadId)
				.param("routing", routingNo)
				.param("team", team)
				.query(String.class)
				.optional();
			if (taken.isPresent() && eligible.contains(taken.get())) {
				return taken.get();
			}
			String picked = pick(team, eligible);
			jdbc.sql("DELETE FROM rep_turn WHERE lead_id = :lead AND routing_no = :routing")
				.param("lead", leadId)
				.param("routing", routingNo)
				.update();
			jdbc.sql("""
					INSERT INTO rep_turn (lead_id, routing_no, team, rep_id, taken_at)
					VALUES (:lead, :routing, :team, :rep, :now)""")
				.param("lead", leadId)
				.param("routing", routingNo)
				.param("team", team)
				.param("rep", picked)
				.param("now", OffsetDateTime.now(ZoneOffset.UTC))
				.update();
			return picked;
		}));
	}

	/** Locks the eligible reps' rows, picks the one waiting longest and marks them as just served. */
	private String pick(String team, List<String> eligible) {
		List<Turn> turns = jdbc.sql("""
				SELECT rep_id, last_assigned_at, leads_assigned FROM rep_rotation
				WHERE team = :team AND rep_id IN (:eligible) ORDER BY rep_id FOR UPDATE""")
			.param("team", team)
			.param("eligible", eligible)
			.query((rs, row) -> new Turn(rs.getString("rep_id"), rs.getObject("last_assigned_at", OffsetDateTime.class),
					rs.getInt("leads_assigned")))
			.list();
		Turn first = turns.stream().min(LONGEST_WAITING).orElseThrow();
		List<Turn> tied = turns.stream().filter(turn -> LONGEST_WAITING.compare(turn, first) == 0).toList();
		String picked = tied.get(ThreadLocalRandom.current().nextInt(tied.size())).repId();
		jdbc.sql("""
				UPDATE rep_rotation SET last_assigned_at = :now, leads_assigned = leads_assigned + 1
				WHERE rep_id = :rep AND team = :team""")
			.param("now", OffsetDateTime.now(ZoneOffset.UTC))
			.param("rep", picked)
			.param("team", team)
			.update();
		return picked;
	}

	/**
	 * A rep's first turn in a team gets its row in a transaction of its own, so that two picks adding
	 * the same newcomer at once do not fail: the loser of that race finds the row and goes on.
	 */
	private void addNewcomers(String team, List<String> reps) {
		List<String> known = jdbc.sql("SELECT rep_id FROM rep_rotation WHERE team = :team AND rep_id IN (:reps)")
			.param("team", team)
			.param("reps", reps)
			.query(String.class)
			.list();
		reps.stream().filter(rep -> !known.contains(rep)).forEach(rep -> {
			try {
				ownTransaction.executeWithoutResult(status -> jdbc
					.sql("INSERT INTO rep_rotation (rep_id, team, leads_assigned) VALUES (?, ?, 0)")
					.params(rep, team)
					.update());
			}
			catch (DuplicateKeyException addedAtTheSameMoment) {
				// the row is there, which is all that was needed
			}
		});
	}

	private record Turn(String repId, OffsetDateTime lastAssignedAt, int leadsAssigned) {
	}

}
