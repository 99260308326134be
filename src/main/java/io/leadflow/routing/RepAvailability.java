package io.leadflow.routing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** When a rep is out of office and how many open leads they can carry, as a manager set it. */
@Repository
class RepAvailability {

	private final JdbcClient jdbc;

	RepAvailability(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Availability> of(String repId) {
		return jdbc.sql("SELECT out_of_office_until, capacity, updated_at, updated_by FROM rep_availability WHERE rep_id = ?")
			.param(repId)
			.query((rs, row) -> new Availability(rs.getObject("out_of_office_until", OffsetDateTime.class),
					rs.getObject("capacity", Integer.class), rs.getObject("updated_at", OffsetDateTime.class),
					rs.getString("updated_by")))
			.optional();
	}

	void save(String repId, OffsetDateTime outOfOfficeUntil, Integer capacity, String updatedBy) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		int updated = jdbc.sql("""
				UPDATE rep_availability SET out_of_office_until = ?, capacity = ?, updated_at = ?, updated_by = ?
				WHERE rep_id = ?""").params(outOfOfficeUntil, capacity, now, updatedBy, repId).update();
		if (updated == 0) {
			jdbc.sql("""
					INSERT INTO rep_availability (rep_id, out_of_office_until, capacity, updated_at, updated_by)
					VALUES (?, ?, ?, ?, ?)""").params(repId, outOfOfficeUntil, capacity, now, updatedBy).update();
		}
	}

	record Availability(OffsetDateTime outOfOfficeUntil, Integer capacity, OffsetDateTime updatedAt,
			String updatedBy) {

		static final Availability ALWAYS = new Availability(null, null, null, null);

	}

}
