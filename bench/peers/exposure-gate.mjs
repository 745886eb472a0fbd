// exposure-gate, the package as Node users load it (pkg/node, by its name).
// Three ways to ask: through a resolved subject (`gate.subject(s).can(a)`,
// a bit test in JS), the one-shot `gate.check(subject, action)` (resolves the
// subject and builds the full Decision with its sentence), and the allowed
// mask a portal can read once to gate a page.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Gate } = require("exposure-gate");

export const name = "exposure-gate";
export const gate = Gate.builtin();

/** The resolved subject; `can(action)` as a portal calls it. */
export function forSubject(subject) {
  const me = gate.subject(subject);
  return { can: (action) => me.can(action), me };
}

/** Action id -> bit index in the allowed mask (policy order), what a portal keeps once. */
export const bitOf = new Map(gate.actions().map((a, i) => [a.id, i]));
