#!/usr/bin/env bash
# Long mode of the runtime-wide invariant fuzzing (runtime/tests/runtime.rs): N random sequences
# of AMM, LP-token and liquidity-mining calls with every invariant checked after each call and
# block. Prints sequences run, operations executed and violations found; each violating sequence
# is minimised and saved under runtime/tests/fuzz-regressions/, which `cargo test` replays.
# Usage: scripts/fuzz.sh [N] [SEED]   (default 100000 sequences, a fresh seed)
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$REPO_ROOT"

count=${1:-100000}
seed=${2:-$(od -An -N6 -tu8 /dev/urandom | tr -d ' ')}
echo "[fuzz] $count sequences, seed $seed (rerun: scripts/fuzz.sh $count $seed)"
FUZZ_SEQUENCES="$count" FUZZ_SEED="$seed" cargo_release test -p dex-runtime \
	--test runtime random_sequences_keep_every_invariant -- --nocapture
