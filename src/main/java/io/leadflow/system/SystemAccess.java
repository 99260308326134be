package io.leadflow.system;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls that Leadflow makes on its own behalf (starting a mail, reading a task's
 * timers for a dossier the caller may see) without the calling user's engine authorizations:
 * the engine checks only when a user is signed in. Whether the caller may ask at all is decided
 * before, by {@link Access}.
 */
@Component
public class SystemAccess {

	private final IdentityService identityService;

	SystemAccess(IdentityService identityService) {
		this.identityService = identityService;
	}

	public <T> T call(Supplier<T> work) {
		Authentication caller = identityService.getCurrentAuthentication();
		identityService.clearAuthentication();
		try {
			return work.get();
		}
		finally {
			if (caller != null) {
				identityService.setAuthentication(caller);
			}
		}
	}

	public void run(Runnable work) {
		call(() -> {
			work.run();
			return null;
		});
	}

}
