#!/usr/bin/env bash
# Every test: installs what is missing (scripts/setup.sh), then runs, in order,
# the native Rust tests and doctests, clippy, the wasm-bindgen tests under
# Node, the package build, the Node tests of the built package (by its name,
# and packed into a fresh project), and the TypeScript check of its types.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*" >&2; }

bash scripts/setup.sh

step "cargo test (native unit, integration and doc tests)"
cargo test --quiet

step "cargo clippy (library code denies unwrap, expect, panic, indexing)"
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --lib --target wasm32-unknown-unknown -- -D warnings

step "wasm-bindgen-test under Node"
cargo test --target wasm32-unknown-unknown --test wasm

step "npm run build"
bash scripts/build.sh

step "node --test (the package by its name, and packed)"
node --test tests/js/

step "tsc --noEmit over the generated .d.ts"
npx --no-install tsc -p tests/types
