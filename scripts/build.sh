#!/usr/bin/env bash
# Builds the npm package into pkg/: the wasm module (release profile tuned for
# size; its start function run once here by scripts/snapshot.mjs, so that it
# ships with the built-in gate already built; then wasm-opt -Oz from the npm
# binaryen package), with wasm-bindgen glue for browsers and bundlers
# (pkg/web, ES module) and for Node (pkg/node, CommonJS, which Node also
# imports from ES modules).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --target wasm32-unknown-unknown --lib --quiet
raw=target/wasm32-unknown-unknown/release/exposure_gate.wasm
opt=target/exposure_gate.opt.wasm

for target in web nodejs; do
  out=pkg/${target/nodejs/node}
  mkdir -p "$out"
  rm -rf "$out/snippets"
  wasm-bindgen --target "$target" --out-dir "$out" "$raw"
done
node scripts/inline-snippets.mjs pkg/web/exposure_gate.js pkg/node/exposure_gate.js
# Both targets get the same module bytes: snapshot and optimise once, copy
# twice, and skip both when wasm-bindgen's output and the snapshot script
# have not changed since last time.
sum=$(cat pkg/web/exposure_gate_bg.wasm scripts/snapshot.mjs | sha256sum | cut -d' ' -f1)
if [ ! -f "$opt" ] || [ "$(cat "$opt.src-sha256" 2>/dev/null || true)" != "$sum" ]; then
  node scripts/snapshot.mjs pkg/web/exposure_gate_bg.wasm target/exposure_gate.snapshot.wasm
  npx --no-install wasm-opt -Oz target/exposure_gate.snapshot.wasm -o "$opt"
  echo "$sum" > "$opt.src-sha256"
fi
cp "$opt" pkg/web/exposure_gate_bg.wasm
cp "$opt" pkg/node/exposure_gate_bg.wasm
# pkg/web holds ES modules inside a CommonJS package.
printf '{ "type": "module" }\n' > pkg/web/package.json

printf 'build: pkg/ ready (%s bytes of wasm, %s gzipped)\n' "$(wc -c < "$opt")" "$(gzip -9 -c "$opt" | wc -c)" >&2
