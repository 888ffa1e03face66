#!/usr/bin/env bash
# Builds the runtime's wasm (the node's build makes the same file) and prints what an upgrade
# needs: the compressed wasm's path, its size, its blake2-256 hash (the `codeHash` of
# `system.authorizeUpgrade`) and the runtime's spec version. docs/OPERATIONS.md says what to do
# with them.
# Usage: scripts/build-runtime.sh
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$REPO_ROOT"

echo "[runtime] cargo build --release --locked -p dex-runtime (target: $CARGO_TARGET_DIR)" >&2
cargo_release build -p dex-runtime
[ -f "$RUNTIME_WASM" ] || { echo "[runtime] $RUNTIME_WASM was not built" >&2; exit 1; }

python3 - "$RUNTIME_WASM" "$REPO_ROOT/runtime/src/lib.rs" <<'PY'
import hashlib, os, re, sys
wasm, lib = sys.argv[1], sys.argv[2]
code = open(wasm, "rb").read()
spec = re.search(r"spec_version:\s*(\d+)", open(lib).read())
print(f"path:         {wasm}")
print(f"size:         {len(code)} bytes ({len(code) / 1024:.0f} KiB)")
print(f"blake2-256:   0x{hashlib.blake2b(code, digest_size=32).hexdigest()}")
print(f"spec_version: {spec.group(1) if spec else 'unknown'}")
PY
