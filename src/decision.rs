//! The answer: a [`Decision`] with its reason in a sentence a person reads,
//! and the role-by-action [`Matrix`].

use serde::{Deserialize, Serialize};

use crate::policy::Policy;
use crate::prose::{and_list, or_list, plural};
use crate::subject::{DeviceGroups, ResolvedSubject};

/// Whether a subject may take an action, and why.
///
/// `allowed` is true exactly when `granted_by` is not empty. A denial is an
/// answer, never an error.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    /// The action id asked about.
    pub action: String,
    /// Whether the action is allowed.
    pub allowed: bool,
    /// What of the subject's grants the action: role ids, TVM role ids, and
    /// TVM permission ids held directly. Empty when denied.
    pub granted_by: Vec<String>,
    /// Why, as a code and a sentence.
    pub reason: Reason,
    /// The roles that grant the action and hold the fewest grants overall:
    /// the role to ask for (Security Admin, not Global Admin, to manage
    /// recommendations). Empty when no Entra role grants it.
    pub least_privileged_roles: Vec<String>,
}

/// The reason of a [`Decision`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// The kind of reason.
    pub code: ReasonCode,
    /// A sentence a person reads, naming the roles involved.
    pub message: String,
}

/// The kinds of [`Reason`]; the kebab-case string forms are public.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ReasonCode {
    /// Allowed: a role or TVM permission of the subject grants the action.
    Granted,
    /// Denied: no role or TVM permission of the subject grants the action.
    NoRole,
    /// Denied: a role grants the action, but the subject is scoped to some
    /// device groups and the action needs all of them.
    ScopeRestricted,
    /// Denied: a prerequisite of the tenant or device is not met.
    PrerequisiteMissing,
}

impl ReasonCode {
    /// `granted`, `no-role`, `scope-restricted` or `prerequisite-missing`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonCode::Granted => "granted",
            ReasonCode::NoRole => "no-role",
            ReasonCode::ScopeRestricted => "scope-restricted",
            ReasonCode::PrerequisiteMissing => "prerequisite-missing",
        }
    }
}

/// The role-by-action table: `allowed[a][r]` is whether role `roles[r]` grants
/// action `actions[a]` to an unscoped subject.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Matrix {
    /// Role ids, in policy order.
    pub roles: Vec<String>,
    /// Role display names, parallel to `roles`.
    pub role_names: Vec<String>,
    /// Action ids, in policy order.
    pub actions: Vec<String>,
    /// Action labels, parallel to `actions`.
    pub action_labels: Vec<String>,
    /// One row per action, one column per role.
    pub allowed: Vec<Vec<bool>>,
}

pub(crate) fn matrix(policy: &Policy) -> Matrix {
    let doc = &policy.doc;
    Matrix {
        roles: doc.roles.iter().map(|r| r.id.clone()).collect(),
        role_names: doc.roles.iter().map(|r| r.name.clone()).collect(),
        actions: doc.actions.iter().map(|a| a.id.clone()).collect(),
        action_labels: doc.actions.iter().map(|a| a.label.clone()).collect(),
        allowed: policy
            .actions
            .iter()
            .map(|compiled| (0..doc.roles.len()).map(|r| compiled.granted_by.contains(&r)).collect())
            .collect(),
    }
}

/// The decision for action index `action`, which the caller has looked up in
/// the subject's own policy. An index out of range is denied.
pub(crate) fn decide(subject: &ResolvedSubject, action: usize) -> Decision {
    let policy = &*subject.policy;
    let (Some(def), Some(compiled)) = (policy.action(action), policy.compiled(action)) else {
        return Decision {
            action: String::new(),
            allowed: false,
            granted_by: Vec::new(),
            reason: Reason { code: ReasonCode::NoRole, message: "unknown action".to_owned() },
            least_privileged_roles: Vec::new(),
        };
    };
    let least_privileged_roles = role_ids(policy, &compiled.least_privileged);
    let label = &def.label;
    let (allowed, granted_by, code, message) = if subject.allowed.contains(action) {
        let granters = Granters::of(subject, action);
        let message = format!("{label} is granted by your {}.", granters.describe());
        (true, granters.ids(), ReasonCode::Granted, message)
    } else if subject.granted.contains(action) {
        let groups = match &subject.device_groups {
            DeviceGroups::Only(groups) if !groups.is_empty() => and_list(groups),
            _ => "no device group".to_owned(),
        };
        let message = format!(
            "{label} needs access to all device groups; your access is limited to {groups}. \
             Scoped users keep the global exposure insights but not device details, attack paths \
             or the exposure graph."
        );
        (false, Vec::new(), ReasonCode::ScopeRestricted, message)
    } else {
        (false, Vec::new(), ReasonCode::NoRole, needs_message(subject, action))
    };
    Decision {
        action: def.id.clone(),
        allowed,
        granted_by,
        reason: Reason { code, message },
        least_privileged_roles,
    }
}

