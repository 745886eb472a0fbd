// Cedar (@cedar-policy/cedar-wasm, its Node build). Roles are parent groups of
// the user entity; each role is one `permit` over its actions; the scope rule
// is a `forbid` when the user is scoped. The policy set is parsed once
// (`preparsePolicySet`) and each question goes through `statefulIsAuthorized`,
// Cedar's prepared API; the entities (the user and its roles) are still handed
// over, as JSON-shaped objects, with every call, as that API requires.
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { roles, grants, scopedActions } from "../policy.mjs";

const POLICY_SET = "exposure-gate-bench";
const list = (ids) => ids.map((id) => `Action::${JSON.stringify(id)}`).join(", ");

/** The Cedar text of the policy: a permit per role and the scope forbid. */
export const policyText = [
  ...roles.map((r) => `permit(principal in Role::${JSON.stringify(r)}, action in [${list(grants.get(r))}], resource);`),
  `forbid(principal, action in [${list(scopedActions)}], resource) when { principal.scoped };`,
].join("\n");

const parsed = cedar.preparsePolicySet(POLICY_SET, { staticPolicies: policyText });
if (parsed.type !== "success") throw new Error(`cedar: ${JSON.stringify(parsed.errors)}`);

export const name = "@cedar-policy/cedar-wasm";
export const packageDir = "node_modules/@cedar-policy/cedar-wasm";
export const version = cedar.getCedarVersion();

/** A Cedar principal for `subject`; `can(action)` is one `statefulIsAuthorized` call. */
export function forSubject(subject) {
  const principal = { type: "User", id: "bench-user" };
  const resource = { type: "Tenant", id: "contoso" };
  const entities = [
    { uid: principal, attrs: { scoped: Array.isArray(subject.deviceGroups) }, parents: subject.roles.map((id) => ({ type: "Role", id })) },
    ...subject.roles.map((id) => ({ uid: { type: "Role", id }, attrs: {}, parents: [] })),
  ];
  const call = { principal, action: { type: "Action", id: "" }, resource, context: {}, preparsedPolicySetId: POLICY_SET, entities };
  return {
    can(action) {
      call.action = { type: "Action", id: action };
      const answer = cedar.statefulIsAuthorized(call);
      if (answer.type !== "success") throw new Error(`cedar: ${JSON.stringify(answer.errors)}`);
      return answer.response.decision === "allow";
    },
  };
}
