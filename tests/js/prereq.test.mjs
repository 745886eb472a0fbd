// The prerequisite checks of the built package, by its name, as CONTRACT.md
// writes them: gate.licensing, gate.workspace, gate.device, gate.fleet,
// gate.browser. Each returns a report listing what is missing as
// { code, message, fix }; misuse throws an Error with a code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Gate } from "exposure-gate";

const gate = Gate.builtin();
const CODES = new Set(["unknown-action", "unknown-role", "invalid-subject", "invalid-policy", "invalid-input"]);

const device = (over = {}) => ({
  id: "pc-1", onboarded: true, os: "Windows 10", osVersion: "1809", installedKbs: ["KB4516077"],
  intune: true, configMgr: false, securityRecommendations: 3, tags: ["finance"], coManaged: false, ...over,
});

function throwsCode(fn, code, part) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError), String(e));
    assert.equal(e.code, code, e.message);
    if (part) assert.ok(e.message.includes(part), e.message);
    return true;
  });
}

test("licensing: the contract's call and the four levels", () => {
  const r = gate.licensing({ licenses: ["m365-e5"], workloads: ["defender-endpoint", "defender-identity"], defenderCspm: true });
  assert.equal(r.level, "optimal");
  assert.equal(r.defenderForCloudRecommendations, true);
  assert.deepEqual(r.missing, []);
  assert.equal(gate.licensing({}).level, "unavailable");
  assert.equal(gate.licensing({ licenses: ["defender-endpoint-p1"] }).level, "available");
  assert.equal(gate.licensing({ licenses: ["m365-e3", "defender-identity"] }).level, "recommended");
  const e5 = gate.licensing({ licenses: ["SPE_E5"] });
  assert.equal(e5.level, "recommended");
  assert.equal(e5.defenderForCloudRecommendations, false);
  assert.deepEqual(e5.missing.map((m) => m.code), ["no-defender-cspm"]);
  for (const m of gate.licensing({ licenses: ["m365-e6"] }).missing) {
    assert.deepEqual(Object.keys(m).filter((k) => k !== "items"), ["code", "message", "fix"]);
  }
  assert.deepEqual(gate.licensing({ licenses: ["defender-endpoint-p3"] }).unknownLicenses[0].suggestions,
    ["defender-endpoint-p1", "defender-endpoint-p2"]);
});

test("workspace: a Global Admin or Security Admin, by id or template ID", () => {
  const r = gate.workspace({ assignments: [{ user: "ana", roles: ["security-admin"] }] });
  assert.deepEqual({ ready: r.ready, qualified: r.qualified, missing: r.missing },
    { ready: true, qualified: [{ user: "ana", roles: ["security-admin"] }], missing: [] });
  const tid = gate.workspace({ assignments: [{ user: "bo", roles: ["62E90394-69F5-4237-9190-012177145E10"] }] });
  assert.equal(tid.ready, true);
  const none = gate.workspace({ assignments: [{ user: "cy", roles: ["security-reader"] }] });
  assert.equal(none.ready, false);
  assert.equal(none.missing[0].code, "no-workspace-admin");
  assert.match(none.missing[0].fix, /Global Admin or Security Admin/);
  throwsCode(() => gate.workspace({ assignments: [{ user: "d", roles: ["securty-admin"] }] }), "unknown-role", "security-admin");
});

test("device: each rule, the KB table, and the Intune security task option", () => {
  const ok = gate.device(device());
  assert.equal(ok.ready, true);
  assert.deepEqual(ok.options.intuneSecurityTask, true);
  const kbs = { "1709": ["KB4493441", "KB4516071"], "1803": ["KB4493464", "KB4516045"], "1809": ["KB4516077"], "1903": ["KB4512941"] };
  const builds = { "1709": "10.0.16299", "1803": "10.0.17134", "1809": "10.0.17763", "1903": "10.0.18362" };
  for (const [version, want] of Object.entries(kbs)) {
    for (const osVersion of [version, builds[version]]) {
      const r = gate.device(device({ osVersion, installedKbs: [] }));
      assert.equal(r.missing[0].code, "missing-update", osVersion);
      assert.deepEqual(r.missing[0].items, want, osVersion);
      assert.equal(gate.device(device({ osVersion, installedKbs: want.map((k) => k.toLowerCase().replace("kb", "KB ")) })).ready, true);
    }
  }
  const bad = gate.device(device({ onboarded: false, os: "Windows 8.1", osVersion: undefined, intune: false,
    securityRecommendations: 0, tags: [] }));
  assert.deepEqual(bad.missing.map((m) => m.code),
    ["not-onboarded", "unsupported-os", "not-managed", "no-recommendations", "not-tagged"]);
  assert.equal(bad.options.intuneSecurityTask, false);
  assert.match(bad.options.intuneSecurityTaskReason, /Intune connection/);
  throwsCode(() => gate.device(device({ osVersion: "1810" })), "invalid-input", "did you mean");
  throwsCode(() => gate.device({ id: "x" }), "invalid-input", "missing field `onboarded`");
});

