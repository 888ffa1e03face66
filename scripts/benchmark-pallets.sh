#!/usr/bin/env bash
# Generates the weights of the project's pallets on this machine with `dex-node benchmark pallet`
# and writes them to each pallet's `src/weights.rs`. Usage: scripts/benchmark-pallets.sh [pallet...]
# (default: every pallet of ours). Steps and repeats can be set with STEPS and REPEAT.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$REPO_ROOT"

STEPS=${STEPS:-50}
REPEAT=${REPEAT:-20}
pallets=("$@")
[ ${#pallets[@]} -gt 0 ] || pallets=(pallet_amm pallet_liquidity_mining)

build_node
for pallet in "${pallets[@]}"; do
	dir="pallets/$(echo "${pallet#pallet_}" | tr '_' '-')"
	echo "[bench] $pallet -> $dir/src/weights.rs (steps $STEPS, repeat $REPEAT)"
	"$DEX_NODE" benchmark pallet \
		--runtime "$CARGO_TARGET_DIR/release/wbuild/dex-runtime/dex_runtime.compact.compressed.wasm" \
		--genesis-builder=runtime \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--template "$REPO_ROOT/scripts/weight-template.hbs" \
		--header "$REPO_ROOT/scripts/weight-header.txt" \
		--output "$dir/src/weights.rs"
done
cargo fmt --all
