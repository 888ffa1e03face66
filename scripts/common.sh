# shellcheck shell=bash
# Shared settings and helpers for the scripts in this folder and its subfolders; sourced, not run.
# Two builds, each with one feature set and its own target directory, so that what the node, the
# tests and CI compile is shared and neither build rebuilds the other's artifacts:
#   production  `$CARGO_TARGET_DIR/release`: the node, the runtime wasm that chain specs embed,
#               the tests. No benchmarking code.
#   benchmarks  `$CARGO_TARGET_DIR/benchmarks/release`: the same with `runtime-benchmarks`, for
#               `dex-node benchmark pallet|storage|overhead` (scripts/weights.sh, scripts/bench/).
# scripts/test.sh also checks the code behind `runtime-benchmarks` and `try-runtime` (clippy, the
# benchmarks' tests, the migrations' pre/post checks) in `$CARGO_TARGET_DIR/checks`, native only.

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/dex-chain/target}
CARGO_FEATURES=()
# The node the scripts run; DEX_NODE=PATH runs another build (scripts/weights.sh: the benchmark
# node, scripts/metadata-diff.sh: an older release).
DEX_NODE=${DEX_NODE:-$CARGO_TARGET_DIR/release/dex-node}
# The production runtime's wasm, as the node's build leaves it (the code of a runtime upgrade).
# shellcheck disable=SC2034 # used by the scripts that source this file
RUNTIME_WASM="$CARGO_TARGET_DIR/release/wbuild/dex-runtime/dex_runtime.compact.compressed.wasm"
BENCH_TARGET_DIR="$CARGO_TARGET_DIR/benchmarks"
BENCH_FEATURES=(--features runtime-benchmarks)
BENCH_NODE="$BENCH_TARGET_DIR/release/dex-node"
# The benchmark build's runtime wasm, for `dex-node benchmark pallet --runtime`.
# shellcheck disable=SC2034 # used by the scripts that source this file
BENCH_RUNTIME_WASM="$BENCH_TARGET_DIR/release/wbuild/dex-runtime/dex_runtime.compact.compressed.wasm"
# The feature-gated code's checks in scripts/test.sh (clippy, the benchmarks' tests, the
# migrations' try-runtime checks): native only, both features at once, in a target of their own.
CHECKS_TARGET_DIR="$CARGO_TARGET_DIR/checks"
CHECKS_FEATURES=(--features runtime-benchmarks,try-runtime)
# The Python programs that turn benchmark and check results into reports (scripts/report/).
# shellcheck disable=SC2034 # used by the scripts that source this file
REPORTS="$REPO_ROOT/scripts/report"

# --- Building ----------------------------------------------------------------------------------

# Runs a cargo command of the production build in release mode, locked, from the repository's
# root: cargo_release COMMAND [ARG...], e.g. `cargo_release test -p dex-runtime -- --nocapture`.
cargo_release() {
	local command=$1
	shift
	(cd "$REPO_ROOT" && cargo "$command" --release --locked ${CARGO_FEATURES[@]+"${CARGO_FEATURES[@]}"} "$@")
}

# The same for the benchmark build: cargo_bench COMMAND [ARG...].
cargo_bench() {
	local command=$1
	shift
	(cd "$REPO_ROOT" && CARGO_TARGET_DIR=$BENCH_TARGET_DIR cargo "$command" --release --locked \
		"${BENCH_FEATURES[@]}" "$@")
}

# The same for the feature-gated checks, without the wasm: cargo_checks COMMAND [ARG...].
cargo_checks() {
	local command=$1
	shift
	(cd "$REPO_ROOT" && SKIP_WASM_BUILD=1 CARGO_TARGET_DIR=$CHECKS_TARGET_DIR cargo "$command" \
		--release --locked "${CHECKS_FEATURES[@]}" "$@")
}

