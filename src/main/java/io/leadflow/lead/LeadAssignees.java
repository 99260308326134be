package io.leadflow.lead;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every user who has held a task of a lead (V17): what lets a rep keep seeing a lead they were
 * offered, rejected or handed on. Written in the transaction that assigns the task.
 */
@Repository
public class LeadAssignees {

	private final JdbcClient jdbc;

	LeadAssignees(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void record(String leadId, String userId) {
		if (leadId == null || userId == null) {
			return;
		}
		// a task passes to a user again and again (retries, a task back to its rep): the first time counts
		jdbc.sql("""
				INSERT INTO lead_assignee (user_id, lead_id, first_assigned_at)
				SELECT :user, :lead, :at FROM (VALUES (1)) AS one
				WHERE NOT EXISTS (SELECT 1 FROM lead_assignee WHERE user_id = :user AND lead_id = :lead)""")
			.param("user", userId)
			.param("lead", leadId)
			.param("at", OffsetDateTime.now(ZoneOffset.UTC))
			.update();
	}

	public boolean hadATask(String userId, String leadId) {
		return jdbc.sql("SELECT COUNT(*) FROM lead_assignee WHERE user_id = ? AND lead_id = ?")
			.params(userId, leadId)
			.query(Long.class)
			.single() > 0;
	}

}
