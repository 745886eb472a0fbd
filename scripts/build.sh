#!/usr/bin/env bash
# Builds the npm package into pkg/, three times from the same crate:
#   pkg/web, pkg/node            exposure-gate: every call of CONTRACT.md;
#   pkg/gate/web, pkg/gate/node  exposure-gate/gate: the same gate without the
#                                prerequisite calls, for pages that only gate
#                                controls;
#   pkg/runtime/web, .../node    exposure-gate/runtime: that gate without
#                                policy documents: it loads compiled policies
#                                only (Gate.fromCompiled), and so holds no
#                                policy reader.
# Each module: the release profile tuned for size (the runtime module the
# wasm-runtime profile, its own code tuned harder); its start function run
# once here by scripts/snapshot.mjs, so that it ships with the built-in gate
# already built; then wasm-opt from the npm binaryen package: -Oz twice (the
# second pass finds more once the first has inlined and merged), with
# --low-memory-unused, which lets it fold constant offsets into loads and
# stores (true here: Rust's stack takes the first MiB and grows down from
# it, so the first KiB is reached only by a stack nearly a MiB deep; the
# deepest reader stops at 128 levels), and without the producers section
# (what built the module: metadata no one loads). Each gets
# wasm-bindgen glue for browsers and bundlers (web, ES module) and for Node
# (node, CommonJS, which Node also imports from ES modules).
set -euo pipefail
cd "$(dirname "$0")/.."

# package NAME DIR PROFILE [CARGO FEATURE ARGS...]: build one module into DIR/web and DIR/node.
package() {
  local name=$1 dir=$2 profile=$3
  shift 3
  # The modules share one target directory: cargo keeps each feature set's
  # build apart, but writes each to the same PROFILE/exposure_gate.wasm, so
  # each is copied out as soon as it is built.
  cargo build --profile "$profile" --target wasm32-unknown-unknown --lib --quiet "$@"
  local raw=target/$name.raw.wasm opt=target/$name.opt.wasm
  cp "target/wasm32-unknown-unknown/$profile/exposure_gate.wasm" "$raw"
  for target in web nodejs; do
    local out=$dir/${target/nodejs/node}
    rm -rf "$out" # nothing from an earlier build is left to ship
    mkdir -p "$out"
    wasm-bindgen --target "$target" --out-dir "$out" --out-name exposure_gate "$raw"
  done
  node scripts/inline-snippets.mjs "$dir/web/exposure_gate.js" "$dir/node/exposure_gate.js"
  # Both targets get the same module bytes: snapshot and optimise once, copy
  # twice, and skip both when wasm-bindgen's output, the snapshot script and
  # this script (the wasm-opt flags) have not changed since last time.
  local sum
  sum=$(cat "$dir/web/exposure_gate_bg.wasm" scripts/snapshot.mjs scripts/build.sh | sha256sum | cut -d' ' -f1)
  if [ ! -f "$opt" ] || [ "$(cat "$opt.src-sha256" 2>/dev/null || true)" != "$sum" ]; then
    # The compiled built-in policy is read only by the start function.
    node scripts/snapshot.mjs "$dir/web/exposure_gate_bg.wasm" "target/$name.snapshot.wasm" --forget policy/builtin.compiled
    npx --no-install wasm-opt --low-memory-unused -Oz -Oz --strip-producers "target/$name.snapshot.wasm" -o "$opt"
    echo "$sum" > "$opt.src-sha256"
  fi
  cp "$opt" "$dir/web/exposure_gate_bg.wasm"
  cp "$opt" "$dir/node/exposure_gate_bg.wasm"
  # The web folder holds ES modules inside a CommonJS package.
  printf '{ "type": "module" }\n' > "$dir/web/package.json"
  printf 'build: %s/ ready (%s bytes of wasm, %s gzipped)\n' "$dir" "$(wc -c < "$opt")" "$(gzip -9 -c "$opt" | wc -c)" >&2
}

package exposure_gate pkg release
package exposure_gate_gate pkg/gate release --no-default-features --features wasm-policy-documents
package exposure_gate_runtime pkg/runtime wasm-runtime --no-default-features
