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

	static final String MAIL_KIND = "mailKind";

	static final String MAILS = "mails";

	static final String TASK_KEY = "taskKey";

	/** The recipient of a mail to the lead's contact, whose address is looked up when it is sent. */
	static final String CONTACT = "contact";

	/** What a touch mail offers: the nurture plan's content and link, and the touch's number in the loop. */
	static final String TOUCH = "touch";

	private static final String MANAGERS = "sales-managers";

	private final RuntimeService runtimeService;

	private final IdentityService identityService;

	private final SystemAccess system;

	NotifyDelegate(RuntimeService runtimeService, IdentityService identityService, SystemAccess system) {
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
		MailKind kind = MailKind.valueOf((String) execution.getVariableLocal(MAIL_KIND));
		String rep = (String) execution.getVariable(REP);
		String team = (String) execution.getVariable(TEAM);
		List<Map<String, String>> mails = new ArrayList<>();
		String taskKey;
		switch (kind) {
			case LEAD_ASSIGNED -> {
				taskKey = TASK_REVIEW_LEAD;
				if (rep != null) {
					mails.add(mail(rep.equals(execution.getVariable(RETURNED_TO)) ? MailKind.LEAD_RETURNED : kind, rep));
				}
				else {
					// offered to the whole team: every rep of it may claim the lead
					members(team).forEach(member -> mails.add(mail(MailKind.LEAD_OFFERED, member)));
				}
			}
			case ESCALATED -> {
				taskKey = TASK_HANDLE_UNACCEPTED_LEAD;
				managersOf(team).forEach(manager -> mails.add(mail(kind, manager)));
				String breachedBy = (String) execution.getVariable(BREACHED_BY);
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
					.putValue(LEAD_ID, execution.getVariable(LEAD_ID))
					.putValue(MAILS, mails)
					.putValue(TASK_KEY, taskKey)
					.putValue(TEAM, team)
					.putValue(BREACHED_BY, execution.getVariable(BREACHED_BY))
					.putValue(ACCEPTANCE_POLICY, execution.getVariable(ACCEPTANCE_POLICY))
					.putValue(TOUCH, kind == MailKind.NURTURE_TOUCH ? touch(execution) : null));
	}

	private static Map<String, Object> touch(DelegateExecution execution) {
		@SuppressWarnings("unchecked")
		Map<String, Object> touch = new LinkedHashMap<>((Map<String, Object>) execution.getVariable(Cultivation.NURTURE_PLAN));
		touch.put("number", ((Number) execution.getVariable(Cultivation.TOUCHES_SENT)).intValue() + 1);
		return touch;
	}

	private static Map<String, String> mail(MailKind kind, String recipient) {
		return Map.of("kind", kind.name(), "recipient", recipient);
	}

	private List<String> members(String group) {
		return group == null ? List.of()
				: identityService.createUserQuery().memberOfGroup(group).list().stream().map(User::getId).toList();
	}

	/** The managers who are in the team's group, or every sales manager when the team has none of its own. */
	private Set<String> managersOf(String team) {
		Set<String> managers = new LinkedHashSet<>(members(MANAGERS));
		Set<String> own = new LinkedHashSet<>(managers);
		own.retainAll(members(team));
		return own.isEmpty() ? managers : own;
	}

}
