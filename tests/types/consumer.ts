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

// Prerequisites (CONTRACT.md): reports with `ready` or `level` and `missing: { code, message, fix }[]`.
import type { LicensingReport, WorkspaceReport, DeviceReport, FleetReport, BrowserReport, Device, Missing } from "exposure-gate";
const lic: LicensingReport = gate.licensing({ licenses: ["m365-e5"], workloads: ["defender-endpoint"], defenderCspm: true });
const level: "unavailable" | "available" | "recommended" | "optimal" = lic.level;
const cspm: boolean = lic.defenderForCloudRecommendations;
const ws: WorkspaceReport = gate.workspace({ assignments: [{ user: "ana", roles: ["security-admin"] }] });
const dev: Device = { id: "pc", onboarded: true, os: "Windows 10", osVersion: "1809", installedKbs: ["KB4516077"],
  intune: true, configMgr: false, securityRecommendations: 1, tags: [], coManaged: false };
const dr: DeviceReport = gate.device(dev);
const task: boolean = dr.options.intuneSecurityTask;
const fr: FleetReport = gate.fleet([dev]);
const blocked: string[] = fr.blocked["missing-update"];
const notTagged: number = fr.byMissing["not-tagged"];
const br: BrowserReport = gate.browser("Mozilla/5.0");
const here: BrowserReport = gate.browser();
const wasm: boolean = br.webAssembly && here.supported;
const first: Missing | undefined = dr.missing[0];
// @ts-expect-error: a device needs `onboarded`
gate.device({ id: "pc", os: "Windows 10", intune: true, configMgr: false, securityRecommendations: 1, coManaged: false });
void [level, cspm, ws.ready, task, blocked, notTagged, wasm, first?.fix];

// The gate-only entry: the same gate calls, and no prerequisite calls.
import * as gateOnly from "exposure-gate/gate";
const lean: gateOnly.Gate = gateOnly.Gate.builtin();
const leanDecision: Decision = lean.check(subject, "manage-recommendations");
const leanMatrix: gateOnly.Matrix = lean.matrix();
// @ts-expect-error: the gate-only entry has no prerequisite calls
lean.device(dev);
void [leanDecision, leanMatrix];

// The runtime entry: compiled policies in, the same gate calls, and neither
// a policy reader nor the prerequisite calls.
import * as runtime from "exposure-gate/runtime";
const compiled: Uint8Array = gate.toCompiled();
const fromBytes: runtime.Gate = runtime.Gate.fromCompiled(compiled);
const fromBuffer: runtime.Gate = runtime.Gate.fromCompiled(new ArrayBuffer(0));
const runtimeDecision: Decision = fromBytes.check(subject, "manage-recommendations");
// @ts-expect-error: the runtime entry reads no policy documents
runtime.Gate.fromPolicy("{}");
// @ts-expect-error: nor hands them back
fromBytes.toCompiled();
// @ts-expect-error: a compiled policy is bytes, not JSON text
runtime.Gate.fromCompiled("{}");
void [runtimeDecision, fromBuffer];
