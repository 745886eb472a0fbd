//! Who is asking: the [`Subject`] as callers write it, and the
//! [`ResolvedSubject`] the engine checks against.
//!
//! A portal gates dozens of controls on every render, so a subject is
//! resolved once (ids looked up, allowed actions computed into a bitset) and
//! each later check through it is a bit test.

use std::sync::Arc;

use serde::ser::Serializer;
use serde::Serialize;

use crate::bitset::BitSet;
use crate::decision::{self, Decision};
use crate::error::{Error, ErrorCode, Result};
use crate::json::{readable, At, Read, Value};
use crate::limits::{GROUP_NAME_CHARS, SUBJECT_ENTRIES};
use crate::policy::Policy;
use crate::sorted;

/// The subject of a question, as JSON: `{ "roles": [...], "deviceGroups":
/// "all" | [...], "tvmPermissions": [...], "tvmRoles": [...] }`.
///
/// Unknown fields are refused (`"role"` for `"roles"` is an error, not a
/// subject without roles). A subject with no roles is valid and is denied
/// every role-granted action.
///
/// # Example
///
/// ```
/// use exposure_gate::{DeviceGroups, Subject};
///
/// let s = Subject::from_json(r#"{ "roles": ["Security-Operator"], "deviceGroups": ["Finance"] }"#)?;
/// assert_eq!(s.roles, ["Security-Operator"]);
/// assert_eq!(s.device_groups, DeviceGroups::Only(vec!["Finance".into()]));
/// # Ok::<(), exposure_gate::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Subject {
    /// Role ids or Entra role template IDs, any case.
    pub roles: Vec<String>,
    /// `all` (the default) or the device groups the subject is scoped to.
    pub device_groups: DeviceGroups,
    /// TVM permission option ids held directly.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tvm_permissions: Vec<String>,
    /// TVM role ids defined in the policy; each brings its permission options.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tvm_roles: Vec<String>,
}

impl Subject {
    /// A subject with these roles and access to all device groups.
    pub fn with_roles<S: Into<String>>(roles: impl IntoIterator<Item = S>) -> Self {
        Subject { roles: roles.into_iter().map(Into::into).collect(), ..Subject::default() }
    }

    /// The same subject scoped to these device groups.
    pub fn scoped_to<S: Into<String>>(mut self, groups: impl IntoIterator<Item = S>) -> Self {
        self.device_groups = DeviceGroups::Only(groups.into_iter().map(Into::into).collect());
        self
    }

    /// Parse a subject from JSON text; a malformed one is an `invalid-subject`
    /// error naming the field.
    pub fn from_json(text: &str) -> Result<Self> {
        crate::json::from_str(text, ErrorCode::InvalidSubject)
    }
}

readable! { Subject, "a subject object such as {\"roles\": [\"security-reader\"]}", {
    roles: "roles" or_default,
    device_groups: "deviceGroups" or_default,
    tvm_permissions: "tvmPermissions" or_default,
    tvm_roles: "tvmRoles" or_default,
} }

/// Which device groups a subject may see.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum DeviceGroups {
    /// Every device group: full Exposure Management access.
    #[default]
    All,
    /// Only these groups: global insights stay visible, but device details,
    /// attack paths and the exposure graph are denied. An empty list is a
    /// subject scoped to no group at all.
    Only(Vec<String>),
}

impl DeviceGroups {
    /// Whether the subject is limited to some device groups.
    pub fn is_scoped(&self) -> bool {
        matches!(self, DeviceGroups::Only(_))
    }
}

impl Serialize for DeviceGroups {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            DeviceGroups::All => serializer.serialize_str("all"),
            DeviceGroups::Only(groups) => groups.serialize(serializer),
        }
    }
}

impl Read for DeviceGroups {
    fn read(value: &Value, at: &At<'_>) -> Result<Self> {
        const WANT: &str = "\"all\" or a list of device-group names";
        match value {
            Value::String(s) if s == "all" => Ok(DeviceGroups::All),
            Value::String(s) => Err(at.error(format!("invalid value: the string \"{}\", expected {WANT}", crate::suggest::clip(s)))),
            Value::Array(_) => {
                let groups: Vec<String> = Read::read(value, at)?;
                match groups.iter().position(|g| g.trim().is_empty()) {
                    Some(i) => Err(at.index(i).error("invalid value: a blank string, expected a non-empty device-group name")),
                    None => Ok(DeviceGroups::Only(groups)),
                }
            }
            _ => Err(at.invalid_type(value, WANT)),
        }
    }
}

