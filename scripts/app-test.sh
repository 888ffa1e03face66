#!/usr/bin/env bash
# Browser tests of the web app: type-checks and builds app/, starts `dex-node --dev --tmp` on
# free ports, serves the built app and runs app/tests with Playwright in the system's Chromium
# ($CHROMIUM, default /usr/bin/chromium, installed by scripts/setup.sh): a dev account swaps and
# must receive exactly the quote the page showed; the pools, farms, liquidity and portfolio
# screens must show the chain. APP_SCREENSHOTS=DIR saves each screen there (docs/img for
# docs/APP.md). The node is stopped on every exit path.
set -euo pipefail
source "$(dirname "$0")/common.sh"

require_node app
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || { echo "[app] no Chromium at $CHROMIUM: run scripts/setup.sh" >&2; exit 1; }
ensure_npm "$REPO_ROOT/app"

(cd "$REPO_ROOT/app" && npx tsc -p . && npx vite build --logLevel warn)

rpc_port=$(free_port)
p2p_port=$(free_port)
log=$(mktemp -t dex-app.XXXXXX.log)
trap stop_dev_node EXIT
trap 'exit 130' INT TERM
start_dev_node "$log" --dev --tmp --rpc-port "$rpc_port" --port "$p2p_port" --no-prometheus \
	--no-telemetry --rpc-cors all
echo "[app] dex-node --dev --tmp (pid $NODE_PID, rpc $rpc_port, log $log)"

if [ -n "${APP_SCREENSHOTS:-}" ]; then
	mkdir -p "$APP_SCREENSHOTS"
	APP_SCREENSHOTS=$(cd "$APP_SCREENSHOTS" && pwd)
	export APP_SCREENSHOTS
fi
export DEX_WS="ws://127.0.0.1:$rpc_port"
APP_PORT=$(free_port)
export APP_PORT
cd "$REPO_ROOT/app"
npx playwright test
