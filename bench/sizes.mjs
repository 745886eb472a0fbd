// Sizes as a page would download them: each engine's .wasm and the JS that
// loads it or is it, raw and gzipped (level 9). For JS the files are those an
// ES-module bundler would pull in: the package's browser entry and every
// module it imports, followed through other packages (CASL's @ucast/*).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { WEB } from "./engines.mjs";

/** Raw and gzipped bytes of the concatenated files. */
function measure(files) {
  const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
  return { bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length, files: files.length };
}

/** `entry` and every module it imports, statically, transitively. */
function moduleGraph(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const [, spec] of source.matchAll(/(?:^|[;\s])(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\s*["']([^"']+)["']/gm)) {
      visit(spec.startsWith(".") ? join(dirname(file), spec) : fileURLToPath(import.meta.resolve(spec)));
    }
  };
  visit(entry);
  return [...seen];
}

const resolveFile = (spec) => fileURLToPath(import.meta.resolve(spec));

/** Sizes of every engine, keyed by its name. */
export function sizes() {
  const wasmEngines = Object.entries(WEB).map(([name, { glue, wasm }]) => [name, { wasm: measure([wasm]), js: measure(moduleGraph(glue)) }]);
  return {
    ...Object.fromEntries(wasmEngines),
    "@casl/ability": { wasm: null, js: measure(moduleGraph(resolveFile("@casl/ability"))) },
  };
}