# Builds the production node (progress visible).
build_node() {
	echo "[build] cargo build --release -p dex-node (target: $CARGO_TARGET_DIR)"
	cargo_release build -p dex-node
}

# Builds the benchmark node (progress visible).
build_bench_node() {
	echo "[build] cargo build --release -p dex-node ${BENCH_FEATURES[*]} (target: $BENCH_TARGET_DIR)"
	cargo_bench build -p dex-node
}

# Exits unless the production node is built: require_node TAG (the caller's log prefix).
require_node() {
	[ -x "$DEX_NODE" ] && return 0
	echo "[$1] $DEX_NODE not found: build it first (scripts/run-dev.sh or cargo build, see the README)" >&2
	exit 1
}

# --- Installing --------------------------------------------------------------------------------

# Installs the Debian packages of the list that are not installed yet (apt-get update first, sudo
# when not root) and prints what it installs; does nothing when all are there.
# apt_install PKG...
apt_install() {
	local pkg missing=() sudo=()
	for pkg in "$@"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
	done
	[ ${#missing[@]} -gt 0 ] || return 0
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	echo "[apt] installing Debian packages: ${missing[*]}"
	${sudo[@]+"${sudo[@]}"} apt-get update -qq
	${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Installs an npm package's dependencies (`npm ci`) when its node_modules is missing or older than
# its package-lock.json. ensure_npm DIR
ensure_npm() {
	local dir=$1
	if [ -d "$dir/node_modules" ] && ! [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
		return 0
	fi
	command -v npm >/dev/null 2>&1 || { echo "[npm] npm not found: run scripts/setup.sh" >&2; return 1; }
	echo "[npm] installing the npm packages of ${dir#"$REPO_ROOT"/} (npm ci)"
	(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
}

# --- Talking to a node -------------------------------------------------------------------------

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

# Prints a block's number: block_number PORT [HASH_JSON] (the best block without a hash; the hash
# as `rpc` prints it, quotes included).
block_number() {
	rpc "$1" chain_getHeader "[${2:-}]" |
		python3 -c 'import json,sys; print(int(json.load(sys.stdin)["number"], 16))'
}

# Starts a node in the background and waits until it answers: start_dev_node LOG ARG... runs
# "$DEX_NODE" ARG... with its output appended to LOG, sets NODE_PID, and waits until the node
# answers `system_health` on the port of its `--rpc-port` argument (9944 without one), for at most
# $NODE_START_TIMEOUT seconds (default 60). If the node exits or the time runs out, prints the
# log's last 20 lines and returns 1 (so a `set -e` script exits; its EXIT trap should stop the node
# with stop_dev_node).
start_dev_node() {
	local log=$1
	shift
	local port=9944 arg previous=""
	for arg in "$@"; do
		case "$arg" in
		--rpc-port=*) port=${arg#--rpc-port=} ;;
		*) [ "$previous" != --rpc-port ] || port=$arg ;;
		esac
		previous=$arg
	done
	"$DEX_NODE" "$@" >>"$log" 2>&1 &
	NODE_PID=$!
	local deadline=$((SECONDS + ${NODE_START_TIMEOUT:-60}))
	while [ "$SECONDS" -lt "$deadline" ]; do
		rpc "$port" system_health >/dev/null 2>&1 && return 0
		kill -0 "$NODE_PID" 2>/dev/null || break
		sleep 1
	done
	if kill -0 "$NODE_PID" 2>/dev/null; then
		echo "[node] FAIL: dex-node (pid $NODE_PID) did not answer on RPC port $port within ${NODE_START_TIMEOUT:-60} s; last lines of $log:" >&2
	else
		echo "[node] FAIL: dex-node exited before answering on RPC port $port; last lines of $log:" >&2
	fi
	tail -20 "$log" >&2
	return 1
}

# Stops the node start_dev_node started (if any) and forgets it.
stop_dev_node() {
	stop_process "${NODE_PID:-}"
	NODE_PID=""
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
