#!/usr/bin/env bash
# Takes the snapshot that the runtime's upgrade test (runtime/tests/upgrade) migrates: a live
# development chain of the previous release's runtime (scripts/upgrade-base.sh) with pools,
# liquidity, swaps, an LP lock, farms, stakes and oracle history (scripts/client/snapshot.mjs),
# every key of its best block but the code, written to runtime/tests/upgrade/dev-spec102.json.
# Taken once per base release and committed; the test then runs this tree's migrations on it.
#
# Usage: scripts/snapshot.sh [OUT.json]
set -euo pipefail
source "$(dirname "$0")/common.sh"

out=${1:-$REPO_ROOT/runtime/tests/upgrade/dev-spec102.json}
require_node snapshot
ensure_npm "$REPO_ROOT/scripts/client"
base_wasm=$("$REPO_ROOT/scripts/upgrade-base.sh")

rpc_port=$(free_port)
p2p_port=$(free_port)
log=$(mktemp -t dex-snapshot.XXXXXX.log)
trap stop_dev_node EXIT
trap 'exit 130' INT TERM
# `--dev` for its development node settings (Alice authors, temporary database); the chain is the
# base runtime's own development chain.
start_dev_node "$log" --dev --chain "dev@$base_wasm" --rpc-port "$rpc_port" --port "$p2p_port" \
	--no-prometheus --no-telemetry
echo "[snapshot] dev chain of $base_wasm (pid $NODE_PID, rpc $rpc_port, log $log)"
DEX_WS="ws://127.0.0.1:$rpc_port" node "$REPO_ROOT/scripts/client/snapshot.mjs" "$out"
