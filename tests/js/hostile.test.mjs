// Hostile input from JavaScript: every call answers with a typed Error with a
// `code` (never a wasm trap, never an allowed decision), in bounded time and
// memory, and the Gate keeps working afterwards. The timeouts only guard
// against hangs; nothing here asserts speed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Gate } from "exposure-gate";

const gate = Gate.builtin();
const CODES = new Set(["unknown-action", "unknown-role", "invalid-subject", "invalid-policy", "invalid-input"]);

function deep(n) {
  let v = "global-admin";
  for (let i = 0; i < n; i++) v = [v];
  return v;
}

const nasty = [
  null, undefined, 0, 1.5, NaN, -Infinity, true, "", "global-admin", Symbol("s"), 10n, () => 1, [], [[]],
  new Map([["roles", ["global-admin"]]]), new Date(0), /x/, new Uint8Array(4), Promise.resolve(),
  { roles: null }, { roles: [null] }, { roles: [1, 2] }, { roles: [{}] }, { roles: ["x".repeat(1_000_000)] },
  { roles: deep(10_000) }, { roles: ["global-admin"], deviceGroups: deep(10_000) },
  { roles: ["global-admin"], deviceGroups: "ALL" }, { roles: ["global-admin"], deviceGroups: [1] },
  { roles: ["global-admin"], deviceGroups: {} }, { roles: ["global-admin"], tvmPermissions: "view-tvm" },
  JSON.parse('{"__proto__": {"roles": ["global-admin"]}}'), { constructor: { roles: ["global-admin"] } },
  Object.create({ roles: ["global-admin"] }), { roles: ["global-admin"], extra: deep(10_000) },
  { roles: new Array(100_000).fill("security-reader").concat(["nobody"]) },
  new (class Subject { constructor() { this.roles = ["global-admin"]; } })(),
];

/** Run `fn`: it returns normally (a decision) or throws one of our typed errors. Never a RuntimeError. */
function typedOrValue(fn, label) {
  try {
    return { value: fn() };
  } catch (e) {
    assert.ok(e instanceof Error, `${label}: an Error, got ${typeof e}`);
    assert.ok(!(e instanceof WebAssembly.RuntimeError), `${label}: a wasm trap: ${e.message}`);
    assert.ok(CODES.has(e.code), `${label}: code ${e.code}: ${e.message}`);
    assert.ok(e.message.length < 2000, `${label}: message of ${e.message.length} chars`);
    return { error: e };
  }
}

test("hostile subjects are typed errors, never allowed", { timeout: 60_000 }, () => {
  nasty.forEach((subject, i) => {
    for (const call of [(s) => gate.check(s, "grant-permissions"), (s) => gate.checkAll(s), (s) => gate.allowedActions(s), (s) => gate.subject(s)]) {
      const r = typedOrValue(() => call(subject), `subject #${i}`);
      if (r.value && r.value.allowed !== undefined) assert.equal(r.value.allowed, false, `subject #${i} allowed`);
      if (Array.isArray(r.value)) assert.ok(r.value.every((d) => typeof d === "string" ? false : !d.allowed), `subject #${i}`);
    }
  });
  assert.equal(gate.check({ roles: ["global-admin"] }, "grant-permissions").allowed, true, "still works");
});

test("the prototype is never a source of roles", () => {
  // `__proto__` as an own key (JSON.parse makes one) is an unknown field; an inherited `roles` is not read.
  assert.equal(typedOrValue(() => gate.check(JSON.parse('{"__proto__": {"roles": ["global-admin"]}}'), "grant-permissions")).error.code, "invalid-subject");
  const inherited = typedOrValue(() => gate.check(Object.create({ roles: ["global-admin"] }), "grant-permissions"));
  assert.ok(inherited.error || inherited.value.allowed === false);
  assert.equal(Object.prototype.roles, undefined);
});

test("hostile action ids are typed errors", { timeout: 60_000 }, () => {
  const me = gate.subject({ roles: ["global-admin"] });
  for (const action of [null, undefined, 7, {}, [], "", " grant-permissions", "GRANT-PERMISSIONS", "x".repeat(1_000_000), "\u0000", "grant-permissions\u0000", Symbol("a")]) {
    const label = typeof action === "symbol" ? "symbol" : JSON.stringify(action)?.slice(0, 40);
    assert.equal(typedOrValue(() => gate.check({ roles: ["global-admin"] }, action), label).error.code, "unknown-action", label);
    assert.equal(typedOrValue(() => me.can(action), label).error.code, "unknown-action", label);
    for (const call of [() => gate.whoCan(action), () => gate.leastPrivilegedRoles(action), () => me.check(action)]) {
      assert.ok(typedOrValue(call, label).error, label);
    }
  }
  assert.equal(me.can("grant-permissions"), true, "still works");
});

test("hostile policies are invalid-policy errors in bounded time", { timeout: 120_000 }, () => {
  const valid = gate.policy();
  const manyRoles = { ...valid, roles: Array.from({ length: 100_000 }, (_, i) => ({ id: `r${i}`, name: `R${i}` })) };
  const policies = [
    null, undefined, 1, "", "{", "[]", "null", "[".repeat(100_000) + "]".repeat(100_000), deep(10_000), {}, [], manyRoles,
    { ...valid, version: 2 }, { ...valid, roles: "x" }, { ...valid, extra: 1 }, { ...valid, grants: [{ role: "global-admin", actions: deep(1000) }] },
    { ...valid, roles: [...valid.roles, { id: "x".repeat(100_000), name: "X" }] },
    JSON.parse(`{"__proto__": ${JSON.stringify(valid)}}`),
  ];
  policies.forEach((p, i) => {
    const r = typedOrValue(() => Gate.fromPolicy(p), `policy #${i}`);
    assert.ok(r.error, `policy #${i} should be refused`);
    assert.equal(r.error.code, "invalid-policy", `policy #${i}: ${r.error.message}`);
  });
  assert.match(typedOrValue(() => Gate.fromPolicy(manyRoles)).error.message, /at most 1024/);
  assert.equal(gate.check({ roles: ["security-admin"] }, "manage-recommendations").allowed, true, "still works");
});
