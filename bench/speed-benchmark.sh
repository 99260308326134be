#!/usr/bin/env bash
# The speed-to-lead benchmark (docs/performance.md, "Speed-to-lead"). In one run, on the local
# PostgreSQL (a fresh database each time) and then on the embedded H2:
#   1. LEADS leads through the whole lifecycle over HTTP with THREADS client threads
#      (POST /api/leads → ReviewLead ACCEPT → ReportDisposition WON);
#   2. as many instances of a bare two-user-task model, the same human steps over the same HTTP;
#   3. the lifecycle's own models and tables with every Leadflow step a no-op;
#   4. speed-to-lead while RATE leads/s arrive for SECONDS s (PostgreSQL only);
#   5. the timer storm: STORM leads whose acceptance deadlines are set in the past at once, all
#      escalated (PostgreSQL only).
# The app runs as the jar with -Xmx512m (LEADFLOW_BENCH_HEAP), a GC log and a JFR recording under
# target/bench/. Figures go to target/bench/speed.md.
#
#   bench/speed-benchmark.sh [LEADS=300] [THREADS=4] [RATE=25] [SECONDS=30] [STORM=10000]
#   LEADFLOW_BENCH_SKIP_H2=1 bench/speed-benchmark.sh ...   # PostgreSQL only
set -euo pipefail
cd "$(dirname "$0")/.."
LEADS="${1:-300}"
THREADS="${2:-4}"
RATE="${3:-25}"
SECONDS_OF_ARRIVALS="${4:-30}"
STORM="${5:-10000}"
HEAP="${LEADFLOW_BENCH_HEAP:-512m}"
DB=leadflow_speed
PORT="${LEADFLOW_BENCH_PORT:-8089}"
OUT=target/bench
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
export LEADFLOW_BENCH_URL="http://localhost:$PORT" LEADFLOW_BENCH_OUT="$OUT/speed.md"
mkdir -p "$OUT"
rm -f "$OUT/speed.md"

. bench/common.sh
bench() { java bench/speed/SpeedBenchmark.java "$@"; }

APP_PID=
start_app() { # name, then Spring arguments
	local name=$1; shift
	port_free "$PORT"
	java "-Xmx$HEAP" -Xlog:gc:file="$OUT/speed-$name-gc.log" \
		-XX:StartFlightRecording=filename="$OUT/speed-$name.jfr",settings=profile,dumponexit=true \
		-jar "$JAR" --server.port="$PORT" --leadflow.benchmark.enabled=true \
		--leadflow.mail.embedded.port=0 "$@" > "$OUT/speed-$name-app.log" 2>&1 &
	APP_PID=$!
	for _ in $(seq 1 180); do
		if curl -fs -o /dev/null -u mara:mara "http://localhost:$PORT/api/leads?size=1"; then
			return
		fi
		kill -0 "$APP_PID" 2>/dev/null || { echo "Leadflow did not start: see $OUT/speed-$name-app.log" >&2; exit 1; }
		sleep 1
	done
	echo "Leadflow did not answer within 3 minutes" >&2
	exit 1
}
stop_app() {
	kill "$APP_PID" 2>/dev/null || true
	wait "$APP_PID" 2>/dev/null || true
	APP_PID=
}
trap '[ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null; [ -n "${ANALYZER_PID:-}" ] && kill "$ANALYZER_PID" 2>/dev/null; true' EXIT

comparison() { # the three variants, after a warm-up of each
	bench deploy
	for variant in full bare noop; do
		LEADFLOW_BENCH_OUT=/dev/null bench throughput "$variant" 20 "$THREADS" > /dev/null
	done
	for variant in full bare noop; do
		bench throughput "$variant" "$LEADS" "$THREADS"
	done
}

full_gcs() { grep -c 'Pause Full' "$OUT/speed-$1-gc.log" || true; }
heap_after_gc() { # the largest heap after a collection, in MB
	sed -n 's/.*->\([0-9]*\)M([0-9]*M).*/\1/p' "$OUT/speed-$1-gc.log" | sort -n | tail -1
}

echo "# Speed-to-lead, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, -Xmx$HEAP" >> "$OUT/speed.md"

echo "== PostgreSQL: a fresh database $DB" | tee -a "$OUT/speed.md"
"${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
analyse_while_autovacuum_is_off "$DB" "$OUT/speed.md"
start_app postgres --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" \
	--spring.datasource.username=postgres --spring.datasource.password=bench
comparison
bench arrivals "$RATE" "$SECONDS_OF_ARRIVALS"

