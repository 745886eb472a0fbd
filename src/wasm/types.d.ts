/** Who is asking. Roles are role ids or Entra role template IDs, any case. */
export interface Subject {
  roles?: string[];
  /** "all" (the default) or the device groups the subject is scoped to. */
  deviceGroups?: "all" | string[];
  /** TVM permission option ids held directly. */
  tvmPermissions?: string[];
  /** TVM role ids defined in the policy. */
  tvmRoles?: string[];
}

export type ReasonCode = "granted" | "no-role" | "scope-restricted" | "prerequisite-missing";

/** Whether a subject may take an action, and why. `allowed` iff `grantedBy` is not empty. */
export interface Decision {
  action: string;
  allowed: boolean;
  grantedBy: string[];
  reason: { code: ReasonCode; message: string };
  leastPrivilegedRoles: string[];
}

/** `allowed[a][r]`: whether role `roles[r]` grants action `actions[a]` (unscoped). */
export interface Matrix {
  roles: string[];
  roleNames: string[];
  actions: string[];
  actionLabels: string[];
  allowed: boolean[][];
}

export interface RoleDef {
  id: string;
  name: string;
  templateIds: string[];
  readOnly: boolean;
  description?: string;
}

export type ActionKind = "read" | "write" | "personal";

export interface ActionDef {
  id: string;
  label: string;
  kind: ActionKind;
  scoped: boolean;
  tvmPermission?: string;
  source?: string;
}

export interface GrantDef {
  role: string;
  actions: string[];
}

export interface TvmPermissionDef {
  id: string;
  name: string;
  group?: string;
  description?: string;
}

export interface TvmRoleDef {
  id: string;
  name: string;
  permissions: string[];
}

export interface PolicyDocument {
  version: 1;
  name?: string;
  sources?: string[];
  roles: RoleDef[];
  actions: ActionDef[];
  grants: GrantDef[];
  tvmPermissions?: TvmPermissionDef[];
  tvmRoles?: TvmRoleDef[];
}

export interface Finding {
  code: "read-only-role-writes" | "action-granted-to-nobody" | "role-grants-nothing";
  message: string;
  pointer: string;
}

export type ErrorCode = "unknown-action" | "unknown-role" | "invalid-subject" | "invalid-policy" | "invalid-input";

/** What every export throws on misuse. A denial is a Decision, never an error. */
export interface ExposureGateError extends Error {
  code: ErrorCode;
  pointer?: string;
  suggestions: string[];
}
