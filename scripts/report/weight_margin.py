"""Adds a safety margin to generated weight files (scripts/weights.sh calls it after generating).

Usage: weight_margin.py PERCENT FILE...

Every measured execution time in FILE is raised by PERCENT: the ref-time part of each
`Weight::from_parts(time, proof)` of a pallet's weights, the database's `read:` and `write:`
costs, and the block and extrinsic base weights (`WEIGHT_REF_TIME_PER_NANOS.saturating_mul(n)`).
Proof sizes are not touched: they are sizes, not times. A file gets a header line naming the
margin. A file that has the same margin already is left alone, so the margin is applied once; a
file with another margin is rescaled to the new one (each time times (100 + new) / (100 + old),
rounded up), so a margin can be changed without benchmarking again.

Why: the benchmarks measure one machine at one moment; full blocks executed on other machines of
the same kind (and on the same one at another time) took up to 1.4 times as long as their weight
(docs/BENCHMARKS.md), and a block that runs over its weight delays the chain.
"""

import re
import sys

MARKER = "// Safety margin:"


def raise_by(number: str, percent: int, applied: int = 0) -> str:
    """`number` (which carries a margin of `applied` percent) with a margin of `percent`."""
    value = int(number.replace("_", ""))
    raised = (value * (100 + percent) + 99 + applied) // (100 + applied)
    return f"{raised:_}"


def apply(text: str, percent: int, applied: int = 0) -> str:
    def raise_(number):
        return raise_by(number, percent, applied)

    def from_parts(m):
        time = m.group(1)
        if time.replace("_", "") == "0":
            return m.group(0)
        return f"Weight::from_parts({raise_(time)}, {m.group(2)})"

    text = re.sub(r"Weight::from_parts\(([0-9_]+), ([0-9_]+)\)", from_parts, text)
    text = re.sub(
        r"((?:read|write): )([0-9_]+)( \* constants::WEIGHT_REF_TIME_PER_NANOS)",
        lambda m: m.group(1) + raise_(m.group(2)) + m.group(3),
        text,
    )
    text = re.sub(
        r"(WEIGHT_REF_TIME_PER_NANOS\.saturating_mul\()([0-9_]+)(\))",
        lambda m: m.group(1) + raise_(m.group(2)) + m.group(3),
        text,
    )
    return text


def main():
    percent = int(sys.argv[1])
    line = f"{MARKER} measured times raised by {percent} % (scripts/report/weight_margin.py).\n"
    for path in sys.argv[2:]:
        text = open(path, encoding="utf-8").read()
        marked = re.search(re.escape(MARKER) + r" measured times raised by (\d+) %.*\n", text)
        if marked:
            applied = int(marked.group(1))
            if applied == percent:
                print(f"[weights] {path}: margin already applied")
                continue
            text = text[: marked.start()] + line + text[marked.end() :]
            open(path, "w", encoding="utf-8").write(apply(text, percent, applied))
            print(f"[weights] {path}: margin changed from {applied} % to {percent} %")
            continue
        # Before the file's doc comment, after its licence header.
        at = text.find("\n//!")
        at = at + 1 if at >= 0 else text.find("\n") + 1
        text = text[:at] + line + "\n" + text[at:]
        open(path, "w", encoding="utf-8").write(apply(text, percent))
        print(f"[weights] {path}: +{percent} % on every measured time")


if __name__ == "__main__":
    main()
