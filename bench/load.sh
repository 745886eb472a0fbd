#!/usr/bin/env bash
# Load test of POST /api/check: builds the server (cargo profile `server`:
# release at opt-level 3, see Cargo.toml), starts it on
# 127.0.0.1 (a port the OS picks) with a temporary database, and runs wrk
# twice against it: one action per request, then a list of 18 actions.
# Prints requests/s, latency p50/p90/p99 and the error count (non-2xx plus
# socket errors) of each run, then stops the server.
#
#   bash bench/load.sh                 # 60 s per run, wrk -t2 -c64
#   DURATION=2 bash bench/load.sh      # a smoke run
#   PROFILE=dev DURATION=2 bash ...    # the debug build (no release build: scripts/test.sh)
#
# Needs wrk (Debian package): bash scripts/setup.sh --load
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${DURATION:-60}
threads=${THREADS:-2}
connections=${CONNECTIONS:-64}
profile=${PROFILE:-server}

command -v wrk >/dev/null || { echo "load: wrk is not installed; run: bash scripts/setup.sh --load" >&2; exit 1; }

cargo build --quiet --profile "$profile" --features server --bin exposure-gate
bin=target/$([ "$profile" = dev ] && echo debug || echo "$profile")/exposure-gate

tmp=$(mktemp -d)
"$bin" serve --addr 127.0.0.1:0 --db "$tmp/state.db" >"$tmp/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$tmp"' EXIT

base=""
for _ in $(seq 1 300); do
  base=$(sed -n 's|.*listening on \(http://[^/ ]*\)/.*|\1|p' "$tmp/server.log")
  [ -n "$base" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$tmp/server.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { echo "load: the server did not start" >&2; cat "$tmp/server.log" >&2; exit 1; }

errors=0
printf 'load average before: %s (%s build)\n' "$(cut -d' ' -f1-3 /proc/loadavg)" "$profile"
for actions in 1 18; do
  export CHECK_BODY=bench/check-$actions.json
  # One answer checked by hand first: a 200 with a decision, not an error that wrk would count as fast.
  answer=$(curl -s -w '\n%{http_code}' -H 'content-type: application/json' --data @"$CHECK_BODY" "$base/api/check")
  [ "${answer##*$'\n'}" = 200 ] || { echo "load: the check body is refused: $answer" >&2; exit 1; }

  printf '\n== POST /api/check, %s action(s) per request: wrk -t%s -c%s -d%ss --latency -s bench/check.lua %s/api/check\n' \
    "$actions" "$threads" "$connections" "$duration" "$base"
  out=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s bench/check.lua "$base/api/check")
  printf '%s\n' "$out" | grep -E '^(requests/s|latency p50|errors)'
  n=$(printf '%s\n' "$out" | sed -n 's/^errors \([0-9]*\).*/\1/p')
  errors=$((errors + ${n:-1}))
done
printf '\nload average after: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
[ "$errors" -eq 0 ] || { echo "load: $errors errors" >&2; exit 1; }
