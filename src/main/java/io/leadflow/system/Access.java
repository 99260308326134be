package io.leadflow.system;

import static io.leadflow.identity.Groups.*;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.servlet.HandlerInterceptor;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadflow.identity.Teams;
import io.leadflow.lead.LeadAssignees;

/**
 * Who may use which part of Leadflow's own API, and which leads they may see — in one place, with
 * the same groups as the engine's authorizations. Administrators may do everything; a path
 * nobody is granted is refused.
 */
@Component
public class Access implements HandlerInterceptor {

	/** Each part of the API and the groups that may use it. */
	private static final List<Rule> RULES = List.of(
			new Rule(HttpMethod.POST, "/api/leads", Set.of(MARKETING, INTAKE)),
			new Rule(HttpMethod.GET, "/api/leads", Set.of(MARKETING, MANAGERS, DIRECT_REPS, PARTNER_REPS)),
			// a lead's dossier; the list of imports beside it is not for reps
			new Rule(HttpMethod.GET, "/api/leads/{id:(?!imports$).+}", Set.of(MARKETING, MANAGERS, DIRECT_REPS, PARTNER_REPS)),
			new Rule(HttpMethod.POST, "/api/leads/imports", Set.of(MARKETING, INTAKE)),
			new Rule(HttpMethod.GET, "/api/leads/imports", Set.of(MARKETING, INTAKE)),
			new Rule(HttpMethod.GET, "/api/leads/imports/**", Set.of(MARKETING, INTAKE)),
			new Rule(HttpMethod.GET, "/api/reps/*", Set.of(MARKETING, MANAGERS)),
			new Rule(HttpMethod.PUT, "/api/reps/*", Set.of(MANAGERS)),
			new Rule(HttpMethod.GET, "/api/rejections/**", Set.of(MARKETING, MANAGERS)),
			new Rule(HttpMethod.GET, "/api/mails", Set.of(MARKETING)),
			// what each caller's numbers cover is io.leadflow.metrics' business: a partner rep gets their partner's
			new Rule(HttpMethod.GET, "/api/metrics/**", Set.of(MARKETING, MANAGERS, PARTNER_REPS, PARTNER_MANAGERS)),
			// a direct rep reads their own card and their team's medians, and nothing else of the numbers
			new Rule(HttpMethod.GET, "/api/metrics/report-cards/rep", Set.of(DIRECT_REPS)),
			new Rule(HttpMethod.POST, "/api/engagements", Set.of(MARKETING, INTAKE)),
			new Rule(HttpMethod.GET, "/api/accounts/*", Set.of(MARKETING, MANAGERS)));

	private static final AntPathMatcher PATHS = new AntPathMatcher();

	private final IdentityService identityService;

	private final LeadAssignees assignees;

	private final ObjectMapper objectMapper;

	private final Teams teamGroups;

	Access(IdentityService identityService, LeadAssignees assignees, ObjectMapper objectMapper, Teams teamGroups) {
		this.teamGroups = teamGroups;
		this.identityService = identityService;
		this.assignees = assignees;
		this.objectMapper = objectMapper;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		Viewer viewer = viewer();
		String path = request.getRequestURI().substring(request.getContextPath().length());
		boolean allowed = viewer.isAdmin() || RULES.stream()
			.filter(rule -> rule.method().matches(request.getMethod()) && PATHS.match(rule.path(), path))
			.anyMatch(rule -> viewer.inAny(rule.groups()))
			// a rep may look up their own availability
			|| HttpMethod.GET.matches(request.getMethod()) && path.equals("/api/reps/" + viewer.userId());
		if (!allowed) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
					viewer.userId() + " may not " + request.getMethod() + " " + path);
			problem.setTitle("Forbidden");
			response.setStatus(HttpStatus.FORBIDDEN.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			objectMapper.writeValue(response.getOutputStream(), problem);
		}
		return allowed;
	}

	/** The signed-in user of this request and their groups. */
	public Viewer viewer() {
		Authentication authentication = identityService.getCurrentAuthentication();
		if (authentication == null) {
			return new Viewer(null, Set.of(), Set.of());
		}
		Set<String> groups = new TreeSet<>(authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds());
		Set<String> teams = new TreeSet<>(groups.stream().filter(teamGroups::isTeam).toList());
		return new Viewer(authentication.getUserId(), groups, teams);
	}

	/**
	 * Whether the viewer may see this lead: marketing and administrators all leads; a manager the
	 * leads of their teams (every team for a manager in none); a rep the leads they own, had a task
	 * for, or that are offered to their team now. Partner reps are in no direct team, so they see
	 * only their partner's leads.
	 */
	public boolean maySee(Viewer viewer, String leadId, String team, String owner) {
		if (viewer.isAdmin() || viewer.inAny(Set.of(MARKETING))) {
			return true;
		}
		if (viewer.inAny(Set.of(MANAGERS))) {
			Set<String> teams = viewer.teams();
			return teams.isEmpty() || team != null && teams.contains(team);
		}
		if (viewer.inAny(Set.of(DIRECT_REPS, PARTNER_REPS))) {
			return viewer.userId().equals(owner) || owner == null && team != null && viewer.groups().contains(team)
					|| assignees.hadATask(viewer.userId(), leadId);
		}
		return false;
	}

	/**
	 * Whose numbers (docs/metrics.md) the viewer may see, as teams; null: every team. Marketing and
	 * administrators everything, a manager their teams (every team for a manager in none), a partner's
	 * rep or manager their partner only, anyone else nothing.
	 */
	public Set<String> teamsWhoseNumbersAreVisibleTo(Viewer viewer) {
		if (viewer.seesEverything()) {
			return null;
		}
		if (viewer.isManager()) {
			return viewer.teams().isEmpty() ? null : viewer.teams();
		}
		if (viewer.inAny(Set.of(PARTNER_REPS, PARTNER_MANAGERS))) {
			return viewer.teams();
		}
		return Set.of();
	}

	/** @param teams the territory and partner teams among the viewer's groups */
	public record Viewer(String userId, Set<String> groups, Set<String> teams) {

		boolean isAdmin() {
			return groups.contains(ADMINS);
		}

		boolean inAny(Set<String> wanted) {
			return groups.stream().anyMatch(wanted::contains);
		}

		public boolean seesEverything() {
			return isAdmin() || inAny(Set.of(MARKETING));
		}

		public boolean isManager() {
			return inAny(Set.of(MANAGERS));
		}

	}

	private record Rule(HttpMethod method, String path, Set<String> groups) {
	}

}
