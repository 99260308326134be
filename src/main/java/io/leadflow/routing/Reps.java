package io.leadflow.routing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

import io.leadflow.designer.PolicyTables;
import io.leadflow.identity.Groups;
import io.leadflow.identity.Teams;
import io.leadflow.lead.LeadRepository;
import io.leadflow.routing.RepAvailability.Availability;
import io.leadflow.system.HumanWords;
import io.leadflow.system.SystemAccess;

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

	private final SystemAccess system;

	private final PolicyTables tables;

	private final Teams teamGroups;

	Reps(IdentityService identityService, RepAvailability availability, LeadRepository leads, SystemAccess system,
			PolicyTables tables, Teams teamGroups) {
		this.tables = tables;
		this.teamGroups = teamGroups;
		this.system = system;
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

	/** The user's name as people read it, e.g. "Emma Engel"; the id when there is no such user. */
	public String nameOf(String userId) {
		return system.call(() -> user(userId)).map(Reps::fullName).orElse(userId);
	}

	public static String fullName(User user) {
		String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
				+ (user.getLastName() == null ? "" : user.getLastName())).trim();
		return name.isEmpty() ? user.getId() : name;
	}

	/** The team's reps, by user id; a manager or marketer in a team group takes no leads. */
	@Override
	public List<String> repsOf(String team) {
		String repGroup = teamGroups.repGroupOf(team);
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
			.filter(teamGroups::isTeam)
			.toList();
	}

	/**
	 * Every territory and partner team, by name. Read as Leadflow: a rep's form lists teams the rep
	 * is no member of, and a group's name is no secret.
	 */
	public List<Group> teams() {
		return system.call(() -> identityService.createGroupQuery().orderByGroupName().asc().list())
			.stream()
			.filter(group -> teamGroups.isTeam(group.getId()))
			.toList();
	}

	public Optional<Group> team(String groupId) {
		return !teamGroups.isTeam(groupId) ? Optional.empty()
				: Optional.ofNullable(system.call(() -> identityService.createGroupQuery().groupId(groupId).singleResult()));
	}

	/**
	 * Every rep a manager may give a lead to, the team's own first, each with their teams, open
	 * leads and whether they can take one now — for the select of a manager's form.
	 */
	public List<Choice> choices(String team) {
		return system.call(() -> {
			// each team's name once, not once per rep
			java.util.Map<String, String> teamNames = new java.util.HashMap<>();
			teams().forEach(group -> teamNames.put(group.getId(), group.getName() == null ? group.getId() : group.getName()));
			List<String> ids = new java.util.ArrayList<>(team == null ? List.of() : repsOf(team));
			for (String group : List.of(Groups.DIRECT_REPS, Groups.PARTNER_REPS)) {
				identityService.createUserQuery().memberOfGroup(group).orderByUserId().asc().list().stream()
					.map(User::getId)
					.filter(id -> !ids.contains(id))
					.forEach(ids::add);
			}
			return ids.stream().map(id -> {
				User user = identityService.createUserQuery().userId(id).singleResult();
				String name = user == null ? id : fullName(user);
				List<String> teams = teamsOf(id).stream()
					.map(groupId -> teamNames.getOrDefault(groupId, groupId))
					.toList();
				Optional<String> unavailable = unavailableBecause(id);
				String label = name + " — " + (teams.isEmpty() ? "no team" : String.join(", ", teams)) + " · "
						+ HumanWords.count(leads.openAcceptedLeads(id), "open lead") + unavailable.map(why -> " · " + why).orElse("");
				return new Choice(id, label, unavailable.isPresent());
			}).toList();
		});
	}

	/** @param unavailable out of office or at capacity now: assigning needs the manager's confirmation */
	public record Choice(String id, String label, boolean unavailable) {
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
			boolean waitingCount = Boolean.TRUE.equals(tables.single("rep-capacity", Map.of()).get("countsWaitingForAcceptance"));
			int open = leads.openAcceptedLeads(repId) + (waitingCount ? leads.leadsWaitingForAcceptance(repId) : 0);
			if (open >= set.capacity()) {
				return Optional.of("at capacity (" + open + " of " + set.capacity() + " open leads"
						+ (waitingCount ? ", counting those waiting for acceptance)" : ")"));
			}
		}
		return Optional.empty();
	}

}
