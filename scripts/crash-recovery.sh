#!/usr/bin/env bash
# Crash recovery under full-block load. Starts one `dex-node --dev` on a base path of its own
# (with the dev chain's spec exported raw once by `build-spec --dev --raw`, so that a start does
# not build the genesis state again), creates a pool and funds 48 load senders
# (scripts/client/crash-check.mjs prepare), and starts the load client (crash-check.mjs load): it
# keeps the blocks full of swaps (or nearly, when the proposer's deadline cuts one short on a busy
# machine), reads every finalized block's events, and exits non-zero on `system.ExtrinsicFailed`
# beyond a small tolerance or on any refused submission but a full pool or the connection lost in
# a kill; it reconnects after each restart.
#
# Then CRASH_ROUNDS rounds (default 10). Each waits until a block authored since the last restart
# was loaded, the pool holds another block's worth and a finalized block of swaps has been checked,
# then SIGKILLs the node at a random offset into a 6 s slot (a random point in a different tenth of
# the slot each round, so kills land while a full block is authored and imported as well as while
# it is finalized or nothing happens), restarts it on the same base path, and checks
# (crash-check.mjs verify) that the node opens its database and answers, that its finalized head is
# at or past the last finalized notification the load client had before the kill, that this block
# and the last finalized blocks the client checked (the last one, and the last one full of swaps)
# are still the chain's blocks at their heights with the same extrinsics root and extrinsic count,
# that the pool's reserves at those blocks and at the pool's creation block are unchanged, and that
# best and finalized blocks advance again. A round also fails if the load client has exited.
#
# Every wait has a time limit. Prints a line per round (kill offset, best and finalized before and
# after, time until RPC answers and until best and finalized advance), stops the load client (a
# non-zero exit fails the last round) and prints `crash recovery: N passed, M failed` (rounds;
# rounds not run count as failed); exits non-zero on any failure. Every process it starts is
# stopped on every exit path.
set -euo pipefail
source "$(dirname "$0")/common.sh"

require_node crash

rounds=${CRASH_ROUNDS:-10}
slot_ms=6000
base=$(mktemp -d -t dex-crash.XXXXXX)
rpc_port=$(free_port)
p2p_port=$(free_port)
client="$REPO_ROOT/scripts/client/crash-check.mjs"
status="$base/status.json"
client_pid=""

stop_client() {
	[ -n "$client_pid" ] || return 0
	kill -TERM "$client_pid" 2>/dev/null || true
	for _ in $(seq 1 100); do kill -0 "$client_pid" 2>/dev/null || break; sleep 0.1; done
	kill -KILL "$client_pid" 2>/dev/null || true
	wait "$client_pid" 2>/dev/null || true
	client_pid=""
}
stop_all() {
	stop_client
	stop_dev_node
	rm -rf "$base"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

ensure_npm "$REPO_ROOT/scripts/client"

now_ms() { date +%s%3N; }
sleep_ms() { [ "$1" -le 0 ] || sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }

# Whether the load client runs; if it has exited, prints its status and forgets it.
client_alive() {
	[ -n "$client_pid" ] || return 1
	kill -0 "$client_pid" 2>/dev/null && [ "$(ps -o stat= -p "$client_pid" | cut -c1)" != Z ] && return 0
	local rc=0
	wait "$client_pid" || rc=$?
	echo "[crash] FAIL: the load client exited early (status $rc)" >&2
	client_pid=""
	return 1
}

# Whether the load client's status shows it connected in session MIN or later with the load on
# (a block authored in this session loaded, another block's worth waiting in the pool) and a
# finalized block full of swaps checked, which verify looks for again after the restart.
loaded() {
	python3 - "$status" "$1" <<'EOF'
import json, sys
try:
    s = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    sys.exit(1)
on = s.get("session", 0) >= int(sys.argv[2]) and s.get("connected") and s.get("loaded")
sys.exit(0 if on and s.get("checkedLoaded") else 1)
EOF
}

# After a failed round: what the load client last reported and the node's last log lines.
diagnose() {
	echo "[crash] load client status: $(cut -c1-1500 "$status" 2>/dev/null)" >&2
	echo "[crash] transactions in the node's pool: $(timeout 10 bash -c "source '$REPO_ROOT/scripts/common.sh';
		rpc $rpc_port author_pendingExtrinsics" 2>/dev/null | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))' 2>/dev/null)" >&2
	echo "[crash] last lines of the node's log:" >&2
	tail -25 "$base/node.log" >&2 || true
}

# The load client's connection count (1 for the first, one more after each restart).
status_session() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["session"])' "$status"; }

