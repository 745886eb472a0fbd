// Cold start: a fresh Node process loads an engine and makes it ready to
// answer. Each child times two steps from just before the first `require`:
// loading (for exposure-gate: the glue, and the wasm read, compiled and
// instantiated) and readying (Gate.builtin() and a first answer through a
// resolved subject). Figures are medians over the children; the start-up of
// Node itself is not counted.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { median } from "./measure.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Per engine: the code that loads it, and the code that makes it answer a first question. */
export const STEPS = {
  "exposure-gate": [
    `const { Gate } = require("exposure-gate");`,
    `Gate.builtin().subject({ roles: ["security-reader"] }).can("view-metrics");`,
  ],
  "@casl/ability": [
    `const { AbilityBuilder, createMongoAbility } = require("@casl/ability");`,
    `const b = new AbilityBuilder(createMongoAbility); b.can(["view-metrics"], "ExposureManagement"); b.build().can("view-metrics", "ExposureManagement");`,
  ],
  "@cedar-policy/cedar-wasm": [
    `const cedar = require("@cedar-policy/cedar-wasm/nodejs");`,
    `const r = cedar.preparsePolicySet("p", { staticPolicies: 'permit(principal in Role::"r", action in [Action::"view-metrics"], resource);' });
     if (r.type !== "success") throw new Error("cedar");`,
  ],
};

/**
 * `{ loadMs, readyMs, totalMs }`, medians over `children` fresh processes,
 * each started with the V8 options `nodeFlags`.
 */
export function coldStart(engine, { children, nodeFlags = [] }) {
  const [load, ready] = STEPS[engine];
  // The clock stops before `process.stdout` is touched: its first use sets
  // up the stream, some 3 ms that belong to no engine.
  const script = `const t0 = performance.now(); ${load} const t1 = performance.now(); ${ready}
    const t2 = performance.now(); process.stdout.write(JSON.stringify([t1 - t0, t2 - t1]));`;
  const runs = [];
  for (let i = 0; i < children; i++) {
    runs.push(JSON.parse(execFileSync(process.execPath, [...nodeFlags, "-e", script], { cwd: root, encoding: "utf8" })));
  }
  return { loadMs: median(runs.map((r) => r[0])), readyMs: median(runs.map((r) => r[1])), totalMs: median(runs.map((r) => r[0] + r[1])) };
}

// `node bench/coldstart.mjs [children] [V8 options...]`: exposure-gate's cold
// start alone, such as `node bench/coldstart.mjs 21 --liftoff-only` to see
// what V8's tiering costs (BENCHMARKS.md, "Cold start in Node").
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [children = "21", ...nodeFlags] = process.argv.slice(2);
  const r = coldStart("exposure-gate", { children: Number(children), nodeFlags });
  const ms = (x) => `${x.toFixed(2)} ms`;
  console.log(`exposure-gate, ${children} fresh processes${nodeFlags.length ? " with " + nodeFlags.join(" ") : ""}: ` +
    `load ${ms(r.loadMs)}, ready ${ms(r.readyMs)}, total ${ms(r.totalMs)} (medians)`);
}
