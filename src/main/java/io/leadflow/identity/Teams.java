package io.leadflow.identity;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.leadflow.designer.PolicyTables;

/**
 * Which groups are teams and who in a team does what, as the table {@code team-groups}
 * (processes/teams.dmn) says: a new kind of team, or another role group taking a kind of team's
 * leads, is a deployed table, with no Java change.
 */
@Component
public class Teams {

	private static final String TABLE = "team-groups";

	private final PolicyTables tables;

	Teams(PolicyTables tables) {
		this.tables = tables;
	}

	/** A team whose leads its members work, as opposed to a role group such as sales-reps. */
	public boolean isTeam(String groupId) {
		return groupId != null && Boolean.TRUE.equals(row(groupId).get("team"));
	}

	/** The role group whose members in the team take its leads. */
	public String repGroupOf(String team) {
		return teamOutput(team, "repGroup");
	}

	/** The role group whose members in the team are its managers, told when one of its leads needs a manager. */
	public String managerGroupOf(String team) {
		return teamOutput(team, "managerGroup");
	}

	private String teamOutput(String team, String output) {
		Map<String, Object> row = row(team);
		if (!Boolean.TRUE.equals(row.get("team"))) {
			throw new IllegalArgumentException(team + " is no team in the table " + TABLE);
		}
		return Optional.ofNullable((String) row.get(output))
			.orElseThrow(() -> new IllegalStateException("The table " + TABLE + " names no " + output + " for the team " + team));
	}

	private Map<String, Object> row(String groupId) {
		// the table's rules may read any input; a group id is all there is to know
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("groupId", groupId);
		return tables.single(TABLE, inputs);
	}

}
