// `exposure-gate/gate`, the module without the prerequisite calls: built from
// the same core with one Cargo feature off (scripts/build.sh), so it must
// answer every gate call exactly as the full package does, fail the same way
// on bad input, and have no prerequisite call at all (not one that throws).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import * as full from "exposure-gate";
import * as gateOnly from "exposure-gate/gate";
import { assertSameFailures, assertSameGate } from "./same-gate.mjs";

const policyText = readFileSync(new URL("../../policy/builtin.json", import.meta.url), "utf8");
const PREREQUISITE_CALLS = ["licensing", "workspace", "device", "fleet", "browser"];

test("the gate-only entry has every gate call and none of the prerequisite calls", () => {
  const gate = gateOnly.Gate.builtin();
  for (const call of PREREQUISITE_CALLS) {
    assert.equal(typeof full.Gate.builtin()[call], "function", `the full package has ${call}`);
    assert.equal(call in gate, false, `the gate-only package has no ${call}`);
  }
  const own = (cls) => Object.getOwnPropertyNames(cls.prototype).sort();
  assert.deepEqual(own(gateOnly.Gate), own(full.Gate).filter((name) => !PREREQUISITE_CALLS.includes(name)));
});

test("the gate-only entry answers every gate call as the full package, for the built-in and a loaded policy", () => {
  for (const [make, label] of [[(m) => m.Gate.builtin(), "builtin"], [(m) => m.Gate.fromPolicy(policyText), "fromPolicy"]]) {
    assertSameGate(make(gateOnly), make(full), label);
  }
});

test("the gate-only entry fails exactly as the full package on bad input", () => {
  const broken = JSON.parse(policyText);
  broken.grants[3].role = "security-operater";
  const noWorkspaceRole = { ...JSON.parse(policyText), prerequisites: { workspaceRoles: ["tenant-owner"] } };
  const cases = [
    (m) => m.Gate.fromPolicy("{"),
    (m) => m.Gate.fromPolicy(broken),
    // The prerequisite tables are read and checked at load in both, so a
    // policy loads in one exactly when it loads in the other.
    (m) => m.Gate.fromPolicy(noWorkspaceRole),
    (m) => m.Gate.builtin().check({ roles: ["security-raeder"] }, "view-metrics"),
    (m) => m.Gate.builtin().check({ roles: ["security-reader"] }, "view-metric"),
    (m) => m.Gate.builtin().check({ roles: "security-reader" }, "view-metrics"),
    (m) => m.Gate.builtin().checkAll(null),
    (m) => m.Gate.builtin().subject({ roles: ["security-reader"] }).can("nope"),
    (m) => m.Gate.builtin().whoCan(42),
  ];
  assertSameFailures(gateOnly, full, cases);
});

test("the gate-only module is the smaller download", () => {
  const bytes = (dir) => statSync(new URL(`../../pkg/${dir}/exposure_gate_bg.wasm`, import.meta.url)).size;
  assert.ok(bytes("gate/web") < bytes("web"), `${bytes("gate/web")} < ${bytes("web")}`);
});
