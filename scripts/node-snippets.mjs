// wasm-bindgen's nodejs glue require()s the crate's JS snippets (src/wasm/*.js),
// which are ES modules because the web glue imports them; Node before 20.19
// cannot require an ES module. This rewrites each snippet under the given
// directory into CommonJS: `export class X` / `export function X` become plain
// declarations plus `module.exports`. Any other import or export stops the build
// rather than ship a snippet that fails to load.
import { readFileSync, writeFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".js") ? [join(dir, e.name)] : [],
  );

for (const file of files(process.argv[2])) {
  const names = [];
  const body = readFileSync(file, "utf8").replace(/^export (class|function) (\w+)/gm, (_, kind, name) => {
    names.push(name);
    return `${kind} ${name}`;
  });
  if (/^\s*(import|export)\b/m.test(body)) throw new Error(`${file}: only top-level 'export class' and 'export function' can be made CommonJS`);
  writeFileSync(file, `"use strict";\n${body}\nmodule.exports = { ${names.join(", ")} };\n`);
}
