#!/usr/bin/env bash
# Node throughput on a release `dex-node --dev`: fills blocks with pre-signed transfers and swaps
# from the six dev accounts and with farm stakes and claims from many funded stakers
# (scripts/client/throughput.mjs), then re-executes the blocks with `dex-node benchmark block`
# to compare their execution time with the weight they were charged. Prints, per kind, the full
# blocks, successful extrinsics per block and per second, the normal weight used, each full
# block's execution time as a share of its weight (min-max) and the failed extrinsics, the ratio
# swaps/s ÷ transfers/s, and the closing line `throughput: N passed, M failed` (kinds). A kind
# fails when it filled no block, when more than THROUGHPUT_MAX_FAILED percent (default 1) of its
# included extrinsics failed, or when a full block's execution time exceeds THROUGHPUT_MAX_RATIO
# percent of its weight (default 90; 100 with --quick); the script then exits non-zero.
#
# Usage: scripts/bench/throughput.sh [PER_SENDER]   (default 3000 transfers and swaps per dev
#          account, and 6 x PER_SENDER stakes and claims; THROUGHPUT_CLAIMERS=N changes the latter)
#        scripts/bench/throughput.sh --quick        (CI: about the fewest transactions that fill
#          one block of each kind: 1.5 x what a block holds by their weight, 2 x for claims
#          (and as many stakes, from the same stakers); some 3 minutes)
# THROUGHPUT_DB=DIR keeps the node's database in DIR afterwards (replacing what DIR held), e.g. for
# `dex-node benchmark storage` on a database of realistic size (scripts/weights.sh).
# THROUGHPUT_REPEAT (default 3, 2 with --quick): executions of each block by `benchmark block`;
# THROUGHPUT_CLIENT_TIMEOUT (s, default 3600, 300 with --quick): the most the client may take.
# Results: target/throughput.json (target/throughput-quick.json with --quick) and the console
# (the reports: scripts/report/throughput.py).
set -euo pipefail
source "$(dirname "$0")/../common.sh"
cd "$REPO_ROOT"

KINDS=(transfer swap stake claim)
quick=0
if [ "${1:-}" = --quick ]; then
	quick=1
	shift
fi
PER_SENDER=${1:-3000}
if ! [[ "$PER_SENDER" =~ ^[1-9][0-9]*$ ]] || [ $# -gt 1 ]; then
	echo "usage: $0 [--quick] [PER_SENDER]" >&2
	exit 2
fi
if [ "$quick" = 1 ]; then
	export THROUGHPUT_MAX_RATIO=${THROUGHPUT_MAX_RATIO:-100}
	results="$REPO_ROOT/target/throughput-quick.json"
	client_args=(--quick)
	repeat=${THROUGHPUT_REPEAT:-2}
	client_timeout=${THROUGHPUT_CLIENT_TIMEOUT:-300}
else
	export THROUGHPUT_MAX_RATIO=${THROUGHPUT_MAX_RATIO:-90}
	results="$REPO_ROOT/target/throughput.json"
	client_args=(--per-sender "$PER_SENDER")
	[ -z "${THROUGHPUT_CLAIMERS:-}" ] || client_args+=(--claimers "$THROUGHPUT_CLAIMERS")
	repeat=${THROUGHPUT_REPEAT:-3}
	client_timeout=${THROUGHPUT_CLIENT_TIMEOUT:-3600}
fi
export THROUGHPUT_MAX_FAILED=${THROUGHPUT_MAX_FAILED:-1}

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
mkdir -p "$(dirname "$results")"
rm -f "$results"

cleanup() {
	stop_dev_node
	[ -n "$keep_db" ] || rm -rf "$base"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Every kind failed: says why, prints the closing line and exits.
fail_all() {
	echo "[throughput] FAIL: $1" >&2
	echo "throughput: 0 passed, ${#KINDS[@]} failed"
	exit 1
}

echo "[throughput] dex-node --dev (base path $base, rpc $rpc_port)"
# The transaction pool holds a kind's transactions at once, a tenth of its limit in its future
# queue (the client's transactions waiting for their sender's first).
start_dev_node "$base/node.log" --dev --base-path "$base" --rpc-port "$rpc_port" --port "$(free_port)" \
	--no-prometheus --no-telemetry --pool-limit 1000000 --pool-kbytes 400000 \
	--rpc-max-request-size 100 --rpc-max-connections 10 ||
	fail_all "dex-node --dev did not come up within ${NODE_START_TIMEOUT:-60} s (NODE_START_TIMEOUT)"

client_rc=0
client_started=$SECONDS
DEX_WS="ws://127.0.0.1:$rpc_port" timeout -k 10 "$client_timeout" \
	node scripts/client/throughput.mjs "${client_args[@]}" --json "$results" || client_rc=$?
[ "$client_rc" -ne 124 ] || echo "[throughput] FAIL: the client did not finish within $client_timeout s" >&2
echo "[throughput] the client took $((SECONDS - client_started)) s"
stop_dev_node
[ -s "$results" ] || fail_all "the client wrote no results (exit status $client_rc)"

# Re-execute the blocks from the first full block to the last, in one process: the first block a
# `benchmark block` process executes also pays for compiling the runtime, so the block before
# runs first and its figure is dropped.
: >"$base/blocks.txt"
span=$(python3 "$REPORTS/throughput.py" span "$results")
if [ -n "$span" ]; then
	read -r from to <<<"$span"
	echo "[throughput] dex-node benchmark block --from $((from - 1)) --to $to --repeat $repeat (the first one warms up)"
	bench_started=$SECONDS
	set +e
	"$DEX_NODE" benchmark block --dev --base-path "$base" --from "$((from - 1))" --to "$to" --repeat "$repeat" 2>&1 |
		tee "$base/bench.log" | grep --line-buffered -E "Block [0-9]+ with" | sed -u -E 's/^.*(Block [0-9]+ with)/\1/'
	bench_rc=${PIPESTATUS[0]}
	set -e
	echo "[throughput] benchmark block took $((SECONDS - bench_started)) s"
	if [ "$bench_rc" -ne 0 ]; then
		echo "[throughput] FAIL: dex-node benchmark block exited with status $bench_rc; last lines:" >&2
		tail -20 "$base/bench.log" >&2
	fi
	{ grep -E "Block [0-9]+ with" "$base/bench.log" || true; } | sed -E 's/^.*(Block [0-9]+ with)/\1/' |
		tail -n +2 >"$base/blocks.txt"
fi

echo "[throughput] $([ "$quick" = 1 ] && echo "quick run" || echo "run") took $((SECONDS / 60)) min $((SECONDS % 60)) s"
python3 "$REPORTS/throughput.py" summary "$results" "$base/blocks.txt" "$base/node.log" || exit 1
if [ "$client_rc" -ne 0 ]; then
	echo "[throughput] FAIL: the client exited with status $client_rc" >&2
	exit 1
fi
