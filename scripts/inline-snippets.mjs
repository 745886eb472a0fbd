// wasm-bindgen's glue loads the crate's JS snippets (src/wasm/*.js) as
// separate modules: the web glue imports them, the nodejs glue require()s
// them. In a browser that is a second round of requests, found only once the
// glue has been fetched and parsed (20 to 60 ms of a cold page load on the
// demo, BENCHMARKS.md), and Node before 20.19 cannot require an ES module at
// all. So each glue file named on the command line gets its snippets written
// into it, each once, in its own function scope, where the glue first names it:
//
//   const snippet0 = (() => { "use strict"; ...; return { packDevices, setBlocked }; })();
//   const { packDevices, setBlocked } = snippet0;
//
// The glue names a snippet in two ways: by the names it imports (for the
// imports that need glue code) and as a whole module (`import * as import1`,
// `const import1 = require(...)`) for those the wasm module imports directly
// (a function taking and returning what wasm passes as it is, such as
// `isPlain`). Both are bound to the one copy, so a class such as `Fault` is
// the same class for both.
//
// A snippet may only declare `export class X` / `export function X`, and the
// glue must import only those names; anything else stops the build rather
// than ship a glue that fails to load. The snippets/ folder is then removed.
import { readFileSync, writeFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

// Each: the glue's line, with the bound names (`{ a, b }` or a namespace) and the snippet's path.
const FORMS = [
  /^import (\{ [\w, ]+ \}|\* as \w+) from ['"](\.\/snippets\/[^'"]+)['"];?$/gm,
  /^const (\{ [\w, ]+ \}|\w+) = require\((?:String\.raw`|")(\.\/snippets\/[^`"]+)(?:`|")\);$/gm,
];

/** The snippet at `path` as an expression giving an object of its exports. */
function inlined(path) {
  const exported = [];
  const body = readFileSync(path, "utf8").replace(/^export (class|function) (\w+)/gm, (_, kind, name) => {
    exported.push(name);
    return `${kind} ${name}`;
  });
  if (/^\s*(import|export)\b/m.test(body)) throw new Error(`${path}: only top-level 'export class' and 'export function' can be inlined`);
  return { exported, code: `(() => {\n"use strict";\n${body}\nreturn { ${exported.join(", ")} };\n})()` };
}

for (const glue of process.argv.slice(2)) {
  const dir = dirname(glue);
  const snippets = new Map(); // path -> { name of its one copy, the names it exports }
  const rewrite = (_, binding, path) => {
    const names = binding.startsWith("{") ? binding.slice(1, -1).split(",").map((n) => n.trim()) : [];
    const namespace = binding.replace(/^\* as /, "");
    let declared = "";
    if (!snippets.has(path)) {
      const { exported, code } = inlined(join(dir, path));
      snippets.set(path, { name: `snippet${snippets.size}`, exported });
      declared = `const ${snippets.get(path).name} = ${code};\n`;
    }
    const { name, exported } = snippets.get(path);
    const missing = names.filter((n) => !exported.includes(n));
    if (missing.length) throw new Error(`${path}: the glue imports ${missing.join(", ")}, which it does not export`);
    return `${declared}const ${names.length ? `{ ${names.join(", ")} }` : namespace} = ${name};`;
  };
  const before = readFileSync(glue, "utf8");
  const text = FORMS.reduce((text, form) => text.replace(form, rewrite), before);
  // What is left may name a snippet only as the wasm module's import namespace, a key of the imports object.
  if (/snippets\//.test(text.replace(/^ *"\.\/snippets\/[^"]+": import\d+,$/gm, ""))) {
    throw new Error(`${glue}: a snippet reference is left that this script does not know how to inline`);
  }
  writeFileSync(glue, text);
  rmSync(join(dir, "snippets"), { recursive: true, force: true });
  console.error(`inline-snippets: ${glue}: ${snippets.size} snippets inlined`);
}
