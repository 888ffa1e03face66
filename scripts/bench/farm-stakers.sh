#!/usr/bin/env bash
# Measures how the cost of liquidity mining depends on the number of stakers and of farms, with
# `dex-node benchmark pallet` (the runtime's own `extra` benchmarks, compiled wasm):
#   - `stake`, `unstake` and `claim` in a farm with 1, 100 and 10,000 stakers;
#   - the per-block hook in the block where a farm with 1, 100 and 10,000 stakers ends;
#   - the per-block hook in an ordinary block while 1, 100 and 1,000 farms run.
# Every staker case holds 10,000 stakes in storage (the rest in another farm), so only the farm's
# stakers vary. Prints a table with each cost and the ratio largest / 1 (target: at most 1.05),
# and writes target/farm-stakers.json (for scripts/bench/plots.sh); the report is
# scripts/report/farm_stakers.py.
# Usage: scripts/bench/farm-stakers.sh [REPEAT] (default 50).
set -euo pipefail
source "$(dirname "$0")/../common.sh"
cd "$REPO_ROOT"

REPEAT=${1:-50}
build_bench_node
work=$(mktemp -d -t dex-farm-stakers.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$REPO_ROOT/target"

# Two runs of two steps each: the components at their lowest and highest (1 and 10,000 stakers,
# 1 and 1,000 farms), then at 1 and 100.
for high in max 100; do
	extra_args=()
	[ "$high" = max ] || extra_args=(--high "$high")
	"$BENCH_NODE" benchmark pallet \
		--runtime "$BENCH_RUNTIME_WASM" \
		--genesis-builder=runtime \
		--pallet pallet_liquidity_mining \
		--extrinsic stake_with_stakers,unstake_with_stakers,claim_with_stakers,on_initialize_with_stakers,on_initialize_with_farms \
		--steps 2 \
		--extra \
		--repeat "$REPEAT" \
		"${extra_args[@]}" \
		--json-file "$work/$high.json" >/dev/null
done

python3 "$REPORTS/farm_stakers.py" "$work/max.json" "$work/100.json" "$REPEAT" \
	"$REPO_ROOT/target/farm-stakers.json"
