//! [`Gate`]: the facade every skin (wasm, CLI, server) calls.

use std::sync::Arc;

use crate::decision::{self, Decision, Matrix};
use crate::error::{Error, ErrorCode, Result};
use crate::prereq::{
    self, BrowserReport, Device, DeviceReport, FleetItem, FleetReport, LicensingInput, LicensingReport, Prerequisites,
    RoleRef, WorkspaceInput, WorkspaceReport,
};
use crate::policy::{self, ActionDef, Finding, Policy, PolicyDocument, RoleDef, TvmPermissionDef, TvmRoleDef};
use crate::subject::{self, ResolvedSubject, Subject};

/// A loaded, validated policy that answers questions. Cheap to clone (the
/// policy is shared), and `Send + Sync`, so one gate serves a whole server.
///
/// # Example
///
/// ```
/// use exposure_gate::{Gate, ReasonCode, Subject};
///
/// let gate = Gate::builtin()?;
/// let scoped = Subject::with_roles(["global-admin"]).scoped_to(["Finance"]);
/// let d = gate.check(&scoped, "view-attack-paths")?;
/// assert!(!d.allowed);
/// assert_eq!(d.reason.code, ReasonCode::ScopeRestricted);
/// assert!(gate.check(&scoped, "view-metrics")?.allowed);
/// # Ok::<(), exposure_gate::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Gate {
    policy: Arc<Policy>,
}

impl Gate {
    /// The built-in policy, transcribed from the two source documents
    /// ([`BUILTIN_JSON`](crate::policy::BUILTIN_JSON)) and embedded in its
    /// compiled form ([`BUILTIN_COMPILED`](crate::policy::BUILTIN_COMPILED)),
    /// so that loading it parses no JSON. The test suite checks that the two
    /// are the same policy, so this fails only if the embedded file was broken.
    pub fn builtin() -> Result<Gate> {
        Gate::from_compiled(policy::BUILTIN_COMPILED)
    }

    /// Load a policy in compiled form (see [`Gate::to_compiled`]). It is
    /// checked exactly as its JSON would be; bytes that are not a compiled
    /// policy, or a damaged one, are an `invalid-policy` error.
    ///
    /// # Example
    ///
    /// ```
    /// use exposure_gate::{ErrorCode, Gate};
    ///
    /// let bytes = Gate::builtin()?.to_compiled()?;
    /// assert_eq!(Gate::from_compiled(&bytes)?.matrix(), Gate::builtin()?.matrix());
    /// let err = Gate::from_compiled(&bytes[..bytes.len() - 1]).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::InvalidPolicy);
    /// # Ok::<(), exposure_gate::Error>(())
    /// ```
    pub fn from_compiled(bytes: &[u8]) -> Result<Gate> {
        Ok(Gate { policy: Arc::new(policy::from_compiled(bytes)?) })
    }

    /// The policy in compiled form: its document in a compact binary
    /// encoding that `Gate::from_compiled` (and the npm entry
    /// `exposure-gate/runtime`, which reads no JSON policies) loads. A policy
    /// with its own prerequisite tables has none: an `invalid-policy` error.
    pub fn to_compiled(&self) -> Result<Vec<u8>> {
        policy::to_compiled(&self.policy.doc)
    }

    /// Load a policy from JSON text. Bad JSON, a wrong shape or an
    /// inconsistent document is an `invalid-policy` error naming the place.
    ///
    /// # Example
    ///
    /// ```
    /// use exposure_gate::{ErrorCode, Gate};
    ///
    /// let err = Gate::from_json(r#"{ "version": 1, "roles": [], "actions": [],
    ///     "grants": [{ "role": "auditor", "actions": [] }] }"#).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::InvalidPolicy);
    /// assert_eq!(err.pointer(), Some("/grants/0/role"));
    /// ```
    pub fn from_json(text: &str) -> Result<Gate> {
        Gate::from_document(crate::json::from_str(text, ErrorCode::InvalidPolicy)?)
    }

    /// Validate and index a policy document.
    pub fn from_document(doc: PolicyDocument) -> Result<Gate> {
        Ok(Gate { policy: Arc::new(policy::compile(doc)?) })
    }

    /// The policy document (template IDs in lowercase).
    pub fn document(&self) -> &PolicyDocument {
        &self.policy.doc
    }

