package io.leadflow.lifecycle;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The engine wraps whatever a task listener throws into a generic exception, which the REST API
 * answers with 500. A broken task contract is the caller's mistake, so this takes the
 * {@link TaskContractViolation} back out, after the transaction rolled back, and the REST API and
 * Tasklist answer 400 with its message; likewise a refused take-over of a claimed task, answered 403.
 */
@Component
class TaskContractUnwrapping extends AbstractProcessEnginePlugin {

	private static final Logger log = LoggerFactory.getLogger(TaskContractUnwrapping.class);

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<CommandInterceptor> interceptors = new ArrayList<>();
		if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
			interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
		}
		interceptors.add(new Unwrapping());
		configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
	}

	private static final class Unwrapping extends CommandInterceptor {

		@Override
		public <T> T execute(Command<T> command) {
			boolean outermost = Context.getCommandContext() == null;
			try {
				return next.execute(command);
			}
			catch (RuntimeException e) {
				RuntimeException answer = unwrapped(e);
				if (outermost) {
					logged(command, answer);
				}
				throw answer;
			}
		}

		private static RuntimeException unwrapped(RuntimeException e) {
			for (Throwable cause = e; cause != null; cause = cause.getCause()) {
				if (cause instanceof TaskContractViolation violation) {
					return violation;
				}
				if (cause instanceof ClaimedTaskRefusal refusal) {
					return refusal;
				}
			}
			return e;
		}

		/** A caller's mistake is one line; a failure of Leadflow or the engine keeps its stack trace. */
		private static void logged(Command<?> command, RuntimeException e) {
			if (command instanceof ExecuteJobsCmd) {
				// the job executor logs a failed job itself, and turns it into a retry or an incident
				return;
			}
			String what = command.getClass().getSimpleName();
			if (e instanceof BadUserRequestException || e instanceof AuthorizationException
					|| e instanceof FormFieldValidationException || e instanceof NullValueException
					|| e instanceof OptimisticLockingException || e instanceof TaskAlreadyClaimedException) {
				log.info("{} refused: {}", what, e.getMessage());
			}
			else {
				log.error("{} failed", what, e);
			}
		}

	}

}
