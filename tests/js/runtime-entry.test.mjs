// `exposure-gate/runtime`, the module that loads compiled policies only:
// built from the same core with the prerequisite calls and the policy
// documents left out (scripts/build.sh), so it must answer every gate call
// exactly as the full package does, load what the full package compiles,
// fail the same way on bad input, and have no call it leaves out (not one
// that throws).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import * as full from "exposure-gate";
import * as runtime from "exposure-gate/runtime";
import { assertSameFailures, assertSameGate, outcome } from "./same-gate.mjs";

const policyText = readFileSync(new URL("../../policy/builtin.json", import.meta.url), "utf8");
const builtinCompiled = readFileSync(new URL("../../policy/builtin.compiled", import.meta.url));
const LEFT_OUT = ["licensing", "workspace", "device", "fleet", "browser", "policy", "lint", "toCompiled"];

test("the runtime entry has every gate call and fromCompiled, and no policy reader or prerequisite call", () => {
  const gate = runtime.Gate.builtin();
  for (const call of LEFT_OUT) {
    assert.equal(typeof full.Gate.builtin()[call], "function", `the full package has ${call}`);
    assert.equal(call in gate, false, `the runtime package has no ${call}`);
  }
  assert.equal("fromPolicy" in runtime.Gate, false);
  assert.equal(typeof runtime.Gate.fromCompiled, "function");
  const own = (cls) => Object.getOwnPropertyNames(cls.prototype).sort();
  assert.deepEqual(own(runtime.Gate), own(full.Gate).filter((name) => !LEFT_OUT.includes(name)));
});

test("the runtime entry answers as the full package, for the built-in policy and for one the full package compiled", () => {
  assertSameGate(runtime.Gate.builtin(), full.Gate.builtin(), "builtin", { documents: false });
  const custom = JSON.parse(policyText);
  custom.name = "custom";
  custom.grants.find((g) => g.role === "security-reader").actions.push("manage-recommendations");
  const compiled = full.Gate.fromPolicy(custom).toCompiled();
  assert.ok(compiled instanceof Uint8Array);
  assertSameGate(runtime.Gate.fromCompiled(compiled), full.Gate.fromPolicy(custom), "compiled", { documents: false });
  // An ArrayBuffer (what fetch's arrayBuffer() gives) loads as well.
  const buffer = compiled.buffer.slice(compiled.byteOffset, compiled.byteOffset + compiled.byteLength);
  assert.deepEqual(runtime.Gate.fromCompiled(buffer).whoCan("manage-recommendations"), ["global-admin", "security-admin", "security-reader"]);
});

test("the built-in policy's compiled file is what the full package compiles from builtin.json", () => {
  assert.deepEqual(Buffer.from(full.Gate.fromPolicy(policyText).toCompiled()), builtinCompiled);
  assert.deepEqual(Buffer.from(full.Gate.builtin().toCompiled()), builtinCompiled);
  assert.deepEqual(runtime.Gate.fromCompiled(builtinCompiled).matrix(), full.Gate.builtin().matrix());
});

test("the runtime entry fails exactly as the full package on bad input", () => {
  const damaged = Uint8Array.from(builtinCompiled);
  damaged[4] = 2;
  const cases = [
    (m) => m.Gate.fromCompiled(builtinCompiled.subarray(0, 100)),
    (m) => m.Gate.fromCompiled(damaged),
    (m) => m.Gate.fromCompiled(new Uint8Array(0)),
    (m) => m.Gate.fromCompiled(policyText),
    (m) => m.Gate.fromCompiled(JSON.parse(policyText)),
    (m) => m.Gate.fromCompiled([69, 71, 80, 67, 1]),
    (m) => m.Gate.fromCompiled(null),
    (m) => m.Gate.builtin().check({ roles: ["security-raeder"] }, "view-metrics"),
    (m) => m.Gate.builtin().check({ roles: ["security-reader"] }, "view-metric"),
    (m) => m.Gate.builtin().checkAll(null),
    (m) => m.Gate.builtin().subject({ roles: ["security-reader"] }).can("nope"),
    (m) => m.Gate.builtin().whoCan(42),
  ];
  assertSameFailures(runtime, full, cases);
  assert.equal(outcome(() => runtime.Gate.fromCompiled(policyText)).error.code, "invalid-policy");
  assert.match(outcome(() => runtime.Gate.fromCompiled(policyText)).error.message, /must be a Uint8Array or an ArrayBuffer, not a string/);
  assert.match(outcome(() => runtime.Gate.fromCompiled(damaged)).error.message, /format 2 is not read by this library/);
});

test("a policy with its own prerequisite tables has no compiled form", () => {
  const own = { ...JSON.parse(policyText), prerequisites: { workspaceRoles: ["global-admin"] } };
  const { error } = outcome(() => full.Gate.fromPolicy(own).toCompiled());
  assert.equal(error.code, "invalid-policy");
  assert.equal(error.pointer, "/prerequisites");
});

test("the runtime module is the smallest download, and at most 50 KB gzipped", () => {
  const bytes = (dir) => statSync(new URL(`../../pkg/${dir}/exposure_gate_bg.wasm`, import.meta.url)).size;
  assert.ok(bytes("runtime/web") < bytes("gate/web"), `${bytes("runtime/web")} < ${bytes("gate/web")}`);
  // The size goal of BENCHMARKS.md, measured as bench/sizes.mjs measures it (zlib level 9): a size, not a time,
  // so the same on every machine. A change that crosses it must say so there, not pass unnoticed.
  const wasm = readFileSync(new URL("../../pkg/runtime/web/exposure_gate_bg.wasm", import.meta.url));
  const gzipped = gzipSync(wasm, { level: 9 }).length;
  assert.ok(gzipped <= 50_000, `the runtime module is ${gzipped} bytes gzipped, over the 50,000 of the goal`);
});
