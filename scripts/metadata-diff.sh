#!/usr/bin/env bash
# Compares the runtime metadata of two node builds: starts each as a fresh dev chain on a free
# port, prints its metadata as sorted lines (scripts/client/metadata-summary.mjs: calls, storage,
# events, errors, constants, view functions, runtime APIs) and shows the unified diff.
#
#   scripts/metadata-diff.sh OLD_DEX_NODE [NEW_DEX_NODE]     (NEW defaults to this tree's build)
#
# Exit status: 0 when the metadata is identical, 1 when it differs, 2 on a usage error.
set -euo pipefail
source "$(dirname "$0")/common.sh"

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 OLD_DEX_NODE [NEW_DEX_NODE]" >&2
	exit 2
fi
old=$1
new=${2:-$DEX_NODE}
work=$(mktemp -d -t dex-metadata.XXXXXX)
trap 'stop_dev_node; rm -rf "$work"' EXIT

# Writes the metadata summary of the node binary $1 to $2.
summary() {
	local port
	port=$(free_port)
	DEX_NODE=$1 start_dev_node "$work/node.log" --dev --tmp --rpc-port "$port" --port "$(free_port)" \
		--no-prometheus --no-telemetry
	node "$REPO_ROOT/scripts/client/metadata-summary.mjs" "ws://127.0.0.1:$port" >"$2"
	stop_dev_node
}

summary "$old" "$work/old.txt"
summary "$new" "$work/new.txt"
echo "[metadata] $(wc -l <"$work/old.txt") lines (old) vs $(wc -l <"$work/new.txt") lines (new)"
if diff -u --label old --label new "$work/old.txt" "$work/new.txt"; then
	echo "[metadata] identical"
else
	exit 1
fi
