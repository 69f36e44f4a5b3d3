#!/usr/bin/env bash
# Installs everything the build, the demo and the tests need, skipping what is
# already present at the right version, then builds pkg/. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

MINISTACK_VERSION=1.5.33
export MINISTACK_VENV="${MINISTACK_VENV:-/opt/ministack-venv}"
sudo_if() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
step() { echo "==> $*"; }

# Debian's Chromium (no browser downloads anywhere).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  step "installing chromium (apt)"
  sudo_if apt-get update -qq
  sudo_if env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# Rust target for the wasm build.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# ministack: the local Cognito the demo and tests run against.
if ! "$MINISTACK_VENV/bin/pip" show ministack 2>/dev/null | grep -qx "Version: $MINISTACK_VERSION"; then
  step "installing ministack $MINISTACK_VERSION into $MINISTACK_VENV"
  python3 -m venv "$MINISTACK_VENV"
  "$MINISTACK_VENV/bin/pip" install -q "ministack[full]==$MINISTACK_VERSION" boto3
fi

# Node tooling (playwright-core, esbuild, binaryen's wasm-opt, typescript, reference libraries,
# @angular/core and @angular/common to type-check the Angular wrapper).
step "npm ci"
npm ci --no-audit --no-fund --loglevel=error

step "building pkg/"
bash scripts/build.sh
