#!/usr/bin/env bash
# Draws the benchmark plots of docs/BENCHMARKS.md from the results the benchmark scripts leave in
# target/: node throughput per transaction kind (scripts/bench/throughput.sh ->
# target/throughput.json) and liquidity-mining cost vs stakers and farms
# (scripts/bench/farm-stakers.sh -> target/farm-stakers.json). Writes docs/img/*.png (the
# drawing: scripts/report/plots.py).
# Installs matplotlib when it is missing: with pip (user site), else Debian's python3-matplotlib.
set -euo pipefail
source "$(dirname "$0")/../common.sh"
cd "$REPO_ROOT"

if ! python3 -c 'import matplotlib' 2>/dev/null; then
	python3 -m pip install --quiet --user matplotlib || apt_install python3-matplotlib
fi
mkdir -p docs/img

python3 "$REPORTS/plots.py" target/throughput.json target/farm-stakers.json docs/img