/// A subject resolved against one policy: what it may do, computed once.
///
/// Made by [`Gate::resolve`](crate::Gate::resolve). It keeps the policy alive,
/// so it can answer on its own.
///
/// # Example
///
/// ```
/// use exposure_gate::{Gate, Subject};
///
/// let gate = Gate::builtin()?;
/// let me = gate.resolve(&Subject::with_roles(["security-operator"]))?;
/// assert!(me.can("toggle-criticality-rule")?);
/// assert!(!me.can("create-criticality-rule")?);
/// assert!(me.can("no-such-action").is_err()); // a typo is an error, never a silent denial
/// # Ok::<(), exposure_gate::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct ResolvedSubject {
    pub(crate) policy: Arc<Policy>,
    /// Role indices, ascending, without duplicates.
    pub(crate) roles: Vec<usize>,
    /// TVM role indices, ascending, without duplicates.
    pub(crate) tvm_roles: Vec<usize>,
    /// TVM permission indices held directly, ascending, without duplicates.
    pub(crate) direct_permissions: Vec<usize>,
    /// TVM permission indices held directly or through a TVM role.
    pub(crate) permissions: Vec<usize>,
    pub(crate) device_groups: DeviceGroups,
    /// Actions allowed, device-group scope already applied.
    pub(crate) allowed: BitSet,
    /// Actions a role or permission grants, before scope.
    pub(crate) granted: BitSet,
}

impl ResolvedSubject {
    /// Whether the subject may take `action`. An unknown action is an error.
    pub fn can(&self, action: &str) -> Result<bool> {
        Ok(self.allowed.contains(self.action_index(action)?))
    }

    /// The full [`Decision`] for `action`, with its reason.
    pub fn check(&self, action: &str) -> Result<Decision> {
        Ok(decision::decide(self, self.action_index(action)?))
    }

    /// A decision for every action of the policy, in policy order.
    pub fn check_all(&self) -> Vec<Decision> {
        (0..self.policy.actions.len()).map(|a| decision::decide(self, a)).collect()
    }

    /// The ids of the allowed actions, in policy order.
    pub fn allowed_actions(&self) -> Vec<&str> {
        self.allowed.iter().filter_map(|a| self.policy.action(a)).map(|a| a.id.as_str()).collect()
    }

    /// The allowed actions as a bitmask over policy order, 32 bits a word
    /// (bit `i % 32` of word `i / 32` is action `i`): what a JS front end
    /// needs to gate a page without crossing into wasm per control.
    pub fn allowed_mask(&self) -> Vec<u32> {
        self.allowed.words().iter().flat_map(|&w| [w as u32, (w >> 32) as u32]).collect()
    }

    /// Whether the subject is scoped to some device groups.
    pub fn is_scoped(&self) -> bool {
        self.device_groups.is_scoped()
    }

    pub(crate) fn action_index(&self, action: &str) -> Result<usize> {
        action_index(&self.policy, action)
    }
}

/// Look an action id up, or fail with the nearest ids.
pub(crate) fn action_index(policy: &Policy, action: &str) -> Result<usize> {
    policy.action_index.get(action).copied().ok_or_else(|| {
        Error::unknown(ErrorCode::UnknownAction, "action", action, policy.doc.actions.iter().map(|a| a.id.as_str()))
    })
}