    /// The roles, in policy order.
    pub fn roles(&self) -> &[RoleDef] {
        &self.policy.doc.roles
    }

    /// The actions, in policy order.
    pub fn actions(&self) -> &[ActionDef] {
        &self.policy.doc.actions
    }

    /// The TVM permission options.
    pub fn tvm_permissions(&self) -> &[TvmPermissionDef] {
        &self.policy.doc.tvm_permissions
    }

    /// The TVM roles.
    pub fn tvm_roles(&self) -> &[TvmRoleDef] {
        &self.policy.doc.tvm_roles
    }

    /// Resolve a subject once for many fast checks. Unknown roles are
    /// `unknown-role` errors, unknown TVM permissions `invalid-subject`.
    pub fn resolve(&self, subject: &Subject) -> Result<ResolvedSubject> {
        subject::resolve(&self.policy, subject)
    }

    /// Decide one action for one subject.
    ///
    /// # Example
    ///
    /// ```
    /// use exposure_gate::{Gate, ReasonCode, Subject};
    ///
    /// let gate = Gate::builtin()?;
    /// let d = gate.check(&Subject::with_roles(["security-reader"]), "manage-recommendations")?;
    /// assert_eq!(d.reason.code, ReasonCode::NoRole);
    /// assert_eq!(
    ///     d.reason.message,
    ///     "Manage recommendations needs Global Admin or Security Admin; you have Security Reader."
    /// );
    /// # Ok::<(), exposure_gate::Error>(())
    /// ```
    pub fn check(&self, subject: &Subject, action: &str) -> Result<Decision> {
        let index = subject::action_index(&self.policy, action)?;
        Ok(decision::decide(&self.resolve(subject)?, index))
    }

    /// Decide every action, in policy order.
    pub fn check_all(&self, subject: &Subject) -> Result<Vec<Decision>> {
        Ok(self.resolve(subject)?.check_all())
    }

    /// The ids of the actions the subject may take, in policy order.
    pub fn allowed_actions(&self, subject: &Subject) -> Result<Vec<&str>> {
        let resolved = self.resolve(subject)?;
        let policy = &*self.policy;
        Ok(resolved.allowed.iter().filter_map(|a| policy.action(a)).map(|a| a.id.as_str()).collect())
    }

    /// The roles that grant `action` to an unscoped subject, in policy order.
    ///
    /// ```
    /// # let gate = exposure_gate::Gate::builtin()?;
    /// assert_eq!(
    ///     gate.who_can("toggle-criticality-rule")?,
    ///     ["global-admin", "security-admin", "security-operator"]
    /// );
    /// # Ok::<(), exposure_gate::Error>(())
    /// ```
    pub fn who_can(&self, action: &str) -> Result<Vec<&str>> {
        let index = subject::action_index(&self.policy, action)?;
        Ok(self.role_ids(self.policy.compiled(index).map(|c| c.granted_by.as_slice())))
    }

    /// The roles that grant `action` and hold the fewest grants overall.
    ///
    /// ```
    /// # let gate = exposure_gate::Gate::builtin()?;
    /// assert_eq!(gate.least_privileged_roles("manage-recommendations")?, ["security-admin"]);
    /// # Ok::<(), exposure_gate::Error>(())
    /// ```
    pub fn least_privileged_roles(&self, action: &str) -> Result<Vec<&str>> {
        let index = subject::action_index(&self.policy, action)?;
        Ok(self.role_ids(self.policy.compiled(index).map(|c| c.least_privileged.as_slice())))
    }

    /// The role-by-action table.
    pub fn matrix(&self) -> Matrix {
        decision::matrix(&self.policy)
    }

    /// What the policy says that is legal but probably not meant (for the
    /// built-in policy: the read-only roles that the table grants writes).
    pub fn lint(&self) -> Vec<Finding> {
        policy::lint(&self.policy)
    }

    /// The prerequisite tables of the policy (the built-in ones when the
    /// document has none).
    pub fn prerequisites(&self) -> &Prerequisites {
        self.policy.prerequisites()
    }

