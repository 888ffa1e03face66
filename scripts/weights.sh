#!/usr/bin/env bash
# Regenerates every weight the runtime charges, on this machine, with the release node:
#   - the block and extrinsic base weights (`dex-node benchmark overhead`),
#   - the database read/write weights of ParityDB, the node's database (`dex-node benchmark storage`
#     on the database of a throughput run; STORAGE_DB=DIR names another node base path),
#   - the weights of every benchmarked pallet in the runtime, ours and the SDK's
#     (`dex-node benchmark pallet`),
# all written to runtime/src/weights/, which the runtime uses, with a safety margin of
# WEIGHT_MARGIN percent (default 35) on every measured time. Our pallets' own `src/weights.rs`
# (their `WeightInfo` trait and defaults for other runtimes) are regenerated too.
# Also records the machine's figures (`dex-node benchmark machine`) in runtime/src/weights/MACHINE.md.
# Usage: scripts/weights.sh [--ours] [pallet...]
#   no argument: everything above;
#   pallet...:   only those pallets' weights (e.g. pallet_amm pallet_assets), no overhead, database
#                or machine figures;
#   --ours:      our pallets, pallet_amm and pallet_liquidity_mining (with any pallets named too).
# STEPS (default 50) and REPEAT (default 20) can be set.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$REPO_ROOT"

usage() {
	echo "usage: scripts/weights.sh [--ours] [pallet...]   (no argument: every weight)" >&2
	exit 2
}

STEPS=${STEPS:-50}
REPEAT=${REPEAT:-20}
# Every measured time in the runtime's weights is raised by this share (scripts/report/
# weight_margin.py): full blocks must run within their weight on any machine of this kind, not
# only on the one and at the moment the benchmarks ran.
WEIGHT_MARGIN=${WEIGHT_MARGIN:-35}
WEIGHTS="$REPO_ROOT/runtime/src/weights"
HEADER="$REPO_ROOT/scripts/weight-header.txt"
# Every pallet with benchmarks in runtime/src/benchmarks.rs, by the name the CLI knows.
ALL_PALLETS=(frame_system frame_system_extensions pallet_balances pallet_timestamp pallet_sudo
	pallet_transaction_payment pallet_asset_conversion_tx_payment pallet_assets pallet_amm
	pallet_liquidity_mining pallet_utility pallet_multisig pallet_proxy pallet_collective
	pallet_membership pallet_preimage pallet_whitelist)
# Ours: their own `src/weights.rs` is regenerated too.
OUR_PALLETS=(pallet_amm pallet_liquidity_mining)

pallets=()
for arg in "$@"; do
	case "$arg" in
	--ours) pallets+=("${OUR_PALLETS[@]}") ;;
	-h | --help) usage ;;
	-*) echo "[weights] unknown option $arg" >&2; usage ;;
	*) pallets+=("$arg") ;;
	esac
done
everything=0
[ $# -gt 0 ] || { pallets=("${ALL_PALLETS[@]}"); everything=1; }

build_bench_node

# Benchmarks one pallet: bench_pallet PALLET [ARG...] (output arguments).
bench_pallet() {
	local pallet=$1
	shift
	"$BENCH_NODE" benchmark pallet \
		--runtime "$BENCH_RUNTIME_WASM" \
		--genesis-builder=runtime \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--header "$HEADER" \
		"$@"
}

for pallet in "${pallets[@]}"; do
	echo "[weights] $pallet (steps $STEPS, repeat $REPEAT) -> runtime/src/weights/"
	bench_pallet "$pallet" --output "$WEIGHTS/"
	python3 "$REPORTS/weight_margin.py" "$WEIGHT_MARGIN" "$WEIGHTS/$pallet"*.rs
	if [[ " ${OUR_PALLETS[*]} " == *" $pallet "* ]]; then
		dir="pallets/$(echo "${pallet#pallet_}" | tr '_' '-')"
		# A second run: weights written from `--json-input` lose their storage and proof-size
		# information.
		echo "[weights] $pallet -> $dir/src/weights.rs"
		bench_pallet "$pallet" --template "$REPO_ROOT/scripts/weight-template.hbs" \
			--output "$dir/src/weights.rs"
	fi
done

if [ "$everything" -eq 1 ]; then
	echo "[weights] block and extrinsic overhead -> runtime/src/weights/{block,extrinsic}_weights.rs"
	"$BENCH_NODE" benchmark overhead \
		--runtime "$BENCH_RUNTIME_WASM" \
		--genesis-builder=runtime \
		--header "$HEADER" \
		--weight-path "$WEIGHTS/"

	# The storage benchmark reads and writes every key of a chain database, in ParityDB like the
	# node's. A fresh genesis holds a few dozen keys and its average is dominated by reading the
	# 1 MB runtime code, so the benchmark runs on the database a throughput run leaves behind
	# (scripts/bench/throughput.sh: some 18,000 accounts, pools, a farm, 50 blocks). Reads are
	# cold (no trie cache); writes are timed per key in commits of 100 keys, fewer than a full
	# block commits at once.
	state_db=${STORAGE_DB:-$REPO_ROOT/target/throughput-db}
	if [ ! -d "$state_db/chains" ]; then
		echo "[weights] building a chain database: THROUGHPUT_DB=$state_db scripts/bench/throughput.sh 3000"
		# Only its database is needed here: the weights it measures are the ones being replaced.
		# The benchmark node makes it, so that its genesis is the one `benchmark storage` opens.
		DEX_NODE="$BENCH_NODE" THROUGHPUT_DB="$state_db" THROUGHPUT_MAX_RATIO=100000 \
			"$REPO_ROOT/scripts/bench/throughput.sh" 3000
	fi
	echo "[weights] ParityDB read/write ($state_db) -> runtime/src/weights/paritydb_weights.rs"
	"$BENCH_NODE" benchmark storage \
		--dev \
		--base-path "$state_db" \
		--database paritydb \
		--state-version 1 \
		--batch-size 100 \
		--header "$HEADER" \
		--weight-path "$WEIGHTS/"

	python3 "$REPORTS/weight_margin.py" "$WEIGHT_MARGIN" "$WEIGHTS/block_weights.rs" \
		"$WEIGHTS/extrinsic_weights.rs" "$WEIGHTS/paritydb_weights.rs"

	db=$(mktemp -d -t dex-weights-db.XXXXXX)
	trap 'rm -rf "$db"' EXIT
	echo "[weights] machine -> runtime/src/weights/MACHINE.md"
	{
		echo "# The machine the weights were generated on"
		echo
		echo "\`dex-node benchmark machine --allow-fail\`, run by \`scripts/weights.sh\` on $(date -u +%Y-%m-%d):"
		echo
		echo '```text'
		"$BENCH_NODE" benchmark machine --dev --base-path "$db" --allow-fail 2>&1 |
			grep -oE '[+|].*[+|]' || true
		echo '```'
		echo
		echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores; $(free -g | awk '/Mem:/ {print $2}') GiB RAM."
	} >"$WEIGHTS/MACHINE.md"
fi

cargo fmt --all
echo "[weights] done: rebuild the node (scripts/run-dev.sh or cargo build) to use them"
