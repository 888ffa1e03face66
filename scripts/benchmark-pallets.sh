#!/usr/bin/env bash
# Regenerates the weights of the project's own pallets (default: pallet_amm and
# pallet_liquidity_mining), in the runtime and in each pallet's `src/weights.rs`.
# Usage: scripts/benchmark-pallets.sh [pallet...]. See scripts/benchmark-weights.sh, which also
# regenerates the SDK pallets', the block and extrinsic overhead and the database weights.
set -euo pipefail
pallets=("$@")
[ ${#pallets[@]} -gt 0 ] || pallets=(pallet_amm pallet_liquidity_mining)
exec "$(dirname "$0")/benchmark-weights.sh" "${pallets[@]}"
