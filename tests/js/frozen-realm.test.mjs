// A hardened realm (frozen intrinsics, as lockdown() leaves a page): errors
// are still typed, and the gate keeps answering after one. In a child
// process, since freezing Error.prototype cannot be undone (and Node's own
// test runner does not survive it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** What the child saw: each call's error (name, code, pointer, suggestions, message) or value, with intrinsics frozen. */
function inFrozenRealm(entry) {
  const script = `
    Object.freeze(Error.prototype);
    Object.freeze(Object.prototype);
    const { Gate } = await import(${JSON.stringify(entry)});
    const gate = Gate.builtin();
    const outcome = (call) => {
      try {
        return { value: call() };
      } catch (e) {
        return { error: [e.name, e.code, e.pointer, e.suggestions, e.message] };
      }
    };
    process.stdout.write(JSON.stringify([
      outcome(() => gate.whoCan("manage-recomendations")),
      outcome(() => gate.check({ roles: ["auditor"] }, "view-metrics")),
      outcome(() => gate.whoCan("toggle-criticality-rule")),
    ]));`;
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" }));
}

for (const entry of ["exposure-gate", "exposure-gate/runtime"]) {
  test(`${entry}: a typed error where Error.prototype is frozen, and the gate still answers`, () => {
    const [typo, role, after] = inFrozenRealm(entry);
    assert.deepEqual(typo.error, [
      "ExposureGateError", "unknown-action", null, ["manage-recommendations"],
      "unknown action `manage-recomendations`; did you mean `manage-recommendations`?",
    ]);
    assert.deepEqual(role.error.slice(0, 3), ["ExposureGateError", "unknown-role", "/roles/0"]);
    assert.deepEqual(after.value, ["global-admin", "security-admin", "security-operator"]);
  });
}
