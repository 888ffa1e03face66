#!/usr/bin/env python3
"""Reports of scripts/bench/throughput.sh, in two steps.

Usage:
  throughput.py ranges RESULTS_JSON
  throughput.py summary RESULTS_JSON BLOCKS_TXT

Reads:
- RESULTS_JSON: what scripts/client/throughput.mjs writes (target/throughput.json): per
  transaction kind, `perBlock`, `perSecond`, `fullBlocks`, `fullBlockNumbers` and
  `weightPercent`;
- BLOCKS_TXT: the `Block N with ... used X% of its weight` lines of `dex-node benchmark block`
  for the full blocks.

Writes (stdout):
- `ranges`: one line `KIND FROM TO` per kind that filled blocks: its first and last full block;
- `summary`: each kind's transactions per block and per second, the ratio swaps/s / transfers/s,
  and the range of the full blocks' execution time as a share of their weight.
"""

import json
import re
import sys


def ranges(results_path):
    for r in json.load(open(results_path)):
        if r["fullBlocks"] > 0:
            print(r["kind"], min(r["fullBlockNumbers"]), max(r["fullBlockNumbers"]))


def summary(results_path, blocks_path):
    results = {r["kind"]: r for r in json.load(open(results_path))}
    used = [float(m.group(1)) for m in re.finditer(r"used\s+([\d.]+)% of its weight", open(blocks_path).read())]
    for kind, r in results.items():
        print(f"{kind}: {r['perBlock']} per block, {r['perSecond']}/s over {r['fullBlocks']} full blocks "
              f"({r['weightPercent']}% of the normal weight)")
    if "transfer" in results and "swap" in results and results["transfer"]["perSecond"]:
        print(f"swaps/s ÷ transfers/s = {results['swap']['perSecond'] / results['transfer']['perSecond']:.2f}")
    if used:
        print(f"full blocks executed in {min(used):.1f}% to {max(used):.1f}% of their weight")


if __name__ == "__main__":
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command == "ranges" and len(args) == 1:
        ranges(*args)
    elif command == "summary" and len(args) == 2:
        summary(*args)
    else:
        sys.exit(__doc__)
