package io.leadflow.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.leadflow.identity.Groups;
import io.leadflow.lifecycle.RoutingPlan.Stop;

/**
 * Who of a team gets a lead, and why. First choice is the rep who sent it back to cultivation
 * (offered it again once re-baked), then the account's owner, then the team's round robin. Reps who
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

	public RepSelection(Directory directory, RoundRobin rotation) {
		this.directory = directory;
		this.rotation = rotation;
	}

	public Pick pick(Stop stop, Candidacy lead) {
		List<String> considered = new ArrayList<>();
		if (lead.returningRep() != null && eligible(lead.returningRep(), "returning rep", stop, lead, considered)) {
			return new Pick(Optional.of(lead.returningRep()), true,
					"offered again after re-cultivation, as the rep who sent it back", considered);
		}
		String owner = lead.accountOwner();
		if (owner != null && eligible(owner, "account owner", stop, lead, considered)) {
			return new Pick(Optional.of(owner), false, "owner of the account " + lead.accountName(), considered);
		}
		List<String> candidates = new ArrayList<>();
		for (String rep : directory.repsOf(stop.team())) {
			if (eligible(rep, null, stop, lead, considered)) {
				candidates.add(rep);
			}
		}
		return new Pick(rotation.next(stop.team(), candidates), false, "round robin: waited longest of " + candidates,
				considered);
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
