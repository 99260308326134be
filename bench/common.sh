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

# "p50 | p95 | max" in ms of the seconds (one per line) on stdin, as a Markdown table's cells
percentiles_ms() {
	sort -n | awk '{ v[NR] = $1 } END {
		split("0.5 0.95 1", q, " ")
		for (k = 1; k <= 3; k++) { i = int(q[k] * NR + 0.999999); if (i < 1) i = 1; printf "%s%d", (k > 1 ? " | " : ""), v[i] * 1000 }
	}'
}
