#!/usr/bin/env bash
# Measures how the cost of liquidity mining depends on the number of stakers and of farms, with
# `dex-node benchmark pallet` (the runtime's own `extra` benchmarks, compiled wasm):
#   - `stake`, `unstake` and `claim` in a farm with 1, 100 and 10,000 stakers;
#   - the per-block hook in the block where a farm with 1, 100 and 10,000 stakers ends;
#   - the per-block hook in an ordinary block while 1, 100 and 1,000 farms run.
# Every staker case holds 10,000 stakes in storage (the rest in another farm), so only the farm's
# stakers vary. Prints a table with each cost and the ratio largest / 1 (target: at most 1.05),
# and writes target/farm-stakers.json (for scripts/plot-benchmarks.py).
# Usage: scripts/bench-farm-stakers.sh [REPEAT] (default 50).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$REPO_ROOT"

REPEAT=${1:-50}
build_node
work=$(mktemp -d -t dex-farm-stakers.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$REPO_ROOT/target"

# Two runs of two steps each: the components at their lowest and highest (1 and 10,000 stakers,
# 1 and 1,000 farms), then at 1 and 100.
for high in max 100; do
	extra_args=()
	[ "$high" = max ] || extra_args=(--high "$high")
	"$DEX_NODE" benchmark pallet \
		--runtime "$CARGO_TARGET_DIR/release/wbuild/dex-runtime/dex_runtime.compact.compressed.wasm" \
		--genesis-builder=runtime \
		--pallet pallet_liquidity_mining \
		--extrinsic stake_with_stakers,unstake_with_stakers,claim_with_stakers,on_initialize_with_stakers,on_initialize_with_farms \
		--steps 2 \
		--extra \
		--repeat "$REPEAT" \
		"${extra_args[@]}" \
		--json-file "$work/$high.json" >/dev/null
done

python3 - "$work/max.json" "$work/100.json" "$REPEAT" "$REPO_ROOT/target/farm-stakers.json" <<'PY'
import json, statistics, sys

times = {}  # benchmark -> {count: median µs}
for path in sys.argv[1:3]:
    for batch in json.load(open(path)):
        name = batch["benchmark"]
        name = bytes(name).decode() if isinstance(name, list) else name
        by_count = {}
        for result in batch["time_results"]:
            count = result["components"][0][1]
            by_count.setdefault(count, []).append(result["extrinsic_time"])
        for count, samples in by_count.items():
            times.setdefault(name, {})[count] = statistics.median(samples) / 1000

order = ["stake_with_stakers", "unstake_with_stakers", "claim_with_stakers",
         "on_initialize_with_stakers", "on_initialize_with_farms"]
print(f"Liquidity mining cost vs stakers and farms (median of {sys.argv[3]} runs, wasm, this machine)")
print()
print("| Benchmark | varies | 1 | 100 | largest (10,000 stakers / 1,000 farms) | ratio largest / 1 |")
print("| --- | --- | --- | --- | --- | --- |")
worst = 0.0
rows = []
for name in order:
    by = times.get(name)
    if not by:
        continue
    counts = sorted(by)
    low, high = counts[0], counts[-1]
    ratio = by[high] / by[low]
    worst = max(worst, ratio)
    varies = "farms running" if name.endswith("farms") else "stakers in the farm"
    mid = f"{by[100]:.1f}" if 100 in by else ""
    print(f"| `{name}` | {varies} | {by[low]:.1f} µs | {mid} µs | {by[high]:.1f} µs ({high:,}) | {ratio:.3f} |")
    rows.append({"benchmark": name, "varies": varies, "times_us": {str(c): by[c] for c in counts}, "ratio": ratio})
json.dump(rows, open(sys.argv[4], "w"), indent=1)
print()
print(f"farm-stakers: worst ratio {worst:.3f} (target <= 1.05: {'met' if worst <= 1.05 else 'NOT met'})")
PY
