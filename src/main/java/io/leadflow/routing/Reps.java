package io.leadflow.routing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

import io.leadflow.lead.LeadRepository;
import io.leadflow.routing.RepAvailability.Availability;

/**
 * Who is a rep, in which teams, and whether they can take a lead now. Membership comes from the
 * Camunda identity service (a new rep joins groups in Admin), availability from what a manager set.
 */
@Component
public class Reps {

	public static final String DIRECT_REPS = "sales-reps";

	public static final String PARTNER_REPS = "partner-reps";

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

	private final IdentityService identityService;

	private final RepAvailability availability;

	private final LeadRepository leads;

	Reps(IdentityService identityService, RepAvailability availability, LeadRepository leads) {
		this.identityService = identityService;
		this.availability = availability;
		this.leads = leads;
	}

	/** A territory or partner team, as opposed to a role group such as sales-reps. */
	public static boolean isTeam(String groupId) {
		return groupId.startsWith("territory-") || groupId.startsWith("partner-") && !groupId.equals(PARTNER_REPS);
	}

	public boolean isRep(String userId) {
		return isMember(userId, DIRECT_REPS) || isMember(userId, PARTNER_REPS);
	}

	boolean isMember(String userId, String groupId) {
		return userId != null && identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0;
	}

	Optional<User> user(String userId) {
		return Optional.ofNullable(identityService.createUserQuery().userId(userId).singleResult());
	}

	/** The team's reps, by user id; a manager or marketer in a team group takes no leads. */
	List<String> repsOf(String team) {
		String repGroup = team.startsWith("partner-") ? PARTNER_REPS : DIRECT_REPS;
		return identityService.createUserQuery()
			.memberOfGroup(team)
			.orderByUserId()
			.asc()
			.list()
			.stream()
			.map(User::getId)
			.filter(id -> isMember(id, repGroup))
			.toList();
	}

	public List<String> teamsOf(String userId) {
		return identityService.createGroupQuery()
			.groupMember(userId)
			.orderByGroupId()
			.asc()
			.list()
			.stream()
			.map(Group::getId)
			.filter(Reps::isTeam)
			.toList();
	}

	/** Why the rep cannot take a lead now (out of office, at capacity), or empty when they can. */
	Optional<String> unavailableBecause(String repId) {
		Availability set = availability.of(repId).orElse(Availability.ALWAYS);
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		if (set.outOfOfficeUntil() != null && set.outOfOfficeUntil().isAfter(now)) {
			return Optional.of("out of office until " + WHEN.format(set.outOfOfficeUntil().withOffsetSameInstant(ZoneOffset.UTC)));
		}
		if (set.capacity() != null) {
			int open = leads.openAcceptedLeads(repId);
			if (open >= set.capacity()) {
				return Optional.of("at capacity (" + open + " of " + set.capacity() + " open leads)");
			}
		}
		return Optional.empty();
	}

}
