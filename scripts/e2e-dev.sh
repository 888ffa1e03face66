#!/usr/bin/env bash
# End-to-end check of the built node: starts `dex-node --dev --tmp` on free ports, waits until
# block 3 is finalized, checks `system_properties` (DEX, 12 decimals, SS58 42), runs the AMM flow
# and liquidity mining flows of scripts/client against it (every swap checked against the
# runtime API's quote, every reward against rate x blocks x share), the liquidity provider's view
# through the CLI (demo market at block 1, impermanent loss against its closed form, fee income,
# APR) and stops the node.
# The node is stopped on every exit path, so no process outlives the check.
set -euo pipefail
source "$(dirname "$0")/common.sh"

[ -x "$DEX_NODE" ] || { echo "[e2e] $DEX_NODE not found: build it first" >&2; exit 1; }

rpc_port=$(free_port)
p2p_port=$(free_port)
log=$(mktemp -t dex-e2e.XXXXXX.log)
"$DEX_NODE" --dev --tmp --rpc-port "$rpc_port" --port "$p2p_port" --no-prometheus \
	--no-telemetry >"$log" 2>&1 &
node_pid=$!

stop_node() { stop_process "$node_pid"; }
trap stop_node EXIT
trap 'exit 130' INT TERM

echo "[e2e] dex-node --dev --tmp (pid $node_pid, rpc $rpc_port, log $log)"
finalized=0
for _ in $(seq 1 90); do
	if ! kill -0 "$node_pid" 2>/dev/null; then
		echo "[e2e] node exited early; last log lines:" >&2
		tail -20 "$log" >&2
		exit 1
	fi
	if head=$(rpc "$rpc_port" chain_getFinalizedHead 2>/dev/null); then
		finalized=$(rpc "$rpc_port" chain_getHeader "[$head]" |
			python3 -c 'import json,sys; print(int(json.load(sys.stdin)["number"], 16))')
		[ "$finalized" -ge 3 ] && break
	fi
	sleep 2
done
if [ "$finalized" -lt 3 ]; then
	echo "[e2e] FAIL: finalized block $finalized after 180 s; last log lines:" >&2
	tail -20 "$log" >&2
	exit 1
fi
echo "[e2e] finalized block #$finalized"

props=$(rpc "$rpc_port" system_properties)
echo "[e2e] system_properties: $props"
python3 - "$props" <<'PY'
import json, sys
p = json.loads(sys.argv[1])
expected = {"tokenSymbol": "DEX", "tokenDecimals": 12, "ss58Format": 42}
bad = {k: (p.get(k), v) for k, v in expected.items() if p.get(k) != v}
if bad:
    sys.exit(f"[e2e] FAIL: system_properties differ (got, expected): {bad}")
PY

echo "[e2e] AMM flow through @polkadot/api"
DEX_WS="ws://127.0.0.1:$rpc_port" node "$REPO_ROOT/scripts/client/amm-flow.mjs"

echo "[e2e] liquidity mining flow through @polkadot/api"
DEX_WS="ws://127.0.0.1:$rpc_port" node "$REPO_ROOT/scripts/client/farm-flow.mjs"

echo "[e2e] liquidity provider's view through the CLI (scripts/client/dex.mjs)"
DEX_WS="ws://127.0.0.1:$rpc_port" node "$REPO_ROOT/scripts/client/lp-flow.mjs"

stop_node
trap - EXIT
rm -f "$log"
echo "[e2e] dev chain: 4 passed, 0 failed (finality and properties, AMM flow, farm flow, LP view)"
