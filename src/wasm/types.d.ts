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
  /** Prerequisite tables; they extend the built-in ones, which apply when this is absent. */
  prerequisites?: PrerequisitesDef;
}

/** The prerequisite tables of a policy. Entries extend the built-in tables by id, unless `replace` is true. */
export interface PrerequisitesDef {
  replace?: boolean;
  sources?: string[];
  workloads?: { id: string; name: string; description?: string }[];
  /** The licence catalogue: `e5` marks "an E5 licence"; `skus` are Graph `skuPartNumber`s meaning the same licence. */
  licenses?: { id: string; name: string; workloads: string[]; e5?: boolean; skus?: string[]; note?: string }[];
  operatingSystems?: { id: string; name: string; aliases?: string[]; supported: boolean; note?: string }[];
  windows10Releases?: { version: string; build: number; mandatoryUpdates?: string[] }[];
  workspaceRoles?: string[];
}

/** A prerequisite that is not met: a stable `code`, what is wrong, and what an admin can do. */
export interface Missing {
  code: string;
  message: string;
  fix: string;
  /** The ids the entry is about (missing KBs, an unknown licence), when any. */
  items?: string[];
}

export interface LicensingInput {
  /** Licence ids of the catalogue (`m365-e5`) or Graph SKU part numbers (`SPE_E5`), any case. */
  licenses?: string[];
  /** Workload ids the tenant has whatever the licence (`defender-identity`). */
  workloads?: string[];
  /** Whether the Defender CSPM plan of Microsoft Defender for Cloud is on. */
  defenderCspm?: boolean;
}

export type LicensingLevel = "unavailable" | "available" | "recommended" | "optimal";

export interface LicensingReport {
  level: LicensingLevel;
  message: string;
  licenses: string[];
  workloads: string[];
  e5: boolean;
  defenderCspm: boolean;
  /** Security recommendations from Defender for Cloud flow in only with the Defender CSPM plan. */
  defenderForCloudRecommendations: boolean;
  unknownLicenses: { id: string; suggestions: string[] }[];
  unknownWorkloads: { id: string; suggestions: string[] }[];
  /** Codes: `unknown-license`, `unknown-workload`, `no-defender-license`, `one-workload`, `no-e5`, `no-defender-cspm`. */
  missing: Missing[];
}

export interface WorkspaceInput {
  /** Who holds which roles (role ids or Entra role template IDs, any case). */
  assignments: { user: string; roles: string[] }[];
}

export interface WorkspaceReport {
  ready: boolean;
  message: string;
  qualified: { user: string; roles: string[] }[];
  requiredRoles: string[];
  /** `no-workspace-admin` when nobody qualifies. */
  missing: Missing[];
}

/** A device. `osVersion` is needed for Windows 10: a version ("1809") or a build ("10.0.17763"). */
export interface Device {
  id: string;
  onboarded: boolean;
  os: string;
  osVersion?: string | null;
  /** "KB4516077", "kb 4516077" or "4516077". */
  installedKbs?: string[];
  intune: boolean;
  configMgr: boolean;
  /** How many security recommendations the device page shows. */
  securityRecommendations: number;
  tags?: string[];
  coManaged: boolean;
}

export type DeviceCode =
  | "not-onboarded" | "unsupported-os" | "missing-update" | "not-managed" | "no-recommendations" | "not-tagged";

export interface DeviceReport {
  id: string;
  ready: boolean;
  /** The operating system's id in the table, or null when not recognised. */
  os: string | null;
  windows10Version: string | null;
  missing: (Missing & { code: DeviceCode })[];
  options: { intuneSecurityTask: boolean; intuneSecurityTaskReason: string };
}

export interface FleetReport {
  /** Every input entry: `total = ready + notReady + invalid.length`. */
  total: number;
  ready: number;
  notReady: number;
  byMissing: Record<DeviceCode, number>;
  byOs: Record<string, number>;
  byWindows10Version: Record<string, number>;
  /** Devices missing each mandatory update, by KB id. */
  missingUpdates: Record<string, number>;
  /** The ids of the devices blocked by each code, in input order. */
  blocked: Record<DeviceCode, string[]>;
  /** Devices that could not be judged; `error.pointer` is like "/devices/17/osVersion". */
  invalid: { index: number; id: string | null; error: { code: ErrorCode; message: string; pointer: string | null } }[];
}

export interface BrowserReport {
  supported: boolean;
  webAssembly: boolean;
  family: "edge" | "edge-legacy" | "ie" | "chrome" | "firefox" | "safari" | "opera" | "samsung" | "android-browser" | "bot" | "unknown";
  name: string;
  version: string | null;
  message: string;
  /** `unsupported-browser` and `no-webassembly` when they apply. */
  missing: Missing[];
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

/**
 * A subject resolved once against a gate's policy, from `gate.subject(...)`.
 * `can()` answers from a bitmask in JS, without calling into wasm.
 */
export interface ResolvedSubject {
  /** Whether the subject may take the action; an unknown action throws `unknown-action`. */
  can(action: string): boolean;
  /** The decision for one action. */
  check(action: string): Decision;
  /** A decision for every action, in policy order. */
  checkAll(): Decision[];
  /** The ids of the allowed actions, in policy order. */
  allowedActions(): string[];
  /** The allowed actions as a bitmask over policy order (bit `i % 32` of word `i / 32` is action `i`); a copy. */
  allowedMask(): Uint32Array;
  /** Whether the subject is scoped to some device groups. */
  readonly scoped: boolean;
  /** Frees the wasm side; later calls throw. */
  free(): void;
  [Symbol.dispose](): void;
}
