// Cold start: a fresh Node process loads an engine and makes it ready to
// answer (for exposure-gate: require the package, which compiles and
// instantiates the wasm, then Gate.builtin()). Each child measures from just
// before the first `require` to ready and prints the milliseconds; the figure
// is the median over the children. Process start-up itself is not counted.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { median } from "./measure.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The body each child runs, per engine, after `const t0 = performance.now();`. */
export const READY = {
  "exposure-gate": `const { Gate } = require("exposure-gate"); Gate.builtin().subject({ roles: ["security-reader"] }).can("view-metrics");`,
  "@casl/ability": `const { AbilityBuilder, createMongoAbility } = require("@casl/ability");
    const b = new AbilityBuilder(createMongoAbility); b.can(["view-metrics"], "ExposureManagement"); b.build().can("view-metrics", "ExposureManagement");`,
  "@cedar-policy/cedar-wasm": `const cedar = require("@cedar-policy/cedar-wasm/nodejs");
    const r = cedar.preparsePolicySet("p", { staticPolicies: 'permit(principal in Role::"r", action in [Action::"view-metrics"], resource);' });
    if (r.type !== "success") throw new Error("cedar");`,
};

/** Median milliseconds from first require to ready, over `children` fresh processes. */
export function coldStartMs(engine, { children }) {
  const script = `const t0 = performance.now(); ${READY[engine]} process.stdout.write(String(performance.now() - t0));`;
  const times = [];
  for (let i = 0; i < children; i++) times.push(Number(execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" })));
  return median(times);
}
