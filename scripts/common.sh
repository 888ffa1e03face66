# Shared settings for the scripts in this folder; sourced, not run.
# One target directory and one feature set for every build, so the node, the tests and CI share
# their compiled artifacts.

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/dex-chain/target}
# The node is always built with runtime benchmarks, so `dex-node benchmark pallet` works and the
# tests reuse the node's artifacts.
CARGO_FEATURES=(--features runtime-benchmarks)
DEX_NODE="$CARGO_TARGET_DIR/release/dex-node"

# Builds the release node (progress visible).
build_node() {
	echo "[build] cargo build --release -p dex-node ${CARGO_FEATURES[*]} (target: $CARGO_TARGET_DIR)"
	(cd "$REPO_ROOT" && cargo build --release --locked -p dex-node "${CARGO_FEATURES[@]}")
}

# Prints a free TCP port on the loopback interface.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Calls a JSON-RPC method over HTTP: rpc PORT METHOD [PARAMS_JSON]; prints the `result` as JSON.
rpc() {
	local port=$1 method=$2 params=${3:-[]}
	curl -sf -H 'Content-Type: application/json' \
		-d "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"$method\",\"params\":$params}" \
		"http://127.0.0.1:$port" |
		python3 -c 'import json,sys; r=json.load(sys.stdin); print(json.dumps(r["result"]))'
}

# Stops a node: SIGINT, up to 10 s to exit, then SIGKILL; reaps it. stop_process PID (or nothing).
stop_process() {
	local pid=${1:-}
	[ -n "$pid" ] || return 0
	if kill -0 "$pid" 2>/dev/null; then
		kill -INT "$pid" 2>/dev/null || true
		for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$pid" 2>/dev/null || true
	fi
	wait "$pid" 2>/dev/null || true
}
