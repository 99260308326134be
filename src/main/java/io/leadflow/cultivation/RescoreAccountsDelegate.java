package io.leadflow.cultivation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Service task {@code Task_RescoreAccounts} of {@code account-scores}: every account's Quality of
 * Engagement again, so the accounts' numbers show quiet accounts decaying. Rerunning it is harmless.
 */
@Component("rescoreAccounts")
class RescoreAccountsDelegate implements JavaDelegate {

	private static final Logger LOG = LoggerFactory.getLogger(RescoreAccountsDelegate.class);

	private final AccountScoreKeeper keeper;

	RescoreAccountsDelegate(AccountScoreKeeper keeper) {
		this.keeper = keeper;
	}

	@Override
	public void execute(DelegateExecution execution) {
		long started = System.nanoTime();
		long accounts = keeper.rescoreAll();
		LOG.info("Rescored {} accounts in {} ms", accounts, (System.nanoTime() - started) / 1_000_000);
	}

}
