#!/usr/bin/env bash
# Builds the runtime that the zombienet upgrade test (zombienet/0002-upgrade.zndsl) starts its
# network from: the production runtime of an earlier commit of this repository, by default the
# chain's previous release, and prints its compressed wasm's path on stdout (build output goes
# to stderr). The test then upgrades that network to this tree's runtime.
#
# Usage: scripts/upgrade-base.sh [REVISION]   (default: $UPGRADE_BASE_REV, else UPGRADE_BASE_DEFAULT)
#
# The revision's tree is extracted once into $CARGO_TARGET_DIR/upgrade-base/REVISION/src and
# built in a target directory beside it; a first build starts from a copy of this tree's
# production build (its compiled dependencies are the same crates), so only the revision's own
# crates compile.
set -euo pipefail
source "$(dirname "$0")/common.sh"

# Spec version 102, the last release before governance and the standard pallets: its
# liquidity-mining storage is at version 0, so the upgrade runs that pallet's v0 -> v1 migration
# on real farms; its local chain has a sudo key (Alice) and no council.
UPGRADE_BASE_DEFAULT=5aef53962ea8227f911e89de80dc9d89d9682a3b

say() { printf '[upgrade-base] %s\n' "$*" >&2; }

revision=${1:-${UPGRADE_BASE_REV:-$UPGRADE_BASE_DEFAULT}}
if ! commit=$(git -C "$REPO_ROOT" rev-parse --verify --quiet "$revision^{commit}"); then
	say "revision $revision is not in this clone: fetch it (git fetch --unshallow) or name another"
	exit 1
fi
base="$CARGO_TARGET_DIR/upgrade-base/$commit"
src="$base/src"
target="$base/target"

if [ ! -f "$src/.extracted" ]; then
	say "extracting $commit into $src"
	rm -rf "$src"
	mkdir -p "$src"
	# -m: the files are as new as the extraction, so cargo never takes them for older than an
	# artifact of this tree that seeded the target.
	git -C "$REPO_ROOT" archive "$commit" | tar -x -m -C "$src"
	touch "$src/.extracted"
fi

# A revision's sources never change, so a runtime built once is final.
wasm="$target/release/wbuild/dex-runtime/dex_runtime.compact.compressed.wasm"
if [ -f "$wasm" ]; then
	say "built before: $wasm"
	echo "$wasm"
	exit 0
fi

wasm_target=release/wbuild/dex-runtime/target
if [ ! -d "$target/release" ] && [ -d "$CARGO_TARGET_DIR/$wasm_target" ]; then
	say "seeding $target from this tree's production build"
	mkdir -p "$target/$wasm_target"
	for part in build deps .fingerprint; do
		[ ! -d "$CARGO_TARGET_DIR/release/$part" ] ||
			cp -a "$CARGO_TARGET_DIR/release/$part" "$target/release/"
	done
	cp -a "$CARGO_TARGET_DIR/$wasm_target/." "$target/$wasm_target/"
fi

# The revision's node is built with its runtime: the same selection as this tree's node build, so
# cargo resolves the same features and the seeded dependencies are fresh.
say "cargo build --release --locked -p dex-node (in $src, target: $target)"
(cd "$src" && CARGO_TARGET_DIR=$target cargo build --release --locked -p dex-node) >&2
[ -f "$wasm" ] || { say "$wasm was not built"; exit 1; }
echo "$wasm"
