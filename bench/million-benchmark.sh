#!/usr/bin/env bash
# The million-lead benchmark (docs/performance.md, "A million leads: what reps and marketing wait
# for"): a PostgreSQL database with LEADS generated leads (bench/metrics/generate.sql), RUNNING of
# them with a running lifecycle and an open task (bench/million/engine.sql) and the rest with their
# lifecycle in the engine's history; then, over HTTP as the users do: a rep's "My leads" filter in
# Tasklist, GET /api/leads with its filters as a rep, a manager and marketing, and the dossier —
# p50, p95 and the slowest of N requests after two to warm up. Writes target/bench/million.md.
#
#   bench/million-benchmark.sh [LEADS=1000000] [RUNNING=100000] [REQUESTS=20]
#
# The database (leadflow_million; another with LEADFLOW_BENCH_DB) is kept between runs and made
# again when it holds another number of leads or open tasks; making it takes about 25 minutes and
# 25 GB for a million.
set -euo pipefail
cd "$(dirname "$0")/.."
LEADS="${1:-1000000}"
RUNNING="${2:-100000}"
REQUESTS="${3:-20}"
DB="${LEADFLOW_BENCH_DB:-leadflow_million}"
PORT="${LEADFLOW_BENCH_PORT:-8090}"
OUT=target/bench
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
BASE="http://localhost:$PORT"
mkdir -p "$OUT"

. bench/common.sh

APP_PID=
start_app() {
	port_free "$PORT"
	# the demo identities of the default run, on PostgreSQL
	java -Xmx1g -jar "$JAR" --server.port="$PORT" --leadflow.mail.embedded.port=0 \
		--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" --spring.datasource.username=postgres \
		> "$OUT/million-app.log" 2>&1 &
	APP_PID=$!
	for _ in $(seq 1 900); do
		curl -fs -o /dev/null -u demo:demo "$BASE/actuator/health" && return
		kill -0 "$APP_PID" 2>/dev/null || { echo "Leadflow did not start: see $OUT/million-app.log" >&2; exit 1; }
		sleep 1
	done
	echo "Leadflow did not answer within 15 minutes" >&2
	exit 1
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=; }
trap '[ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true' EXIT
sql() { "${PSQL[@]}" -tA -d "$DB" -c "$1"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

held() { echo "$(sql "SELECT count(*) FROM lead WHERE id LIKE 'gen-%'" 2>/dev/null || echo none)/$(sql "SELECT count(*) FROM act_ru_task" 2>/dev/null || echo none)"; }
if [ "$(held)" != "$LEADS/$((RUNNING + 4))" ]; then
	echo "== a fresh database $DB: $LEADS leads, $RUNNING of them with an open task"
	"${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
	start_app
	# the templates: four German leads through the real lifecycle (two each for emma and elias),
	# one of emma's accepted
	for n in 1 2 3 4; do
		curl -fs -o /dev/null -u mara:mara -H 'Content-Type: application/json' "$BASE/api/leads" -d '{
			"source": "webinar", "campaign": "Template",
			"contact": {"firstName": "Tina", "lastName": "Template '$n'", "email": "tina@template'$n'.example", "roleLevel": "EXECUTIVE"},
			"company": {"name": "Template '$n' GmbH", "domain": "template'$n'.example", "country": "DE", "industry": "Manufacturing", "employees": 5000},
			"productInterest": "Platform", "budgetEstablished": true, "authority": true, "need": true, "timelineMonths": 2}'
	done
	until [ "$(sql "SELECT count(*) FROM act_ru_task WHERE task_def_key_ = 'ReviewLead'")" = 4 ]; do sleep 1; done
	tasks=$(sql "SELECT t.id_ || ' ' || e.business_key_ FROM act_ru_task t JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_ WHERE t.assignee_ = 'emma' ORDER BY t.create_time_")
	review=$(sed -n 1p <<< "$tasks" | cut -d' ' -f2)
	report_task=$(sed -n 2p <<< "$tasks" | cut -d' ' -f1)
	report=$(sed -n 2p <<< "$tasks" | cut -d' ' -f2)
	curl -fs -o /dev/null -u emma:emma -H 'Content-Type: application/json' -X POST \
		"$BASE/engine-rest/task/$report_task/complete" -d '{"variables": {"decision": {"value": "ACCEPT"}}}'
	until [ "$(sql "SELECT count(*) FROM act_ru_task WHERE task_def_key_ = 'ReportDisposition'")" = 1 ]; do sleep 1; done
	sleep 5 # the acceptance's mail instance and timers
	stop_app
	started=$(date +%s)
	"${PSQL[@]}" -d "$DB" -v leads="$LEADS" -f bench/metrics/generate.sql > /dev/null
	echo "Leadflow's tables generated in $(( $(date +%s) - started )) s"
	started=$(date +%s)
	"${PSQL[@]}" -d "$DB" -v running="$RUNNING" -v review="$review" -v report="$report" -f bench/million/engine.sql \
		2>&1 | grep -v NOTICE
	echo "the engine's tables generated in $(( $(date +%s) - started )) s"
