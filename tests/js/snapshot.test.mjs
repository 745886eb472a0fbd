// The packaged module ships with the built-in gate already built
// (scripts/snapshot.mjs runs its start function at build time), and that
// stored gate is the one the policy file compiles to at run time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Gate } from "exposure-gate";
import { snapshot, startFindsItsWorkDone } from "../../scripts/snapshot.mjs";
import { assertSameGate } from "./same-gate.mjs";

const policyText = readFileSync(new URL("../../policy/builtin.json", import.meta.url), "utf8");
const compiled = readFileSync(new URL("../../policy/builtin.compiled", import.meta.url));
const packaged = (target) => readFileSync(new URL(`../../pkg/${target}/exposure_gate_bg.wasm`, import.meta.url));

test("every packaged module starts with the built-in gate built: its start function changes nothing", () => {
  for (const target of ["node", "web", "gate/node", "gate/web", "runtime/node", "runtime/web"]) {
    const wasm = packaged(target);
    assert.equal(startFindsItsWorkDone(wasm), true, target);
    // Only the start function reads the compiled built-in policy, so the
    // stored memory holds zeros where it was (--forget).
    assert.equal(wasm.indexOf(compiled.subarray(0, 64)), -1, `${target} holds no copy of policy/builtin.compiled`);
  }
});

test("the snapshot refuses to forget data that is not in memory exactly once", () => {
  // A packaged module no longer holds the compiled policy at all.
  assert.throws(() => snapshot(packaged("runtime/web"), { forget: [compiled] }), /is not in memory exactly once/);
  assert.throws(() => snapshot(packaged("runtime/web"), { forget: [Buffer.alloc(0)] }), /is not in memory exactly once/);
});

test("the stored built-in gate answers exactly as the policy file compiled now", () => {
  assertSameGate(Gate.builtin(), Gate.fromPolicy(policyText), "stored");
});