/// Resolve `subject` against `policy`: every id looked up (an unknown one is an
/// error with its pointer), then the allowed actions computed.
pub(crate) fn resolve(policy: &Arc<Policy>, subject: &Subject) -> Result<ResolvedSubject> {
    check_size(subject)?;
    let mut roles = Vec::with_capacity(subject.roles.len());
    for (i, role) in subject.roles.iter().enumerate() {
        let index = policy.role_index.get(&role.to_ascii_lowercase()).copied().ok_or_else(|| {
            Error::unknown(ErrorCode::UnknownRole, "role", role, role_candidates(policy, role)).at(format!("/roles/{i}"))
        })?;
        sorted::insert(&mut roles, index);
    }
    let mut tvm_roles = Vec::with_capacity(subject.tvm_roles.len());
    for (i, id) in subject.tvm_roles.iter().enumerate() {
        let index = policy.tvm_role_index.get(id.as_str()).copied().ok_or_else(|| {
            Error::unknown(ErrorCode::UnknownRole, "TVM role", id, policy.doc.tvm_roles.iter().map(|r| r.id.as_str()))
                .at(format!("/tvmRoles/{i}"))
        })?;
        sorted::insert(&mut tvm_roles, index);
    }
    let mut direct_permissions = Vec::with_capacity(subject.tvm_permissions.len());
    for (i, id) in subject.tvm_permissions.iter().enumerate() {
        let index = policy.permission_index.get(id.as_str()).copied().ok_or_else(|| {
            let ids = policy.doc.tvm_permissions.iter().map(|p| p.id.as_str());
            Error::unknown(ErrorCode::InvalidSubject, "TVM permission", id, ids).at(format!("/tvmPermissions/{i}"))
        })?;
        sorted::insert(&mut direct_permissions, index);
    }
    let mut permissions = direct_permissions.clone();
    for &p in tvm_roles.iter().filter_map(|&r| policy.tvm_role_permissions.get(r)).flatten() {
        sorted::insert(&mut permissions, p);
    }

    let mut granted = BitSet::new(policy.actions.len());
    let by_role = roles.iter().filter_map(|&r| policy.role_actions.get(r));
    let by_permission = permissions.iter().filter_map(|&p| policy.permission_actions.get(p));
    for &action in by_role.chain(by_permission).flatten() {
        granted.insert(action);
    }
    let allowed = if subject.device_groups.is_scoped() {
        let mut allowed = BitSet::new(policy.actions.len());
        for action in granted.iter().filter(|&a| policy.action(a).is_some_and(|a| !a.scoped)) {
            allowed.insert(action);
        }
        allowed
    } else {
        granted.clone()
    };
    Ok(ResolvedSubject {
        policy: Arc::clone(policy),
        roles,
        tvm_roles,
        direct_permissions,
        permissions,
        device_groups: subject.device_groups.clone(),
        allowed,
        granted,
    })
}

/// Refuse a subject past the limits of [`crate::limits`] before any lookup:
/// lists longer than any real subject holds, and device-group names too long
/// to quote in a decision.
fn check_size(subject: &Subject) -> Result<()> {
    let groups: &[String] = match &subject.device_groups {
        DeviceGroups::Only(groups) => groups,
        DeviceGroups::All => &[],
    };
    let lists = [
        ("roles", subject.roles.len()),
        ("tvmRoles", subject.tvm_roles.len()),
        ("tvmPermissions", subject.tvm_permissions.len()),
        ("deviceGroups", groups.len()),
    ];
    if let Some((field, len)) = lists.into_iter().find(|&(_, len)| len > SUBJECT_ENTRIES) {
        let message = format!("`{field}` has {len} entries; a subject holds at most {SUBJECT_ENTRIES}");
        return Err(Error::new(ErrorCode::InvalidSubject, message).at(format!("/{field}")));
    }
    let too_long = |g: &&String| g.len() > GROUP_NAME_CHARS && g.chars().count() > GROUP_NAME_CHARS;
    if let Some((i, group)) = groups.iter().enumerate().find(|(_, g)| too_long(g)) {
        let message = format!("device-group name `{}` is longer than {GROUP_NAME_CHARS} chars", crate::suggest::clip(group));
        return Err(Error::new(ErrorCode::InvalidSubject, message).at(format!("/deviceGroups/{i}")));
    }
    Ok(())
}

/// Role ids, plus template IDs when the value looks like a GUID: the ids a
/// mistyped role is most likely meant to be.
pub(crate) fn role_candidates<'a>(policy: &'a Policy, value: &str) -> Vec<&'a str> {
    let guid_like = value.len() >= 30 && value.contains('-');
    policy
        .doc
        .roles
        .iter()
        .flat_map(|r| {
            let templates = r.template_ids.iter().filter(move |_| guid_like).map(String::as_str);
            std::iter::once(r.id.as_str()).filter(move |_| !guid_like).chain(templates)
        })
        .collect()
}
