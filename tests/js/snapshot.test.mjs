// The packaged module ships with the built-in gate already built
// (scripts/snapshot.mjs runs its start function at build time), and that
// stored gate is the one the policy file compiles to at run time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Gate } from "exposure-gate";
import { startFindsItsWorkDone } from "../../scripts/snapshot.mjs";

const policyText = readFileSync(new URL("../../policy/builtin.json", import.meta.url), "utf8");

test("every packaged module starts with the built-in gate built: its start function changes nothing", () => {
  for (const target of ["node", "web", "gate/node", "gate/web"]) {
    const wasm = readFileSync(new URL(`../../pkg/${target}/exposure_gate_bg.wasm`, import.meta.url));
    assert.equal(startFindsItsWorkDone(wasm), true, target);
  }
});

test("the stored built-in gate answers exactly as the policy file compiled now", () => {
  const stored = Gate.builtin();
  const fresh = Gate.fromPolicy(policyText);
  for (const call of ["policy", "roles", "actions", "matrix", "lint"]) {
    assert.deepEqual(stored[call](), fresh[call](), call);
  }
  const roles = fresh.roles().map((r) => r.id);
  const tvmRoles = fresh.policy().tvmRoles.map((r) => r.id);
  const subjects = [
    {},
    { roles: [] },
    ...roles.map((role) => ({ roles: [role] })),
    ...roles.map((role) => ({ roles: [role], deviceGroups: ["Finance"] })),
    ...tvmRoles.map((tvm) => ({ roles: ["security-reader"], tvmRoles: [tvm] })),
  ];
  for (const subject of subjects) {
    assert.deepEqual(stored.checkAll(subject), fresh.checkAll(subject), JSON.stringify(subject));
  }
  for (const { id } of fresh.actions()) {
    assert.deepEqual(stored.whoCan(id), fresh.whoCan(id), id);
    assert.deepEqual(stored.leastPrivilegedRoles(id), fresh.leastPrivilegedRoles(id), id);
  }
});
