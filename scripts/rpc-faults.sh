#!/usr/bin/env bash
# Bad input at the RPC and the transaction pool: starts `dex-node --dev --tmp` on free ports with a
# small transaction pool (--pool-limit 64) and runs scripts/client/rpc-faults.mjs against it:
# malformed extrinsic bytes, a bad signature, stale and far-future nonces, a flood past the pool's
# limit, oversized extrinsics, a wrong genesis hash or spec version, an account that cannot pay
# the fee, a nonce taken by a waiting transaction (replaced only with a higher tip), an expired
# era, a fee in a missing asset and swap paths far past the limit. Each must get a clear RPC
# error (a long path: its call's error and its whole fee), and the node must go on producing and
# finalizing blocks. Prints a markdown table `| Case | Sent | RPC error |` and the closing line
# `rpc faults: N passed, M failed`; exits non-zero if any case failed, any wait timed out or the
# chain stopped. The node is stopped on every exit path; its log is kept only on failure.
# Environment: RPC_FAULTS_POOL_LIMIT (default 64), RPC_FAULTS_TIMEOUT (seconds, default 260).
set -euo pipefail
source "$(dirname "$0")/common.sh"

require_node rpc-faults
ensure_npm "$REPO_ROOT/scripts/client"

pool_limit=${RPC_FAULTS_POOL_LIMIT:-64}
rpc_port=$(free_port)
p2p_port=$(free_port)
log=$(mktemp -t dex-rpc-faults.XXXXXX.log)
client_pid=""

# shellcheck disable=SC2317 # called through the traps
stop_all() {
	[ -z "$client_pid" ] || kill -TERM "$client_pid" 2>/dev/null || true
	[ -z "$client_pid" ] || wait "$client_pid" 2>/dev/null || true
	stop_dev_node
}
trap stop_all EXIT
trap 'exit 130' INT TERM

started=$SECONDS
start_dev_node "$log" --dev --tmp --rpc-port "$rpc_port" --port "$p2p_port" --no-prometheus \
	--no-telemetry --pool-limit "$pool_limit"
echo "[rpc-faults] dex-node --dev --tmp --pool-limit $pool_limit (pid $NODE_PID, rpc $rpc_port, log $log)"

export DEX_WS="ws://127.0.0.1:$rpc_port"
export RPC_FAULTS_POOL_LIMIT=$pool_limit
# Whether the node runs (an exited child stays a zombie, which `kill -0` still finds).
node_running() {
	local state
	state=$(ps -o stat= -p "$NODE_PID" 2>/dev/null) || return 1
	[[ $state != Z* ]]
}

# The client bounds each of its waits and the whole run (230 s); `timeout` bounds it once more,
# and the client is stopped at once if the node exits under it.
status=0
timeout --kill-after=10 "${RPC_FAULTS_TIMEOUT:-260}" node "$REPO_ROOT/scripts/client/rpc-faults.mjs" &
client_pid=$!
node_exited=0
while kill -0 "$client_pid" 2>/dev/null; do
	if ! node_running; then
		node_exited=1
		kill -TERM "$client_pid" 2>/dev/null || true
		break
	fi
	sleep 1
done
wait "$client_pid" || status=$?
client_pid=""
[ "$status" -ne 124 ] || echo "[rpc-faults] FAIL: the client ran longer than ${RPC_FAULTS_TIMEOUT:-260} s" >&2
if [ "$node_exited" -eq 1 ] || ! node_running; then
	echo "[rpc-faults] FAIL: dex-node exited during the run; last lines of $log:" >&2
	tail -20 "$log" >&2
	status=1
fi
stop_dev_node
if [ "$status" -eq 0 ]; then
	rm -f "$log"
else
	echo "[rpc-faults] node log kept: $log" >&2
fi
echo "[rpc-faults] done in $((SECONDS - started)) s"
exit "$status"
