#!/usr/bin/env bash
# Installs what building and testing the chain needs, and only what is missing:
# the Rust wasm targets and rust-src (through rustup), Debian's protobuf-compiler, clang and
# libclang-dev, and the npm packages of the client scripts and of zombienet. Safe to run any number of times; prints each thing it installs.
set -euo pipefail

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

missing=()
for pkg in protobuf-compiler clang libclang-dev; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	say "installing Debian packages: ${missing[*]}"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The client scripts (end-to-end flows) use @polkadot/api from their own npm package.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	say "installing Debian packages: nodejs npm"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
for package in scripts/client zombienet; do
	dir="$root/$package"
	if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
		say "installing npm packages of $package (npm ci)"
		(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
	fi
done

say "toolchain ready: $(rustc --version), protoc $(protoc --version | cut -d' ' -f2)"
