// The built-in policy as every engine in the comparison is given it: read from
// policy/builtin.json, so that all three judge the same cells. Only what the
// role table and the scope rule say is used; TVM permissions are left out
// (no peer expresses them, and no subject here holds one).
import { readFileSync } from "node:fs";

const doc = JSON.parse(readFileSync(new URL("../policy/builtin.json", import.meta.url), "utf8"));

/** Role ids, in policy order. */
export const roles = doc.roles.map((r) => r.id);

/** Every action id, in policy order. */
export const actions = doc.actions.map((a) => a.id);

/** The 18 rows of the permission table, in its order: the controls of one portal page. */
export const tableActions = doc.actions.filter((a) => a.source.startsWith("permission table")).map((a) => a.id);

/** Actions a subject scoped to some device groups is denied. */
export const scopedActions = doc.actions.filter((a) => a.scoped).map((a) => a.id);

/** Role id -> the actions it grants. */
export const grants = new Map(roles.map((r) => [r, doc.grants.filter((g) => g.role === r).flatMap((g) => g.actions)]));

/**
 * The subjects whose every cell the engines must agree on before anything is
 * timed: no role, each role alone, two roles together, each unscoped and
 * scoped to a device group.
 */
export const subjects = [[], ...roles.map((r) => [r]), ["security-reader", "security-operator"]].flatMap((rs) => [
  { roles: rs },
  { roles: rs, deviceGroups: ["Finance"] },
]);

/** The subject the timings use: a Security Operator, scoped, so that every rule is exercised. */
export const timedSubject = { roles: ["security-operator"], deviceGroups: ["Finance"] };

if (tableActions.length !== 18 || roles.length !== 5 || scopedActions.length !== 3) {
  throw new Error(`policy/builtin.json is not the 18 x 5 table with three scoped actions`);
}
