package io.leadflow.cultivation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The first start of a version that keeps account scores, on a database with engagements: every
 * account is scored once, rather than the accounts' numbers staying empty until the first night.
 */
@Component
class AccountScoresAtStartup implements ApplicationRunner {

	private static final Logger LOG = LoggerFactory.getLogger(AccountScoresAtStartup.class);

	private final AccountScoreKeeper keeper;

	private final JdbcClient jdbc;

	AccountScoresAtStartup(AccountScoreKeeper keeper, JdbcClient jdbc) {
		this.keeper = keeper;
		this.jdbc = jdbc;
	}

	@Override
	public void run(ApplicationArguments args) {
		boolean unscored = !any("account_score") && any("engagement");
		if (unscored) {
			long started = System.nanoTime();
			long accounts = keeper.rescoreAll();
			LOG.info("Scored {} accounts for the first time in {} ms", accounts, (System.nanoTime() - started) / 1_000_000);
		}
	}

	private boolean any(String table) {
		return jdbc.sql("SELECT 1 FROM " + table + " FETCH FIRST 1 ROWS ONLY").query(Integer.class).optional().isPresent();
	}

}