    /// The licensing level and what it lacks (see [`prereq::licensing`]).
    ///
    /// # Example
    ///
    /// ```
    /// use exposure_gate::prereq::{LicensingInput, LicensingLevel};
    ///
    /// let gate = exposure_gate::Gate::builtin()?;
    /// let input = LicensingInput::from_json(r#"{ "licenses": ["m365-e5"], "defenderCspm": true }"#)?;
    /// assert_eq!(gate.licensing(&input).level, LicensingLevel::Optimal);
    /// # Ok::<(), exposure_gate::Error>(())
    /// ```
    pub fn licensing(&self, input: &LicensingInput) -> LicensingReport {
        prereq::licensing(self.policy.prerequisites(), input)
    }

    /// Whether someone can create the Exposure Management workspace, with the
    /// roles resolved against this policy (see [`prereq::workspace`]).
    ///
    /// # Example
    ///
    /// ```
    /// use exposure_gate::prereq::WorkspaceInput;
    ///
    /// let gate = exposure_gate::Gate::builtin()?;
    /// let input = WorkspaceInput::from_json(
    ///     r#"{ "assignments": [{ "user": "ana", "roles": ["194ae4cb-b126-40b2-bd5b-6091b380977d"] }] }"#,
    /// )?;
    /// let report = gate.workspace(&input)?;
    /// assert!(report.ready);
    /// assert_eq!(report.qualified[0].roles, ["security-admin"]);
    /// # Ok::<(), exposure_gate::Error>(())
    /// ```
    pub fn workspace(&self, input: &WorkspaceInput) -> Result<WorkspaceReport> {
        let policy = &*self.policy;
        prereq::workspace(policy.prerequisites(), input, |id| {
            let role = policy.role_index.get(&id.to_ascii_lowercase()).and_then(|&i| policy.role(i));
            role.map(|r| RoleRef { id: &r.id, name: &r.name }).ok_or_else(|| {
                Error::unknown(ErrorCode::UnknownRole, "role", id, subject::role_candidates(policy, id))
            })
        })
    }

    /// Whether one device is ready for threat and vulnerability management
    /// (see [`prereq::device`]).
    ///
    /// # Example
    ///
    /// ```
    /// use exposure_gate::prereq::Device;
    ///
    /// let gate = exposure_gate::Gate::builtin()?;
    /// let device = Device::from_json(r#"{ "id": "pc-1", "onboarded": true, "os": "Windows 10",
    ///     "osVersion": "1903", "installedKbs": [], "intune": true, "configMgr": false,
    ///     "securityRecommendations": 1, "tags": ["t"], "coManaged": false }"#)?;
    /// let report = gate.device(&device)?;
    /// assert_eq!(report.missing[0].items, ["KB4512941"]);
    /// # Ok::<(), exposure_gate::Error>(())
    /// ```
    pub fn device(&self, device: &Device) -> Result<DeviceReport> {
        prereq::device(self.policy.prerequisites(), device)
    }

    /// The readiness of many devices, summarised (see [`prereq::fleet`]).
    ///
    /// # Example
    ///
    /// ```
    /// let gate = exposure_gate::Gate::builtin()?;
    /// let devices = exposure_gate::prereq::devices_from_json(r#"[{ "id": "x" }]"#)?;
    /// let report = gate.fleet(&devices);
    /// assert_eq!((report.total, report.invalid.len()), (1, 1));
    /// # Ok::<(), exposure_gate::Error>(())
    /// ```
    pub fn fleet<'a, T: FleetItem>(&self, devices: &'a [T]) -> FleetReport<'a> {
        prereq::fleet(self.policy.prerequisites(), devices)
    }

    /// Portal support and WebAssembly for a user agent (see
    /// [`prereq::browser`]; the same for every policy).
    ///
    /// # Example
    ///
    /// ```
    /// let gate = exposure_gate::Gate::builtin()?;
    /// let ie10 = gate.browser("Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; Trident/6.0)");
    /// assert!(!ie10.supported);
    /// # Ok::<(), exposure_gate::Error>(())
    /// ```
    pub fn browser(&self, user_agent: &str) -> BrowserReport {
        prereq::browser(user_agent)
    }

    fn role_ids(&self, roles: Option<&[usize]>) -> Vec<&str> {
        roles.unwrap_or_default().iter().filter_map(|&r| self.policy.role(r)).map(|r| r.id.as_str()).collect()
    }
}