echo "== the timer storm: $STORM leads waiting, their deadlines set in the past at once" | tee -a "$OUT/speed.md"
# the arrivals' leads wait for acceptance too: accept them out of the way first (as the reps would)
"${PSQL[@]}" -d "$DB" -c "UPDATE act_ru_job SET duedate_ = now() + interval '30 days'
	WHERE handler_type_ = 'timer-transition' AND handler_cfg_ LIKE 'Timer_Acceptance%'"
bench waiting "$STORM" 8
before_breaches=$("${PSQL[@]}" -d "$DB" -tA -c "SELECT count(*) FROM lead_breach")
before_tasks=$("${PSQL[@]}" -d "$DB" -tA -c "SELECT count(*) FROM act_ru_task WHERE task_def_key_ = 'HandleUnacceptedLead'")
due=$("${PSQL[@]}" -d "$DB" -tA -c "WITH newest AS (
		SELECT j.id_ FROM act_ru_job j JOIN act_ru_task t ON t.proc_inst_id_ = j.process_instance_id_
		WHERE j.handler_type_ = 'timer-transition' AND j.handler_cfg_ LIKE 'Timer_AcceptanceDeadline%'
		AND t.task_def_key_ = 'ReviewLead' AND t.create_time_ > now() - interval '1 hour'
		ORDER BY t.create_time_ DESC LIMIT $STORM)
	UPDATE act_ru_job SET duedate_ = now() - interval '1 minute' WHERE id_ IN (SELECT id_ FROM newest)
	RETURNING 1" | wc -l)
started=$(date +%s.%N)
expected_breaches=$(( before_breaches + due ))
while :; do
	breaches=$("${PSQL[@]}" -d "$DB" -tA -c "SELECT count(*) FROM lead_breach")
	tasks=$("${PSQL[@]}" -d "$DB" -tA -c "SELECT count(*) FROM act_ru_task WHERE task_def_key_ = 'HandleUnacceptedLead'")
	[ "$breaches" -ge "$expected_breaches" ] && [ "$tasks" -ge $(( before_tasks + due )) ] && break
	elapsed=$(echo "$(date +%s.%N) - $started" | bc)
	whole=${elapsed%.*}
	if [ "${whole:-0}" -ge 900 ]; then echo "the storm did not end in 15 minutes: $breaches breaches" >&2; break; fi
	sleep 1
done
storm_seconds=$(echo "$(date +%s.%N) - $started" | bc)
read -r doubled incidents mails_asked <<< "$("${PSQL[@]}" -d "$DB" -tA -F ' ' -c "SELECT
	(SELECT count(*) FROM (SELECT lead_id FROM lead_breach GROUP BY lead_id HAVING count(*) > 1) d),
	(SELECT count(*) FROM act_ru_incident),
	(SELECT count(*) FROM act_hi_procinst p JOIN act_hi_varinst v ON v.proc_inst_id_ = p.id_
		AND v.name_ = 'mails' WHERE p.proc_def_key_ = 'lead-notification' AND p.start_time_ >= to_timestamp($started))")"
{
	echo
	echo "### timer storm ($due deadlines due at once)"
	echo
	echo "| figure | value |"
	echo "|---|---:|"
	echo "| all escalated after s (breach recorded, manager task made) | $(printf '%.1f' "$storm_seconds") |"
	echo "| escalations/s | $(echo "scale=1; $due / $storm_seconds" | bc) |"
	echo "| leads with a deadline recorded twice | $doubled |"
	echo "| incidents | $incidents |"
	echo "| escalation mail instances started | $mails_asked |"
} | tee -a "$OUT/speed.md"
sleep 5
stop_app
[ -n "$ANALYZER_PID" ] && kill "$ANALYZER_PID" 2>/dev/null || true
ANALYZER_PID=
echo "| full GCs (PostgreSQL run) | $(full_gcs postgres) |" | tee -a "$OUT/speed.md"
echo "| largest heap after a GC, MB | $(heap_after_gc postgres) |" | tee -a "$OUT/speed.md"

if [ -z "${LEADFLOW_BENCH_SKIP_H2:-}" ]; then
	echo "== the embedded H2 (a fresh file under $OUT/h2)" | tee -a "$OUT/speed.md"
	rm -rf "$OUT/h2"
	start_app h2 --spring.datasource.url="jdbc:h2:file:./$OUT/h2/leadflow;WRITE_DELAY=0"
	comparison
	stop_app
	echo "| full GCs (H2 run) | $(full_gcs h2) |" | tee -a "$OUT/speed.md"
fi
echo "== figures in $OUT/speed.md"
