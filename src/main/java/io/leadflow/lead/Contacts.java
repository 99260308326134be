package io.leadflow.lead;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The people leads are about, one row per email address. */
@Repository
public class Contacts {

	private final JdbcClient jdbc;

	Contacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Contact> findByEmail(String email) {
		return jdbc.sql("SELECT email, first_name, last_name, phone, title, role_level FROM contact WHERE email = ?")
			.param(email)
			.query((rs, row) -> new Contact(rs.getString("email"), rs.getString("first_name"), rs.getString("last_name"),
					rs.getString("phone"), rs.getString("title"), rs.getString("role_level")))
			.optional();
	}

	public Optional<String> findIdByEmail(String email) {
		return jdbc.sql("SELECT id FROM contact WHERE email = ?").param(email).query(String.class).optional();
	}

	public String insert(String accountId, Contact contact) {
		String id = UUID.randomUUID().toString();
		jdbc.sql("""
				INSERT INTO contact (id, account_id, email, first_name, last_name, phone, title, role_level, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, accountId, contact.email(), contact.firstName(), contact.lastName(), contact.phone(),
					contact.title(), contact.roleLevel(), OffsetDateTime.now(ZoneOffset.UTC))
			.update();
		return id;
	}

	/** A returning contact keeps one row; what they told us this time replaces what they told us before. */
	public void update(String contactId, String accountId, Contact contact) {
		jdbc.sql("""
				UPDATE contact SET account_id = ?, first_name = ?, last_name = ?, phone = ?, title = ?, role_level = ?
				WHERE id = ?""")
			.params(accountId, contact.firstName(), contact.lastName(), contact.phone(), contact.title(),
					contact.roleLevel(), contactId)
			.update();
	}

}
