// Hostile input from JavaScript: every exported call, given any of the values
// below in any argument, answers normally or throws an Error with a known
// `code` (never a wasm trap, never an allowed decision), and the same Gate
// keeps answering correctly afterwards. The timeouts only guard against
// hangs; nothing here asserts speed. The core refuses sizes past its limits
// early (src/limits.rs), so a 10 MB id or 100,000 roles costs one pass.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Gate } from "exposure-gate";

const gate = Gate.builtin();
const CODES = new Set(["unknown-action", "unknown-role", "invalid-subject", "invalid-policy", "invalid-input"]);
const HUGE = "x".repeat(10_000_000);

function deepArray(n, leaf = "global-admin") {
  let v = leaf;
  for (let i = 0; i < n; i++) v = [v];
  return v;
}
function deepObject(n, leaf = "global-admin") {
  let v = leaf;
  for (let i = 0; i < n; i++) v = { roles: v };
  return v;
}
const cyclicArray = []; cyclicArray.push(cyclicArray);
const cyclicObject = { roles: ["global-admin"] }; cyclicObject.self = cyclicObject;
const throwing = new Proxy({}, { get() { throw new Error("trap"); }, ownKeys() { throw new Error("trap"); }, getPrototypeOf() { throw new Error("trap"); } });
const getter = { get roles() { throw new Error("getter"); } };
const nullProto = Object.assign(Object.create(null), { roles: ["global-admin"] });

/** Values that are wrong anywhere: where an object, a string or a list goes. */
const anywhere = [
  null, undefined, 0, -0, 1.5, NaN, -Infinity, true, "", HUGE, "\u0000", Symbol("s"), 10n, () => 1, [], [[]], [null],
  deepArray(100_000), deepObject(100_000), cyclicArray, cyclicObject, throwing, getter,
  new Map([["roles", ["global-admin"]]]), new Set(["global-admin"]), new Date(0), /x/, new Uint8Array(4), Promise.resolve(),
  new (class Subject { constructor() { this.roles = ["global-admin"]; } })(),
  JSON.parse('{"__proto__": {"roles": ["global-admin"]}}'), { constructor: { roles: ["global-admin"] } },
  { prototype: { roles: ["global-admin"] } }, Object.create({ roles: ["global-admin"] }),
];

/** Subjects that are wrong, or right in a way that must not be allowed more than it says. */
const subjects = [
  ...anywhere,
  { roles: null }, { roles: [null] }, { roles: [1, 2] }, { roles: [true] }, { roles: [{}] }, { roles: [["global-admin"]] },
  { roles: [10n] }, { roles: [Symbol("r")] }, { roles: [new String("global-admin")] }, { roles: "global-admin" },
  { roles: [HUGE] }, { roles: deepArray(100_000) }, { roles: deepObject(100_000) }, { roles: cyclicArray },
  { roles: new Array(100_000).fill("security-reader") }, { roles: new Array(100_000).fill("security-reader").concat(["nobody"]) },
  { roles: ["global-admin"], deviceGroups: deepArray(100_000) }, { roles: ["global-admin"], deviceGroups: [HUGE] },
  { roles: ["global-admin"], deviceGroups: new Array(100_000).fill("g") },
  { roles: ["global-admin"], deviceGroups: "ALL" }, { roles: ["global-admin"], deviceGroups: [1] },
  { roles: ["global-admin"], deviceGroups: {} }, { roles: ["global-admin"], deviceGroups: [""] },
  { roles: ["global-admin"], tvmPermissions: "view-tvm" }, { tvmPermissions: [HUGE] }, { tvmRoles: [7] },
  { roles: ["global-admin"], extra: deepArray(100_000) }, { roles: ["global-admin"], __proto__x: 1 },
  { roles: ["global-admin"], constructor: 1 }, { roles: ["global-admin"], prototype: 1 },
  JSON.parse('{"roles": ["global-admin"], "__proto__": {"deviceGroups": "all"}}'),
];

const actions = [...anywhere, " grant-permissions", "GRANT-PERMISSIONS", "grant-permissions\u0000", "grant_permissions", new String("grant-permissions")];

