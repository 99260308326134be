package io.leadflow.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.leadflow.identity.Groups;
import io.leadflow.lifecycle.RoutingPlan.Stop;

/**
 * Who of a team gets a lead, and why. The candidates are tried in the order marketing's table
 * {@code rep-candidate-order} gives (as shipped: the rep who sent it back to cultivation, offered
 * it again once re-baked, then the account's owner, then the team's round robin). Reps who
 * rejected the lead since its last cultivation, let its deadline pass, are out of office or at
 * capacity are skipped. Every rep considered is noted with the reason they were skipped, so the
 * lead's history shows the whole decision.
 *
 * <p>Plain Java: what it knows of reps comes through {@link Directory}, the turns through
 * {@link RoundRobin}, so the rules are tested without an engine or a database.
 */
public final class RepSelection {

	private final Directory directory;

	private final RoundRobin rotation;

	private final List<Candidate> order;

	/** @param order the candidates to try, first first */
	public RepSelection(Directory directory, RoundRobin rotation, List<Candidate> order) {
		this.directory = directory;
		this.rotation = rotation;
		this.order = List.copyOf(order);
	}

	public Pick pick(Stop stop, Candidacy lead) {
		List<String> considered = new ArrayList<>();
		for (Candidate candidate : order) {
			Optional<Pick> pick = switch (candidate) {
				case RETURNING_REP -> lead.returningRep() != null
						&& eligible(lead.returningRep(), "returning rep", stop, lead, considered)
								? Optional.of(new Pick(Optional.of(lead.returningRep()), true,
										"offered again after re-cultivation, as the rep who sent it back", considered))
								: Optional.empty();
				case ACCOUNT_OWNER -> lead.accountOwner() != null
						&& eligible(lead.accountOwner(), "account owner", stop, lead, considered)
								? Optional.of(new Pick(Optional.of(lead.accountOwner()), false,
										"owner of the account " + lead.accountName(), considered))
								: Optional.empty();
				case ROUND_ROBIN -> roundRobin(stop, lead, considered);
			};
			if (pick.isPresent()) {
				return pick.get();
			}
		}
		return new Pick(Optional.empty(), false, "nobody of " + order + " could take it", considered);
	}

	private Optional<Pick> roundRobin(Stop stop, Candidacy lead, List<String> considered) {
		List<String> candidates = new ArrayList<>();
		for (String rep : directory.repsOf(stop.team())) {
			if (eligible(rep, null, stop, lead, considered)) {
				candidates.add(rep);
			}
		}
		Optional<String> next = rotation.next(stop.team(), candidates);
		return next.map(rep -> new Pick(next, false, "round robin: waited longest of " + candidates, considered));
	}

	/** Whom the selection may try, as the table {@code rep-candidate-order} names them. */
	public enum Candidate {
		RETURNING_REP, ACCOUNT_OWNER, ROUND_ROBIN;

		/** The table's candidate; a name it does not know is the designer's typo, and said so. */
		public static Candidate named(Object name) {
			for (Candidate candidate : values()) {
				if (candidate.name().equals(name)) {
					return candidate;
				}
			}
			throw new IllegalStateException("The table rep-candidate-order names the candidate " + name
					+ "; it may name " + java.util.Arrays.toString(values()));
		}
	}

	/** Whether the rep may take the lead now; notes the rep and, if skipped, why. */
	private boolean eligible(String rep, String role, Stop stop, Candidacy lead, List<String> considered) {
		Optional<String> skip;
		if (stop.isPartner() ? !directory.isMember(rep, stop.team()) : !directory.isMember(rep, Groups.DIRECT_REPS)) {
			skip = Optional.of(stop.isPartner() ? "not a rep of " + stop.team() : "not a direct rep");
		}
		else if (lead.rejectedBy().contains(rep)) {
			skip = Optional.of("rejected this lead");
		}
		else if (lead.breachedBy().contains(rep)) {
			skip = Optional.of("let this lead's deadline pass");
		}
		else {
			skip = directory.unavailableBecause(rep);
		}
		String name = role == null ? rep : rep + " (" + role + ")";
		considered.add(skip.map(reason -> name + " skipped: " + reason).orElse(name));
		return skip.isEmpty();
	}

	/** What the selection needs to know of the reps. */
	public interface Directory {

		boolean isMember(String userId, String groupId);

		/** The team's reps, in a fixed order. */
		List<String> repsOf(String team);

		/** Why the rep cannot take a lead now, or empty when they can. */
		Optional<String> unavailableBecause(String rep);

	}

	/** The team's turns: of the eligible reps, whose turn it is; taking the turn counts it. */
	public interface RoundRobin {

		Optional<String> next(String team, List<String> eligible);

	}

	/**
	 * The lead as routing sees it.
	 *
	 * @param returningRep the rep who sent it back to cultivation, or null
	 * @param rejectedBy reps who rejected it since its last cultivation
	 * @param breachedBy reps who let its deadline pass since its last cultivation
	 */
	public record Candidacy(String returningRep, String accountOwner, String accountName, Set<String> rejectedBy,
			Set<String> breachedBy) {
	}

	/**
	 * @param returning the rep is the returning rep, offered the lead again
	 * @param why how the rep was chosen
	 * @param considered each rep looked at, with why they were skipped
	 */
	public record Pick(Optional<String> rep, boolean returning, String why, List<String> considered) {

		/** What the lead's history says of the choice. */
		public String describe() {
			String seen = "considered " + (considered.isEmpty() ? "nobody" : String.join(", ", considered));
			return rep.map(picked -> seen + "; picked " + picked + " (" + why + ")")
				.orElse(seen + "; nobody eligible, a manager assigns it");
		}

	}

}
