package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Adds to {@code lead_assignee} (V17) every rep the engine's task history names as a lead task's
 * assignee. On a new database the engine may create its tables after Flyway has run; then there is
 * no history to carry over, and SQL alone could not say "only if the table is there".
 */
public class V18__Lead_assignees_from_task_history extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		if (!hasTable(connection, "act_hi_taskinst") || !hasTable(connection, "act_hi_procinst")) {
			return;
		}
		try (Statement statement = connection.createStatement()) {
			statement.executeUpdate("""
					INSERT INTO lead_assignee (user_id, lead_id, first_assigned_at)
					SELECT t.ASSIGNEE_, l.id, MIN(t.START_TIME_)
					FROM ACT_HI_TASKINST t
					JOIN ACT_HI_PROCINST p ON p.ID_ = t.PROC_INST_ID_
					JOIN lead l ON l.id = p.BUSINESS_KEY_
					WHERE t.ASSIGNEE_ IS NOT NULL AND t.PROC_DEF_KEY_ = 'lead-lifecycle'
					  AND NOT EXISTS (SELECT 1 FROM lead_assignee a WHERE a.user_id = t.ASSIGNEE_ AND a.lead_id = l.id)
					GROUP BY t.ASSIGNEE_, l.id""");
		}
	}

	private static boolean hasTable(Connection connection, String name) throws SQLException {
		for (String spelling : new String[] { name, name.toUpperCase() }) {
			try (ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(), spelling, null)) {
				if (tables.next()) {
					return true;
				}
			}
		}
		return false;
	}

}
