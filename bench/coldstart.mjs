// Cold start, in fresh Node processes; figures are medians over the children,
// and the start-up of Node itself is never counted. Two measurements:
//
// - `wasmStart`, the "cold start": instantiate the wasm and build the
//   gate. The child imports the engine's web glue first (untimed: that is JS
//   loading, the other measurement's business), then times reading, compiling
//   and instantiating the `.wasm` through the glue's `initSync` (its start
//   function included), and then `Gate.builtin()` (Cedar: preparsing a
//   one-line policy set). CASL has no wasm, so it has no such figure.
// - `firstAnswer`: everything a Node program waits for before its first
//   answer, timed from just before the first `require`: loading (for
//   exposure-gate: Node's module loader, the CommonJS glue, and the wasm read,
//   compiled and instantiated) and readying (Gate.builtin() and a first answer
//   through a resolved subject).
import { execFileSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";
import { median } from "./measure.mjs";
import { OURS, WEB } from "./engines.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

// What builds each engine's answerer, with the engine's module as `engine`.
const GATE_READY = `engine.Gate.builtin();`;
const CEDAR_READY = `const r = engine.preparsePolicySet("p", { staticPolicies: 'permit(principal in Role::"r", action in [Action::"view-metrics"], resource);' });
     if (r.type !== "success") throw new Error("cedar");`;
/** Ours: `require` the package, then `Gate.builtin()` and a first answer. */
const ours = (spec) => [`const engine = require("${spec}");`, `engine.Gate.builtin().subject({ roles: ["security-reader"] }).can("view-metrics");`];

/** Per engine: the code that loads it, and the code that makes it answer a first question. */
export const FIRST_ANSWER = {
  ...Object.fromEntries(OURS.map(({ name }) => [name, ours(name)])),
  "@casl/ability": [
    `const { AbilityBuilder, createMongoAbility } = require("@casl/ability");`,
    `const b = new AbilityBuilder(createMongoAbility); b.can(["view-metrics"], "ExposureManagement"); b.build().can("view-metrics", "ExposureManagement");`,
  ],
  "@cedar-policy/cedar-wasm": [`const engine = require("@cedar-policy/cedar-wasm/nodejs");`, CEDAR_READY],
};

/** Per wasm engine (those of `WEB`): the code that builds what answers. */
export const WASM_START = {
  ...Object.fromEntries(OURS.map(({ name }) => [name, GATE_READY])),
  "@cedar-policy/cedar-wasm": CEDAR_READY,
};

/**
 * `{ firstMs, secondMs, totalMs }`: medians over `children` fresh processes
 * (started with the V8 options `nodeFlags`) of an ES-module `script` that
 * ends with `t0`, `t1` and `t2` set around its two timed steps.
 */
function timeChildren(script, { children, nodeFlags = [] }) {
  // The clock stops before `process.stdout` is touched: its first use sets
  // up the stream, some 3 ms that belong to no engine.
  const source = `${script} process.stdout.write(JSON.stringify([t1 - t0, t2 - t1]));`;
  const runs = [];
  for (let i = 0; i < children; i++) {
    const out = execFileSync(process.execPath, [...nodeFlags, "--input-type=module", "-e", source], { cwd: root, encoding: "utf8" });
    runs.push(JSON.parse(out));
  }
  return { firstMs: median(runs.map((r) => r[0])), secondMs: median(runs.map((r) => r[1])), totalMs: median(runs.map((r) => r[0] + r[1])) };
}

/** `{ instantiateMs, buildMs, totalMs }`: the cold start of a wasm engine. */
export function wasmStart(engine, options) {
  const { glue, wasm } = WEB[engine];
  const { firstMs, secondMs, totalMs } = timeChildren(
    `import { readFileSync } from "node:fs"; const engine = await import(${JSON.stringify(pathToFileURL(glue).href)});
     const t0 = performance.now(); engine.initSync({ module: readFileSync(${JSON.stringify(wasm)}) });
     const t1 = performance.now(); ${WASM_START[engine]} const t2 = performance.now();`,
    options,
  );
  return { instantiateMs: firstMs, buildMs: secondMs, totalMs };
}

/** `{ loadMs, readyMs, totalMs }`: from the first `require` to the first answer. */
export function firstAnswer(engine, options) {
  const [load, ready] = FIRST_ANSWER[engine];
  const { firstMs, secondMs, totalMs } = timeChildren(
    `import { createRequire } from "node:module"; const require = createRequire(${JSON.stringify(join(root, "package.json"))});
     const t0 = performance.now(); ${load} const t1 = performance.now(); ${ready} const t2 = performance.now();`,
    options,
  );
  return { loadMs: firstMs, readyMs: secondMs, totalMs };
}

// `node bench/coldstart.mjs [children] [V8 options...]`: the two cold-start
// figures alone, for each of our packages, such as `node bench/coldstart.mjs
// 21 --liftoff-only` to see what V8's tiering costs (BENCHMARKS.md, "Cold
// start in Node").
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [count = "21", ...nodeFlags] = process.argv.slice(2);
  const options = { children: Number(count), nodeFlags };
  const ms = (x) => `${x.toFixed(2)} ms`;
  console.log(`${count} fresh processes each${nodeFlags.length ? ", with " + nodeFlags.join(" ") : ""} (medians):`);
  for (const { name: engine } of OURS) {
    const w = wasmStart(engine, options);
    const f = firstAnswer(engine, options);
    console.log(`${engine}: cold start (instantiate the wasm, Gate.builtin()) ${ms(w.totalMs)} = ${ms(w.instantiateMs)} + ${ms(w.buildMs)}; ` +
      `first answer (require to can()) ${ms(f.totalMs)} = load ${ms(f.loadMs)} + ready ${ms(f.readyMs)}`);
  }
}
