package io.leadflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

import io.leadflow.notification.Mails;

/**
 * Two Leadflow nodes on one PostgreSQL database, as docs/operations.md runs them: both started at
 * once on an empty database, leads, engagements and task completions sent to both, one node killed
 * with SIGKILL in the middle of its work. Then every acknowledged lead has exactly one lifecycle,
 * every timer that fell due fired once, every mail went out once, no task is lost and the round
 * robin stayed fair. The jobs the dead node had locked are taken over when their lock expires
 * (15 s here; Camunda's default, which Leadflow keeps, is 5 minutes).
 * <p>
 * Only in the PostgreSQL run ({@code mvn -Ppostgres}, as .ci/run does): the embedded database has
 * one node. Needs the packaged jar. Takes about five minutes.
 */
class TwoNodesIT {

	private static final String ADMIN = "demo";

	/** How late a due timer may fire: the dead node's lock (15 s), acquisition (5 s) and the work itself. */
	private static final Duration TIMER_SLACK = Duration.ofSeconds(45);

	private final List<Process> nodes = new ArrayList<>();

	private GreenMail smtp;

	@AfterEach
	void stop() {
		nodes.forEach(Process::destroyForcibly);
		if (smtp != null) {
			smtp.stop();
		}
	}

	@Test
	void twoNodesShareTheWorkAndAKilledOneLosesNothing() throws Exception {
		assumeThat(System.getProperty("spring.profiles.active", "default")).as("a PostgreSQL test").contains("postgres");
		String database = freshDatabase("leadflow_two_nodes");
		smtp = new GreenMail(ServerSetup.SMTP.dynamicPort());
		smtp.start();

		// both at once, on the empty database: schema, groups, grants, filters and models made once
		List<String> settings = List.of("--spring.datasource.url=" + database,
				"--spring.datasource.username=" + dbUser(), "--spring.datasource.password=" + dbPassword(),
				"--leadflow.mail.embedded.enabled=false", "--spring.mail.host=127.0.0.1",
				"--spring.mail.port=" + smtp.getSmtp().getPort(), "--camunda.bpm.job-execution.lock-time-in-millis=15000",
				"--camunda.bpm.job-execution.max-wait=5000");
		int portA = AppProcess.freePort();
		int portB = AppProcess.freePort();
		Path homeA = Files.createTempDirectory("leadflow-node-a");
		Path homeB = Files.createTempDirectory("leadflow-node-b");
		// the host name is what the engine writes into each job's log: which node ran it
		Process nodeA = AppProcess.launch(homeA, portA, withHost(settings, "node-a"));
		Process nodeB = AppProcess.launch(homeB, portB, withHost(settings, "node-b"));
		nodes.add(nodeA);
		nodes.add(nodeB);
		Api a = new Api(portA);
		Api b = new Api(portB);
		AppProcess.awaitUp(nodeA, homeA, a);
		AppProcess.awaitUp(nodeB, homeB, b);
		assertSetUpOnce(database);

		// timers that fall due within the test: partner leads are reminded after 20 s and taken away
		// after 40 s, on a clock that runs day and night (a designer's deployment, as in Modeler)
		Api.Answer deployed = a.deploy("mara", "Two-node test: fast partner deadlines",
				Map.of("acceptance-policy.dmn", fastPartnerPolicy(), "team-calendars.dmn", roundTheClock()));
		assertThat(deployed.status()).as(deployed.toString()).isEqualTo(200);

		String run = UUID.randomUUID().toString().substring(0, 8);
		Sent sent = new Sent(run);
		List<String> accepted = new ArrayList<>();

		// before the kill: every other request to each node, every fourth lead a partner's
		for (int i = 0; i < 16; i++) {
			sent.lead(i % 2 == 0 ? a : b, i, i % 4 == 3, i % 2 == 0 ? b : a);
		}
		for (int i = 0; i < 6; i++) {
			String id = sent.direct.get(i);
			accept(i % 2 == 0 ? b : a, a, id);
			accepted.add(id);
		}
		// node B is handed work and killed while it does it: its routing and mail jobs are locked by it
		List<String> lastOnB = new ArrayList<>();
		for (int i = 16; i < 20; i++) {
			lastOnB.add(sent.lead(b, i, false, null));
		}
		nodeB.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		Instant killed = Instant.now();
		// what is still locked a few seconds later is the dead node's: node A finishes its own jobs in less
		Thread.sleep(3_000);
		List<String> orphans;
		try (Connection db = DriverManager.getConnection(database, dbUser(), dbPassword())) {
			orphans = strings(db, "SELECT id_ FROM act_ru_job WHERE lock_exp_time_ > now()");
		}

		// node A alone goes on
		for (int i = 20; i < 32; i++) {
			sent.lead(a, i, i % 4 == 3, a);
		}
		for (int i = 6; i < sent.direct.size(); i += 2) {
			accept(a, a, sent.direct.get(i));
			accepted.add(sent.direct.get(i));
		}
		List<String> acknowledged = sent.acknowledged;
		List<String> partnerLeads = sent.partner;
		int engagements = sent.engagements;

		// every partner lead missed two deadlines: its timers fell due and fired
		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2))
			.until(() -> partnerLeadsWithBreaches(database, partnerLeads, 2) == partnerLeads.size());
		// the dead node's last leads were routed by the living one after the lock expired
		for (String id : lastOnB) {
			awaitTask(a, id, accepted.contains(id) ? "ReportDisposition" : "ReviewLead");
		}
		Thread.sleep(TIMER_SLACK.toMillis());

		try (Connection db = DriverManager.getConnection(database, dbUser(), dbPassword())) {
			// every acknowledged lead: there, with exactly one lifecycle
			Map<String, Long> lifecycles = counts(db, "SELECT business_key_, COUNT(*) FROM act_hi_procinst "
					+ "WHERE proc_def_key_ = 'lead-lifecycle' AND business_key_ IN " + in(acknowledged) + " GROUP BY business_key_");
			assertThat(acknowledged).allSatisfy(id -> {
				assertThat(a.get("mara", "/api/leads/" + id).status()).as("lead " + id).isEqualTo(200);
				assertThat(lifecycles.get(id)).as("lifecycles of " + id).isEqualTo(1L);
			});
			assertThat(count(db, "SELECT COUNT(*) FROM engagement e JOIN contact c ON c.id = e.contact_id WHERE c.email LIKE '%@"
					+ run + "-%'")).as("engagements answered 201").isEqualTo(engagements);

			// every timer that fell due fired exactly once, or was cancelled by its task's end first
			List<String> wrongTimers = strings(db, """
					SELECT c.job_id_ || ' ' || c.act_id_ || ' due ' || c.job_duedate_ || ': fired '
					  || (SELECT COUNT(*) FROM act_hi_job_log s WHERE s.job_id_ = c.job_id_ AND s.job_state_ = 2)
					  || ', cancelled ' || (SELECT COUNT(*) FROM act_hi_job_log d WHERE d.job_id_ = c.job_id_ AND d.job_state_ = 3)
					FROM act_hi_job_log c
					WHERE c.job_state_ = 0 AND c.job_def_type_ LIKE 'timer%%' AND c.job_duedate_ < now() - interval '%d seconds'
					  AND (SELECT COUNT(*) FROM act_hi_job_log s WHERE s.job_id_ = c.job_id_ AND s.job_state_ IN (2, 3)) <> 1"""
				.formatted(TIMER_SLACK.toSeconds()));
			assertThat(wrongTimers).as("timers not fired exactly once").isEmpty();
			long timersFired = count(db, "SELECT COUNT(*) FROM act_hi_job_log WHERE job_state_ = 2 AND job_def_type_ LIKE 'timer%'");
			assertThat(timersFired).as("reminders and deadlines of every partner lead").isGreaterThanOrEqualTo(4L * partnerLeads.size());
			assertThat(count(db, "SELECT COUNT(*) FROM (SELECT lead_id, rep_id FROM lead_breach GROUP BY lead_id, rep_id "
					+ "HAVING COUNT(*) > 1) twice")).as("a missed deadline recorded twice").isZero();

			// the jobs node B held when it died: run by node A once their lock expired, once each
			for (String job : orphans) {
				assertThat(strings(db, "SELECT hostname_ FROM act_hi_job_log WHERE job_state_ = 2 AND job_id_ = '" + job + "'"))
					.as("job " + job + " that node B had locked").containsExactly("node-a");
			}

			// every mail once: each one Leadflow recorded arrived, and none twice
			Map<String, Long> received = receivedByMessageId();
			List<String> recorded = strings(db, "SELECT idempotency_key FROM mail_sent");
			assertThat(recorded).as("mails recorded").hasSizeGreaterThan(acknowledged.size());
			assertThat(received.keySet()).as("mails received, by Message-ID")
				.containsExactlyInAnyOrderElementsOf(recorded.stream().map(Mails::messageId).toList());
			long resent = received.values().stream().filter(copies -> copies > 1).count();
			System.out.printf("Two nodes: %d mails, %d sent again after the kill (same Message-ID), %d timers fired%n",
					recorded.size(), resent, timersFired);
			assertThat(received).as("copies of each mail").allSatisfy((id, copies) -> assertThat(copies).isEqualTo(1L));

			// no task lost: every running lifecycle waits on a task, a job or a message, none on an incident
			assertThat(count(db, "SELECT COUNT(*) FROM act_ru_incident")).as("incidents").isZero();
			List<String> stuck = strings(db, "SELECT p.business_key_ FROM act_ru_execution p WHERE p.parent_id_ IS NULL "
					+ "AND p.business_key_ IN " + in(acknowledged)
					+ " AND NOT EXISTS (SELECT 1 FROM act_ru_task t WHERE t.proc_inst_id_ = p.id_)"
					+ " AND NOT EXISTS (SELECT 1 FROM act_ru_job j WHERE j.process_instance_id_ = p.id_)"
					+ " AND NOT EXISTS (SELECT 1 FROM act_ru_event_subscr e WHERE e.proc_inst_id_ = p.id_)");
			assertThat(stuck).as("leads waiting on nothing").isEmpty();
			for (String id : accepted) {
				assertThat(awaitTask(a, id, "ReportDisposition").get("assignee").asText()).as("accepted " + id).isNotEmpty();
			}

			// the round robin: the team's two reps took turns, for the direct leads and for the partner
			// leads that came to the team after both partners let them time out
			Map<String, Long> perRep = counts(db, "SELECT owner_id, COUNT(*) FROM lead WHERE id IN " + in(acknowledged)
					+ " AND owner_id IN ('emma', 'elias') GROUP BY owner_id");
			assertThat(perRep.keySet()).as(perRep.toString()).containsExactlyInAnyOrder("emma", "elias");
			assertThat(Math.abs(perRep.get("emma") - perRep.get("elias"))).as(perRep.toString()).isLessThanOrEqualTo(1L);
		}
		System.out.printf("Two nodes: node B killed at %s holding %d jobs; node A ran them after their 15 s lock%n", killed,
				orphans.size());
	}

	private static List<String> withHost(List<String> settings, String host) {
		List<String> node = new ArrayList<>(settings);
		node.add("--camunda.bpm.generic-properties.properties.hostname=" + host);
		return node;
	}

	private void assertSetUpOnce(String database) throws SQLException {
		try (Connection db = DriverManager.getConnection(database, dbUser(), dbPassword())) {
			assertThat(strings(db, "SELECT name_ FROM act_ru_filter GROUP BY name_ HAVING COUNT(*) > 1"))
				.as("Tasklist filters made twice").isEmpty();
			assertThat(count(db, "SELECT COUNT(*) FROM act_ru_filter")).isEqualTo(5);
			assertThat(strings(db, "SELECT key_ FROM act_re_procdef GROUP BY key_ HAVING COUNT(*) > 1"))
				.as("models deployed twice").isEmpty();
			assertThat(count(db, "SELECT COUNT(*) FROM act_re_deployment")).as("start-up deployments").isEqualTo(1);
			assertThat(count(db, "SELECT COUNT(*) FROM act_id_membership WHERE group_id_ = 'camunda-admin'")).isEqualTo(1);
		}
	}

	/** The leads and engagements the test sent, as the nodes acknowledged them (201). */
	private static final class Sent {

		private final String run;

		final List<String> acknowledged = new ArrayList<>();

		final List<String> direct = new ArrayList<>();

		final List<String> partner = new ArrayList<>();

		int engagements;

		Sent(String run) {
			this.run = run;
		}

		/** Lead number {@code i} to {@code node}, then an engagement of its contact to {@code engagedThrough} (if any). */
		String lead(Api node, int i, boolean partnerLead, Api engagedThrough) {
			String email = "kim" + i + "@" + run + "-" + i + ".example";
			Api.Answer created = node.post("intake", "/api/leads", Api.lead(email, (partnerLead ? "Partner " : "Direct ") + run,
					"DE", partnerLead ? "Reseller Bundle" : "Platform"));
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			String id = created.json().get("id").asText();
			acknowledged.add(id);
			(partnerLead ? partner : direct).add(id);
			if (engagedThrough != null) {
				engagements += engage(engagedThrough, email);
			}
			return id;
		}

	}

	private static int engage(Api node, String email) {
		Api.Answer answer = node.post("intake", "/api/engagements", """
				{"email": "%s", "type": "WEBINAR", "occurredAt": "%s", "detail": "Two-node webinar"}"""
			.formatted(email, Instant.now().minusSeconds(60)));
		assertThat(answer.status()).as(answer.toString()).isIn(200, 201, 202);
		return 1;
	}

	/** The rep the lead was offered to accepts it through {@code node}; {@code watcher} finds the task. */
	private static void accept(Api node, Api watcher, String leadId) {
		JsonNode review = awaitTask(watcher, leadId, "ReviewLead");
		String rep = review.get("assignee").asText();
		Api.Answer done = node.post(rep, "/engine-rest/task/" + review.get("id").asText() + "/complete",
				"{\"variables\": {\"decision\": {\"value\": \"ACCEPT\"}}}");
		assertThat(done.status()).as(done.toString()).isEqualTo(204);
	}

	/** The lead's one open task with this key, as the nodes' administrator (demo: they run the default profile) sees it. */
	private static JsonNode awaitTask(Api node, String leadId, String taskKey) {
		return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
			JsonNode tasks = node.get(ADMIN, "/engine-rest/task?processInstanceBusinessKey=" + leadId
					+ "&taskDefinitionKey=" + taskKey).json();
			return tasks.size() == 1 ? tasks.get(0) : null;
		}, task -> task != null);
	}

	private static byte[] fastPartnerPolicy() throws Exception {
		String table = Files.readString(Path.of("processes/acceptance-policy.dmn"));
		String fast = table.replace("<outputEntry id=\"Rule_PartnerLead_Out1\"><text>\"P2D\"</text>",
				"<outputEntry id=\"Rule_PartnerLead_Out1\"><text>\"PT20S\"</text>")
			.replace("<outputEntry id=\"Rule_PartnerLead_Out2\"><text>\"P5D\"</text>",
					"<outputEntry id=\"Rule_PartnerLead_Out2\"><text>\"PT40S\"</text>");
		assertThat(fast).as("the shipped partner rule changed: adjust the test").contains("PT20S").contains("PT40S");
		return fast.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] roundTheClock() throws Exception {
		String table = Files.readString(Path.of("processes/team-calendars.dmn"));
		String always = table.replaceAll("(_Out1\"><text>)\"[^\"]*\"", "$1\"UTC\"")
			.replaceAll("(_Out2\"><text>)\"[^\"]*\"", "$1\"MON-SUN\"")
			.replaceAll("(_Out3\"><text>)\"[^\"]*\"", "$1\"00:00\"")
			.replaceAll("(_Out4\"><text>)\"[^\"]*\"", "$1\"23:59:59\"")
			.replaceAll("(_Out5\"><text>)\"[^\"]*\"", "$1");
		return always.getBytes(StandardCharsets.UTF_8);
	}

	private Map<String, Long> receivedByMessageId() throws Exception {
		Map<String, Long> copies = new HashMap<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			copies.merge(message.getMessageID(), 1L, Long::sum);
		}
		return copies;
	}

	private static long partnerLeadsWithBreaches(String database, List<String> leads, int breaches) throws SQLException {
		return count(database, "SELECT COUNT(*) FROM (SELECT lead_id FROM lead_breach WHERE lead_id IN " + in(leads)
				+ " GROUP BY lead_id HAVING COUNT(*) >= " + breaches + ") missed");
	}

	private static String freshDatabase(String name) throws SQLException {
		String server = serverUrl();
		try (Connection admin = DriverManager.getConnection(server + "/postgres", dbUser(), dbPassword());
				Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + name);
		}
		return server + "/" + name;
	}

	private static String serverUrl() {
		String url = System.getenv().getOrDefault("LEADFLOW_DB_URL", "jdbc:postgresql://127.0.0.1:5432/leadflow_test");
		return url.substring(0, url.lastIndexOf('/'));
	}

	private static String dbUser() {
		return System.getenv().getOrDefault("LEADFLOW_DB_USER", "postgres");
	}

	private static String dbPassword() {
		return System.getenv().getOrDefault("LEADFLOW_DB_PASSWORD", "");
	}

	private static String in(List<String> ids) {
		return ids.stream().map(id -> "'" + id.replace("'", "") + "'").collect(Collectors.joining(",", "(", ")"));
	}

	private static long count(String database, String sql) throws SQLException {
		try (Connection db = DriverManager.getConnection(database, dbUser(), dbPassword())) {
			return count(db, sql);
		}
	}

	private static long count(Connection db, String sql) throws SQLException {
		try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			return rows.next() ? rows.getLong(1) : 0;
		}
	}

	private static List<String> strings(Connection db, String sql) throws SQLException {
		return rows(db, sql, rows -> {
			try {
				return rows.getString(1);
			}
			catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		});
	}

	private static Map<String, Long> counts(Connection db, String sql) throws SQLException {
		Map<String, Long> counts = new HashMap<>();
		try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				counts.put(rows.getString(1), rows.getLong(2));
			}
		}
		return counts;
	}

	private static <T> List<T> rows(Connection db, String sql, Function<ResultSet, T> row) throws SQLException {
		List<T> result = new ArrayList<>();
		try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				result.add(row.apply(rows));
			}
		}
		return result;
	}

}
