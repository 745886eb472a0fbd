//! The policy document: the JSON form a policy is written and shipped in.
//!
//! These types only describe the shape; [`compile`](super::compile) checks that
//! a document is consistent and turns it into the indexed
//! [`Policy`](super::Policy) the engine evaluates. Field names are camelCase in
//! JSON. Unknown fields are refused, so that a typo such as `"grant"` for
//! `"grants"` is an error and not a silently empty policy.

use serde::Serialize;

use crate::error::Result;
use crate::json::{readable, At, Read, Value};

use crate::prereq::PrerequisitesDef;

/// The current document format version.
pub const POLICY_VERSION: u32 = 1;

/// A whole policy document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyDocument {
    /// Format version; must be [`POLICY_VERSION`].
    pub version: u32,
    /// A short name for the policy, shown in explanations and logs.
    pub name: String,
    /// Where the policy comes from (for the built-in one: the two source documents).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// The Entra ID roles, in display order.
    pub roles: Vec<RoleDef>,
    /// The actions, in policy order (`checkAll` and `matrix` keep it).
    pub actions: Vec<ActionDef>,
    /// Which roles grant which actions.
    pub grants: Vec<GrantDef>,
    /// Threat and vulnerability management permission options.
    pub tvm_permissions: Vec<TvmPermissionDef>,
    /// TVM roles: named sets of TVM permission options.
    pub tvm_roles: Vec<TvmRoleDef>,
    /// Prerequisite tables (licence catalogue, supported operating systems,
    /// Windows 10 mandatory updates, workspace roles). They extend the
    /// built-in tables, which apply when this is absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prerequisites: Option<PrerequisitesDef>,
}

impl PolicyDocument {
    /// Read a document from JSON text, checking its shape only (a
    /// [`Gate`](crate::Gate) also checks that it is consistent). A malformed
    /// one is an `invalid-policy` error naming the place.
    ///
    /// # Example
    ///
    /// ```
    /// use exposure_gate::policy::{PolicyDocument, BUILTIN_JSON};
    ///
    /// assert_eq!(PolicyDocument::from_json(BUILTIN_JSON)?.roles.len(), 5);
    /// let err = PolicyDocument::from_json(r#"{ "version": 1, "roles": [], "actions": [], "grant": [] }"#).unwrap_err();
    /// assert_eq!(err.pointer(), Some("/grant"));
    /// assert_eq!(err.suggestions(), ["grants"]);
    /// # Ok::<(), exposure_gate::Error>(())
    /// ```
    pub fn from_json(text: &str) -> Result<PolicyDocument> {
        crate::json::from_str(text, crate::error::ErrorCode::InvalidPolicy)
    }
}

/// An Entra ID role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleDef {
    /// Lowercase kebab-case id, such as `security-admin`.
    pub id: String,
    /// Display name, such as `Security Admin`.
    pub name: String,
    /// Entra role template IDs (GUIDs, as in a token's `wids` claim) that mean this role.
    pub template_ids: Vec<String>,
    /// Whether the prose calls the role read-only; the lint reports write
    /// actions granted to such a role.
    pub read_only: bool,
    /// What the source says of the role's access, such as `read and write permissions`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// What an action does to shared state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionDef {
    /// Lowercase kebab-case id, such as `manage-recommendations`.
    pub id: String,
    /// The label the source gives the action, such as `Manage recommendations`.
    pub label: String,
    /// Read, write or personal.
    pub kind: ActionKind,
    /// Whether a subject scoped to some device groups is denied the action.
    pub scoped: bool,
    /// The TVM permission option that grants the action, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tvm_permission: Option<String>,
    /// Where the action comes from in the sources.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub source: String,
}

/// One role's grants.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GrantDef {
    /// The role id.
    pub role: String,
    /// The action ids the role grants.
    pub actions: Vec<String>,
}

/// A TVM permission option (Settings > Roles in the Defender portal).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TvmPermissionDef {
    /// Lowercase kebab-case id, such as `tvm-exception-handling`.
    pub id: String,
    /// The option's name in the portal.
    pub name: String,
    /// The heading it stands under (`View data`, `Active remediation actions`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub group: String,
    /// What the option lets a user do.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A TVM role: a named set of TVM permission options.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TvmRoleDef {
    /// Lowercase kebab-case id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The permission option ids the role holds.
    pub permissions: Vec<String>,
}

// Reading: each type's table of fields, how each is read (required, optional,
// or its default when left out); a field not in the table is refused (see
// `crate::json::readable`).

readable! { PolicyDocument, "a policy document object", {
    version: "version" required,
    name: "name" or_default,
    sources: "sources" or_default,
    roles: "roles" required,
    actions: "actions" required,
    grants: "grants" required,
    tvm_permissions: "tvmPermissions" or_default,
    tvm_roles: "tvmRoles" or_default,
    prerequisites: "prerequisites" optional,
} }

readable! { RoleDef, "a role object", {
    id: "id" required,
    name: "name" required,
    template_ids: "templateIds" or_default,
    read_only: "readOnly" or_default,
    description: "description" or_default,
} }

impl Read for ActionKind {
    fn read(value: &Value, at: &At<'_>) -> Result<Self> {
        match value.as_str() {
            Some("read") => Ok(ActionKind::Read),
            Some("write") => Ok(ActionKind::Write),
            Some("personal") => Ok(ActionKind::Personal),
            Some(other) => Err(at.unknown("action kind", other, ["read", "write", "personal"])),
            None => Err(at.invalid_type(value, "`read`, `write` or `personal`")),
        }
    }
}

readable! { ActionDef, "an action object", {
    id: "id" required,
    label: "label" required,
    kind: "kind" required,
    scoped: "scoped" or_default,
    tvm_permission: "tvmPermission" optional,
    source: "source" or_default,
} }

readable! { GrantDef, "a grant object", {
    role: "role" required,
    actions: "actions" required,
} }

readable! { TvmPermissionDef, "a TVM permission object", {
    id: "id" required,
    name: "name" required,
    group: "group" or_default,
    description: "description" or_default,
} }

readable! { TvmRoleDef, "a TVM role object", {
    id: "id" required,
    name: "name" required,
    permissions: "permissions" required,
} }
