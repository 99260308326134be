package io.leadflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

class PostgresPlanningTest {

	private final PostgresPlanning planning = new PostgresPlanning();

	@Test
	void aPostgreSqlPoolPlansEachStatementForItsValuesAndCompilesNoneWhateverTheProfile() {
		HikariDataSource pool = pool("jdbc:postgresql://db.example:5432/leadflow");

		planning.postProcessBeforeInitialization(pool, "dataSource");

		assertThat(pool.getDataSourceProperties()).containsEntry("options", "-c plan_cache_mode=force_custom_plan -c jit=off -c random_page_cost=1.1");
	}

	@Test
	void theEmbeddedDatabaseIsLeftAlone() {
		HikariDataSource pool = pool("jdbc:h2:mem:leadflow");

		planning.postProcessBeforeInitialization(pool, "dataSource");

		assertThat(pool.getDataSourceProperties()).doesNotContainKey("options");
	}

	@Test
	void anOperatorsOwnConnectionOptionsAreKept() {
		HikariDataSource inProperties = pool("jdbc:postgresql://db.example:5432/leadflow");
		inProperties.addDataSourceProperty("options", "-c statement_timeout=30s");
		HikariDataSource inUrl = pool("jdbc:postgresql://db.example:5432/leadflow?options=-c%20search_path%3Dleads");

		planning.postProcessBeforeInitialization(inProperties, "dataSource");
		planning.postProcessBeforeInitialization(inUrl, "dataSource");

		assertThat(inProperties.getDataSourceProperties()).containsEntry("options", "-c statement_timeout=30s");
		assertThat(inUrl.getDataSourceProperties()).doesNotContainKey("options");
	}

	private static HikariDataSource pool(String url) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(url);
		return pool;
	}

}
