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

import io.leadflow.identity.Groups;
import io.leadflow.lead.LeadRepository;
import io.leadflow.routing.RepAvailability.Availability;

/**
 * Who is a rep, in which teams, and whether they can take a lead now. Membership comes from the
 * Camunda identity service (a new rep joins groups in Admin), availability from what a manager set.
 */
@Component
public class Reps implements RepSelection.Directory {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

	private final IdentityService identityService;

	private final RepAvailability availability;

	private final LeadRepository leads;

	Reps(IdentityService identityService, RepAvailability availability, LeadRepository leads) {
		this.identityService = identityService;
		this.availability = availability;
		this.leads = leads;
	}

	public boolean isRep(String userId) {
		return isMember(userId, Groups.DIRECT_REPS) || isMember(userId, Groups.PARTNER_REPS);
	}

	@Override
	public boolean isMember(String userId, String groupId) {
		return userId != null && identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0;
	}

	Optional<User> user(String userId) {
		return Optional.ofNullable(identityService.createUserQuery().userId(userId).singleResult());
	}

	/** The team's reps, by user id; a manager or marketer in a team group takes no leads. */
	@Override
	public List<String> repsOf(String team) {
		String repGroup = Groups.repGroupOf(team);
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
			.filter(Groups::isTeam)
			.toList();
	}

	/** Why the rep cannot take a lead now (out of office, at capacity), or empty when they can. */
	@Override
	public Optional<String> unavailableBecause(String repId) {
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
