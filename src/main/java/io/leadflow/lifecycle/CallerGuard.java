package io.leadflow.lifecycle;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.ManagementServiceImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.DeployCmd;
import org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationBatchCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

import io.leadflow.identity.Groups;

/**
 * What a signed-in caller of the engine (REST API, Tasklist, Cockpit) may hand to it, checked
 * before the engine parses, starts or changes anything. Engine authorizations say who may touch a
 * process instance; they cannot say which values a caller may put into it, and a model is code:
 * <ul>
 * <li>only administrators and marketing's designers deploy; what a designer deploys is checked for
 * code first ({@link io.leadflow.designer.DesignerDeployments}), because a deployed expression runs
 * with the engine's full rights;</li>
 * <li>a task completion sets exactly the variables of its task's contract
 * ({@link TaskContract}) — anything else is refused with 400;</li>
 * <li>no one but administrators sets, removes or correlates variables into running instances,
 * modifies or restarts them, or executes a job by hand ({@link GuardedJobExecution});</li>
 * <li>a rep takes a task for themselves or gives it back; handing it to someone else, changing its
 * owner or its candidates is for managers, marketing and administrators;</li>
 * <li>no signed-in caller starts a process: Leadflow starts its instances itself, one per lead.</li>
 * </ul>
 * Calls Leadflow makes on its own behalf run without a signed-in user and are not checked, and
 * only the outermost command is: a delegate's own engine calls inside a completion are
 * Leadflow's, not the caller's.
 */
@Component
public class CallerGuard extends AbstractProcessEnginePlugin {

	/** Commands that put a caller's values into running instances, or run their jobs. */
	private static final List<Class<?>> ADMINS_ONLY = List.of(AbstractVariableCmd.class,
			AbstractPatchVariablesCmd.class, SetVariablesToProcessInstancesBatchCmd.class,
			AbstractCorrelateMessageCmd.class, MessageEventReceivedCmd.class, SignalCmd.class,
			SignalEventReceivedCmd.class, ModifyProcessInstanceCmd.class, ModifyProcessInstanceAsyncCmd.class,
			ProcessInstanceModificationCmd.class, ProcessInstanceModificationBatchCmd.class,
			AbstractRestartProcessInstanceCmd.class);

