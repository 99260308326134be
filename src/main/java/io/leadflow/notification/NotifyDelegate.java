package io.leadflow.notification;

import static io.leadflow.lifecycle.LeadLifecycle.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import io.leadflow.cultivation.Cultivation;
import io.leadflow.identity.Groups;
import io.leadflow.identity.Teams;
import io.leadflow.system.ProcessVariable;
import io.leadflow.system.SystemAccess;

/**
 * The mail events of {@code lead-lifecycle} ({@code ${notify}}, with input parameter
 * {@code mailKind}): decides who gets which mail from the lead's state now, and hands the sending
 * to an instance of {@code lead-notification} of its own. The lifecycle never waits for a mail
 * server, and a mail step never competes with a rep completing a task on the same instance.
 */
@Component("notify")
class NotifyDelegate implements JavaDelegate {

	static final String NOTIFICATION_PROCESS = "lead-notification";

	/** Input parameter of each mail event in the lifecycle model: which {@link MailKind} it is. */
	static final ProcessVariable<String> MAIL_KIND = ProcessVariable.text("mailKind");

	static final String MAILS = "mails";

	/** The task the mails are about, for their Tasklist link. */
	static final ProcessVariable<String> TASK_KEY = ProcessVariable.text("taskKey");

	/** The recipient of a mail to the lead's contact, whose address is looked up when it is sent. */
	static final String CONTACT = "contact";

	/** What a touch mail offers: the nurture plan's content and link, and the touch's number in the loop. */
	static final ProcessVariable<Map<String, Object>> TOUCH = ProcessVariable.map("touch");

	private final RuntimeService runtimeService;

	private final IdentityService identityService;

	private final SystemAccess system;

	private final Teams teams;

	NotifyDelegate(RuntimeService runtimeService, IdentityService identityService, SystemAccess system, Teams teams) {
		this.teams = teams;
		this.runtimeService = runtimeService;
		this.identityService = identityService;
		this.system = system;
	}

	@Override
	public void execute(DelegateExecution execution) {
		// whoever's step led here, deciding on and starting the mails is Leadflow's own doing
		system.run(() -> notify(execution));
	}

	private void notify(DelegateExecution execution) {
		MailKind kind = MailKind.valueOf(MAIL_KIND.get(execution));
		String rep = REP.get(execution);
		String team = TEAM.get(execution);
		List<Map<String, String>> mails = new ArrayList<>();
		String taskKey;
		switch (kind) {
			case LEAD_ASSIGNED -> {
				taskKey = TASK_REVIEW_LEAD;
				if (rep != null) {
					mails.add(mail(rep.equals(RETURNED_TO.get(execution)) ? MailKind.LEAD_RETURNED : kind, rep));
				}
				else {
					// offered to the whole team: every rep of it may claim the lead
					members(team).forEach(member -> mails.add(mail(MailKind.LEAD_OFFERED, member)));
				}
			}
			case ESCALATED -> {
				taskKey = TASK_HANDLE_UNACCEPTED_LEAD;
				managersOf(team).forEach(manager -> mails.add(mail(kind, manager)));
				String breachedBy = BREACHED_BY.get(execution);
				if (breachedBy != null) {
					mails.add(mail(MailKind.REASSIGNED_AWAY, breachedBy));
				}
			}
			case ACCEPTANCE_REMINDER -> {
				taskKey = TASK_REVIEW_LEAD;
				if (rep != null) {
					mails.add(mail(kind, rep));
				}
			}
			case DISPOSITION_REMINDER -> {
				taskKey = TASK_REPORT_DISPOSITION;
				if (rep != null) {
					mails.add(mail(kind, rep));
				}
			}
			case NURTURE_TOUCH -> {
				taskKey = null;
				mails.add(mail(kind, CONTACT));
			}
			default -> throw new IllegalStateException(kind + " is not sent by the lifecycle");
		}
		if (mails.isEmpty()) {
			return;
		}
		runtimeService.startProcessInstanceByKey(NOTIFICATION_PROCESS, execution.getProcessBusinessKey(),
				Variables.createVariables()
					.putValue(LEAD_ID.name(), execution.getProcessBusinessKey())
					.putValue(MAILS, mails)
					.putValue(TASK_KEY.name(), taskKey)
					.putValue(TEAM.name(), team)
					.putValue(BREACHED_BY.name(), BREACHED_BY.get(execution))
					// the mail reads the table's outputs as the models do
					.putValue(ACCEPTANCE_POLICY.name(), ACCEPTANCE_POLICY.raw(execution))
					.putValue(TOUCH.name(), kind == MailKind.NURTURE_TOUCH ? touch(execution) : null));
	}

	private static Map<String, Object> touch(DelegateExecution execution) {
		Map<String, Object> touch = new LinkedHashMap<>(Cultivation.NURTURE_PLAN.get(execution));
		touch.put("number", Cultivation.TOUCHES_SENT.getOrDefault(execution, 0) + 1);
		return touch;
	}

	private static Map<String, String> mail(MailKind kind, String recipient) {
		return Map.of("kind", kind.name(), "recipient", recipient);
	}

	private List<String> members(String group) {
		return group == null ? List.of()
				: identityService.createUserQuery().memberOfGroup(group).list().stream().map(User::getId).toList();
	}

	/**
	 * The team's managers (members of its manager group, team-groups in processes/teams.dmn, who are
	 * in the team), or every member of that group when the team has none of its own; every sales
	 * manager, who are the ones offered the task, for a lead in no team.
	 */
	private Set<String> managersOf(String team) {
		String managerGroup = teams.isTeam(team) ? teams.managerGroupOf(team) : Groups.MANAGERS;
		Set<String> managers = new LinkedHashSet<>(members(managerGroup));
		Set<String> own = new LinkedHashSet<>(managers);
		own.retainAll(members(team));
		return own.isEmpty() ? managers : own;
	}

}
