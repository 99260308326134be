#!/usr/bin/env bash
# The metrics benchmark (docs/performance.md, "A million leads"): fills a PostgreSQL database with
# generated leads (bench/metrics/generate.sql), starts Leadflow on it, and times every metrics
# endpoint over HTTP for one quarter and for two years — p50, p95 and the slowest of N requests
# after a warm-up. Writes the table to target/bench/metrics.md.
#
#   bench/metrics-benchmark.sh [leads, default 1000000] [requests per case, default 20]
#   LEADFLOW_BENCH_ONLY=report-cards bench/metrics-benchmark.sh   # only these endpoints
#
# The database (leadflow_bench on 127.0.0.1:5432, user postgres; another with LEADFLOW_BENCH_DB) is
# kept between runs and made again when it holds another number of generated leads.
set -euo pipefail
cd "$(dirname "$0")/.."
LEADS="${1:-1000000}"
REQUESTS="${2:-20}"
DB="${LEADFLOW_BENCH_DB:-leadflow_bench}"
PORT="${LEADFLOW_BENCH_PORT:-8089}"
OUT=target/bench
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
mkdir -p "$OUT"

. bench/common.sh

generated() {
	"${PSQL[@]}" -tA -d "$DB" -c "SELECT count(*) FROM lead WHERE id LIKE 'gen-%'" 2>/dev/null || echo none
}

APP_PID=
start_app() {
	# the default run's demo identities and embedded mail, on PostgreSQL
	port_free "$PORT"
	java -Xmx1g -jar "$JAR" --server.port="$PORT" \
		--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" --spring.datasource.username=postgres \
		--spring.datasource.password=bench --leadflow.mail.embedded.port=0 > "$OUT/metrics-app.log" 2>&1 &
	APP_PID=$!
	for _ in $(seq 1 180); do
		if curl -fs -o /dev/null -u mara:mara "http://localhost:$PORT/api/metrics/funnel"; then
			return
		fi
		kill -0 "$APP_PID" 2>/dev/null || { echo "Leadflow did not start: see $OUT/metrics-app.log" >&2; exit 1; }
		sleep 1
	done
	echo "Leadflow did not answer within 3 minutes" >&2
	exit 1
}
trap '[ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true' EXIT

if [ "$(generated)" != "$LEADS" ]; then
	echo "== a fresh database $DB with $LEADS generated leads"
	"${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
	start_app # creates Leadflow's and the engine's tables
	started=$(date +%s)
	"${PSQL[@]}" -d "$DB" -v leads="$LEADS" -f bench/metrics/generate.sql
	echo "generated in $(( $(date +%s) - started )) s"
else
	echo "== $DB holds $LEADS generated leads"
	"${PSQL[@]}" -d "$DB" -c "ANALYZE"
	start_app
fi

# what the nightly process does, set off by hand (its timer's job, executed as the administrator), and timed
echo "== the nightly rescoring of every account (process account-scores)"
{
	api="http://localhost:$PORT/engine-rest"
	finished() { curl -s -u demo:demo "$api/history/process-instance/count?processDefinitionKey=account-scores&finished=true" | tr -dc 0-9; }
	before=$(finished)
	timer=$(curl -s -u demo:demo "$api/job?processDefinitionKey=account-scores&timers=true" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
	[ -n "$timer" ] || { echo "account-scores has no timer job" >&2; exit 1; }
	started=$(date +%s)
	curl -fs -o /dev/null -u demo:demo -X POST "$api/job/$timer/execute"
	until [ "$(finished)" -gt "$before" ]; do
		sleep 2
		[ $(( $(date +%s) - started )) -lt 1800 ] || { echo "account-scores did not finish in 30 minutes" >&2; exit 1; }
	done
	echo "rescored $("${PSQL[@]}" -tA -d "$DB" -c "SELECT count(*) FROM account_score") accounts in $(( $(date +%s) - started )) s" \
		| tee "$OUT/metrics-rescoring.txt"
}

today=$(date -u +%F)
quarter="from=$(date -u -d '-90 days' +%F)&to=$today"
two_years="from=$(date -u -d '-729 days' +%F)&to=$today"
CASES=(
	"funnel?by=source" "funnel?by=campaign" "funnel?by=rep" "funnel?by=team&team=territory-emea"
	"speed?by=rep" "speed?by=team"
	"rejections?by=source" "dispositions?by=campaign" "fair-game?by=rep"
	"cultivation?by=campaign" "engagement?by=account" "engagement/accounts/gen-account-1?by=account"
	"report-cards/rep?rep=elias" "report-cards/team?team=territory-emea"
)

{
	echo "| endpoint | period | p50 ms | p95 ms | max ms |"
	echo "|---|---|---:|---:|---:|"
} > "$OUT/metrics.md"
for case in "${CASES[@]}"; do
	# LEADFLOW_BENCH_ONLY=report-cards: only the endpoints whose path contains it
	[[ "$case" == *"${LEADFLOW_BENCH_ONLY:-}"* ]] || continue
	for period in quarter two_years; do
		url="http://localhost:$PORT/api/metrics/$case&${!period}"
		status=$(curl -s -o "$OUT/answer.json" -w '%{http_code}' -u mara:mara "$url")
		if [ "$status" != 200 ]; then
			echo "$url answered $status: $(head -c 300 "$OUT/answer.json")" >&2
			exit 1
		fi
		curl -s -o /dev/null -u mara:mara "$url"
		times=$(for _ in $(seq 1 "$REQUESTS"); do curl -s -o /dev/null -w '%{time_total}\n' -u mara:mara "$url"; done | percentiles_ms)
		row="| \`${case%%\?*}?${case#*\?}\` | ${period/_/ } | $times |"
		echo "$row" | tee -a "$OUT/metrics.md"
	done
done
echo "written to $OUT/metrics.md"
