// Timing: the median time of one operation over many, after a warm-up.
//
// `body()` performs `ops` operations and returns a number that is summed into
// a sink, so the engine cannot drop the work. Each sample runs `body` often
// enough to last about `sampleMs` (calibrated once after the warm-up); the
// figure is the median over the samples, in nanoseconds per operation. In
// smoke mode every measurement is one call: it only shows that the code runs.
import { performance } from "node:perf_hooks";

export let sink = 0;

/** The median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Nanoseconds per operation.
 * @param {() => number} body performs `ops` operations
 * @param {{ ops?: number, smoke?: boolean, samples?: number, sampleMs?: number, warmupMs?: number }} options
 */
export function nsPerOp(body, { ops = 1, smoke = false, samples = 15, sampleMs = 20, warmupMs = 150 } = {}) {
  if (smoke) {
    const t0 = performance.now();
    sink += body();
    return ((performance.now() - t0) * 1e6) / ops;
  }
  let calls = 0;
  const warmEnd = performance.now() + warmupMs;
  while (performance.now() < warmEnd) {
    sink += body();
    calls++;
  }
  const perSample = Math.max(1, Math.round((calls * sampleMs) / warmupMs));
  const results = [];
  for (let s = 0; s < samples; s++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < perSample; i++) sink += body();
    results.push(Number(process.hrtime.bigint() - t0) / (perSample * ops));
  }
  return median(results);
}

/** Milliseconds per run of a long operation (`runs` samples after one warm-up run). */
export function msPerRun(body, { smoke = false, runs = 7 } = {}) {
  if (!smoke) sink += body();
  const results = [];
  for (let r = 0; r < (smoke ? 1 : runs); r++) {
    const t0 = performance.now();
    sink += body();
    results.push(performance.now() - t0);
  }
  return median(results);
}
