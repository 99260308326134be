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
 * An operator's own {@code options} connection property is kept as it is.
 */
@Component
class PostgresPlanning implements BeanPostProcessor {

	static final String CUSTOM_PLANS = "-c plan_cache_mode=force_custom_plan";

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
				&& pool.getJdbcUrl().startsWith("jdbc:postgresql:")
				&& !pool.getDataSourceProperties().containsKey("options")
				&& !pool.getJdbcUrl().contains("options=")) {
			pool.addDataSourceProperty("options", CUSTOM_PLANS);
		}
		return bean;
	}

}
