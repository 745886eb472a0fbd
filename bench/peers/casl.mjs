// CASL (@casl/ability), the way a portal uses it: one Ability per user, built
// from the user's roles (`can(actions, subjectType)` per role) with the scope
// rule as an inverted rule (`cannot`) that comes after the grants and so wins.
import { AbilityBuilder, createMongoAbility } from "@casl/ability";
import { grants, scopedActions } from "../policy.mjs";

/** All of Exposure Management, as one CASL subject type. */
const SUBJECT = "ExposureManagement";

export const name = "@casl/ability";
export const packageDir = "node_modules/@casl/ability";

/** An Ability for `subject`; `can(action)` is `ability.can(action, SUBJECT)`. */
export function forSubject(subject) {
  const { can, cannot, build } = new AbilityBuilder(createMongoAbility);
  for (const role of subject.roles) can(grants.get(role), SUBJECT);
  if (Array.isArray(subject.deviceGroups)) cannot(scopedActions, SUBJECT);
  const ability = build();
  return { can: (action) => ability.can(action, SUBJECT), ability, subjectType: SUBJECT };
}