# Waits up to SECONDS for the node process PID to be gone and reaps it (SIGKILL takes a moment
# under load). Bash's own "Killed" notice of the job goes to /dev/null.
wait_dead() {
	local pid=$1 deadline=$((SECONDS + $2)) gone=false
	exec 3>&2 2>/dev/null
	while [ "$SECONDS" -lt "$deadline" ]; do
		if ! kill -0 "$pid" || [ "$(ps -o stat= -p "$pid" | cut -c1)" = Z ]; then
			wait "$pid" || true
			gone=true
			break
		fi
		sleep 0.05
	done
	exec 2>&3 3>&-
	$gone || echo "[crash] FAIL: dex-node (pid $pid) still there $2 s after SIGKILL" >&2
	$gone
}

# The dev chain's spec in raw form, made once: with it a start skips building the genesis state
# from the runtime's preset (about 6 s of wasm here), which would otherwise be most of every restart.
# The pool: the fork-aware pool resubmits its transactions to each new block's view in no order,
# so that many of the swaps waiting can be future transactions for a moment; its future limit (a
# tenth of --pool-limit) must hold them all, or it drops them without telling the client.
node_args=(--dev --chain "$base/dev-raw.json" --base-path "$base/chain" --rpc-port "$rpc_port"
	--port "$p2p_port" --no-prometheus --no-telemetry --pool-limit 100000 --pool-kbytes 400000)

export DEX_WS="ws://127.0.0.1:$rpc_port"
echo "[crash] dex-node ${node_args[*]}; $rounds rounds of SIGKILL and restart under load"
if ! timeout 120 "$DEX_NODE" build-spec --dev --raw >"$base/dev-raw.json" 2>>"$base/node.log" ||
	! start_dev_node "$base/node.log" "${node_args[@]}" || ! timeout 150 node "$client" prepare "$base/saved.json"; then
	echo "[crash] FAIL: no node with a pool and funded senders to start from" >&2
	echo "crash recovery: 0 passed, $rounds failed"
	exit 1
fi
node "$client" load "$base/saved.json" "$status" &
client_pid=$!

# The tenth of the slot each round kills in, in random order (rounds past ten start over).
mapfile -t tenths < <(shuf -i 0-9)
passed=0
failed=0
session=1
for round in $(seq 1 "$rounds"); do
	ok=true
	deadline=$((SECONDS + 90))
	until loaded "$session"; do
		client_alive || { ok=false; break; }
		if [ "$SECONDS" -ge "$deadline" ]; then
			echo "[crash] round $round: FAIL: no loaded block from the load client within 90 s" >&2
			ok=false
			break
		fi
		sleep 0.5
	done
	$ok || { failed=$((failed + 1)); diagnose; break; }
	session=$(status_session)

	tenth=${tenths[$(((round - 1) % 10))]}
	offset=$((tenth * slot_ms / 10 + RANDOM % (slot_ms / 10)))
	# That offset in the current slot if it is still ahead, else in the next one.
	now=$(now_ms)
	kill_at=$((now / slot_ms * slot_ms + offset))
	[ "$kill_at" -gt $((now + 20)) ] || kill_at=$((kill_at + slot_ms))
	sleep_ms $((kill_at - $(now_ms)))
	kill -KILL "$NODE_PID"
	killed_at=$(now_ms)
	wait_dead "$NODE_PID" 10 || { failed=$((failed + 1)); break; }
	NODE_PID=""
	# What the load client had seen when the node died (notifications still in flight land first).
	sleep_ms 500
	cp "$status" "$base/before.json"
	client_alive || { failed=$((failed + 1)); break; }

	if ! NODE_START_TIMEOUT=60 start_dev_node "$base/node.log" "${node_args[@]}"; then
		echo "[crash] round $round: FAIL: the node did not come back on its base path" >&2
		failed=$((failed + 1))
		break
	fi
	up_at=$(now_ms)
	if timeout 120 node "$client" verify "$base/saved.json" "$base/before.json" "$round" "$offset" "$killed_at" "$up_at" &&
		client_alive; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		diagnose
		client_alive || break
	fi
	session=$((session + 1))
done
failed=$((rounds - passed)) # rounds not run count as failed

# The load client's verdict over the whole run: it must still be running and exit 0 on SIGTERM.
if client_alive; then
	kill -TERM "$client_pid"
	rc=0
	deadline=$((SECONDS + 20))
	while kill -0 "$client_pid" 2>/dev/null && [ "$(ps -o stat= -p "$client_pid" | cut -c1)" != Z ] &&
		[ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
	kill -KILL "$client_pid" 2>/dev/null || true
	wait "$client_pid" || rc=$?
	client_pid=""
	if [ "$rc" -ne 0 ] && [ "$passed" -gt 0 ]; then
		echo "[crash] FAIL: the load client reported a failure (status $rc)" >&2
		passed=$((passed - 1))
		failed=$((failed + 1))
	fi
fi
echo "crash recovery: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