const valid = JSON.parse(JSON.stringify(gate.policy()));
const manyRoles = { ...valid, roles: Array.from({ length: 100_000 }, (_, i) => ({ id: `r${i}`, name: `R${i}` })) };
const manyGrants = { ...valid, grants: Array.from({ length: 100_000 }, () => ({ role: "global-admin", actions: [] })) };
const policies = [
  ...anywhere, {}, "{", "[]", "null", "[".repeat(100_000) + "]".repeat(100_000), "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000),
  manyRoles, manyGrants,
  { ...valid, version: 2 }, { ...valid, version: "1" }, { ...valid, roles: "x" }, { ...valid, roles: [1] }, { ...valid, extra: 1 },
  { ...valid, grants: [{ role: "global-admin", actions: deepArray(1000) }] },
  { ...valid, roles: [...valid.roles, { id: HUGE, name: "X" }] }, { ...valid, roles: [...valid.roles, { id: 5, name: "X" }] },
  { ...valid, grants: [...valid.grants, { role: "global-admin", actions: ["grant-permissions"] }] },
  JSON.parse(`{"__proto__": ${JSON.stringify(valid)}}`), { ...valid, constructor: 1 }, { ...valid, prototype: 1 },
  Object.create(valid),
];

/** `fn()` returns a value, or throws one of our typed errors; never a wasm trap or another kind of throw. */
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

/** Nothing a hostile value produced may allow anything. */
function neverAllowed(value, label) {
  const decisions = value === undefined ? [] : [value].flat();
  for (const d of decisions) {
    if (typeof d === "string") assert.fail(`${label}: allowed action ${d}`);
    if (d && typeof d === "object" && "allowed" in d) assert.equal(d.allowed, false, `${label}: allowed ${d.action}`);
    if (typeof d === "boolean") assert.equal(d, false, `${label}: can`);
  }
}

const label = (v, i) => `#${i} ${typeof v === "symbol" ? "symbol" : typeof v}`;

/** The gate answers the seed table's cells as before. */
function stillWorks(g = gate) {
  assert.equal(g.check({ roles: ["security-admin"] }, "manage-recommendations").allowed, true);
  assert.equal(g.check({ roles: ["security-reader"] }, "manage-recommendations").allowed, false);
  assert.deepEqual(g.whoCan("toggle-criticality-rule"), ["global-admin", "security-admin", "security-operator"]);
  assert.equal(g.subject({ roles: ["global-admin"], deviceGroups: ["Finance"] }).can("view-attack-paths"), false);
}

test("hostile subjects through check, checkAll, allowedActions and subject(): typed errors, never allowed", { timeout: 300_000 }, () => {
  subjects.forEach((s, i) => {
    for (const [name, call] of [
      ["check", () => gate.check(s, "grant-permissions")], ["checkAll", () => gate.checkAll(s)],
      ["allowedActions", () => gate.allowedActions(s)], ["subject", () => gate.subject(s).can("grant-permissions")],
    ]) {
      const r = typedOrValue(call, `${name}(${label(s, i)})`);
      neverAllowed(r.value, `${name}(${label(s, i)})`);
    }
  });
  stillWorks();
});

test("the sizes past the core's limits are refused with the limit named", () => {
  for (const s of [{ roles: new Array(100_000).fill("security-reader") }, { roles: ["global-admin"], deviceGroups: new Array(100_000).fill("g") }]) {
    assert.match(typedOrValue(() => gate.check(s, "view-metrics")).error.message, /at most 1024/);
  }
  assert.match(typedOrValue(() => gate.check({ deviceGroups: [HUGE] }, "view-metrics")).error.message, /longer than 256 chars/);
  const e = typedOrValue(() => gate.check({ roles: [HUGE] }, "view-metrics")).error;
  assert.deepEqual([e.code, e.pointer], ["unknown-role", "/roles/0"]);
});

