#!/usr/bin/env bash
# Installs what building and testing need, on a fresh machine (Debian, Rust by
# rustup, Node 20): the wasm target, the wasm-bindgen CLI matching the pinned
# crate, the npm devDependencies and, with --browser, Debian's Chromium and
# ChromeDriver; with --load, Debian's wrk (bench/load.sh). Idempotent, and
# quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'setup: %s\n' "$*" >&2; }

# Debian packages, as root or through sudo.
apt_install() {
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the crate exactly; its version is the one pinned in Cargo.toml.
want=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $want" ]; then
  log "installing wasm-bindgen-cli $want (about 2.5 minutes, once)"
  # Not --locked: one of its locked dependencies is missing from the registry here.
  cargo install wasm-bindgen-cli --version "$want"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm devDependencies"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

if [ "${1:-}" = "--browser" ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  log "installing Debian's chromium and chromium-driver"
  apt_install chromium chromium-driver
fi

if [ "${1:-}" = "--load" ] && ! command -v wrk >/dev/null; then
  log "installing Debian's wrk"
  apt_install wrk
fi
