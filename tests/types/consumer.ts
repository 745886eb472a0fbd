// Type-checked (tsc --noEmit) against the generated .d.ts: the declarations
// are real types, so a misuse below would fail the build.
import { Gate, type Decision, type Matrix, type Subject, type ExposureGateError } from "exposure-gate";

const gate: Gate = Gate.builtin();
const subject: Subject = { roles: ["security-reader"], deviceGroups: ["Finance"], tvmPermissions: ["view-tvm"] };
const d: Decision = gate.check(subject, "manage-recommendations");
const code: "granted" | "no-role" | "scope-restricted" | "prerequisite-missing" = d.reason.code;
const allowed: boolean = d.allowed && d.grantedBy.length > 0;
const m: Matrix = gate.matrix();
const cell: boolean | undefined = m.allowed[0]?.[0];
const roles: string[] = gate.whoCan("toggle-criticality-rule");
const me = gate.subject(subject);
const can: boolean = me.can("share-metric");
// @ts-expect-error: a subject is an object, not a role string
gate.check("security-reader", "share-metric");
const mask: Uint32Array = me.allowedMask();
try {
  gate.check(subject, "nope");
} catch (e) {
  const err = e as ExposureGateError;
  const c: string = err.code;
  void c;
}
void [code, allowed, cell, roles, can, mask];
