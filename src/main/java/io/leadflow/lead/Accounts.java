package io.leadflow.lead;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The companies leads come from, one row per domain. */
@Repository
public class Accounts {

	private final JdbcClient jdbc;

	Accounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<AccountRecord> find(String accountId) {
		return jdbc.sql("SELECT id, domain, name, country, industry, employees, owner_id, created_at FROM account WHERE id = ?")
			.param(accountId)
			.query((rs, row) -> new AccountRecord(rs.getString("id"),
					new Account(rs.getString("domain"), rs.getString("name"), rs.getString("country"),
							rs.getString("industry"), rs.getObject("employees", Integer.class)),
					rs.getString("owner_id"), rs.getObject("created_at", OffsetDateTime.class)))
			.optional();
	}

	public Optional<String> findIdByDomain(String domain) {
		return jdbc.sql("SELECT id FROM account WHERE domain = ?").param(domain).query(String.class).optional();
	}

	public String insert(Account account) {
		String id = UUID.randomUUID().toString();
		jdbc.sql("""
				INSERT INTO account (id, domain, name, country, industry, employees, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, account.domain(), account.name(), account.country(), account.industry(), account.employees(),
					OffsetDateTime.now(ZoneOffset.UTC))
			.update();
		return id;
	}

	/** The first rep who accepts a lead of an account without owner becomes its owner. */
	void claimIfUnowned(String accountId, String repId) {
		jdbc.sql("UPDATE account SET owner_id = ? WHERE id = ? AND owner_id IS NULL").params(repId, accountId).update();
	}

}
