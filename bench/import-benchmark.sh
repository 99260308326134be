#!/usr/bin/env bash
# Import benchmark (docs/performance.md, "Bulk import"): one CSV file of ROWS leads for one team
# (Germany: territory-emea, reps emma and elias) imported into a fresh PostgreSQL database through
# POST /api/leads/imports, timed until every lead is in a rep's Tasklist. Meanwhile a rep asks for
# their tasks twice a second, as Tasklist does; its p50/p95 are reported. Then checks the round
# robin: how many leads each rep got. Writes target/bench/import.md.
#
#   bench/import-benchmark.sh [ROWS=100000]
#
# LEADFLOW_BENCH_JAVA_OPTS goes to the app's JVM, e.g. a flight recording to see where a rep's
# request waits: "-XX:StartFlightRecording=filename=target/bench/import.jfr,settings=profile".
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-100000}"
DB=leadflow_import
PORT="${LEADFLOW_BENCH_PORT:-8097}"
OUT=target/bench
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
mkdir -p "$OUT"

. bench/common.sh

port_free "$PORT"
"${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
rm -f "$OUT/import.md"
analyse_while_autovacuum_is_off "$DB" "$OUT/import.md"
# shellcheck disable=SC2086 # the options are words
java -Xmx1g ${LEADFLOW_BENCH_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" --leadflow.mail.embedded.port=0 \
	--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" --spring.datasource.username=postgres \
	> "$OUT/import-app.log" 2>&1 &
APP=$!
trap 'kill $APP ${ANALYZER_PID:-} 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
	curl -fs -o /dev/null -u demo:demo "http://localhost:$PORT/actuator/health" && break
	kill -0 "$APP" || { echo "Leadflow did not start: $OUT/import-app.log" >&2; exit 1; }
	sleep 1
done

CSV="$OUT/import-$ROWS.csv"
{
	echo "contact.firstName,contact.lastName,contact.email,contact.title,contact.roleLevel,company.name,company.domain,company.country,company.employees,productInterest,budgetEstablished,authority,need,timelineMonths"
	seq 1 "$ROWS" | awk '{printf "Ida,Import%d,ida%d@import-%d.example,CEO,EXECUTIVE,Import %d GmbH,import-%d.example,DE,2000,Platform,true,true,true,1\n", $1, $1, $1, $1, $1}'
} > "$CSV"

# a rep's Tasklist query, twice a second, until the import is routed
: > "$OUT/import-task-query.txt"
( while true; do
	curl -s -o /dev/null -w '%{time_total}\n' -u emma:emma \
		"http://localhost:$PORT/engine-rest/task?assignee=emma&sortBy=created&sortOrder=desc&firstResult=0&maxResults=15" \
		>> "$OUT/import-task-query.txt"
	sleep 0.5
done ) &
QUERIES=$!
trap 'kill $QUERIES $APP ${ANALYZER_PID:-} 2>/dev/null || true' EXIT

started=$(date +%s.%N)
answer=$(curl -fsS -u intake:intake -H 'Content-Type: text/csv' --data-binary @"$CSV" \
	"http://localhost:$PORT/api/leads/imports?source=list&campaign=Burst")
id=$(echo "$answer" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
accepted=$(date +%s.%N)
while true; do
	state=$(curl -fs -u mara:mara "http://localhost:$PORT/api/leads/imports/$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])')
	[ "$state" != RUNNING ] && break
	sleep 2
done
imported=$(date +%s.%N)
while [ "$("${PSQL[@]}" -tA -d "$DB" -c "SELECT COUNT(*) FROM act_ru_task WHERE task_def_key_ = 'ReviewLead'")" -lt "$ROWS" ]; do
	sleep 2
done
routed=$(date +%s.%N)
kill $QUERIES 2>/dev/null || true

status=$(curl -fs -u mara:mara "http://localhost:$PORT/api/leads/imports/$id")
per_rep=$("${PSQL[@]}" -tA -F ' ' -d "$DB" -c "SELECT owner_id, COUNT(*) FROM lead GROUP BY owner_id ORDER BY owner_id" | tr '\n' ' ')
deadlines=$("${PSQL[@]}" -tA -d "$DB" -c "SELECT COUNT(DISTINCT j.id_) FROM act_ru_job j JOIN act_ru_task t ON t.proc_inst_id_ = j.process_instance_id_ WHERE t.task_def_key_ = 'ReviewLead' AND j.handler_cfg_ LIKE '%Timer_AcceptanceDeadline%'")
percentiles=$(sort -n "$OUT/import-task-query.txt" | awk '{a[NR]=$1} END {printf "%d queries, p50 %.0f ms, p95 %.0f ms, max %.0f ms", NR, a[int(NR*0.5)]*1000, a[int(NR*0.95)]*1000, a[NR]*1000}')
{
	echo "| rows | answered 202 after | imported (rows/s) | all routed after (leads/s end to end) | leads per rep | acceptance deadlines | rep's task query meanwhile |"
	echo "|---:|---:|---:|---:|---|---:|---|"
	printf '| %d | %.1f s | %.0f s (%.1f) | %.0f s (%.1f) | %s | %s | %s |\n' "$ROWS" "$(echo "$accepted - $started" | bc)" \
		"$(echo "$imported - $started" | bc)" "$(echo "$ROWS / ($imported - $started)" | bc -l)" \
		"$(echo "$routed - $started" | bc)" "$(echo "$ROWS / ($routed - $started)" | bc -l)" "$per_rep" "$deadlines" "$percentiles"
	echo
	echo "Import status at the end: $status"
} >> "$OUT/import.md"
cat "$OUT/import.md"
