package io.leadflow.system;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Has PostgreSQL plan every statement for its own values, on whatever profile points Leadflow at
 * PostgreSQL (docs/performance.md, "A million leads"). The engine's task query tests
 * {@code PERMS_ & ? = ?}; after five runs of a prepared statement PostgreSQL switches to a plan made
 * once for any value, where the statistics of {@link AuthorizationStatistics} cannot help: a rep's
 * "My leads" took 23 s with it instead of 1.3 s. Planning each statement costs about a millisecond.
 * And no statement is compiled to machine code (JIT): PostgreSQL compiles any statement it expects
 * to be costly, and for the engine's count of a rep's 15,000 tasks compiling took 0.7–0.9 s of the
 * 1.1 s; Leadflow's statements run too briefly for compiled code to pay that back (the metrics,
 * the longest, stayed within their targets without it, most of them faster).
 * And an index is priced as what it is on the solid-state disks and cached tables PostgreSQL runs
 * on today ({@code random_page_cost} 1.1 instead of 4, a spinning disk's): at PostgreSQL's default,
 * a rep's task query with 3,000 tasks compared each task with each of the rep's authorizations (9
 * million comparisons, 3.5 s during an import) instead of looking each one up (0.2 s).
 * An operator's own {@code options} connection property is kept as it is.
 */
@Component
class PostgresPlanning implements BeanPostProcessor {

	static final String OPTIONS = "-c plan_cache_mode=force_custom_plan -c jit=off -c random_page_cost=1.1";

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
				&& pool.getJdbcUrl().startsWith("jdbc:postgresql:")
				&& !pool.getDataSourceProperties().containsKey("options")
				&& !pool.getJdbcUrl().contains("options=")) {
			pool.addDataSourceProperty("options", OPTIONS);
		}
		return bean;
	}

}
