# Sourced by the benchmark scripts (run from the repository's root): the local PostgreSQL running,
# and JAR set to the packaged app, built first when there is none.

if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
	pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
	for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
JAR=$(ls target/leadflow-*.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ]; then
	mvn -B -q -DskipTests package
	JAR=$(ls target/leadflow-*.jar | head -1)
fi

# Fails when something already answers on the port: the script would time another app (another
# benchmark's, or one a user left running) instead of the one it starts.
port_free() {
	if curl -s -o /dev/null --max-time 2 "http://localhost:$1/"; then
		echo "port $1 is taken: stop what runs there, or set LEADFLOW_BENCH_PORT" >&2
		exit 1
	fi
}

# A fresh database has no statistics, and this machine's PostgreSQL (like CI's) runs without
# autovacuum: the engine's tables grow from nothing to 100,000 rows in minutes and the planner,
# still believing them empty, picks plans 100 times slower (a variable fetch of 15 ms instead of
# 0.1 ms; a rep's task query of 17 s at 5,000 tasks). A production server analyses them itself;
# here the tables the running leads read (the engine's runtime tables and Leadflow's own, not the
# history) are analysed every 30 s instead, by a background loop whose pid is ANALYZER_PID (empty
# when autovacuum is on). Arguments: the database, and a file to note it in.
ANALYZER_PID=
analyse_while_autovacuum_is_off() {
	if [ "$(psql -h 127.0.0.1 -U postgres -tA -c "SHOW autovacuum")" = "on" ]; then
		return
	fi
	( while sleep 30; do
		tables=$(psql -h 127.0.0.1 -U postgres -d "$1" -tA -c "SELECT string_agg(tablename, ', ') FROM pg_tables
			WHERE schemaname = 'public' AND tablename NOT LIKE 'act_hi_%' AND tablename <> 'act_ge_bytearray'")
		psql -h 127.0.0.1 -U postgres -q -d "$1" -c "ANALYZE $tables" 2>/dev/null || true
	done ) &
	ANALYZER_PID=$!
	echo "(autovacuum is off on this server: the benchmark analyses the runtime tables every 30 s instead)" | tee -a "$2"
}

# "p50 | p95 | max" in ms of the seconds (one per line) on stdin, as a Markdown table's cells
percentiles_ms() {
	sort -n | awk '{ v[NR] = $1 } END {
		split("0.5 0.95 1", q, " ")
		for (k = 1; k <= 3; k++) { i = int(q[k] * NR + 0.999999); if (i < 1) i = 1; printf "%s%d", (k > 1 ? " | " : ""), v[i] * 1000 }
	}'
}
