// wasm-bindgen's glue loads the crate's JS snippets (src/wasm/*.js) as
// separate modules: the web glue imports them, the nodejs glue require()s
// them. In a browser that is a second round of requests, found only once the
// glue has been fetched and parsed (20 to 60 ms of a cold page load on the
// demo, BENCHMARKS.md), and Node before 20.19 cannot require an ES module at
// all. So each glue file named on the command line gets its snippets written
// into it, each in its own function scope:
//
//   const { packDevices, setBlocked } = (() => { "use strict"; ...; return { packDevices, setBlocked }; })();
//
// A snippet may only declare `export class X` / `export function X`, and the
// glue must import exactly those names; anything else stops the build rather
// than ship a glue that fails to load. The snippets/ folder is then removed.
import { readFileSync, writeFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

const IMPORT = /^import \{ ([\w, ]+) \} from '(\.\/snippets\/[^']+)';$/gm;
const REQUIRE = /^const \{ ([\w, ]+) \} = require\(String\.raw`(\.\/snippets\/[^`]+)`\);$/gm;

/** The snippet at `path` as an expression giving an object of its exports, checked against `wanted`. */
function inlined(path, wanted) {
  const exported = [];
  const body = readFileSync(path, "utf8").replace(/^export (class|function) (\w+)/gm, (_, kind, name) => {
    exported.push(name);
    return `${kind} ${name}`;
  });
  if (/^\s*(import|export)\b/m.test(body)) throw new Error(`${path}: only top-level 'export class' and 'export function' can be inlined`);
  const missing = wanted.filter((name) => !exported.includes(name));
  if (missing.length) throw new Error(`${path}: the glue imports ${missing.join(", ")}, which it does not export`);
  return `(() => {\n"use strict";\n${body}\nreturn { ${wanted.join(", ")} };\n})()`;
}

for (const glue of process.argv.slice(2)) {
  const dir = dirname(glue);
  const rewrite = (_, names, path) => {
    const wanted = names.split(",").map((n) => n.trim());
    return `const { ${wanted.join(", ")} } = ${inlined(join(dir, path), wanted)};`;
  };
  const before = readFileSync(glue, "utf8");
  const text = before.replace(IMPORT, rewrite).replace(REQUIRE, rewrite);
  if (/snippets\//.test(text)) throw new Error(`${glue}: a snippet reference is left that this script does not know how to inline`);
  writeFileSync(glue, text);
  rmSync(join(dir, "snippets"), { recursive: true, force: true });
  const count = (before.match(IMPORT) ?? []).length + (before.match(REQUIRE) ?? []).length;
  console.error(`inline-snippets: ${glue}: ${count} snippets inlined`);
}
