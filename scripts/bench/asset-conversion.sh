#!/usr/bin/env bash
# Sets this chain's AMM (pallet-amm) against the SDK's pallet-asset-conversion of the same release,
# on the benchmark runtime (bench/runtime: both pallets, the same native token and assets, the
# same 0.3 % fee), with `dex-node benchmark pallet` (compiled wasm, this machine):
#   1. the comparison suite `pallet_dex_compare`: the same swaps along 2-, 3- and 4-asset paths
#      (exact in and exact out), add and remove liquidity, on pools with the same reserves;
#      time per call, storage reads and writes, proof size, and the ratio ours / theirs;
#   2. each pallet's own benchmarks, whose weights are written to bench/weights/ and printed side
#      by side, in ref time, reads, writes and proof size, and in weight at the DEX runtime's
#      database costs.
# Prints both tables (Markdown) and the worst ratio of each target, and writes
# target/asset-conversion.json (the tables and the report: scripts/report/asset_conversion.py).
# Usage: scripts/bench/asset-conversion.sh [REPEAT] (default 20: repeats of each comparison; the
# own suites run STEPS steps, default 20, of OWN_REPEAT repeats, default 10).
set -euo pipefail
source "$(dirname "$0")/../common.sh"
cd "$REPO_ROOT"

REPEAT=${1:-20}
STEPS=${STEPS:-20}
OWN_REPEAT=${OWN_REPEAT:-10}
build_bench_node
echo "[build] DEX_BENCH_WASM=1 cargo build --release -p dex-bench-runtime ${BENCH_FEATURES[*]} (target: $BENCH_TARGET_DIR)"
DEX_BENCH_WASM=1 cargo_bench build -p dex-bench-runtime
WASM="$BENCH_TARGET_DIR/release/wbuild/dex-bench-runtime/dex_bench_runtime.compact.compressed.wasm"
work=$(mktemp -d -t dex-asset-conversion.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$REPO_ROOT/target"

bench() {
	"$BENCH_NODE" benchmark pallet --runtime "$WASM" --genesis-builder=runtime --extrinsic '*' "$@"
}

echo "[bench] pallet_dex_compare (repeat $REPEAT)"
bench --pallet pallet_dex_compare --steps 3 --repeat "$REPEAT" --json-file "$work/compare.json" >/dev/null
for pallet in pallet_amm pallet_asset_conversion; do
	echo "[bench] $pallet (steps $STEPS, repeat $OWN_REPEAT) -> bench/weights/$pallet.rs"
	bench --pallet "$pallet" --steps "$STEPS" --repeat "$OWN_REPEAT" \
		--header "$REPO_ROOT/scripts/weight-header.txt" --output "bench/weights/$pallet.rs" >/dev/null
done

python3 "$REPORTS/asset_conversion.py" "$work/compare.json" "$REPEAT" \
	bench/weights/pallet_amm.rs bench/weights/pallet_asset_conversion.rs \
	runtime/src/weights/paritydb_weights.rs "$REPO_ROOT/target/asset-conversion.json"
