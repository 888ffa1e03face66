#!/usr/bin/env bash
# Measures how the cost of liquidity mining depends on the number of stakers: `claim` and `stake`
# in a farm with 1 and with 10,000 other stakers, and the per-block hook in the block where such
# a farm ends, with `dex-node benchmark pallet` (the runtime's own benchmarks). Both cases hold
# 10,000 stakes in storage (the rest in another farm), so only the farm's stakers vary. Prints a table with
# the ratio 10,000 / 1 of each; the target is at most 1.05. Usage: scripts/bench-farm-stakers.sh
# [REPEAT] (default 50).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$REPO_ROOT"

REPEAT=${1:-50}
build_node
json=$(mktemp -t dex-farm-stakers.XXXXXX.json)
trap 'rm -f "$json"' EXIT
"$DEX_NODE" benchmark pallet \
	--runtime "$CARGO_TARGET_DIR/release/wbuild/dex-runtime/dex_runtime.compact.compressed.wasm" \
	--genesis-builder=runtime \
	--pallet pallet_liquidity_mining \
	--extrinsic claim_with_stakers,stake_with_stakers,on_initialize_with_stakers \
	--steps 2 \
	--extra \
	--repeat "$REPEAT" \
	--json-file "$json" >/dev/null

python3 - "$json" "$REPEAT" <<'PY'
import json, statistics, sys

batches = json.load(open(sys.argv[1]))
print(f"Liquidity mining cost vs number of stakers (median of {sys.argv[2]} runs, wasm, this machine)")
print()
print("| Benchmark | stakers in the farm | time (µs) | ratio 10,000 / 1 |")
print("| --- | --- | --- | --- |")
worst = 0.0
for batch in batches:
    name = bytes(batch["benchmark"]).decode() if isinstance(batch["benchmark"], list) else batch["benchmark"]
    by_stakers = {}
    for result in batch["time_results"]:
        stakers = dict((p if isinstance(p, str) else p, v) for p, v in result["components"])
        s = list(stakers.values())[0]
        by_stakers.setdefault(s, []).append(result)
    rows = {}
    for s, results in sorted(by_stakers.items()):
        time_us = statistics.median(r["extrinsic_time"] for r in results) / 1000
        rows[s] = time_us
    low, high = min(rows), max(rows)
    ratio = rows[high] / rows[low]
    worst = max(worst, ratio)
    for s in (low, high):
        ratio_cell = f"{ratio:.3f}" if s == high else ""
        print(f"| `{name}` | {s:,} | {rows[s]:.1f} | {ratio_cell} |")
print()
print(f"farm-stakers: worst ratio {worst:.3f} (target <= 1.05: {'met' if worst <= 1.05 else 'NOT met'})")
PY
