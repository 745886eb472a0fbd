#!/usr/bin/env bash
# Runs every fuzz target (or those named) for SECONDS each (default 600),
# with libFuzzer on the stable toolchain (RUSTC_BOOTSTRAP lets cargo-fuzz use
# the sanitizer flags). New inputs go to fuzz/target/corpus/<target>; the
# committed seed corpus in fuzz/corpus/<target> is read, never written.
# Crashes land in fuzz/artifacts/<target>: turn each into a regression test.
#   cargo install cargo-fuzz && bash fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(RUSTC_BOOTSTRAP=1 cargo fuzz list)
for t in "${targets[@]}"; do
  mkdir -p "fuzz/target/corpus/$t"
  echo "== $t for ${seconds}s"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$t" "fuzz/target/corpus/$t" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -print_final_stats=1 2>&1 | grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==|SUMMARY|Done)|panicked at|Test unit written' || true
done
