#!/usr/bin/env bash
# Installs what building and testing the chain needs, and only what is missing:
# the Rust wasm targets and rust-src (through rustup), Debian's protobuf-compiler, clang,
# libclang-dev, curl and python3 (the end-to-end scripts talk to the node with them), Chromium
# (the web app's browser tests), Node.js and npm, and the npm packages of the client scripts, of
# zombienet and of the web app. Safe to run any number of
# times; prints each thing it installs. Runs on its own on a fresh Debian machine with rustup.
set -euo pipefail
source "$(dirname "$0")/common.sh"

say() { printf '[setup] %s\n' "$*"; }

if ! command -v cargo >/dev/null 2>&1; then
	echo "[setup] cargo not found: install Rust with rustup first (https://rustup.rs)" >&2
	exit 1
fi

installed_targets=$(rustup target list --installed)
for target in wasm32-unknown-unknown wasm32v1-none; do
	if ! grep -qx "$target" <<<"$installed_targets"; then
		say "adding Rust target $target"
		rustup target add "$target"
	fi
done

if ! rustup component list --installed | grep -q '^rust-src'; then
	say "adding Rust component rust-src"
	rustup component add rust-src
fi

apt_install protobuf-compiler clang libclang-dev curl python3 chromium

# The client scripts (end-to-end flows) use @polkadot/api from their own npm package. Node.js may
# come from elsewhere than Debian (nvm, a tarball): only a missing `node` or `npm` is installed.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	apt_install nodejs npm
fi
# Playwright drives the system's Chromium: it downloads no browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
for package in scripts/client zombienet app; do
	ensure_npm "$REPO_ROOT/$package"
done

say "toolchain ready: $(rustc --version), protoc $(protoc --version | cut -d' ' -f2)"
