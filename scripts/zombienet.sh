#!/usr/bin/env bash
# Local multi-validator networks with zombienet (native provider, the built dex-node).
#   scripts/zombienet.sh spawn         start the 4-validator network for a user (Alice's RPC on 9944)
#   scripts/zombienet.sh test [FILE]   run the zombienet tests (all of zombienet/*.zndsl by default);
#                                      the upgrade test builds its base runtime first
#                                      (scripts/upgrade-base.sh)
# Each run gets its own temporary directory; every node process is stopped when the command ends,
# also on failure or Ctrl-C.
set -euo pipefail
source "$(dirname "$0")/common.sh"

ZOMBIENET_DIR="$REPO_ROOT/zombienet"
ZOMBIENET="$ZOMBIENET_DIR/node_modules/.bin/zombienet"
export DEX_NODE

require_node zombienet
ensure_npm "$ZOMBIENET_DIR"
[ -x "$ZOMBIENET" ] || { echo "[zombienet] $ZOMBIENET not found after npm ci in zombienet/" >&2; exit 1; }

# Stops zombienet's process group (zombienet and every node it started) and removes its files.
cleanup() {
	local status=$?
	if [ -n "${ZN_PID:-}" ] && kill -0 -- "-$ZN_PID" 2>/dev/null; then
		kill -TERM -- "-$ZN_PID" 2>/dev/null || true
		sleep 2
		kill -KILL -- "-$ZN_PID" 2>/dev/null || true
	fi
	[ -z "${ZN_DIR:-}" ] || rm -rf "$ZN_DIR"
	return "$status"
}

# Runs zombienet in its own process group, in a temporary directory of its own.
run_zombienet() {
	ZN_DIR=$(mktemp -d -t dex-zombienet.XXXXXX)
	trap cleanup EXIT
	trap 'exit 130' INT TERM
	setsid "$ZOMBIENET" --provider native --dir "$ZN_DIR/net" "$@" &
	ZN_PID=$!
	wait "$ZN_PID"
}

# For the upgrade test: the earlier runtime's `local` chain spec, which the network starts from
# (UPGRADE_BASE_SPEC), and this tree's runtime, which it upgrades to (UPGRADE_WASM).
prepare_upgrade() {
	local base_wasm
	base_wasm=$("$REPO_ROOT/scripts/upgrade-base.sh") || return 1
	[ -f "$RUNTIME_WASM" ] || { echo "[zombienet] $RUNTIME_WASM not found: build the node" >&2; return 1; }
	UPGRADE_BASE_SPEC="$(dirname "$base_wasm")/local-plain.json"
	"$DEX_NODE" build-spec --chain "local@$base_wasm" --disable-default-bootnode \
		>"$UPGRADE_BASE_SPEC" 2>/dev/null || { echo "[zombienet] cannot build the base chain spec" >&2; return 1; }
	export UPGRADE_BASE_SPEC UPGRADE_WASM=$RUNTIME_WASM
	echo "[zombienet] upgrade: from $base_wasm to $UPGRADE_WASM"
}

case "${1:-}" in
	spawn)
		export ALICE_RPC_PORT=9944
		echo "[zombienet] spawning alice, bob, charlie and dave (chain: local); stop with Ctrl-C"
		echo "[zombienet] Polkadot.js apps: https://polkadot.js.org/apps/?rpc=ws://127.0.0.1:9944"
		run_zombienet spawn "$ZOMBIENET_DIR/network.toml"
		;;
	test)
		shift
		tests=("$@")
		[ ${#tests[@]} -gt 0 ] || tests=("$ZOMBIENET_DIR"/*.zndsl)
		passed=0
		failed=0
		for test in "${tests[@]}"; do
			echo "[zombienet] test $(basename "$test")"
			if grep -q '^Network: ./upgrade.toml' "$test"; then
				prepare_upgrade || { failed=$((failed + 1)); continue; }
			fi
			if (ALICE_RPC_PORT=$(free_port) run_zombienet test "$test"); then
				passed=$((passed + 1))
			else
				failed=$((failed + 1))
				echo "[zombienet] FAILED: $(basename "$test")"
			fi
		done
		echo "zombienet: $passed passed, $failed failed"
		[ "$failed" -eq 0 ]
		;;
	*)
		echo "usage: scripts/zombienet.sh spawn | test [FILE...]" >&2
		exit 2
		;;
esac
