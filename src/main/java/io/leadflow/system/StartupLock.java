package io.leadflow.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One node sets up a shared PostgreSQL database at a time. The engine's schema, the starter's
 * administrator, Leadflow's groups, grants and Tasklist filters and the shipped models are each
 * made by "look, and create what is missing"; two nodes starting at once would both find a thing
 * missing and one would stop on a duplicate key (or, for a filter, which has none, make a second).
 * <p>
 * The lock is a PostgreSQL session advisory lock, taken before the engine is built (this plugin's
 * {@code preInit}) and released once every bean is set up, just before the web server and the job
 * executor start. A node killed while it holds the lock loses its connection, and with it the lock,
 * so the next node goes on. Other databases (the embedded default) have one node and take no lock.
 */
@Component
class StartupLock extends AbstractProcessEnginePlugin implements SmartLifecycle, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(StartupLock.class);

	/** Any constant shared by every Leadflow node; the text keeps it apart from other applications' locks. */
	private static final String LOCK = "SELECT pg_advisory_lock(hashtext('leadflow start-up'))";

	private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(hashtext('leadflow start-up'))";

	private final DataSource dataSource;

	private Connection holder;

	private volatile boolean running;

	StartupLock(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		try {
			Connection connection = dataSource.getConnection();
			if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
				connection.close();
				return;
			}
			connection.setAutoCommit(true);
			if (!gotLock(connection)) {
				log.info("Another node is setting up the database: waiting for it to finish");
				try (PreparedStatement wait = connection.prepareStatement(LOCK)) {
					wait.execute();
				}
			}
			holder = connection;
			log.debug("Holding the start-up lock");
		}
		catch (SQLException e) {
			throw new IllegalStateException("Cannot take the start-up lock on the database", e);
		}
	}

	private static boolean gotLock(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(TRY_LOCK); ResultSet result = statement.executeQuery()) {
			return result.next() && result.getBoolean(1);
		}
	}

	/** Every singleton is set up by now (deployment, identities); the web server and jobs start after. */
	@Override
	public void start() {
		release();
		running = true;
	}

	@Override
	public void stop() {
		release();
		running = false;
	}

	/** A start-up that failed before the lifecycle started lets the next node go on at once. */
	@Override
	public void destroy() {
		release();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		return Integer.MIN_VALUE;
	}

	private synchronized void release() {
		if (holder == null) {
			return;
		}
		try (Connection connection = holder) {
			try (PreparedStatement unlock = connection
				.prepareStatement("SELECT pg_advisory_unlock(hashtext('leadflow start-up'))")) {
				unlock.execute();
			}
			log.debug("Released the start-up lock");
		}
		catch (SQLException e) {
			// closing the connection ends the session, and the session's locks with it
			log.warn("Could not release the start-up lock cleanly: {}", e.getMessage());
		}
		finally {
			holder = null;
		}
	}

}