/// What in a subject grants one action: role, TVM role and direct TVM
/// permission indices.
struct Granters<'p> {
    policy: &'p Policy,
    roles: Vec<usize>,
    tvm_roles: Vec<usize>,
    direct_permission: Option<usize>,
}

impl<'p> Granters<'p> {
    fn of(subject: &'p ResolvedSubject, action: usize) -> Self {
        let policy = &*subject.policy;
        let compiled = policy.compiled(action);
        let permission = compiled.and_then(|c| c.permission);
        let holds = |t: &usize| {
            permission.is_some_and(|p| policy.tvm_role_permissions.get(*t).is_some_and(|held| held.contains(&p)))
        };
        Granters {
            policy,
            roles: subject.roles.iter().copied().filter(|r| compiled.is_some_and(|c| c.granted_by.contains(r))).collect(),
            tvm_roles: subject.tvm_roles.iter().copied().filter(holds).collect(),
            direct_permission: permission.filter(|p| subject.direct_permissions.contains(p)),
        }
    }

    /// `["security-admin", "view-data", "view-tvm"]`: the ids, for `grantedBy`.
    fn ids(&self) -> Vec<String> {
        let policy = self.policy;
        let roles = self.roles.iter().filter_map(|&r| policy.role(r)).map(|r| r.id.clone());
        let tvm_roles = self.tvm_roles.iter().filter_map(|&t| policy.tvm_role(t)).map(|t| t.id.clone());
        let direct = self.direct_permission.and_then(|p| policy.permission(p)).map(|p| p.id.clone());
        roles.chain(tvm_roles).chain(direct).collect()
    }

    /// "roles Global Admin and Security Admin and TVM role View data": for the message.
    fn describe(&self) -> String {
        let policy = self.policy;
        let mut parts = Vec::new();
        let roles: Vec<&str> = self.roles.iter().filter_map(|&r| policy.role(r)).map(|r| r.name.as_str()).collect();
        if !roles.is_empty() {
            parts.push(format!("{} {}", plural("role", roles.len()), and_list(&roles)));
        }
        let tvm: Vec<&str> = self.tvm_roles.iter().filter_map(|&t| policy.tvm_role(t)).map(|t| t.name.as_str()).collect();
        if !tvm.is_empty() {
            parts.push(format!("TVM {} {}", plural("role", tvm.len()), and_list(&tvm)));
        }
        if let Some(p) = self.direct_permission {
            parts.push(format!("TVM permission {}", permission_name(policy, p)));
        }
        and_list(&parts)
    }
}

/// "Manage recommendations needs Global Admin or Security Admin; you have Security Reader."
fn needs_message(subject: &ResolvedSubject, action: usize) -> String {
    let policy = &*subject.policy;
    let (Some(def), Some(compiled)) = (policy.action(action), policy.compiled(action)) else {
        return String::new();
    };
    let mut needs: Vec<String> =
        compiled.granted_by.iter().filter_map(|&r| policy.role(r)).map(|r| r.name.clone()).collect();
    if let Some(permission) = compiled.permission {
        let holders: Vec<&str> = policy
            .doc
            .tvm_roles
            .iter()
            .zip(&policy.tvm_role_permissions)
            .filter(|(_, held)| held.contains(&permission))
            .map(|(t, _)| t.name.as_str())
            .collect();
        let via = if holders.is_empty() {
            String::new()
        } else {
            format!(" (held by the TVM {} {})", plural("role", holders.len()), and_list(&holders))
        };
        needs.push(format!("the TVM permission {}{via}", permission_name(policy, permission)));
    }
    if needs.is_empty() {
        return format!("{} is not granted to any role in the policy `{}`.", def.label, policy.doc.name);
    }
    let mut have: Vec<String> = subject.roles.iter().filter_map(|&r| policy.role(r)).map(|r| r.name.clone()).collect();
    if compiled.permission.is_some() {
        have.extend(subject.permissions.iter().map(|&p| format!("the TVM permission {}", permission_name(policy, p))));
    }
    let have = if have.is_empty() {
        if compiled.permission.is_some() { "no granting role or TVM permission".to_owned() } else { "no role".to_owned() }
    } else {
        and_list(&have)
    };
    format!("{} needs {}; you have {have}.", def.label, or_list(&needs))
}

/// A TVM permission's name with its heading, since two options share the
/// name "Security operations": "Security operations (Active remediation actions)".
fn permission_name(policy: &Policy, permission: usize) -> String {
    match policy.permission(permission) {
        Some(p) if p.group.is_empty() => p.name.clone(),
        Some(p) => format!("{} ({})", p.name, p.group),
        None => String::new(),
    }
}

fn role_ids(policy: &Policy, roles: &[usize]) -> Vec<String> {
    roles.iter().filter_map(|&r| policy.role(r)).map(|r| r.id.clone()).collect()
}
