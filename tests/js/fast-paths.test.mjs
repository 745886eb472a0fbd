// The two paths that skip the wasm boundary give the answers of the paths that
// don't: a resolved subject's `can` (a bit test in JS) against `check`, and a
// fleet packed in JS against each device judged on its own, including devices
// the packing must leave to the field-by-field reader.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Gate } from "exposure-gate";
import { generatedFleet } from "../../bench/fleet.mjs";

const gate = Gate.builtin();
const ids = gate.actions().map((a) => a.id);

test("can() in JS agrees with check() for every action, scoped and not, and fails closed", () => {
  for (const roles of [[], ["global-admin"], ["security-reader", "security-operator"]]) {
    for (const subject of [{ roles }, { roles, deviceGroups: ["Finance"] }, { roles, tvmRoles: ["view-data"] }]) {
      const me = gate.subject(subject);
      for (const id of ids) assert.equal(me.can(id), me.check(id).allowed, `${JSON.stringify(subject)} ${id}`);
      me.free();
    }
  }
  const me = gate.subject({ roles: ["security-reader"] });
  me.allowedMask().fill(0xffffffff); // a copy: the caller cannot grant itself anything
  assert.equal(me.can("grant-permissions"), false);
  for (const bad of ["Grant-Permissions", " grant-permissions", "__proto__", "constructor", 0, null, undefined, {}, new String("view-metrics")]) {
    assert.throws(() => me.can(bad), (e) => e.code === "unknown-action", String(bad));
  }
  me.free();
  assert.throws(() => me.can("view-metrics"), "a freed subject answers nothing");
});

test("every Gate.builtin() shares one action index; a policy with its actions in another order keeps its own", () => {
  // The same policy with its actions reversed: each id has another index, so
  // an index shared with the built-in gate would answer for the wrong action.
  const reversed = gate.policy();
  reversed.actions.reverse();
  const custom = Gate.fromPolicy(reversed);
  const first = Gate.builtin();
  const second = Gate.builtin();
  const subject = { roles: ["security-operator"], deviceGroups: ["Finance"] };
  const mine = custom.subject(subject);
  first.subject(subject).free();
  first.free(); // freeing one built-in gate leaves the shared index to the others
  const me = second.subject(subject);
  for (const id of ids) {
    const expected = gate.check(subject, id).allowed;
    assert.equal(me.can(id), expected, `builtin ${id}`);
    assert.equal(mine.can(id), expected, `reversed ${id}`);
  }
  assert.notDeepEqual([...mine.allowedMask()], [...me.allowedMask()], "the masks follow each policy's own order");
  me.free();
  mine.free();
});

test("a packed fleet gives each device the verdict it gets alone, odd devices included", () => {
  const devices = generatedFleet(2000);
  const odd = [
    { ...devices[0], id: "nul\u0000inside" },
    { ...devices[1], extra: true },
    { ...devices[2], osVersion: undefined },
    { ...devices[3], id: 7 },
    { ...devices[4], tags: ["a", 1] },
    Object.assign(Object.create({ onboarded: true }), { ...devices[5], onboarded: undefined }),
    new Map(),
    // Left to the field-by-field reader, and valid there: named in `blocked` all the same.
    { ...devices[6], id: "numbers", os: "Windows 10", osVersion: 1809, installedKbs: [4516077], onboarded: false },
    // Packed, with a value only the reader's checks catch.
    { ...devices[7], id: "  " },
    { ...devices[8], installedKbs: ["KB-nope"] },
    { ...devices[9], securityRecommendations: 1.5 },
  ];
  const fleet = [...devices, ...odd];
  const report = gate.fleet(fleet);
  let ready = 0;
  const invalid = [];
  const blocked = Object.fromEntries(Object.keys(report.byMissing).map((code) => [code, []]));
  fleet.forEach((d, index) => {
    try {
      const alone = gate.device(d);
      if (alone.ready) ready++;
      for (const m of alone.missing) blocked[m.code].push(alone.id);
    } catch (e) {
      invalid.push([index, e.message]);
    }
  });
  assert.equal(report.total, fleet.length);
  assert.equal(report.ready, ready);
  // The fleet's message is the device's own, located in the list.
  const inFleet = ([index, message]) => {
    const at = "at `/devices/" + index;
    return [index, message.startsWith("at `") ? at + message.slice(4) : at + "`: " + message];
  };
  assert.deepEqual(report.invalid.map((e) => [e.index, e.error.message]), invalid.map(inFleet));
  assert.deepEqual(report.blocked, blocked);
  assert.ok(report.blocked["not-onboarded"].includes("numbers"));
  // With a NUL in one id the whole fleet is read field by field: the same verdicts.
  const summary = (r) => JSON.stringify([r.ready, r.notReady, r.byMissing, r.invalid.length]);
  const renamed = gate.fleet([...devices.slice(1), { ...devices[0], id: "nul-outside" }]);
  const withNul = gate.fleet([...devices.slice(1), odd[0]]);
  assert.equal(summary(withNul), summary(renamed));
  assert.equal(withNul.ready + withNul.notReady, devices.length);
});

test("a device whose getter answers differently each time is read once", () => {
  let reads = 0;
  const flipping = { ...generatedFleet(1)[0], installedKbs: [], onboarded: undefined };
  Object.defineProperty(flipping, "onboarded", { enumerable: true, get: () => reads++ % 2 === 0 });
  const r = gate.fleet([flipping]);
  assert.equal(reads, 1, "the packing read `onboarded` once");
  assert.equal(r.byMissing["not-onboarded"], 0, "and judged the value it read");
});
