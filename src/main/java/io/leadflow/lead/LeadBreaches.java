package io.leadflow.lead;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reps who let a lead's deadline pass or let it go stale: routing skips them, report cards count them. */
@Repository
public class LeadBreaches {

	/** The acceptance deadline passed while the lead waited for the rep. */
	public static final String DEADLINE = "DEADLINE";

	/** An accepted lead went without an outcome until the manager had to look at it. */
	public static final String STALE = "STALE";

	private final JdbcClient jdbc;

	LeadBreaches(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void record(String leadId, String repId, String team, String kind) {
		jdbc.sql("INSERT INTO lead_breach (lead_id, rep_id, team, kind, breached_at) VALUES (?, ?, ?, ?, ?)")
			.params(leadId, repId, team, kind, OffsetDateTime.now(ZoneOffset.UTC))
			.update();
	}

	/** Reps who breached on this lead since it last came back from cultivation. */
	public Set<String> repsSinceCultivation(String leadId) {
		return new TreeSet<>(jdbc.sql("""
				SELECT DISTINCT b.rep_id FROM lead_breach b JOIN lead l ON l.id = b.lead_id
				WHERE b.lead_id = ? AND (l.cultivated_at IS NULL OR b.breached_at >= l.cultivated_at)""")
			.param(leadId)
			.query(String.class)
			.list());
	}

}
