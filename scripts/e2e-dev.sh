#!/usr/bin/env bash
# End-to-end check of the built node: starts `dex-node --dev --tmp` on free ports, waits until
# block 3 is finalized, checks `system_properties` (DEX, 12 decimals, SS58 42) and that the runtime
# is a production build (its metadata lists no `Benchmark` runtime API), runs the AMM flow
# and liquidity mining flows of scripts/client against it (every swap checked against the
# runtime API's quote, every reward against rate x blocks x share), the liquidity provider's view
# through the CLI (demo market at block 1, impermanent loss against its closed form, fee income,
# APR) and stops the node. A failed flow does not stop the others; the last line counts the flows
# run, `[e2e] dev chain: N passed, M failed (...)`, and the exit status is 1 if any failed.
# The node is stopped on every exit path, so no process outlives the check.
set -euo pipefail
source "$(dirname "$0")/common.sh"

require_node e2e

rpc_port=$(free_port)
p2p_port=$(free_port)
log=$(mktemp -t dex-e2e.XXXXXX.log)
trap stop_dev_node EXIT
trap 'exit 130' INT TERM
start_dev_node "$log" --dev --tmp --rpc-port "$rpc_port" --port "$p2p_port" --no-prometheus \
	--no-telemetry
echo "[e2e] dex-node --dev --tmp (pid $NODE_PID, rpc $rpc_port, log $log)"
export DEX_WS="ws://127.0.0.1:$rpc_port"

# Block 3 finalized within 180 s, and the chain's properties.
# shellcheck disable=SC2317 # called through `flow`
finality_and_properties() {
	local finalized=0 head props
	for _ in $(seq 1 90); do
		if ! kill -0 "$NODE_PID" 2>/dev/null; then
			echo "[e2e] node exited early; last log lines:" >&2
			tail -20 "$log" >&2
			return 1
		fi
		if head=$(rpc "$rpc_port" chain_getFinalizedHead 2>/dev/null); then
			finalized=$(block_number "$rpc_port" "$head") || return 1
			[ "$finalized" -ge 3 ] && break
		fi
		sleep 2
	done
	if [ "$finalized" -lt 3 ]; then
		echo "[e2e] FAIL: finalized block $finalized after 180 s; last log lines:" >&2
		tail -20 "$log" >&2
		return 1
	fi
	echo "[e2e] finalized block #$finalized"

	props=$(rpc "$rpc_port" system_properties) || return 1
	echo "[e2e] system_properties: $props"
	python3 "$REPORTS/props.py" "$props"
}

names=()
failures=()
passed=0
# Runs one flow and counts it: flow NAME COMMAND...
flow() {
	local name=$1
	shift
	names+=("$name")
	if "$@"; then
		passed=$((passed + 1))
	else
		failures+=("$name")
		echo "[e2e] FAILED: $name" >&2
	fi
}
# Prints its arguments separated by ", ".
join_comma() {
	local out
	printf -v out '%s, ' "$@"
	echo "${out%, }"
}
# Stops the node and prints the closing line; exits 0 when every flow run passed, else 1.
finish() {
	local list
	list=$(join_comma "${names[@]}")
	[ ${#failures[@]} -eq 0 ] || list+="; failed: $(join_comma "${failures[@]}")"
	stop_dev_node
	trap - EXIT
	if [ ${#failures[@]} -eq 0 ]; then
		rm -f "$log"
	else
		echo "[e2e] node log kept: $log" >&2
	fi
	echo "[e2e] dev chain: $passed passed, ${#failures[@]} failed ($list)"
	[ ${#failures[@]} -eq 0 ] || exit 1
	exit 0
}

flow "finality and properties" finality_and_properties
# The flows need the expected chain, finalizing; without it they would only fail or time out.
[ ${#failures[@]} -eq 0 ] || finish

# The chain runs the production runtime: benchmarking is in a separate build (scripts/common.sh).
# shellcheck disable=SC2317 # called through `flow`
production_runtime() {
	local summary apis
	summary=$(node "$REPO_ROOT/scripts/client/metadata-summary.mjs" "$DEX_WS") || return 1
	apis=$(grep -c '^api ' <<<"$summary" || true)
	if [ "$apis" -eq 0 ] || grep -q '^api Benchmark\.' <<<"$summary"; then
		echo "[e2e] FAIL: the dev chain's runtime is not a production build ($apis API methods):" >&2
		grep '^api Benchmark\.' <<<"$summary" >&2 || true
		return 1
	fi
	echo "[e2e] metadata: $apis runtime API methods, no Benchmark API"
}
flow "production runtime" production_runtime

echo "[e2e] AMM flow through @polkadot/api"
flow "AMM flow" node "$REPO_ROOT/scripts/client/amm-flow.mjs"

echo "[e2e] liquidity mining flow through @polkadot/api"
flow "farm flow" node "$REPO_ROOT/scripts/client/farm-flow.mjs"

echo "[e2e] liquidity provider's view through the CLI (scripts/client/dex.mjs)"
flow "LP view" node "$REPO_ROOT/scripts/client/lp-flow.mjs"

finish