test("a value JSON cannot hold, a throwing getter or too deep a nesting is named with its place", () => {
  const error = (s) => {
    const e = typedOrValue(() => gate.check(s, "view-metrics")).error;
    return [e.code, e.pointer, e.message];
  };
  assert.deepEqual(error({ roles: ["security-reader", 10n] }), ["invalid-subject", "/roles/1", "at `/roles/1`: invalid type: a bigint, which has no JSON form"]);
  assert.deepEqual(error({ roles: [NaN] }), ["invalid-subject", "/roles/0", "at `/roles/0`: invalid type: a number that is not finite, which has no JSON form"]);
  assert.deepEqual(error({ roles: [() => 1] }), ["invalid-subject", "/roles/0", "at `/roles/0`: invalid type: a function, which has no JSON form"]);
  assert.deepEqual(error({ "a/b~": Symbol("s") }), ["invalid-subject", "/a~1b~0", "at `/a~1b~0`: invalid type: a symbol, which has no JSON form"]);
  assert.deepEqual(error({ roles: { get 0() { throw new Error("nope"); }, length: 1 } }).slice(0, 2), ["invalid-subject", "/roles"]);
  assert.match(error({ roles: [getter] })[2], /^at `\/roles\/0`: nested too deeply: a subject holds arrays and objects at most 2 levels deep$/);
  assert.match(error(getter)[2], /^a subject that throws when read \(getter\)$/);
  assert.deepEqual(error([])[2], 'a subject must be an object such as {"roles": ["security-reader"]}, not an array');
  // What is left out or written as null, as JSON.stringify has it; a lone surrogate reads as U+FFFD.
  assert.equal(gate.check({ roles: ["security-admin"], tvmRoles: undefined }, "manage-recommendations").allowed, true);
  assert.equal(typedOrValue(() => gate.check({ roles: [undefined] }, "view-metrics")).error.pointer, "/roles/0");
  assert.equal(gate.check({ roles: ["global-admin"], deviceGroups: ["\ud800x"] }, "view-attack-paths").allowed, false);
});

test("a policy object reads as its JSON text does, whatever its strings hold", () => {
  const builtin = gate.policy();
  // JSON's escapes, and what the wire form's own syntax is made of (lengths, `:`, tags, brackets).
  const tricky = ['a "quoted" \\ label', "tab\there", "line\u2028sep", "emoji 😀", "é", "\u0001", "lone \ud800", "", "ends high \ud83d",
    "3:abc", '"1:a', "12:", ":", "#1;", "n", "t", "[", "]{", "}", "😀😀:😀"];
  for (const label of tricky) {
    // As a value (a label), and as a key (an unknown field, named in the error).
    for (const change of [{ label }, { [label]: 1 }]) {
      const doc = { ...builtin, actions: builtin.actions.map((a, i) => (i === 0 ? { ...a, ...change } : a)) };
      const outcome = (policy) => {
        try {
          return Gate.fromPolicy(policy).policy();
        } catch (e) {
          return [e.code, e.pointer, e.message];
        }
      };
      assert.deepEqual(outcome(doc), outcome(JSON.stringify(doc)), JSON.stringify(change));
    }
  }
});

test("a value of the wrong kind is named by its kind", () => {
  const message = (call) => typedOrValue(call).error.message;
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const kinds = [
    [{}, "an object"], [nullProto, "an object"], [null, "null"], [undefined, "undefined"], [7, "a number"], [true, "a boolean"],
    [[], "an array"], [10n, "a bigint"], [Symbol("s"), "a symbol"], [() => 1, "a function"], [new Map(), "an instance of `Map`"],
    [new (class Auditor {})(), "an instance of `Auditor`"], [throwing, "an object that throws when read"],
    [revoked, "an object that throws when read"],
  ];
  for (const [value, kind] of kinds) {
    assert.equal(message(() => gate.whoCan(value)), `an action id must be a string, not ${kind}`, kind);
  }
  assert.equal(message(() => gate.check(new Map(), "view-metrics")), 'a subject must be an object such as {"roles": ["security-reader"]}, not an instance of `Map`');
  assert.equal(message(() => Gate.fromCompiled("EGPC")), "a compiled policy must be a Uint8Array or an ArrayBuffer, not a string");
  stillWorks();
});

