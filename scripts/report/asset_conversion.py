#!/usr/bin/env python3
"""Report of scripts/bench/asset-conversion.sh: pallet-amm ("ours") against pallet-asset-conversion
("theirs").

Usage: asset_conversion.py COMPARE_JSON REPEAT OUR_WEIGHTS_RS THEIR_WEIGHTS_RS PARITYDB_WEIGHTS_RS OUT_JSON

Reads:
- COMPARE_JSON: `--json-file` output of the `pallet_dex_compare` suite (benchmarks `amm_*` and
  `ac_*`, the same operation on identical pools); REPEAT, its repeats (for the table's title);
- the two weight files: each pallet's own benchmarks, generated on the same runtime and machine;
- PARITYDB_WEIGHTS_RS: the DEX runtime's database weights, to turn reads and writes into time.

Writes: two Markdown tables and the worst ratios (stdout), and OUT_JSON (the same figures).
"""

import json
import re
import statistics
import sys

compare_json, repeat, ours_rs, theirs_rs, db_rs, out_json = sys.argv[1:7]


def db_costs(path):
    """(read, write) cost in ns of the runtime's database."""
    text = open(path).read()
    read = int(re.search(r"read:\s*([\d_]+)\s*\*", text).group(1).replace("_", ""))
    write = int(re.search(r"write:\s*([\d_]+)\s*\*", text).group(1).replace("_", ""))
    return read, write


READ_NS, WRITE_NS = db_costs(db_rs)


def weight_ns(time_ns, reads, writes):
    """Weight (ref time) in ns: computation plus database accesses at the runtime's costs."""
    return time_ns + reads * READ_NS + writes * WRITE_NS


# --- The comparison suite -------------------------------------------------------------------------

def name_of(batch):
    name = batch["benchmark"]
    return bytes(name).decode() if isinstance(name, list) else name


def component(result):
    return result["components"][0][1] if result["components"] else None


measured = {}  # benchmark -> {n: {time, reads, writes, proof}}
for batch in json.load(open(compare_json)):
    by_n = {}
    for result in batch["time_results"]:
        by_n.setdefault(component(result), {"time": [], "db": []})["time"].append(
            result["extrinsic_time"])
    for result in batch["db_results"]:
        by_n.setdefault(component(result), {"time": [], "db": []})["db"].append(result)
    rows = {}
    for n, samples in by_n.items():
        db = samples["db"] or []
        rows[n] = {
            "time_ns": statistics.median(samples["time"]),
            "reads": statistics.median(r["reads"] for r in db) if db else 0,
            "writes": statistics.median(r["writes"] for r in db) if db else 0,
            "proof": statistics.median(r["proof_size"] for r in db) if db else 0,
        }
    measured[name_of(batch)] = rows

# (our benchmark, their benchmark, label)
PAIRS = [
    ("amm_swap_exact_in", "ac_swap_exact_in", "swap exact in"),
    ("amm_swap_exact_out", "ac_swap_exact_out", "swap exact out"),
    ("amm_swap_exact_in_with_oracle", "ac_swap_exact_in",
     "swap exact in + the next block's oracle update of its pools (only swap in its block)"),
    ("amm_add_liquidity", "ac_add_liquidity", "add liquidity"),
    ("amm_remove_liquidity", "ac_remove_liquidity", "remove liquidity"),
]

report = {"db_read_ns": READ_NS, "db_write_ns": WRITE_NS, "compare": [], "weights": []}
print(f"Same operations, same pools (median of {repeat} runs, wasm, this machine; "
      f"weight = time + reads x {READ_NS / 1000:.1f} us + writes x {WRITE_NS / 1000:.1f} us, "
      "the DEX runtime's ParityDB costs)")
