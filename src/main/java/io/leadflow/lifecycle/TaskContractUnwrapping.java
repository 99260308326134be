package io.leadflow.lifecycle;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * The engine wraps whatever a task listener throws into a generic exception, which the REST API
 * answers with 500. A broken task contract is the caller's mistake, so this takes the
 * {@link TaskContractViolation} back out, after the transaction rolled back, and the REST API and
 * Tasklist answer 400 with its message.
 */
@Component
class TaskContractUnwrapping extends AbstractProcessEnginePlugin {

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
			try {
				return next.execute(command);
			}
			catch (RuntimeException e) {
				for (Throwable cause = e; cause != null; cause = cause.getCause()) {
					if (cause instanceof TaskContractViolation violation) {
						throw violation;
					}
				}
				throw e;
			}
		}

	}

}
