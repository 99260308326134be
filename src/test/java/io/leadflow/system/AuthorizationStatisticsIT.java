package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** On PostgreSQL the planner knows how many authorizations grant reading (docs/performance.md). */
@SpringBootTest
class AuthorizationStatisticsIT {

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void thePlannerHasStatisticsOnTheReadPermissions() {
		assumeThat(System.getProperty("spring.profiles.active", "default")).as("a PostgreSQL test").contains("postgres");

		assertThat(jdbc.queryForList("SELECT stxname FROM pg_statistic_ext WHERE stxrelid = 'act_ru_authorization'::regclass",
				String.class)).contains("leadflow_auth_perms_2", "leadflow_auth_perms_64");
		// analysed: the expression's statistics are there, not only their definition
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_stats_ext_exprs WHERE statistics_name = 'leadflow_auth_perms_2'",
				Long.class)).isEqualTo(1);
	}

	@Test
	void everyStatementIsPlannedForItsOwnValuesOnFastStorageAndNoneIsCompiled() {
		assumeThat(System.getProperty("spring.profiles.active", "default")).as("a PostgreSQL test").contains("postgres");

		// a generic plan for the engine's PERMS_ & ? = ? took a rep's "My leads" from 1.3 s to 23 s
		assertThat(jdbc.queryForObject("SHOW plan_cache_mode", String.class)).isEqualTo("force_custom_plan");
		// compiling a statement took 0.4-0.9 s of the 1.1 s that counting a rep's 15,000 tasks took
		assertThat(jdbc.queryForObject("SHOW jit", String.class)).isEqualTo("off");
		// at the default 4 a rep's task query compared every task with every authorization
		assertThat(jdbc.queryForObject("SHOW random_page_cost", String.class)).isEqualTo("1.1");
	}

}
