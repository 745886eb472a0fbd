// Our packages, and where each wasm engine's browser build is: its web glue
// and its `.wasm`. The sizes (bench/sizes.mjs), the cold starts
// (bench/coldstart.mjs) and the figures' names (bench/compare.mjs) all read
// these. CASL is plain JS and has no wasm.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const ours = (dir) => ({ glue: join(root, dir, "exposure_gate.js"), wasm: join(root, dir, "exposure_gate_bg.wasm") });
const cedar = dirname(fileURLToPath(import.meta.resolve("@cedar-policy/cedar-wasm/web")));

/**
 * exposure-gate's three packages: the npm name, the prefix of its figures'
 * JSON keys (the full package's are bare), the label of its rows in the
 * table, and its browser build's folder.
 */
export const OURS = [
  { name: "exposure-gate", key: "", label: "", dir: "pkg/web" },
  { name: "exposure-gate/gate", key: "gate", label: "gate-only", dir: "pkg/gate/web" },
  { name: "exposure-gate/runtime", key: "runtime", label: "runtime", dir: "pkg/runtime/web" },
];

/** Per wasm engine, by package name: `{ glue, wasm }` file paths. */
export const WEB = {
  ...Object.fromEntries(OURS.map(({ name, dir }) => [name, ours(dir)])),
  "@cedar-policy/cedar-wasm": { glue: join(cedar, "cedar_wasm.js"), wasm: join(cedar, "cedar_wasm_bg.wasm") },
};