print()
print("| Operation | assets in path | time ours / theirs (us) | ratio | reads ours / theirs | "
      "writes ours / theirs | proof size ours / theirs (bytes) | weight ours / theirs (us) | ratio |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
worst_swap_time = worst_swap_weight = 0.0
for ours, theirs, label in PAIRS:
    if ours not in measured or theirs not in measured:
        continue
    for n in sorted(measured[ours], key=lambda n: n or 0):
        a, b = measured[ours][n], measured[theirs].get(n)
        if b is None:
            continue
        time_ratio = a["time_ns"] / b["time_ns"]
        wa = weight_ns(a["time_ns"], a["reads"], a["writes"])
        wb = weight_ns(b["time_ns"], b["reads"], b["writes"])
        weight_ratio = wa / wb
        if label.startswith("swap") and "oracle" not in label:
            worst_swap_time = max(worst_swap_time, time_ratio)
            worst_swap_weight = max(worst_swap_weight, weight_ratio)
        path = str(n) if n is not None else "2"
        print(f"| {label} | {path} | {a['time_ns'] / 1000:.1f} / {b['time_ns'] / 1000:.1f} | "
              f"{time_ratio:.2f} | {a['reads']:g} / {b['reads']:g} | {a['writes']:g} / {b['writes']:g} | "
              f"{a['proof']:,.0f} / {b['proof']:,.0f} | {wa / 1000:.1f} / {wb / 1000:.1f} | {weight_ratio:.2f} |")
        report["compare"].append({"operation": label, "assets": n or 2, "ours": a, "theirs": b,
                                  "time_ratio": time_ratio, "weight_ratio": weight_ratio})

# --- The generated weights ------------------------------------------------------------------------

TERM = re.compile(
    r"(?P<kind>Weight::from_parts|reads|writes)\(\(?(?P<a>[\d_]*\d)(?:_u64)?(?:,\s*(?P<b>[\d_]*\d))?\)?"
    r"(?:\)?\.saturating_mul\((?P<var>\w+)\.into\(\)\))?")


def parse_weights(path):
    """{function: [(kind, a, b, component or None)]} of a generated weight file."""
    text = open(path).read()
    functions = {}
    for match in re.finditer(r"fn (\w+)\(([^)]*)\)\s*-> Weight \{(.*?)\n\t\}", text, re.S):
        name, body = match.group(1), match.group(3)
        if name in functions:  # the `()` implementation repeats the runtime one
            continue
        terms = []
        for line in body.splitlines():
            line = line.strip()
            if line.startswith("//"):
                continue
            for t in TERM.finditer(line):
                a = int(t.group("a").replace("_", ""))
                b = int((t.group("b") or "0").replace("_", ""))
                terms.append((t.group("kind"), a, b, t.group("var")))
        functions[name] = terms
    return functions


def evaluate(terms, n):
    """(ref time ps, reads, writes, proof bytes) of a weight function at component value n."""
    ref = proof = reads = writes = 0
    for kind, a, b, var in terms:
        k = n if var else 1
        if kind == "Weight::from_parts":
            ref += a * k
            proof += b * k
        elif kind == "reads":
            reads += a * k
        else:
            writes += a * k
    return ref, reads, writes, proof


ours_w, theirs_w = parse_weights(ours_rs), parse_weights(theirs_rs)
WEIGHT_PAIRS = [
    ("create_pool", "create_pool", [None]),
    ("add_liquidity", "add_liquidity", [None]),
    ("remove_liquidity", "remove_liquidity", [None]),
    ("swap_exact_in", "swap_exact_tokens_for_tokens", [2, 3, 4]),
    ("swap_exact_out", "swap_tokens_for_exact_tokens", [2, 3, 4]),
]
print()
print("Generated weights, each pallet's own benchmarks (bench/weights/; ref time in us; "
      "weight at the same database costs)")
print()
print("| Ours | Theirs | assets in path | ref time ours / theirs | reads ours / theirs | "
      "writes ours / theirs | proof size ours / theirs | weight ours / theirs (us) | ratio |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
worst_weight_file = 0.0
for ours, theirs, ns in WEIGHT_PAIRS:
    if ours not in ours_w or theirs not in theirs_w:
        continue
    for n in ns:
        ra, rda, wra, pa = evaluate(ours_w[ours], n or 0)
        rb, rdb, wrb, pb = evaluate(theirs_w[theirs], n or 0)
        wa = weight_ns(ra / 1000, rda, wra)
        wb = weight_ns(rb / 1000, rdb, wrb)
        ratio = wa / wb
        if ours.startswith("swap"):
            worst_weight_file = max(worst_weight_file, ratio)
        print(f"| `{ours}` | `{theirs}` | {n or ''} | {ra / 1e6:.1f} / {rb / 1e6:.1f} | {rda} / {rdb} | "
              f"{wra} / {wrb} | {pa:,} / {pb:,} | {wa / 1000:.1f} / {wb / 1000:.1f} | {ratio:.2f} |")
        report["weights"].append({"ours": ours, "theirs": theirs, "assets": n,
                                  "ours_weight_ns": wa, "theirs_weight_ns": wb, "ratio": ratio})

report.update(worst_swap_time_ratio=worst_swap_time, worst_swap_weight_ratio=worst_swap_weight,
              worst_swap_generated_weight_ratio=worst_weight_file)
json.dump(report, open(out_json, "w"), indent=1)


def verdict(ratio):
    return "met" if ratio <= 1.0 else "NOT met"


print()
print(f"asset-conversion: swap time ours/theirs worst {worst_swap_time:.2f} "
      f"(target <= 1.0: {verdict(worst_swap_time)}); swap weight worst {worst_swap_weight:.2f} "
      f"({verdict(worst_swap_weight)}); generated swap weight worst {worst_weight_file:.2f} "
      f"({verdict(worst_weight_file)})")
