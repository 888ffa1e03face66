#!/usr/bin/env bash
# Sets up the toolchain and runs every check: formatting, the production build, clippy (warnings
# are errors), the workspace's tests, clippy and the benchmark and migration tests of the code
# behind `runtime-benchmarks` and `try-runtime` (scripts/common.sh: the builds), then four
# end-to-end runs side by side: the flows on a dev chain, a crash-recovery check (repeated
# SIGKILLs under load), the zombienet tests on a local 4-validator network (finality, faults, a
# runtime upgrade from the previous release) and bad input at the RPC, and last a check that one
# full block of each kind of transaction executes within its weight, and the web app's browser
# tests. Prints how long each step took.
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
cargo_release clippy --workspace --all-targets -- -D warnings

step "cargo test --release --workspace"
cargo_release test --workspace

# The code behind `runtime-benchmarks` and `try-runtime`, which the production build leaves out:
# lints, every benchmark run once as a test, and the migrations through their try-runtime checks.
checked=(-p dex-runtime -p pallet-amm -p pallet-liquidity-mining -p dex-bench-runtime)
step "runtime-benchmarks and try-runtime: cargo clippy (-D warnings), benchmark and migration tests"
cargo_checks clippy "${checked[@]}" --all-targets -- -D warnings
cargo_checks test "${checked[@]}" -- bench migration

# The upgrade test's network starts from the previous release's runtime: built before the
# end-to-end runs, so that its compilation does not slow them down.
step "previous release's runtime, for the upgrade test (scripts/upgrade-base.sh)"
"$REPO_ROOT/scripts/upgrade-base.sh" >/dev/null

# The end-to-end runs mostly wait for 6-second blocks, so they share the machine well.
step "end-to-end, side by side: dev chain flows, crash recovery, 4-validator network (zombienet)"
logs=$(mktemp -d -t dex-e2e-logs.XXXXXX)
names=("dev chain (scripts/e2e-dev.sh)" "crash recovery (scripts/crash-recovery.sh)"
	"4-validator network (scripts/zombienet.sh test)" "bad input at the RPC (scripts/rpc-faults.sh)")
# Each run has a time limit of its own, so a hung wait fails its run instead of CI.
limit() { timeout --kill-after=30 "$@"; }
dev_chain() { limit 1200 "$REPO_ROOT/scripts/e2e-dev.sh"; }
crash_recovery() { limit 1200 "$REPO_ROOT/scripts/crash-recovery.sh"; }
network() { limit 1800 "$REPO_ROOT/scripts/zombienet.sh" test; }
rpc_faults() { limit 900 "$REPO_ROOT/scripts/rpc-faults.sh"; }
commands=(dev_chain crash_recovery network rpc_faults)
pids=()
for i in "${!commands[@]}"; do
	"${commands[$i]}" >"$logs/$i.log" 2>&1 &
	pids+=($!)
done
stop_runs() { kill -TERM "${pids[@]}" 2>/dev/null || true; }
trap stop_runs INT TERM
failed=()
for i in "${!pids[@]}"; do
	wait "${pids[$i]}" || failed+=("${names[$i]}")
done
trap - INT TERM
for i in "${!names[@]}"; do
	echo "---- ${names[$i]} ----"
	cat "$logs/$i.log"
done
rm -rf "$logs"

# Alone on the machine, so the times it measures are the blocks' own.
step "over-weight check: one full block of transfers, swaps, stakes and claims each"
limit 900 "$REPO_ROOT/scripts/bench/throughput.sh" --quick ||
	failed+=("over-weight check (scripts/bench/throughput.sh --quick)")

step "web app in Chromium against a dev chain (scripts/app-test.sh)"
limit 600 "$REPO_ROOT/scripts/app-test.sh" || failed+=("web app (scripts/app-test.sh)")
step ""
echo "[test] total: $SECONDS s"
if [ ${#failed[@]} -gt 0 ]; then
	echo "[test] FAILED: ${failed[*]}" >&2
	exit 1
fi
echo "[test] all checks passed"
