// One comparison for two gates that must be the same policy: the stored
// built-in gate against the policy file compiled now (snapshot.test.mjs), the
// gate-only and runtime modules against the full package (gate-entry.test.mjs,
// runtime-entry.test.mjs); and how those tests record what a call did.
import assert from "node:assert/strict";

/** What a call returns, or the error it throws, as plain data. */
export function outcome(call) {
  try {
    return { value: call() };
  } catch (e) {
    return { error: { name: e.name, code: e.code, message: e.message, pointer: e.pointer, suggestions: e.suggestions } };
  }
}

/**
 * Asserts that each of `cases` (a function of a package) throws with the
 * package `ours`, and exactly as with `theirs`: the same name, code,
 * message, pointer and suggestions.
 */
export function assertSameFailures(ours, theirs, cases) {
  for (const call of cases) {
    const [a, b] = [outcome(() => call(ours)), outcome(() => call(theirs))];
    assert.ok(a.error, `${call}: throws`);
    assert.deepEqual(a, b, String(call));
  }
}

/**
 * Asserts that `ours` answers every gate call as `theirs` (a gate of the
 * full package): the policy's views (without `policy` and `lint` when
 * `documents` is false: the runtime module has neither), and for every subject of the policy's roles (alone, scoped, with
 * each TVM role, with TVM permissions) `checkAll`, `allowedActions` and the
 * mask, and `whoCan` and `leastPrivilegedRoles` for every action.
 */
export function assertSameGate(ours, theirs, label, { documents = true } = {}) {
  for (const call of documents ? ["policy", "roles", "actions", "matrix", "lint"] : ["roles", "actions", "matrix"]) {
    assert.deepEqual(ours[call](), theirs[call](), `${label}: ${call}`);
  }
  const roles = theirs.roles().map((r) => r.id);
  const tvmRoles = theirs.policy().tvmRoles.map((r) => r.id);
  const subjects = [
    {},
    { roles: [] },
    ...roles.map((role) => ({ roles: [role] })),
    ...roles.map((role) => ({ roles: [role], deviceGroups: ["Finance"] })),
    ...tvmRoles.map((tvm) => ({ roles: ["security-reader"], tvmRoles: [tvm] })),
    { roles: ["security-operator"], tvmPermissions: ["view-tvm", "tvm-exception-handling"] },
  ];
  for (const subject of subjects) {
    const at = `${label}: ${JSON.stringify(subject)}`;
    assert.deepEqual(ours.checkAll(subject), theirs.checkAll(subject), at);
    assert.deepEqual(ours.allowedActions(subject), theirs.allowedActions(subject), at);
    const [a, b] = [ours.subject(subject), theirs.subject(subject)];
    assert.deepEqual([...a.allowedMask()], [...b.allowedMask()], at);
    a.free();
    b.free();
  }
  for (const { id } of theirs.actions()) {
    assert.deepEqual(ours.whoCan(id), theirs.whoCan(id), `${label}: ${id}`);
    assert.deepEqual(ours.leastPrivilegedRoles(id), theirs.leastPrivilegedRoles(id), `${label}: ${id}`);
  }
}
