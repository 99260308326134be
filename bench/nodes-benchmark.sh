#!/usr/bin/env bash
# Nodes benchmark (docs/performance.md, "Two nodes, and a third"): how many leads per second one,
# two, … nodes on one PostgreSQL route into the reps' Tasklists. For each node count it makes a
# fresh database, starts that many nodes of the jar on this machine, posts LEADS grade-A EMEA leads
# with 4 client processes spread over the nodes, and times from the first POST until every lead's
# ReviewLead task exists. Writes the table to target/bench/nodes.md.
#
#   bench/nodes-benchmark.sh [MAX_NODES=2] [LEADS=600]
set -euo pipefail
cd "$(dirname "$0")/.."
MAX_NODES="${1:-2}"
LEADS="${2:-600}"
DB=leadflow_nodes
OUT=target/bench
PSQL=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
mkdir -p "$OUT"

. bench/common.sh

PIDS=()
stop_nodes() {
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	PIDS=()
}
trap stop_nodes EXIT

post_leads() { # worker index, workers, nodes, run id
	local worker=$1 workers=$2 nodes=$3 run=$4 i port
	for ((i = worker; i < LEADS; i += workers)); do
		port=$((8101 + i % nodes))
		curl -fs -o /dev/null -u intake:intake -H 'Content-Type: application/json' "http://localhost:$port/api/leads" -d \
			"{\"source\":\"webinar\",\"campaign\":\"Nodes $run\",\"contact\":{\"firstName\":\"Nia\",\"lastName\":\"Node\",
			\"email\":\"nia$i@n$run-$i.example\",\"title\":\"CEO\",\"roleLevel\":\"EXECUTIVE\"},\"company\":{\"name\":\"Nodes $run $i\",
			\"domain\":\"n$run-$i.example\",\"country\":\"DE\",\"employees\":2000,\"industry\":\"Manufacturing\"},
			\"productInterest\":\"Platform\",\"budgetEstablished\":true,\"authority\":true,\"need\":true,\"timelineMonths\":1}" \
			|| echo "lead $i refused by node $port" >&2
	done
}

{
	echo "| nodes | leads | all routed after | leads/s routed |"
	echo "|---:|---:|---:|---:|"
} > "$OUT/nodes.md"
for nodes in $(seq 1 "$MAX_NODES"); do
	"${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
	for n in $(seq 1 "$nodes"); do
		port_free $((8100 + n))
		java -Xmx512m -jar "$JAR" --server.port=$((8100 + n)) --leadflow.mail.embedded.port=0 \
			--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" --spring.datasource.username=postgres \
			--camunda.bpm.generic-properties.properties.hostname="node-$n" > "$OUT/nodes-$nodes-$n.log" 2>&1 &
		PIDS+=($!)
	done
	for n in $(seq 1 "$nodes"); do
		for _ in $(seq 1 240); do
			curl -fs -o /dev/null -u demo:demo "http://localhost:$((8100 + n))/actuator/health" && break
			sleep 1
		done
	done
	sleep 5 # the start-up's own jobs (account scores, timers) settle
	started=$(date +%s.%N)
	run="$nodes$RANDOM"
	posters=()
	for w in 0 1 2 3; do
		post_leads "$w" 4 "$nodes" "$run" &
		posters+=($!)
	done
	wait "${posters[@]}"
	posted=$(date +%s.%N)
	while [ "$("${PSQL[@]}" -tA -d "$DB" -c "SELECT COUNT(*) FROM act_ru_task WHERE task_def_key_ = 'ReviewLead'")" -lt "$LEADS" ]; do
		sleep 0.5
		if [ "$(echo "$(date +%s.%N) - $started > 1800" | bc)" = 1 ]; then echo "not routed within 30 minutes" >&2; exit 1; fi
	done
	routed=$(date +%s.%N)
	seconds=$(echo "$routed - $started" | bc)
	printf '| %d | %d | %.1f s (posted in %.1f s) | %.1f |\n' "$nodes" "$LEADS" "$seconds" "$(echo "$posted - $started" | bc)" \
		"$(echo "$LEADS / $seconds" | bc -l)" >> "$OUT/nodes.md"
	echo "== $nodes node(s): $(tail -1 "$OUT/nodes.md")"
	stop_nodes
done
"${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
cat "$OUT/nodes.md"