else
	echo "== $DB holds $LEADS generated leads and $RUNNING open tasks"
fi
"${PSQL[@]}" -d "$DB" -c "ANALYZE"
start_app
echo "database: $(sql "SELECT pg_size_pretty(pg_database_size('$DB'))"); engine rows:" \
	"$(sql "SELECT (SELECT count(*) FROM act_ru_task) || ' open tasks, ' || (SELECT count(*) FROM act_ru_variable) || ' variables, ' || (SELECT count(*) FROM act_hi_procinst) || ' historic process instances, ' || (SELECT count(*) FROM act_hi_taskinst) || ' historic tasks, ' || (SELECT count(*) FROM act_hi_varinst) || ' historic variables'")" \
	| tee "$OUT/million-data.txt"

my_leads=$(curl -fs -u emma:emma "$BASE/engine-rest/filter?name=My%20leads" | json 'd[0]["id"]')
mine_running=$(sql "SELECT e.business_key_ FROM act_ru_task t JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_ WHERE t.assignee_ = 'emma' AND e.business_key_ LIKE 'gen-%' ORDER BY t.create_time_ DESC LIMIT 1")
closed=$(sql "SELECT id FROM lead WHERE id LIKE 'gen-%' AND status = 'WON' ORDER BY created_at LIMIT 1")
rejected_by_emma=$(sql "SELECT l.id FROM lead_rejection r JOIN lead l ON l.id = r.lead_id WHERE r.rep_id = 'emma' AND l.owner_id <> 'emma' ORDER BY r.rejected_at DESC LIMIT 1")
campaign=$(sql "SELECT campaign FROM lead WHERE id LIKE 'gen-%' ORDER BY created_at DESC LIMIT 1" | sed 's/ /%20/g')
tasklist_body='{"sorting": [{"sortBy": "created", "sortOrder": "desc"}]}'
# user|what the user does|method|path
CASES=(
	"emma|Tasklist: My leads, first page (HAL, with the list's variables)|POST|/engine-rest/filter/$my_leads/list?firstResult=0&maxResults=15"
	"emma|Tasklist: My leads, how many|GET|/engine-rest/filter/$my_leads/count"
	"emma|her tasks over REST, newest 15|GET|/engine-rest/task?assignee=emma&sortBy=created&sortOrder=desc&firstResult=0&maxResults=15"
	"emma|GET /api/leads (a rep: her own, had a task for, her team's offers)|GET|/api/leads"
	"emma|GET /api/leads?status=ACCEPTED|GET|/api/leads?status=ACCEPTED"
	"emma|GET /api/leads, page 50|GET|/api/leads?page=50"
	"sam|GET /api/leads (a manager: every team)|GET|/api/leads"
	"sam|GET /api/leads?owner=elias|GET|/api/leads?owner=elias"
	"mara|GET /api/leads (marketing: everything)|GET|/api/leads"
	"mara|GET /api/leads?source=webinar&status=WON|GET|/api/leads?source=webinar&status=WON"
	"mara|GET /api/leads?campaign=…|GET|/api/leads?campaign=$campaign"
	"mara|GET /api/leads?rejectedBy=emma|GET|/api/leads?rejectedBy=emma"
	"emma|dossier of her lead with an open task|GET|/api/leads/$mine_running"
	"emma|dossier of a lead she rejected|GET|/api/leads/$rejected_by_emma"
	"mara|dossier of a won lead|GET|/api/leads/$closed"
)
{
	echo "| who | what | p50 ms | p95 ms | max ms |"
	echo "|---|---|---:|---:|---:|"
} > "$OUT/million.md"
for case in "${CASES[@]}"; do
	IFS='|' read -r user what method path <<< "$case"
	request=(curl -s -o "$OUT/answer.json" -w '%{http_code} %{time_total}\n' -u "$user:$user" -X "$method" "$BASE$path")
	[ "$method" = POST ] && request+=(-H 'Content-Type: application/json' -H 'Accept: application/hal+json' -d "$tasklist_body")
	status=$("${request[@]}" | cut -d' ' -f1)
	if [ "$status" != 200 ]; then
		echo "$user $method $path answered $status: $(head -c 300 "$OUT/answer.json")" >&2
		exit 1
	fi
	"${request[@]}" > /dev/null
	times=$(for _ in $(seq 1 "$REQUESTS"); do "${request[@]}" | cut -d' ' -f2; done | percentiles_ms)
	echo "| $user | $what | $times |" | tee -a "$OUT/million.md"
done
echo "written to $OUT/million.md"