test("the prototype is never a source of roles or fields", () => {
  // `__proto__` as an own key (JSON.parse makes one) is an unknown field; an inherited `roles` is not read.
  assert.equal(typedOrValue(() => gate.check(JSON.parse('{"__proto__": {"roles": ["global-admin"]}}'), "grant-permissions")).error.code, "invalid-subject");
  for (const key of ["constructor", "prototype"]) {
    assert.equal(typedOrValue(() => gate.check({ [key]: { roles: ["global-admin"] } }, "grant-permissions")).error.code, "invalid-subject", key);
  }
  // Without a prototype an object is still a plain subject, read by its own keys only.
  assert.equal(gate.check(nullProto, "grant-permissions").allowed, true);
  const inherited = typedOrValue(() => gate.check(Object.create({ roles: ["global-admin"] }), "grant-permissions"));
  assert.ok(inherited.error || inherited.value.allowed === false);
  Object.prototype.roles = ["global-admin"];
  try {
    assert.equal(gate.check({}, "grant-permissions").allowed, false, "a polluted Object.prototype lends no roles");
  } finally {
    delete Object.prototype.roles;
  }
  assert.equal(Object.prototype.roles, undefined);
});

test("hostile action ids through check, whoCan, leastPrivilegedRoles and a resolved subject: unknown-action", { timeout: 120_000 }, () => {
  const me = gate.subject({ roles: ["global-admin"] });
  actions.forEach((action, i) => {
    for (const [name, call] of [
      ["check", () => gate.check({ roles: ["global-admin"] }, action)], ["whoCan", () => gate.whoCan(action)],
      ["leastPrivilegedRoles", () => gate.leastPrivilegedRoles(action)], ["can", () => me.can(action)], ["me.check", () => me.check(action)],
    ]) {
      const r = typedOrValue(call, `${name}(${label(action, i)})`);
      assert.ok(r.error, `${name}(${label(action, i)}) must throw`);
      assert.equal(r.error.code, "unknown-action", `${name}(${label(action, i)}): ${r.error.message}`);
    }
  });
  assert.equal(me.can("grant-permissions"), true, "the resolved subject still works");
  stillWorks();
});

test("hostile policies through fromPolicy: invalid-policy", { timeout: 300_000 }, () => {
  policies.forEach((p, i) => {
    const r = typedOrValue(() => Gate.fromPolicy(p), `fromPolicy(${label(p, i)})`);
    assert.ok(r.error, `fromPolicy(${label(p, i)}) must be refused`);
    assert.equal(r.error.code, "invalid-policy", `fromPolicy(${label(p, i)}): ${r.error.message}`);
  });
  for (const big of [manyRoles, manyGrants]) assert.match(typedOrValue(() => Gate.fromPolicy(big)).error.message, /at most 1024/);
  stillWorks();
  stillWorks(Gate.fromPolicy(valid));
});

test("hostile input through licensing, workspace, device, fleet and browser: typed errors or reports", { timeout: 300_000 }, () => {
  const inputs = [...anywhere, { licenses: [HUGE] }, { licenses: deepArray(100_000) }, { assignments: [{ user: "u", roles: cyclicArray }] },
    { assignments: new Array(100_000).fill({ user: "u", roles: ["security-reader"] }) }, { id: HUGE, onboarded: true }];
  inputs.forEach((v, i) => {
    for (const name of ["licensing", "workspace", "device", "fleet", "browser"]) {
      typedOrValue(() => gate[name](v), `${name}(${label(v, i)})`);
    }
  });
  const hostileFleet = typedOrValue(() => gate.fleet([...anywhere, { id: "ok", onboarded: true, os: "macOS", intune: true, configMgr: false, securityRecommendations: 1, tags: ["t"], coManaged: false }])).value;
  assert.equal(hostileFleet.total, anywhere.length + 1);
  assert.equal(hostileFleet.ready + hostileFleet.notReady + hostileFleet.invalid.length, hostileFleet.total);
  assert.equal(hostileFleet.ready, 1);
  assert.equal(gate.browser("Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko").webAssembly, false);
  assert.equal(gate.browser(`Mozilla/5.0 Chrome/120.0.0.0 Safari/537.36 ${HUGE}`).family, "chrome");
  assert.equal(gate.licensing({ licenses: ["m365-e5"], defenderCspm: true }).level, "optimal");
  stillWorks();
});