	private static final List<Class<?>> STARTS = List.of(StartProcessInstanceCmd.class,
			StartProcessInstanceAtActivitiesCmd.class, SubmitStartFormCmd.class, EvaluateStartConditionCmd.class);

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<CommandInterceptor> interceptors = new ArrayList<>();
		if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
			interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
		}
		interceptors.add(new Guard(configuration));
		configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
		configuration.setManagementService(new GuardedJobExecution(configuration));
	}

	private static boolean isAdmin(Authentication caller) {
		return caller.getGroupIds() != null && caller.getGroupIds().contains(Groups.ADMINS);
	}

	/** Marketing designs how leads flow: its members deploy models and tables (checked when they do). */
	private static boolean isDesigner(Authentication caller) {
		return caller.getGroupIds() != null && caller.getGroupIds().contains(Groups.MARKETING);
	}

	/** Managers and marketing hand tasks from one person to another; reps do not. */
	public static boolean mayHandTasksOn(Authentication caller) {
		return caller.getGroupIds() != null && caller.getGroupIds()
			.stream()
			.anyMatch(group -> group.equals(Groups.ADMINS) || group.equals(Groups.MANAGERS) || group.equals(Groups.MARKETING));
	}

	/**
	 * Executing a job by hand is refused before the engine tries: the engine counts any failure
	 * of the attempt, a refused authorization too, as a failed run and takes one of the job's
	 * retries, so a rep's refused click would push a lead's timer towards an incident.
	 */
	private static final class GuardedJobExecution extends ManagementServiceImpl {

		private final ProcessEngineConfigurationImpl configuration;

		GuardedJobExecution(ProcessEngineConfigurationImpl configuration) {
			super(configuration);
			this.configuration = configuration;
		}

		@Override
		public void executeJob(String jobId) {
			Authentication caller = configuration.getIdentityService().getCurrentAuthentication();
			if (caller != null && caller.getUserId() != null && !isAdmin(caller)) {
				throw new AuthorizationException(caller.getUserId() + " may not execute a job by hand: a failed step "
						+ "is retried by setting its retries (Cockpit), and a timer fires when it is due");
			}
			super.executeJob(jobId);
		}

	}

	private static final class Guard extends CommandInterceptor {

		private final ProcessEngineConfigurationImpl configuration;

		Guard(ProcessEngineConfigurationImpl configuration) {
			this.configuration = configuration;
		}

		@Override
		public <T> T execute(Command<T> command) {
			if (Context.getCommandContext() == null) {
				check(command);
			}
			return next.execute(command);
		}

		private void check(Command<?> command) {
			Authentication caller = configuration.getIdentityService().getCurrentAuthentication();
			if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
				// every completion, signed in or not: the contract is the task's, not the caller's
				checkAnswer(command);
			}
			if (caller == null || caller.getUserId() == null) {
				return;
			}
			boolean admin = isAdmin(caller);
			if (command instanceof DeployCmd && !admin && !isDesigner(caller)) {
				throw new AuthorizationException(caller.getUserId() + " may not deploy: marketing's designers "
						+ "and administrators deploy models");
			}
			if (!admin && ADMINS_ONLY.stream().anyMatch(type -> type.isInstance(command))) {
				throw new AuthorizationException(caller.getUserId() + " may not " + describe(command)
						+ ": only Leadflow itself and administrators change a lead's process data");
			}
			if (!admin && !mayHandTasksOn(caller)) {
				checkHandOver(command, caller.getUserId());
			}
			if (STARTS.stream().anyMatch(type -> type.isInstance(command))) {
				throw new AuthorizationException(caller.getUserId() + " may not start a process: Leadflow starts "
						+ "one lifecycle per lead itself (POST /api/leads)");
			}
		}

		/**
		 * A rep takes a task for themselves or gives it back, nothing more: handing it to someone
		 * else, making someone its owner or adding candidates would open the lead to them (the engine
		 * grants an assignee, owner and candidate their rights on the task).
		 */
		private void checkHandOver(Command<?> command, String caller) {
			String to = null;
			if (command instanceof AssignTaskCmd || command instanceof DelegateTaskCmd || command instanceof ClaimTaskCmd) {
				to = (String) field(command, "userId");
			}
			else if (command instanceof AbstractAddIdentityLinkCmd || command instanceof DeleteIdentityLinkCmd) {
				throw new AuthorizationException(caller + " may not change who may work task " + field(command, "taskId")
						+ ": a manager or marketing hands tasks on");
			}
			else if (command instanceof SaveTaskCmd save) {
				TaskEntity changed = (TaskEntity) field(save, "task");
				TaskEntity stored = changed.getId() == null ? null : configuration.getCommandExecutorTxRequired()
					.execute(context -> context.getTaskManager().findTaskById(changed.getId()));
				if (stored != null && !Objects.equals(stored.getOwner(), changed.getOwner())) {
					throw new AuthorizationException(caller + " may not make someone else the owner of task "
							+ changed.getId() + ": a manager or marketing hands tasks on");
				}
				if (stored != null && !Objects.equals(stored.getAssignee(), changed.getAssignee())) {
					to = changed.getAssignee();
				}
			}
			if (to != null && !to.equals(caller)) {
				throw new AuthorizationException(caller + " may not hand a task to " + to
						+ ": a rep takes a task for themselves, a manager or marketing hands it on");
			}
		}

		private void checkAnswer(Command<?> command) {
			String taskId = (String) field(command, "taskId");
			Map<?, ?> variables = (Map<?, ?>) field(command,
					command instanceof SubmitTaskFormCmd ? "properties" : "variables");
			if (taskId == null || variables == null || variables.isEmpty()) {
				return;
			}
			TaskEntity task = configuration.getCommandExecutorTxRequired()
				.execute(context -> context.getTaskManager().findTaskById(taskId));
			if (task == null) {
				// the command itself answers that the task does not exist
				return;
			}
			Set<String> allowed = TaskContract.of(task.getTaskDefinitionKey()).map(TaskContract::variables).orElse(Set.of());
			Set<String> refused = new TreeSet<>();
			for (Object name : variables.keySet()) {
				if (!allowed.contains(String.valueOf(name))) {
					refused.add(String.valueOf(name));
				}
			}
			if (!refused.isEmpty()) {
				throw new TaskContractViolation(String.join(", ", refused), (refused.size() == 1 ? "is" : "are")
						+ " not part of the answer to " + task.getTaskDefinitionKey() + "; it may set only "
						+ new TreeSet<>(allowed));
			}
			for (Object name : variables.keySet()) {
				// an answer is text, a number or a yes/no: an object or a file would be deserialised later,
				// as whatever class its sender names (read typed, so nothing is deserialised here)
				Object value = variables instanceof VariableMap typedMap ? typedMap.getValueTyped(String.valueOf(name))
						: variables.get(name);
				if (value instanceof TypedValue typed && typed.getType() != null && !typed.getType().isPrimitiveValueType()) {
					throw new TaskContractViolation(String.valueOf(name),
							"must be plain text or a number, not a value of type " + typed.getType().getName());
				}
			}
		}

		private static String describe(Command<?> command) {
			String name = command.getClass().getSimpleName().replaceAll("Cmd$", "");
			return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
		}

		/** The engine's commands keep what the caller sent in protected fields and offer no getter. */
		private static Object field(Object command, String name) {
			for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
				try {
					Field field = type.getDeclaredField(name);
					field.setAccessible(true);
					return field.get(command);
				}
				catch (NoSuchFieldException e) {
					// declared further up
				}
				catch (IllegalAccessException e) {
					throw new IllegalStateException("Cannot read " + name + " of " + command.getClass(), e);
				}
			}
			throw new IllegalStateException(command.getClass() + " has no field " + name
					+ ": the engine changed, and the answer check must follow it");
		}

	}

}
