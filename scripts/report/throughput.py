#!/usr/bin/env python3
"""Reports and checks of scripts/bench/throughput.sh.

Usage:
  throughput.py ranges RESULTS_JSON
  throughput.py span RESULTS_JSON
  throughput.py summary RESULTS_JSON BLOCKS_TXT [NODE_LOG]

Reads:
- RESULTS_JSON: what scripts/client/throughput.mjs writes (target/throughput.json, or
  target/throughput-quick.json for --quick): per transaction kind, `fullBlocks`,
  `fullBlockNumbers`, `perBlock` and `perSecond` (successful extrinsics), `weightPercent`,
  `included`, `failed`, `failures` (by error) and `problems` (what the client found wrong; a kind
  that was never measured has only `kind` and `problems`);
- BLOCKS_TXT: the `Block N with ... used X% of its weight` lines of `dex-node benchmark block`
  (execution time as a share of the block's charged weight) for the blocks of RESULTS_JSON.
- NODE_LOG: the node's log, whose `Prepared block for proposing` lines say why the node stopped
  filling each block it built (`HitBlockWeightLimit`, `HitDeadline` when the machine was too busy
  to fill it within the proposer's time, `NoMoreTransactions`);
- THROUGHPUT_MAX_RATIO (percent, default 90): the most a full block's execution time may be of
  its weight; THROUGHPUT_MAX_FAILED (percent, default 1): the most of a kind's included
  extrinsics that may fail.

Writes (stdout):
- `ranges`: one line `KIND FROM TO` per kind that filled blocks: its first and last full block;
- `span`: one line `FROM TO`, the first and last full block of any kind (nothing if none);
- `summary`: per kind, its full blocks, successful extrinsics per block and per second, normal
  weight used, execution time / weight (min-max over its full blocks) and failed extrinsics; the
  ratio swaps/s / transfers/s; a `FAIL KIND: ...` line per problem (the client's, a full block
  without a `benchmark block` figure or over THROUGHPUT_MAX_RATIO, too many failed, no full
  block) and the closing line `throughput: N passed, M failed` (kinds). Exits non-zero if any
  kind failed.
"""

import json
import os
import re
import sys


def load(results_path):
    return json.load(open(results_path))


def ranges(results_path):
    for r in load(results_path):
        if r.get("fullBlocks"):
            print(r["kind"], min(r["fullBlockNumbers"]), max(r["fullBlockNumbers"]))


def span(results_path):
    numbers = [n for r in load(results_path) for n in r.get("fullBlockNumbers", [])]
    if numbers:
        print(min(numbers), max(numbers))


def executed(blocks_path):
    """Block number -> execution time as a percentage of its weight, from `benchmark block`."""
    if not os.path.exists(blocks_path):
        return {}
    pattern = re.compile(r"Block (\d+) with\s+\d+ tx used\s+([\d.]+)% of its weight")
    return {int(m.group(1)): float(m.group(2)) for m in pattern.finditer(open(blocks_path).read())}


def proposals(log_path):
    """Block number -> (why the node stopped filling it, milliseconds it took), from its log."""
    if not log_path or not os.path.exists(log_path):
        return {}
    pattern = re.compile(r"Prepared block for proposing at (\d+) \((\d+) ms\).*?end: (\w+)")
    return {int(m.group(1)): (m.group(3), int(m.group(2))) for m in pattern.finditer(open(log_path, errors="replace").read())}


def summary(results_path, blocks_path, log_path=None):
    max_ratio = float(os.environ.get("THROUGHPUT_MAX_RATIO") or 90)
    max_failed = float(os.environ.get("THROUGHPUT_MAX_FAILED") or 1)
    results = load(results_path)
    used = executed(blocks_path)
    ended = proposals(log_path)
    header = (f"{'kind':<10}{'full blocks':>12}{'per block':>11}{'per second':>12}{'normal weight':>15}"
              f"{'time / weight':>16}  failed")
    print(header)
    failures = {}
    for r in results:
        kind = r["kind"]
        problems = list(r.get("problems", []))
        if "fullBlocks" not in r:
            print(f"{kind:<10}  not measured")
            failures[kind] = problems or ["not measured"]
            continue
        ratios = []
        for number in r["fullBlockNumbers"]:
            if number not in used:
                problems.append(f"full block #{number} has no `benchmark block` figure")
                continue
            ratios.append(used[number])
            if used[number] > max_ratio:
                problems.append(f"full block #{number} executed in {used[number]:.1f}% of its weight "
                                f"(over THROUGHPUT_MAX_RATIO={max_ratio:g}%)")
        if r["included"] and r["failed"] * 100 / r["included"] > max_failed \
                and not any("failed (over" in p for p in problems):
            problems.append(f"{r['failed']:,} of {r['included']:,} failed (over THROUGHPUT_MAX_FAILED={max_failed:g}%)")
        if not r["fullBlocks"]:
            blocks = []
            for b in r.get("blocks", []):
                why = ended.get(b["number"])
                blocks.append(f"#{b['number']} {b['weightPercent']}%" + (f" ({why[0]} after {why[1]:,} ms)" if why else ""))
            problems = [p for p in problems if "no full block" not in p]
            problems.append("no full block; its blocks: " + (", ".join(blocks) or "none"))
        ratio = f"{min(ratios):.1f}–{max(ratios):.1f}%" if ratios else "-"
        failed = f"{r['failed']:,} of {r['included']:,}"
        if r.get("failures"):
            failed += " (" + ", ".join(f"{code} {n:,}" for code, n in sorted(r["failures"].items())) + ")"
        print(f"{kind:<10}{r['fullBlocks']:>12}{r['perBlock']:>11,}{r['perSecond']:>12,}"
              f"{str(r['weightPercent']) + '%':>15}{ratio:>16}  {failed}")
        if problems:
            failures[kind] = problems
    by_kind = {r["kind"]: r for r in results}
    transfer, swap = by_kind.get("transfer", {}), by_kind.get("swap", {})
    if transfer.get("perSecond") and swap.get("perSecond"):
        print(f"swaps/s ÷ transfers/s = {swap['perSecond'] / transfer['perSecond']:.2f}")
    for kind, problems in failures.items():
        for problem in problems:
            print(f"FAIL {kind}: {problem}")
    print(f"throughput: {len(results) - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    command, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command == "ranges" and len(args) == 1:
        ranges(*args)
    elif command == "span" and len(args) == 1:
        span(*args)
    elif command == "summary" and len(args) in (2, 3):
        sys.exit(summary(*args))
    else:
        sys.exit(__doc__)
