#!/usr/bin/env python3
"""Draws the benchmark plots of docs/BENCHMARKS.md (scripts/bench/plots.sh).

Usage: plots.py THROUGHPUT_JSON FARM_STAKERS_JSON OUT_DIR

Reads (each plot is drawn only when its file exists):
- THROUGHPUT_JSON: node throughput per transaction kind, as scripts/bench/throughput.sh leaves it
  (target/throughput.json: `kind`, `perSecond`, `perBlock` of each kind);
- FARM_STAKERS_JSON: liquidity-mining cost vs stakers and farms, as scripts/report/farm_stakers.py
  writes it for scripts/bench/farm-stakers.sh (target/farm-stakers.json).

Writes: OUT_DIR/throughput.png and OUT_DIR/farm-costs.png, and a `wrote PATH` line for each.
Needs matplotlib.
"""

import json, os, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

throughput_path, farm_path, out = sys.argv[1:4]

if os.path.exists(throughput_path):
    runs = json.load(open(throughput_path))
    labels = {
        "transfer": "keep-alive\ntransfers",
        "swap": "single-hop\nswaps",
        "stake": "farm\nstakes",
        "claim": "farm\nclaims",
    }
    kinds = [r["kind"] for r in runs]
    per_second = [r["perSecond"] for r in runs]
    fig, ax = plt.subplots(figsize=(6, 3.6), dpi=120)
    bars = ax.bar([labels.get(k, k) for k in kinds], per_second, color=["#4c72b0", "#dd8452", "#55a868", "#8172b3"][: len(kinds)])
    ax.axhline(329, color="grey", linestyle="--", linewidth=1)
    ax.text(len(kinds) - 0.5, 329, "reference template: 329 transfers/s", ha="right", va="center", fontsize=8,
            color="grey", bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    for bar, r in zip(bars, runs):
        ax.text(bar.get_x() + bar.get_width() / 2, bar.get_height(), f"{r['perSecond']}/s\n{r['perBlock']:,}/block",
                ha="center", va="bottom", fontsize=8)
    ax.set_ylabel("transactions per second")
    ax.set_ylim(0, max(per_second) * 1.25)
    ax.set_title("dex-node --dev throughput (full blocks, 6 s slots, 2 cores)", fontsize=10)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "throughput.png"))
    print(f"wrote {os.path.join(out, 'throughput.png')}")

if os.path.exists(farm_path):
    rows = json.load(open(farm_path))
    fig, ax = plt.subplots(figsize=(6.4, 3.8), dpi=120)
    for row in rows:
        counts = sorted(int(c) for c in row["times_us"])
        ax.plot(counts, [row["times_us"][str(c)] for c in counts], marker="o",
                label=f"{row['benchmark']} (x = {row['varies']})")
    ax.set_xscale("log")
    ax.set_xlabel("stakers in the farm, or farms running")
    ax.set_ylabel("time (µs, wasm)")
    ax.set_ylim(bottom=0)
    ax.set_title("Liquidity mining cost vs stakers and farms", fontsize=10)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "farm-costs.png"))
    print(f"wrote {os.path.join(out, 'farm-costs.png')}")
