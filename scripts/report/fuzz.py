"""Writes a long fuzz run's result into docs/RELIABILITY.md (scripts/fuzz.sh calls it).

Usage: fuzz.py LOG RELIABILITY_MD COMMAND COMMIT SECONDS EXIT_STATUS

LOG is the test's output. The section between the markers `<!-- fuzz-long-run:start -->` and
`<!-- fuzz-long-run:end -->` of RELIABILITY_MD is replaced by the run's command, commit, date,
duration, totals and calls per kind.
"""

import datetime
import re
import sys

START = "<!-- fuzz-long-run:start -->"
END = "<!-- fuzz-long-run:end -->"


def main():
    log_path, doc_path, command, commit, seconds, status = sys.argv[1:7]
    log = open(log_path, encoding="utf-8", errors="replace").read()
    summary = next((line for line in log.splitlines() if line.startswith("fuzz: seed")), None)
    calls = re.findall(r"^  (\S.*?)\s+(\d+) calls\s+(\d+) succeeded$", log, re.M)
    noise = len(re.findall(r"did not reproduce \(noise\)", log))
    minutes, secs = divmod(int(seconds), 60)
    outcome = "passed" if status == "0" and summary else f"FAILED (exit status {status})"
    lines = [
        START,
        f"- Command: `{command}`, on commit {commit}, {datetime.date.today().isoformat()}, "
        f"2 threads: {outcome} in {minutes} min {secs} s.",
        f"- Result: {summary[len('fuzz: '):] if summary else 'no summary (the run did not finish)'}.",
        f"- Measurements over their weight that did not reproduce (machine noise): {noise}.",
    ]
    if calls:
        lines += ["", "| Call | Included | Succeeded |", "| --- | --- | --- |"]
        lines += [f"| `{name}` | {int(n):,} | {int(ok):,} |" for name, n, ok in calls]
    lines.append(END)
    doc = open(doc_path, encoding="utf-8").read()
    if START not in doc or END not in doc:
        sys.exit(f"{doc_path} has no {START} ... {END} section")
    head, rest = doc.split(START, 1)
    _, tail = rest.split(END, 1)
    open(doc_path, "w", encoding="utf-8").write(head + "\n".join(lines) + tail)
    print(f"[fuzz] the result is in {doc_path}")


if __name__ == "__main__":
    main()
