#!/usr/bin/env python3
"""Report of scripts/bench/farm-stakers.sh: liquidity-mining cost against the number of stakers
and of farms.

Usage: farm_stakers.py MAX_JSON HUNDRED_JSON REPEAT OUT_JSON

Reads:
- MAX_JSON, HUNDRED_JSON: `--json-file` outputs of `dex-node benchmark pallet --extra` for
  pallet_liquidity_mining's `*_with_stakers` and `*_with_farms` benchmarks, two steps each: the
  components at their lowest and highest (1 and 10,000 stakers, 1 and 1,000 farms), then at 1
  and 100;
- REPEAT: the repeats of each step (for the table's title).

Writes: a Markdown table of each benchmark's median time at 1, 100 and the largest count and the
ratio largest / 1, then the worst ratio against the 1.05 target (stdout); OUT_JSON, the table's
rows (read by scripts/report/plots.py).
"""

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
