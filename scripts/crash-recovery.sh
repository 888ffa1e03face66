#!/usr/bin/env bash
# Crash recovery: starts `dex-node --dev` on a base path, creates a pool, waits until its block is
# finalized, keeps the node authoring and importing blocks full of swaps, kills it with SIGKILL in
# the middle of that, restarts it on the same base path and checks that it resumes from its
# finalized head with the state intact (the pool's reserves at the saved block) and goes on
# producing and finalizing blocks. Every node process is stopped on every exit path.
set -euo pipefail
source "$(dirname "$0")/common.sh"

require_node crash

base=$(mktemp -d -t dex-crash.XXXXXX)
rpc_port=$(free_port)
p2p_port=$(free_port)
client_pid=""

stop_all() {
	[ -z "$client_pid" ] || kill -TERM "$client_pid" 2>/dev/null || true
	stop_dev_node
	wait 2>/dev/null || true
	rm -rf "$base"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

node_args=(--dev --base-path "$base/chain" --rpc-port "$rpc_port" --port "$p2p_port"
	--no-prometheus --no-telemetry)

export DEX_WS="ws://127.0.0.1:$rpc_port"
echo "[crash] dex-node --dev --base-path $base/chain (rpc $rpc_port)"
start_dev_node "$base/node.log" "${node_args[@]}"
node "$REPO_ROOT/scripts/client/crash-check.mjs" prepare "$base/saved.json" &
client_pid=$!
for _ in $(seq 1 120); do [ -s "$base/saved.json" ] && break; sleep 1; done
[ -s "$base/saved.json" ] || { echo "[crash] FAIL: no finalized pool after 120 s" >&2; exit 1; }

# Kill it a few blocks later, at a moment that is not a block boundary, while swaps flow in.
start=$(block_number "$rpc_port")
while [ "$(block_number "$rpc_port")" -lt $((start + 3)) ]; do sleep 0.5; done
sleep 2.7
echo "[crash] SIGKILL at best block #$(block_number "$rpc_port")"
kill -KILL "$NODE_PID"
wait "$NODE_PID" 2>/dev/null || true
kill -TERM "$client_pid" 2>/dev/null || true
wait "$client_pid" 2>/dev/null || true
client_pid=""

echo "[crash] restarting on the same base path"
start_dev_node "$base/node.log" "${node_args[@]}"
node "$REPO_ROOT/scripts/client/crash-check.mjs" verify "$base/saved.json"
