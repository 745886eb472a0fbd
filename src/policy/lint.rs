//! Lint: what a policy says that is legal but probably not meant.
//!
//! The source document calls Global Reader and Security Reader read-only
//! ("read permissions"), yet its own table grants them write actions such as
//! "Change criticality level". The table is the authority, so the built-in
//! policy keeps those grants, and the lint reports the disagreement.

use serde::{Deserialize, Serialize};

use super::{ActionKind, Policy};

/// One lint finding: a stable `code`, a sentence, and where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// `read-only-role-writes`, `action-granted-to-nobody` or `role-grants-nothing`.
    pub code: String,
    /// What is wrong, naming the ids.
    pub message: String,
    /// The JSON pointer of the grant, action or role concerned.
    pub pointer: String,
}

pub(crate) fn lint(policy: &Policy) -> Vec<Finding> {
    let doc = &policy.doc;
    let mut findings = Vec::new();
    for (g, grant) in doc.grants.iter().enumerate() {
        let Some(role) = policy.role_index.get(&grant.role.to_ascii_lowercase()).and_then(|&r| policy.role(r)) else {
            continue;
        };
        if !role.read_only {
            continue;
        }
        for (k, id) in grant.actions.iter().enumerate() {
            let action = policy.action_index.get(id).and_then(|&a| policy.action(a));
            if let Some(action) = action.filter(|a| a.kind == ActionKind::Write) {
                findings.push(Finding {
                    code: "read-only-role-writes".to_owned(),
                    message: format!(
                        "`{}` is described as read-only ({}) but is granted the write action `{}` ({})",
                        role.id,
                        if role.description.is_empty() { "readOnly" } else { &role.description },
                        action.id,
                        action.label
                    ),
                    pointer: format!("/grants/{g}/actions/{k}"),
                });
            }
        }
    }
    for (i, (action, compiled)) in doc.actions.iter().zip(&policy.actions).enumerate() {
        if compiled.granted_by.is_empty() && compiled.permission.is_none() {
            findings.push(Finding {
                code: "action-granted-to-nobody".to_owned(),
                message: format!("no role or TVM permission grants `{}`, so it is always denied", action.id),
                pointer: format!("/actions/{i}"),
            });
        }
    }
    for (i, (role, granted)) in doc.roles.iter().zip(&policy.role_actions).enumerate() {
        if granted.is_empty() {
            findings.push(Finding {
                code: "role-grants-nothing".to_owned(),
                message: format!("role `{}` grants no action", role.id),
                pointer: format!("/roles/{i}"),
            });
        }
    }
    findings
}
