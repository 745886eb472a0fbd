// The built package, loaded by its name exactly as a user would (both
// `require` and `import`), answering seed cells and throwing typed errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { Gate } from "exposure-gate";

const require = createRequire(import.meta.url);

const ROLES = ["global-admin", "global-reader", "security-admin", "security-operator", "security-reader"];
// 000_66f15e5ee2fbf16e.txt, the permission table, in its row order.
const TABLE = {
  "grant-permissions": "Y----", "onboard-easm": "YYYYY", "favorite-initiative": "YYYYY",
  "set-initiative-target-score": "Y----", "view-initiatives": "YYYYY", "share-metric": "YYYYY",
  "edit-metric-weight": "Y----", "export-metric-pdf": "YYYYY", "view-metrics": "YYYYY",
  "export-assets": "YYYYY", "manage-recommendations": "Y-Y--", "view-recommendations": "YYYYY",
  "export-events": "YYYYY", "change-criticality-level": "YYYYY", "set-critical-asset-rule": "Y----",
  "create-criticality-rule": "Y-Y--", "toggle-criticality-rule": "Y-YY-", "query-exposure-graph": "YYYYY",
};

const gate = Gate.builtin();

test("require and import give the same class", () => {
  assert.equal(require("exposure-gate").Gate, Gate);
});

test("every cell of the seed table, through check and through a resolved subject", () => {
  let cells = 0;
  for (const [action, row] of Object.entries(TABLE)) {
    ROLES.forEach((role, r) => {
      const expected = row[r] === "Y";
      const d = gate.check({ roles: [role] }, action);
      assert.equal(d.allowed, expected, `${role} / ${action}`);
      assert.equal(d.reason.code, expected ? "granted" : "no-role");
      const me = gate.subject({ roles: [role] });
      assert.equal(me.can(action), expected);
      me.free();
      cells++;
    });
  }
  assert.equal(cells, 90);
});

test("the contract's example decision and calls", () => {
  assert.deepEqual(gate.check({ roles: ["security-reader"] }, "manage-recommendations"), {
    action: "manage-recommendations", allowed: false, grantedBy: [],
    reason: { code: "no-role", message: "Manage recommendations needs Global Admin or Security Admin; you have Security Reader." },
    leastPrivilegedRoles: ["security-admin"],
  });
  assert.deepEqual(gate.whoCan("toggle-criticality-rule"), ["global-admin", "security-admin", "security-operator"]);
  assert.deepEqual(gate.leastPrivilegedRoles("manage-recommendations"), ["security-admin"]);
  const m = gate.matrix();
  assert.deepEqual(m.roles, ROLES);
  assert.deepEqual(m.allowed.slice(0, 18), Object.values(TABLE).map((row) => [...row].map((c) => c === "Y")));
  const all = gate.checkAll({ roles: ["security-operator"], deviceGroups: "all" });
  assert.deepEqual(all.map((d) => d.action), m.actions);
  assert.deepEqual(gate.allowedActions({ roles: ["security-operator"] }), all.filter((d) => d.allowed).map((d) => d.action));
});

test("scope, template IDs in any case, TVM options", () => {
  const scoped = { roles: ["62E90394-69F5-4237-9190-012177145E10"], deviceGroups: ["Finance"] };
  const d = gate.check(scoped, "view-attack-paths");
  assert.equal(d.reason.code, "scope-restricted");
  assert.equal(gate.check(scoped, "view-metrics").allowed, true);
  assert.equal(gate.subject(scoped).scoped, true);
  assert.equal(gate.check({ tvmPermissions: ["tvm-exception-handling"] }, "create-exception").allowed, true);
  assert.equal(gate.check({ tvmRoles: ["view-data"] }, "view-tvm-data").allowed, true);
});

test("allowedMask agrees with can()", () => {
  const me = gate.subject({ roles: ["security-admin"] });
  const mask = me.allowedMask();
  assert.ok(mask instanceof Uint32Array);
  gate.matrix().actions.forEach((a, i) => assert.equal(((mask[i >> 5] >>> (i & 31)) & 1) === 1, me.can(a), a));
});

/** Assert that `fn` throws an Error with `code` (and, if given, a message part). */
function throwsCode(fn, code, part) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, "an Error instance");
    assert.equal(e.code, code, e.message);
    if (part) assert.ok(e.message.includes(part), e.message);
    return true;
  });
}

test("errors are Errors with a code, naming the bad value and the nearest valid one", () => {
  throwsCode(() => gate.check({ roles: ["global-admin"] }, "manage-recomendations"), "unknown-action", "did you mean `manage-recommendations`?");
  throwsCode(() => gate.check({ roles: ["securty-admin"] }, "view-metrics"), "unknown-role", "`security-admin`");
  throwsCode(() => gate.check({ role: ["global-admin"] }, "view-metrics"), "invalid-subject", "unknown field `role`");
  throwsCode(() => gate.check({ tvmPermissions: ["nope"] }, "view-metrics"), "invalid-subject");
  throwsCode(() => gate.check(null, "view-metrics"), "invalid-subject");
  throwsCode(() => gate.check(undefined, "view-metrics"), "invalid-subject");
  throwsCode(() => gate.check({ roles: "global-admin" }, "view-metrics"), "invalid-subject");
  throwsCode(() => gate.check({ deviceGroups: "some" }, "view-metrics"), "invalid-subject");
  throwsCode(() => gate.check({ roles: ["global-admin"] }, 42), "unknown-action", "must be a string");
  throwsCode(() => gate.subject({ roles: ["global-admin"] }).can(null), "unknown-action");
  throwsCode(() => Gate.fromPolicy("{"), "invalid-policy", "not valid JSON");
  throwsCode(() => Gate.fromPolicy({ version: 1, roles: [], actions: [], grants: [{ role: "x", actions: [] }] }), "invalid-policy", "/grants/0/role");
  const e = (() => { try { gate.whoCan("manage-recomendations"); } catch (e) { return e; } })();
  assert.deepEqual(e.suggestions, ["manage-recommendations"]);
});

test("the gate keeps working after errors", () => {
  for (let i = 0; i < 100; i++) {
    try { gate.check({ roles: [i] }, "view-metrics"); } catch { /* expected */ }
  }
  assert.equal(gate.check({ roles: ["global-admin"] }, "grant-permissions").allowed, true);
});

test("a custom policy, as text and as an object", () => {
  const policy = {
    version: 1, name: "auditors",
    roles: [{ id: "auditor", name: "Auditor" }],
    actions: [{ id: "read-log", label: "Read the audit log", kind: "read" }],
    grants: [{ role: "auditor", actions: ["read-log"] }],
  };
  for (const p of [policy, JSON.stringify(policy)]) {
    const custom = Gate.fromPolicy(p);
    assert.equal(custom.check({ roles: ["auditor"] }, "read-log").allowed, true);
    throwsCode(() => custom.check({ roles: ["auditor"] }, "view-metrics"), "unknown-action");
  }
});

test("lint reports the read-only roles the table grants writes", () => {
  const findings = gate.lint();
  assert.equal(findings.length, 4);
  assert.ok(findings.every((f) => f.code === "read-only-role-writes"));
  assert.ok(findings.some((f) => f.message.includes("`global-reader`") && f.message.includes("`change-criticality-level`")));
});
