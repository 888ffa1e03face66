#!/usr/bin/env bash
# Long mode of the runtime-wide invariant fuzzing (runtime/tests/runtime.rs): N random sequences
# of AMM, LP-token, liquidity-mining and asset-issuer transactions, in real blocks, with every
# invariant checked after each transaction and block. Prints sequences, operations, transactions
# and violations; each violating sequence is minimised and saved under
# runtime/tests/fuzz-regressions/, which `cargo test` replays.
# The run's command, commit, seed, duration and result (with the calls per kind) replace the
# "Last long run" section of docs/RELIABILITY.md.
# Usage: scripts/fuzz.sh [N] [SEED]   (default 100000 sequences, a fresh seed)
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$REPO_ROOT"

count=${1:-100000}
seed=${2:-$(od -An -N6 -tu8 /dev/urandom | tr -d ' ')}
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git status --porcelain -- runtime pallets primitives 2>/dev/null | head -1)
[ -z "$dirty" ] || commit="$commit (with uncommitted changes)"
log=$(mktemp -t dex-fuzz.XXXXXX)
trap 'rm -f "$log"' EXIT

echo "[fuzz] $count sequences, seed $seed, commit $commit (rerun: scripts/fuzz.sh $count $seed)"
started=$SECONDS
status=0
FUZZ_SEQUENCES="$count" FUZZ_SEED="$seed" cargo_release test -p dex-runtime \
	--test runtime random_sequences_keep_every_invariant -- --nocapture 2>&1 | tee "$log" || status=$?
elapsed=$((SECONDS - started))

python3 "$REPORTS/fuzz.py" "$log" "$REPO_ROOT/docs/RELIABILITY.md" \
	"scripts/fuzz.sh $count $seed" "$commit" "$elapsed" "$status"
exit "$status"
