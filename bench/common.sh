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
