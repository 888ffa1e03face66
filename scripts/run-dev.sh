#!/usr/bin/env bash
# Sets up the toolchain, builds the node and runs a single-validator development chain with its
# RPC on port 9944. Extra arguments go to dex-node (e.g. `--tmp` for a throw-away chain).
set -euo pipefail
source "$(dirname "$0")/common.sh"

"$REPO_ROOT/scripts/setup.sh"
build_node

echo
echo "[run-dev] starting: $DEX_NODE --dev --rpc-port 9944 $*"
echo "[run-dev] open Polkadot.js apps at https://polkadot.js.org/apps/?rpc=ws://127.0.0.1:9944"
echo "[run-dev] or the DEX web app: scripts/app.sh in another terminal, then http://127.0.0.1:5173"
echo "[run-dev] stop with Ctrl-C"
echo
exec "$DEX_NODE" --dev --rpc-port 9944 --rpc-cors all "$@"
