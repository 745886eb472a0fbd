#!/usr/bin/env bash
# The demo: builds the wasm package (scripts/build.sh), then runs the Rust
# server in dev mode (built-in policy, tokens minted locally for the demo
# users, SQLite under ./data/) on 127.0.0.1:$PORT (default 8080).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/build.sh
exec cargo run --release --quiet --features server -- serve --addr "127.0.0.1:${PORT:-8080}" --db data/exposure-gate.db
