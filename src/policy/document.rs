//! The policy document: the JSON form a policy is written and shipped in.
//!
//! These types only describe the shape; [`compile`](super::compile) checks that
//! a document is consistent and turns it into the indexed
//! [`Policy`](super::Policy) the engine evaluates. Field names are camelCase in
//! JSON. Unknown fields are refused, so that a typo such as `"grant"` for
//! `"grants"` is an error and not a silently empty policy.

use serde::{Deserialize, Serialize};

crate::json::map_only! {
    PolicyDocument => "a policy document object",
    RoleDef => "a role object",
    ActionDef => "an action object",
    GrantDef => "a grant object",
    TvmPermissionDef => "a TVM permission object",
    TvmRoleDef => "a TVM role object",
}

/// The current document format version.
pub const POLICY_VERSION: u32 = 1;

/// A whole policy document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, remote = "Self")]
pub struct PolicyDocument {
    /// Format version; must be [`POLICY_VERSION`].
    pub version: u32,
    /// A short name for the policy, shown in explanations and logs.
    #[serde(default)]
    pub name: String,
    /// Where the policy comes from (for the built-in one: the two source documents).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// The Entra ID roles, in display order.
    pub roles: Vec<RoleDef>,
    /// The actions, in policy order (`checkAll` and `matrix` keep it).
    pub actions: Vec<ActionDef>,
    /// Which roles grant which actions.
    pub grants: Vec<GrantDef>,
    /// Threat and vulnerability management permission options.
    #[serde(default)]
    pub tvm_permissions: Vec<TvmPermissionDef>,
    /// TVM roles: named sets of TVM permission options.
    #[serde(default)]
    pub tvm_roles: Vec<TvmRoleDef>,
}

/// An Entra ID role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, remote = "Self")]
pub struct RoleDef {
    /// Lowercase kebab-case id, such as `security-admin`.
    pub id: String,
    /// Display name, such as `Security Admin`.
    pub name: String,
    /// Entra role template IDs (GUIDs, as in a token's `wids` claim) that mean this role.
    #[serde(default)]
    pub template_ids: Vec<String>,
    /// Whether the prose calls the role read-only; the lint reports write
    /// actions granted to such a role.
    #[serde(default)]
    pub read_only: bool,
    /// What the source says of the role's access, such as `read and write permissions`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// What an action does to shared state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionKind {
    /// Reads, views, exports or shares; changes nothing.
    Read,
    /// Changes something other users see (settings, scores, rules, permissions).
    Write,
    /// Changes only the user's own view (such as marking a favourite).
    Personal,
}

impl ActionKind {
    /// `read`, `write` or `personal`, as in the document.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Read => "read",
            ActionKind::Write => "write",
            ActionKind::Personal => "personal",
        }
    }
}

/// An action a user may or may not take.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, remote = "Self")]
pub struct ActionDef {
    /// Lowercase kebab-case id, such as `manage-recommendations`.
    pub id: String,
    /// The label the source gives the action, such as `Manage recommendations`.
    pub label: String,
    /// Read, write or personal.
    pub kind: ActionKind,
    /// Whether a subject scoped to some device groups is denied the action.
    #[serde(default)]
    pub scoped: bool,
    /// The TVM permission option that grants the action, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tvm_permission: Option<String>,
    /// Where the action comes from in the sources.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
}

/// One role's grants.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, remote = "Self")]
pub struct GrantDef {
    /// The role id.
    pub role: String,
    /// The action ids the role grants.
    pub actions: Vec<String>,
}

/// A TVM permission option (Settings > Roles in the Defender portal).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, remote = "Self")]
pub struct TvmPermissionDef {
    /// Lowercase kebab-case id, such as `tvm-exception-handling`.
    pub id: String,
    /// The option's name in the portal.
    pub name: String,
    /// The heading it stands under (`View data`, `Active remediation actions`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub group: String,
    /// What the option lets a user do.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A TVM role: a named set of TVM permission options.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, remote = "Self")]
pub struct TvmRoleDef {
    /// Lowercase kebab-case id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The permission option ids the role holds.
    pub permissions: Vec<String>,
}
