// The shared decision vectors (tests/vectors/decisions.json, written by
// `cargo run --example vectors`) through the built package and its gate-only
// and runtime modules, each loaded by its name: every Decision deep-equal to the file,
// through gate.check and through gate.subject(...).check, and every error an
// Error with the file's code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const file = JSON.parse(readFileSync(new URL("../vectors/decisions.json", import.meta.url), "utf8"));

/** What one call gives: the Decision, or the code of the Error it threw. */
function outcome(call) {
  try {
    return { decision: call() };
  } catch (e) {
    assert.ok(e instanceof Error, `an Error instance, not ${e}`);
    return { error: e.code };
  }
}

test("the vector file is of the documented shape", () => {
  assert.equal(file.policy, "builtin");
  assert.ok(file.cases.length > 2000, `${file.cases.length} cases`);
  for (const c of file.cases) {
    assert.ok(Array.isArray(c.actions) && c.actions.length > 0);
    assert.ok(c.error === undefined ? c.decisions.length === c.actions.length : c.decisions === undefined);
  }
});

for (const name of ["exposure-gate", "exposure-gate/gate", "exposure-gate/runtime"]) {
  const gate = require(name).Gate.builtin();

  test(`${name}: every case, through check and through a resolved subject`, () => {
    let answers = 0;
    for (const c of file.cases) {
      const me = outcome(() => gate.subject(c.subject));
      c.actions.forEach((action, i) => {
        const at = `${JSON.stringify(c.subject)} / ${JSON.stringify(action)}`;
        const byHandle = me.error ? me : outcome(() => me.decision.check(action));
        for (const got of [outcome(() => gate.check(c.subject, action)), byHandle]) {
          if (c.error) {
            assert.deepEqual(got, { error: c.error }, at);
          } else {
            assert.deepEqual(got, { decision: c.decisions[i] }, at);
          }
          answers++;
        }
      });
      me.decision?.free();
    }
    assert.ok(answers > 10000, `${answers} answers`);
  });

  test(`${name}: checkAll where a case asks about every action`, () => {
    const every = gate.actions().map((a) => a.id);
    const full = file.cases.filter((c) => !c.error && JSON.stringify(c.actions) === JSON.stringify(every));
    assert.ok(full.length >= 10, `${full.length} cases ask about every action`);
    for (const c of full) assert.deepEqual(gate.checkAll(c.subject), c.decisions, JSON.stringify(c.subject));
  });
}
