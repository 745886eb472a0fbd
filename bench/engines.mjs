// Where each wasm engine's browser build is: its web glue and its `.wasm`.
// The sizes (bench/sizes.mjs) and the cold starts (bench/coldstart.mjs)
// read the same files. CASL is plain JS and has none.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const ours = (dir) => ({ glue: join(root, dir, "exposure_gate.js"), wasm: join(root, dir, "exposure_gate_bg.wasm") });
const cedar = dirname(fileURLToPath(import.meta.resolve("@cedar-policy/cedar-wasm/web")));

/** Per wasm engine, by package name: `{ glue, wasm }` file paths. */
export const WEB = {
  "exposure-gate": ours("pkg/web"),
  "exposure-gate/gate": ours("pkg/gate/web"),
  "exposure-gate/runtime": ours("pkg/runtime/web"),
  "@cedar-policy/cedar-wasm": { glue: join(cedar, "cedar_wasm.js"), wasm: join(cedar, "cedar_wasm_bg.wasm") },
};
