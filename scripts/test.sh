#!/usr/bin/env bash
# Sets up the toolchain and runs every check: formatting, clippy (warnings are errors), the
# workspace's tests, the end-to-end flows on a dev chain, and the zombienet tests on a local
# 4-validator network.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$REPO_ROOT"

"$REPO_ROOT/scripts/setup.sh"

echo "[test] cargo fmt --check"
cargo fmt --all -- --check

echo "[test] cargo clippy (-D warnings)"
SKIP_WASM_BUILD=1 cargo clippy --release --locked --workspace --all-targets "${CARGO_FEATURES[@]}" -- -D warnings

build_node

echo "[test] cargo test --release --workspace"
cargo test --release --locked --workspace "${CARGO_FEATURES[@]}"

echo "[test] end-to-end: dev chain"
"$REPO_ROOT/scripts/e2e-dev.sh"

echo "[test] end-to-end: 4-validator network (zombienet)"
"$REPO_ROOT/scripts/zombienet.sh" test