test("fleet: totals, counts by code, OS and version, blocked ids, and invalid devices that do not stop it", () => {
  const devices = [
    device({ id: "a" }),
    device({ id: "b", osVersion: "10.0.16299", installedKbs: ["KB4493441"] }),
    device({ id: "c", os: "macOS", osVersion: null, installedKbs: [], tags: [], coManaged: false }),
    device({ id: "d", securityRecommendations: "3" }),
    null,
  ];
  const r = gate.fleet(devices);
  assert.deepEqual([r.total, r.ready, r.notReady, r.invalid.length], [5, 1, 2, 2]);
  assert.deepEqual(r.byMissing, { "not-onboarded": 0, "unsupported-os": 0, "missing-update": 1, "not-managed": 0,
    "no-recommendations": 0, "not-tagged": 1 });
  assert.deepEqual(r.byOs, { "windows-10": 2, macos: 1 });
  assert.deepEqual(r.byWindows10Version, { "1709": 1, "1809": 1 });
  assert.deepEqual(r.missingUpdates, { KB4516071: 1 });
  assert.deepEqual(r.blocked["missing-update"], ["b"]);
  assert.deepEqual(r.invalid.map((e) => [e.index, e.id, e.error.code, e.error.pointer]),
    [[3, "d", "invalid-input", "/devices/3/securityRecommendations"], [4, null, "invalid-input", "/devices/4"]]);
});

test("fleet of 100,000 devices", () => {
  const oses = ["Windows 10", "Windows 11", "macOS", "Linux", "Windows 8.1"];
  const versions = ["1709", "10.0.17134", "1809", "10.0.18362", "21H2"];
  const devices = Array.from({ length: 100_000 }, (_, i) => device({
    id: `dev-${i}`, onboarded: i % 20 !== 0, os: oses[i % 5], osVersion: i % 5 === 0 ? versions[(i / 5) % 5] : null,
    installedKbs: i % 3 ? ["KB4493441", "KB4516077"] : [], intune: i % 3 !== 0, configMgr: i % 7 === 0,
    securityRecommendations: i % 4, tags: i % 2 ? ["t"] : [], coManaged: i % 9 === 0,
  }));
  const start = performance.now();
  const r = gate.fleet(devices);
  const ms = performance.now() - start;
  console.log(`# gate.fleet(100,000 devices) from Node: ${ms.toFixed(0)} ms`);
  assert.equal(r.total, 100_000);
  assert.equal(r.ready + r.notReady + r.invalid.length, 100_000);
  assert.equal(r.invalid.length, 0);
});

test("browser: families, and WebAssembly apart from support", () => {
  const ie11 = gate.browser("Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko");
  assert.deepEqual([ie11.supported, ie11.webAssembly, ie11.name], [true, false, "Internet Explorer"]);
  const ie10 = gate.browser("Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; Trident/6.0)");
  assert.equal(ie10.supported, false);
  const edge = gate.browser("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91");
  assert.deepEqual([edge.supported, edge.webAssembly, edge.family], [true, true, "edge"]);
  // Without an argument: the host's navigator.userAgent (Node 21+ has one; Node 20 has none: unknown).
  const here = gate.browser();
  assert.equal(typeof here.supported, "boolean");
  if (globalThis.navigator?.userAgent) assert.equal(here.version !== undefined, true);
  else assert.equal(here.family, "unknown");
  throwsCode(() => gate.browser(42), "invalid-input");
});

test("hostile input to the prerequisite calls: typed errors or reports, never a trap", () => {
  let cyclic = []; cyclic.push(cyclic);
  let deep = "x"; for (let i = 0; i < 10_000; i++) deep = [deep];
  const nasty = [null, undefined, 0, NaN, "x", Symbol("s"), 10n, [], new Map(), { licenses: deep }, { licenses: cyclic },
    { assignments: deep }, { assignments: [{ user: "u", roles: cyclic }] }, Object.create({ licenses: ["m365-e5"] }),
    { licenses: ["x".repeat(1_000_000)] }];
  for (const [i, value] of nasty.entries()) {
    for (const call of ["licensing", "workspace", "device", "fleet", "browser"]) {
      try {
        gate[call](value);
      } catch (e) {
        assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError), `${call}(#${i}): ${e}`);
        assert.ok(CODES.has(e.code), `${call}(#${i}): ${e.code}: ${e.message}`);
        assert.ok(e.message.length < 2000, `${call}(#${i}): message of ${e.message.length} chars`);
      }
    }
  }
  const fleet = gate.fleet([device({ tags: cyclic }), device({ installedKbs: deep }), device({ id: 10n }), device()]);
  assert.deepEqual([fleet.invalid.length, fleet.ready], [3, 1]);
  assert.equal(gate.licensing({ licenses: ["m365-e5"], defenderCspm: true }).level, "optimal", "still answers");
});

test("a polluted Object.prototype lends no field to a device", () => {
  Object.prototype.onboarded = true;
  try {
    const lacking = { id: "p", os: "macOS", intune: true, configMgr: false, securityRecommendations: 1, coManaged: true };
    const r = gate.fleet([lacking, device()]);
    assert.deepEqual(r.invalid.map((e) => e.error.pointer), ["/devices/0/onboarded"]);
    throwsCode(() => gate.device(lacking), "invalid-input", "missing field `onboarded`");
  } finally {
    delete Object.prototype.onboarded;
  }
});

test("a custom policy's prerequisite tables", () => {
  const policy = JSON.parse(JSON.stringify(gate.policy()));
  policy.prerequisites = { operatingSystems: [{ id: "android", name: "Android", supported: true }] };
  const custom = Gate.fromPolicy(policy);
  assert.equal(custom.device(device({ os: "Android", osVersion: null })).ready, true);
  assert.equal(gate.device(device({ os: "Android", osVersion: null })).ready, false);
  policy.prerequisites = { licences: [] };
  throwsCode(() => Gate.fromPolicy(policy), "invalid-policy", "unknown field `licences`");
});
