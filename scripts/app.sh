#!/usr/bin/env bash
# Serves the DEX web app (app/) at http://127.0.0.1:5173, talking to the node at $DEX_WS
# (default ws://127.0.0.1:9944, the dev chain of scripts/run-dev.sh). Installs the app's npm
# packages first if needed. Extra arguments go to `vite` (e.g. `--port 8080`).
set -euo pipefail
source "$(dirname "$0")/common.sh"

ensure_npm "$REPO_ROOT/app"
ws=${DEX_WS:-ws://127.0.0.1:9944}
echo "[app] open http://127.0.0.1:5173/?ws=$ws (the endpoint can be changed in the page)"
cd "$REPO_ROOT/app"
exec npx vite --port 5173 "$@"
