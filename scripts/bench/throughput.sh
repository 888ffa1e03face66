#!/usr/bin/env bash
# Node throughput on a release `dex-node --dev`: fills blocks with pre-signed transfers, swaps and
# farm stakes/claims from the six dev accounts (scripts/client/throughput.mjs), then re-executes
# the full blocks with `dex-node benchmark block` to compare their execution time with the weight
# they were charged. Prints transactions per block and per second of each kind, the ratio
# swaps/s ÷ transfers/s, and each full block's execution time as a share of its weight.
# Usage: scripts/bench/throughput.sh [PER_SENDER] (default 3000 transactions per sender and kind)
# THROUGHPUT_DB=DIR keeps the node's database in DIR afterwards (replacing what DIR held), e.g. for
# `dex-node benchmark storage` on a database of realistic size (scripts/weights.sh).
# Results: target/throughput.json and the console (the reports: scripts/report/throughput.py).
set -euo pipefail
source "$(dirname "$0")/../common.sh"
cd "$REPO_ROOT"

PER_SENDER=${1:-3000}
[ -x "$DEX_NODE" ] || build_node
ensure_npm "$REPO_ROOT/scripts/client"

keep_db=${THROUGHPUT_DB:-}
if [ -n "$keep_db" ]; then
	rm -rf "$keep_db"
	mkdir -p "$keep_db"
	base=$(cd "$keep_db" && pwd)
else
	base=$(mktemp -d -t dex-throughput.XXXXXX)
fi
rpc_port=$(free_port)
results="$REPO_ROOT/target/throughput.json"
mkdir -p "$(dirname "$results")"

cleanup() {
	stop_dev_node
	[ -n "$keep_db" ] || rm -rf "$base"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "[throughput] dex-node --dev (base path $base, rpc $rpc_port)"
start_dev_node "$base/node.log" --dev --base-path "$base" --rpc-port "$rpc_port" --port "$(free_port)" \
	--no-prometheus --no-telemetry --pool-limit 100000 --pool-kbytes 400000 \
	--rpc-max-request-size 100 --rpc-max-connections 10

DEX_WS="ws://127.0.0.1:$rpc_port" node scripts/client/throughput.mjs --per-sender "$PER_SENDER" \
	--json "$results"
stop_dev_node

# Re-execute the blocks each kind filled and compare their execution time with their weight.
python3 "$REPORTS/throughput.py" ranges "$results" >"$base/ranges"
while read -r kind from to; do
	# The first block a `benchmark block` process executes also pays for compiling the runtime,
	# so the block before the range runs first and its figure is dropped.
	echo "[throughput] $kind: dex-node benchmark block --from $((from - 1)) --to $to (first one warms up)"
	"$DEX_NODE" benchmark block --dev --base-path "$base" --from "$((from - 1))" --to "$to" --repeat 3 2>&1 |
		grep -E "Block [0-9]+ with" | sed -E 's/^.*(Block [0-9]+ with)/\1/' | tail -n +2 |
		tee -a "$base/blocks.txt"
done <"$base/ranges"

python3 "$REPORTS/throughput.py" summary "$results" "$base/blocks.txt"
