// `npm pack` makes a tarball that another project installs and uses by name,
// from CommonJS and from an ES module; its types type-check there too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const sh = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

test("the packed tarball installs into a fresh project and works from require and import", () => {
  const dir = mkdtempSync(join(tmpdir(), "exposure-gate-consumer-"));
  try {
    const tarball = sh("npm", ["pack", "--silent", "--pack-destination", dir], root).trim().split("\n").pop();
    const listed = readdirSync(dir);
    assert.ok(listed.includes(tarball), `${tarball} in ${listed}`);
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    sh("npm", ["install", "--no-audit", "--no-fund", "--offline", join(dir, tarball)], dir);
    writeFileSync(join(dir, "cjs.cjs"), `
      const { Gate } = require("exposure-gate");
      const d = Gate.builtin().check({ roles: ["security-admin"] }, "manage-recommendations");
      if (!d.allowed) throw new Error("expected allowed");
      try { Gate.builtin().whoCan("nope"); } catch (e) { console.log(e.code); }`);
    assert.equal(sh("node", ["cjs.cjs"], dir).trim(), "unknown-action");
    writeFileSync(join(dir, "esm.mjs"), `
      import { Gate } from "exposure-gate";
      console.log(Gate.builtin().leastPrivilegedRoles("manage-recommendations").join());`);
    assert.equal(sh("node", ["esm.mjs"], dir).trim(), "security-admin");
    writeFileSync(join(dir, "web.mjs"), `
      import { readFileSync } from "node:fs";
      import { createRequire } from "node:module";
      import init, { Gate } from "exposure-gate/web";
      const wasm = readFileSync(createRequire(import.meta.url).resolve("exposure-gate/web").replace(/\\.js$/, "_bg.wasm"));
      await init({ module_or_path: wasm });
      console.log(Gate.builtin().whoCan("grant-permissions").join());`);
    assert.equal(sh("node", ["web.mjs"], dir).trim(), "global-admin");
    // The gate-only entry ships in the tarball too, for Node and for browsers.
    writeFileSync(join(dir, "gate.mjs"), `
      import { readFileSync } from "node:fs";
      import { createRequire } from "node:module";
      import { Gate } from "exposure-gate/gate";
      import init, { Gate as WebGate } from "exposure-gate/gate/web";
      const wasm = readFileSync(createRequire(import.meta.url).resolve("exposure-gate/gate/web").replace(/\\.js$/, "_bg.wasm"));
      await init({ module_or_path: wasm });
      console.log(Gate.builtin().whoCan("create-workspace").join(), typeof Gate.builtin().device, WebGate.builtin().matrix().roles.length);`);
    assert.equal(sh("node", ["gate.mjs"], dir).trim(), "global-admin,security-admin undefined 5");
    // So does the runtime entry, with the built-in policy's compiled file.
    writeFileSync(join(dir, "runtime.mjs"), `
      import { readFileSync } from "node:fs";
      import { createRequire } from "node:module";
      import { Gate } from "exposure-gate/runtime";
      import init, { Gate as WebGate } from "exposure-gate/runtime/web";
      const require = createRequire(import.meta.url);
      await init({ module_or_path: readFileSync(require.resolve("exposure-gate/runtime/web").replace(/\\.js$/, "_bg.wasm")) });
      const compiled = readFileSync(require.resolve("exposure-gate/policy/builtin.compiled"));
      console.log(Gate.fromCompiled(compiled).whoCan("grant-permissions").join(), typeof Gate.fromPolicy, WebGate.builtin().matrix().roles.length);`);
    assert.equal(sh("node", ["runtime.mjs"], dir).trim(), "global-admin undefined 5");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
