// The packaged module ships with the built-in gate already built
// (scripts/snapshot.mjs runs its start function at build time), and that
// stored gate is the one the policy file compiles to at run time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Gate } from "exposure-gate";
import { startFindsItsWorkDone } from "../../scripts/snapshot.mjs";
import { assertSameGate } from "./same-gate.mjs";

const policyText = readFileSync(new URL("../../policy/builtin.json", import.meta.url), "utf8");

test("every packaged module starts with the built-in gate built: its start function changes nothing", () => {
  for (const target of ["node", "web", "gate/node", "gate/web", "runtime/node", "runtime/web"]) {
    const wasm = readFileSync(new URL(`../../pkg/${target}/exposure_gate_bg.wasm`, import.meta.url));
    assert.equal(startFindsItsWorkDone(wasm), true, target);
  }
});

test("the stored built-in gate answers exactly as the policy file compiled now", () => {
  assertSameGate(Gate.builtin(), Gate.fromPolicy(policyText), "stored");
});
