#!/usr/bin/env bash
# Sets up the toolchain and runs every check: formatting, the release build, clippy (warnings are
# errors), the workspace's tests, then two end-to-end runs side by side: the flows on a dev chain
# and the zombienet test on a local 4-validator network. Prints how long each step took.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$REPO_ROOT"

step_name=""
# Prints how long the previous step took, then starts the step named by the arguments.
step() {
	[ -z "$step_name" ] || echo "[test] $step_name: $((SECONDS - step_started)) s"
	step_name=$*
	step_started=$SECONDS
	[ -z "$step_name" ] || echo "[test] $step_name"
}

step "setup"
"$REPO_ROOT/scripts/setup.sh"

step "cargo fmt --check"
cargo fmt --all -- --check

# The build comes before clippy, and neither skips the wasm build: build scripts rerun whenever
# SKIP_WASM_BUILD changes, which would rebuild the runtime's wasm twice.
step "build"
build_node

step "cargo clippy (-D warnings)"
cargo clippy --release --locked --workspace --all-targets "${CARGO_FEATURES[@]}" -- -D warnings

step "cargo test --release --workspace"
cargo test --release --locked --workspace "${CARGO_FEATURES[@]}"

# Both end-to-end runs mostly wait for 6-second blocks, so they share the machine well.
step "end-to-end: dev chain and 4-validator network (zombienet), side by side"
logs=$(mktemp -d -t dex-e2e-logs.XXXXXX)
"$REPO_ROOT/scripts/e2e-dev.sh" >"$logs/dev.log" 2>&1 &
dev_pid=$!
"$REPO_ROOT/scripts/zombienet.sh" test >"$logs/zombienet.log" 2>&1 &
zombienet_pid=$!
stop_runs() { kill -TERM "$dev_pid" "$zombienet_pid" 2>/dev/null || true; }
trap stop_runs INT TERM
dev_status=0
wait "$dev_pid" || dev_status=$?
zombienet_status=0
wait "$zombienet_pid" || zombienet_status=$?
trap - INT TERM
echo "---- dev chain (scripts/e2e-dev.sh) ----"
cat "$logs/dev.log"
echo "---- 4-validator network (scripts/zombienet.sh test) ----"
cat "$logs/zombienet.log"
rm -rf "$logs"
step ""
echo "[test] total: $SECONDS s"
if [ "$dev_status" -ne 0 ] || [ "$zombienet_status" -ne 0 ]; then
	echo "[test] FAILED: dev chain exit $dev_status, zombienet exit $zombienet_status" >&2
	exit 1
fi
echo "[test] all checks passed"
