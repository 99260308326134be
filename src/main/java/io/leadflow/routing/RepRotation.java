package io.leadflow.routing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The round robin within a team: the eligible rep who has waited longest since their last lead
 * gets the next one.
 */
@Repository
class RepRotation {

	private final JdbcClient jdbc;

	RepRotation(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Picks the next rep among {@code eligible} and marks them as just served, in the caller's transaction. */
	Optional<String> next(String team, Collection<String> eligible) {
		if (eligible.isEmpty()) {
			return Optional.empty();
		}
		for (String rep : eligible) {
			jdbc.sql("""
					INSERT INTO rep_rotation (rep_id, team, leads_assigned)
					SELECT :rep, :team, 0 WHERE NOT EXISTS
					  (SELECT 1 FROM rep_rotation WHERE rep_id = :rep AND team = :team)""")
				.param("rep", rep)
				.param("team", team)
				.update();
		}
		Optional<String> picked = jdbc.sql("""
				SELECT rep_id FROM rep_rotation WHERE team = :team AND rep_id IN (:eligible)
				ORDER BY CASE WHEN last_assigned_at IS NULL THEN 0 ELSE 1 END, last_assigned_at, rep_id
				LIMIT 1 FOR UPDATE""").param("team", team).param("eligible", eligible).query(String.class).optional();
		picked.ifPresent(rep -> jdbc.sql("""
				UPDATE rep_rotation SET last_assigned_at = :now, leads_assigned = leads_assigned + 1
				WHERE rep_id = :rep AND team = :team""")
			.param("now", OffsetDateTime.now(ZoneOffset.UTC))
			.param("rep", rep)
			.param("team", team)
			.update());
		return picked;
	}

}
