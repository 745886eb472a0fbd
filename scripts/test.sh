#!/usr/bin/env bash
# Every test: installs what is missing (scripts/setup.sh), then runs, in order,
# the native Rust tests and doctests (with the server, over HTTP), a short
# load run of the server when wrk is installed, clippy (with and without the
# server feature, on the wasm module and on the gate-only one), the
# wasm-bindgen tests under Node and in headless Chromium, the package build
# (both modules), the Node tests of the
# built package (by its name, and packed into a fresh project), the demo site
# in headless Chromium (Playwright), the TypeScript check of its types, and
# the benchmarks once each as a smoke test (figures: npm run bench).
# Ends with one "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
exec > >(tee "$log") 2>&1

step() { printf '\n== %s\n' "$*"; }

bash scripts/setup.sh --browser

step "cargo test (native unit, integration and doc tests, the server over HTTP)"
cargo test --quiet --features server

step "load smoke: bench/load.sh for 2 s per run on the debug server just built"
if command -v wrk >/dev/null; then
  PROFILE=dev DURATION=2 bash bench/load.sh
else
  echo "skipped: wrk is not installed (bash scripts/setup.sh --load)"
fi

step "cargo clippy (library code denies unwrap, expect, panic, indexing)"
cargo clippy --quiet --all-targets --features server -- -D warnings
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --lib --target wasm32-unknown-unknown -- -D warnings
cargo clippy --quiet --lib --target wasm32-unknown-unknown --no-default-features --features wasm-policy-documents -- -D warnings
cargo clippy --quiet --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings

step "wasm-bindgen-test under Node"
cargo test --target wasm32-unknown-unknown --test wasm

step "wasm-bindgen-test in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm

step "npm run build"
bash scripts/build.sh

step "node --test (the package by its name, and packed)"
node --test tests/js/

step "Playwright in headless Chromium (the demo site)"
node --test --test-concurrency=1 tests/e2e/

step "tsc --noEmit over the generated .d.ts"
npx --no-install tsc -p tests/types

step "benchmarks, smoke only: one short iteration each, so that they keep compiling and running"
node bench/compare.mjs --smoke
cargo test --quiet --bench check --bench fleet

# Totals over the runners above: cargo's "test result" lines and node's "# pass/# fail".
sum() { grep -hoE "$1" "$log" | grep -oE '[0-9]+' | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(sum '^test result: [a-zA-Z]+\. [0-9]+ passed|^# pass [0-9]+')
failed=$(sum '[0-9]+ failed;|^# fail [0-9]+')
printf '\ntests: %s passed, %s failed\n' "$passed" "$failed"
