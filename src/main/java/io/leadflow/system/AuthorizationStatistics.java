package io.leadflow.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Tells PostgreSQL how many of the engine's authorizations grant reading (docs/performance.md, "A
 * million leads"). The engine's task query checks {@code PERMS_ & 2 = 2}; PostgreSQL has no
 * statistics for such an expression and guesses 0.5 % of the rows. With one authorization per open
 * task that guess is 200 times too low, and it plans a rep's "My leads" as a nested loop over all of
 * the rep's task authorizations for each task: 24 s for 15,000 tasks among 100,000, 0.9 s with these
 * statistics. PostgreSQL 14 or later; other databases are left alone.
 */
@Component
class AuthorizationStatistics implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AuthorizationStatistics.class);

	/** The permission bits the engine's task queries test: READ (on a task) and READ_TASK (on a process definition). */
	private static final int[] READ_PERMISSIONS = { 2, 64 };

	private final DataSource dataSource;

	AuthorizationStatistics(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void run(ApplicationArguments args) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			var database = connection.getMetaData();
			if (!"PostgreSQL".equals(database.getDatabaseProductName()) || database.getDatabaseMajorVersion() < 14) {
				return;
			}
			boolean created = false;
			for (int permission : READ_PERMISSIONS) {
				String name = "leadflow_auth_perms_" + permission;
				try (ResultSet existing = statement.executeQuery(
						"SELECT 1 FROM pg_statistic_ext WHERE stxname = '" + name + "'")) {
					if (existing.next()) {
						continue;
					}
				}
				statement.execute("CREATE STATISTICS IF NOT EXISTS " + name + " ON (perms_ & " + permission
						+ ") FROM act_ru_authorization");
				created = true;
			}
			if (created) {
				// new statistics count from the next ANALYZE; autovacuum's may be hours away
				statement.execute("ANALYZE act_ru_authorization");
			}
		}
		catch (SQLException e) {
			// a slower plan, not a broken app: the queries give the same answers without them
			log.warn("Could not create the statistics on ACT_RU_AUTHORIZATION's permissions: {}", e.getMessage());
		}
	}

}
