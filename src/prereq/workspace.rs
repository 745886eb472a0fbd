//! Workspace: can this tenant create the Exposure Management workspace?
//!
//! From the source ("Permissions"): "You need a tenant with at least one
//! Global Admin or Security Admin to create a Security Exposure Management
//! workspace." Which roles qualify is data (`workspaceRoles`); the role table
//! itself belongs to the policy, so the check takes a resolver: a function
//! from a role id or Entra role template ID to the role. [`resolve_role`]
//! resolves against a list of [`RoleDef`]s; the `Gate` passes its own.

use serde::Serialize;

use super::compile::Prerequisites;
use super::missing::Missing;
use crate::prose::or_list;
use crate::error::{Error, ErrorCode, Result};
use crate::json::readable;
use crate::policy::RoleDef;

/// A resolved role: its canonical id and display name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoleRef<'r> {
    /// Canonical id, such as `security-admin`.
    pub id: &'r str,
    /// Display name, such as `Security Admin`.
    pub name: &'r str,
}

/// Resolve a role id or Entra role template ID (any case) against a role
/// table, as the `Gate` resolves a subject's roles. An unknown role is an `unknown-role` error
/// naming the nearest ids.
///
/// # Example
///
/// ```
/// use exposure_gate::policy::RoleDef;
/// use exposure_gate::prereq::resolve_role;
///
/// let roles = vec![RoleDef {
///     id: "security-admin".into(),
///     name: "Security Admin".into(),
///     template_ids: vec!["194ae4cb-b126-40b2-bd5b-6091b380977d".into()],
///     read_only: false,
///     description: String::new(),
/// }];
/// assert_eq!(resolve_role(&roles, "194AE4CB-B126-40B2-BD5B-6091B380977D")?.id, "security-admin");
/// let err = resolve_role(&roles, "security-admn").unwrap_err();
/// assert_eq!(err.suggestions(), ["security-admin"]);
/// # Ok::<(), exposure_gate::Error>(())
/// ```
pub fn resolve_role<'r>(roles: &'r [RoleDef], id_or_template: &str) -> Result<RoleRef<'r>> {
    let wanted = id_or_template;
    roles
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(wanted) || r.template_ids.iter().any(|t| t.eq_ignore_ascii_case(wanted)))
        .map(|r| RoleRef { id: &r.id, name: &r.name })
        .ok_or_else(|| Error::unknown(ErrorCode::UnknownRole, "role", wanted, roles.iter().map(|r| r.id.as_str())))
}

/// The tenant's role assignments.
///
/// # Example
///
/// ```
/// let input = exposure_gate::prereq::WorkspaceInput::from_json(
///     r#"{ "assignments": [{ "user": "ana", "roles": ["security-admin"] }] }"#,
/// )?;
/// assert_eq!(input.assignments[0].user, "ana");
/// # Ok::<(), exposure_gate::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceInput {
    /// Who holds which roles.
    pub assignments: Vec<Assignment>,
}

impl WorkspaceInput {
    /// Read the input from JSON text; a malformed one is an `invalid-input`
    /// error pointing at the bad value.
    ///
    /// # Example
    ///
    /// ```
    /// let err = exposure_gate::prereq::WorkspaceInput::from_json(r#"{ "assignments": [{ "user": "ana" }] }"#).unwrap_err();
    /// assert_eq!(err.pointer(), Some("/assignments/0"));
    /// assert!(err.message().starts_with("missing field `roles`"));
    /// ```
    pub fn from_json(text: &str) -> Result<WorkspaceInput> {
        crate::json::from_str(text, ErrorCode::InvalidInput)
    }
}

/// One user's roles.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Assignment {
    /// The user (a name, UPN or object id: whatever the caller shows people).
    pub user: String,
    /// Role ids or Entra role template IDs, in any case.
    pub roles: Vec<String>,
}

readable! { WorkspaceInput, "an object with `assignments`", {
    assignments: "assignments" required,
} }

readable! { Assignment, "an object with `user` and `roles`", {
    user: "user" required,
    roles: "roles" required,
} }

/// A user who can create the workspace, and the roles that let them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct QualifiedUser {
    /// The user, as given.
    pub user: String,
    /// The qualifying roles they hold, as canonical ids.
    pub roles: Vec<String>,
}

/// The workspace report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceReport {
    /// Whether at least one user can create the workspace.
    pub ready: bool,
    /// One sentence naming who qualifies, or what to assign.
    pub message: String,
    /// The users who qualify, in input order.
    pub qualified: Vec<QualifiedUser>,
    /// The roles that qualify, as canonical ids.
    pub required_roles: Vec<String>,
    /// `no-workspace-admin` when nobody qualifies.
    pub missing: Vec<Missing>,
}

/// At most this many users are named in the message.
const NAMED_IN_MESSAGE: usize = 5;

/// Whether a tenant can create the Exposure Management workspace: at least
/// one user must hold a workspace role (Global Admin or Security Admin with
/// the built-in data). `resolve` turns a role id or template ID into the role;
/// its errors come back with the pointer of the bad role.
///
/// # Example
///
/// ```
/// use exposure_gate::policy::RoleDef;
/// use exposure_gate::prereq::{self, resolve_role, Assignment, Prerequisites, WorkspaceInput};
///
/// let p = Prerequisites::builtin()?;
/// let role = |id: &str, name: &str| RoleDef {
///     id: id.into(), name: name.into(), template_ids: vec![], read_only: false, description: String::new(),
/// };
/// let roles = [role("global-admin", "Global Admin"), role("security-admin", "Security Admin"),
///     role("security-reader", "Security Reader")];
/// let input = WorkspaceInput { assignments: vec![
///     Assignment { user: "ana".into(), roles: vec!["security-reader".into()] },
/// ] };
/// let report = prereq::workspace(&p, &input, |id| resolve_role(&roles, id))?;
/// assert!(!report.ready);
/// assert_eq!(report.missing[0].code, "no-workspace-admin");
/// assert!(report.missing[0].fix.contains("Global Admin or Security Admin"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn workspace<'r>(
    p: &Prerequisites,
    input: &WorkspaceInput,
    resolve: impl Fn(&str) -> Result<RoleRef<'r>>,
) -> Result<WorkspaceReport> {
    let mut required: Vec<RoleRef<'r>> = Vec::new();
    for (k, id) in p.workspace_roles().iter().enumerate() {
        let role = resolve(id).map_err(|err| {
            Error::new(ErrorCode::InvalidPolicy, format!("the workspace roles name an unknown role: {err}"))
                .at(format!("/prerequisites/workspaceRoles/{k}"))
        })?;
        if !required.contains(&role) {
            required.push(role);
        }
    }

    let mut qualified: Vec<QualifiedUser> = Vec::new();
    for (i, assignment) in input.assignments.iter().enumerate() {
        if assignment.user.trim().is_empty() {
            return Err(Error::new(ErrorCode::InvalidInput, "a user must not be empty")
                .at(format!("/assignments/{i}/user")));
        }
        let mut roles = Vec::new();
        for (j, id) in assignment.roles.iter().enumerate() {
            let role = resolve(id).map_err(|err| err.at(format!("/assignments/{i}/roles/{j}")))?;
            if required.contains(&role) && !roles.iter().any(|r| r == role.id) {
                roles.push(role.id.to_owned());
            }
        }
        if roles.is_empty() {
            continue;
        }
        match qualified.iter_mut().find(|q| q.user == assignment.user) {
            Some(q) => q.roles.extend(roles.into_iter().filter(|r| !q.roles.contains(r)).collect::<Vec<_>>()),
            None => qualified.push(QualifiedUser { user: assignment.user.clone(), roles }),
        }
    }

    let names: Vec<&str> = required.iter().map(|r| r.name).collect();
    let name_of = |id: &str| required.iter().find(|r| r.id == id).map_or(id.to_owned(), |r| r.name.to_owned());
    let ready = !qualified.is_empty();
    let message = if ready {
        let mut named: Vec<String> = qualified
            .iter()
            .take(NAMED_IN_MESSAGE)
            .map(|q| {
                let roles: Vec<String> = q.roles.iter().map(|r| name_of(r)).collect();
                format!("`{}` ({})", crate::suggest::clip(&q.user), roles.join(", "))
            })
            .collect();
        if qualified.len() > NAMED_IN_MESSAGE {
            named.push(format!("{} more", qualified.len() - NAMED_IN_MESSAGE));
        }
        let who = if qualified.len() == 1 { "1 user".to_owned() } else { format!("{} users", qualified.len()) };
        format!("{who} can create the Exposure Management workspace: {}.", named.join(", "))
    } else {
        format!("Nobody can create the Exposure Management workspace: it needs a {}.", or_list(&names))
    };
    let missing = if ready {
        Vec::new()
    } else {
        vec![Missing::new(
            "no-workspace-admin",
            format!("No user holds the {} role, and a tenant needs at least one to create the workspace.", or_list(&names)),
            format!(
                "In the Microsoft Entra admin center (Roles & admins), assign the {} role to at least one user.",
                or_list(&names)
            ),
        )]
    };
    Ok(WorkspaceReport {
        ready,
        message,
        qualified,
        required_roles: required.iter().map(|r| r.id.to_owned()).collect(),
        missing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::PolicyDocument;

    fn roles() -> Vec<RoleDef> {
        let doc = PolicyDocument::from_json(include_str!("../../policy/builtin.json")).unwrap();
        doc.roles
    }

    fn check(assignments: &[(&str, &[&str])]) -> Result<WorkspaceReport> {
        let p = Prerequisites::builtin().unwrap();
        let roles = roles();
        let input = WorkspaceInput {
            assignments: assignments
                .iter()
                .map(|(u, r)| Assignment { user: u.to_string(), roles: r.iter().map(|s| s.to_string()).collect() })
                .collect(),
        };
        workspace(&p, &input, |id| resolve_role(&roles, id))
    }

    #[test]
    fn a_global_admin_or_a_security_admin_qualifies() {
        for role in ["global-admin", "security-admin", "Security-Admin", "62e90394-69f5-4237-9190-012177145e10",
                     "194AE4CB-B126-40B2-BD5B-6091B380977D"] {
            let r = check(&[("ana", &[role])]).unwrap();
            assert!(r.ready, "{role}");
            assert_eq!(r.qualified.len(), 1);
            assert!(r.missing.is_empty());
        }
        let r = check(&[("ana", &["security-admin"])]).unwrap();
        assert_eq!(r.message, "1 user can create the Exposure Management workspace: `ana` (Security Admin).");
        assert_eq!(r.required_roles, ["global-admin", "security-admin"]);
    }

    #[test]
    fn other_roles_do_not() {
        let r = check(&[("ana", &["global-reader", "security-operator"]), ("bo", &["security-reader"]), ("cy", &[])]).unwrap();
        assert!(!r.ready);
        assert!(r.qualified.is_empty());
        assert_eq!(r.missing.len(), 1);
        assert_eq!(r.missing[0].code, "no-workspace-admin");
        assert_eq!(
            r.missing[0].fix,
            "In the Microsoft Entra admin center (Roles & admins), assign the Global Admin or Security Admin role to at least one user."
        );
        assert!(!check(&[]).unwrap().ready);
    }

    #[test]
    fn names_who_qualifies_once_each() {
        let r = check(&[("ana", &["security-reader", "security-admin"]), ("bo", &["global-admin"]), ("ana", &["global-admin", "security-admin"])])
            .unwrap();
        assert_eq!(r.qualified.len(), 2);
        assert_eq!(r.qualified[0], QualifiedUser { user: "ana".into(), roles: vec!["security-admin".into(), "global-admin".into()] });
        assert_eq!(
            r.message,
            "2 users can create the Exposure Management workspace: `ana` (Security Admin, Global Admin), `bo` (Global Admin)."
        );
        let many: Vec<(String, [&str; 1])> = (0..8).map(|i| (format!("u{i}"), ["global-admin"])).collect();
        let many: Vec<(&str, &[&str])> = many.iter().map(|(u, r)| (u.as_str(), &r[..])).collect();
        assert!(check(&many).unwrap().message.ends_with("`u4` (Global Admin), 3 more."));
    }

    #[test]
    fn an_unknown_role_is_an_error_at_its_place() {
        let err = check(&[("ana", &["security-admin"]), ("bo", &["reader", "securty-admin"])]).unwrap_err();
        assert_eq!(err.code(), ErrorCode::UnknownRole);
        assert_eq!(err.pointer(), Some("/assignments/1/roles/0"));
        let err = check(&[("bo", &["securty-admin"])]).unwrap_err();
        assert_eq!(err.suggestions(), ["security-admin"]);
        let err = check(&[(" ", &["security-admin"])]).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput);
        assert_eq!(err.pointer(), Some("/assignments/0/user"));
    }

    #[test]
    fn workspace_roles_must_exist_in_the_role_table() {
        let p = compile_roles(r#"{ "workspaceRoles": ["tenant-owner"] }"#);
        let roles = roles();
        let err = workspace(&p, &WorkspaceInput::default(), |id| resolve_role(&roles, id)).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidPolicy);
        assert_eq!(err.pointer(), Some("/prerequisites/workspaceRoles/0"));
    }

    fn compile_roles(json: &str) -> Prerequisites {
        super::super::compile(&crate::prereq::PrerequisitesDef::from_json(json).unwrap()).unwrap()
    }

    #[test]
    fn reads_input_with_pointers() {
        let err = WorkspaceInput::from_json(r#"{ "assignments": [{ "user": "a", "roles": "global-admin" }] }"#).unwrap_err();
        assert_eq!(err.pointer(), Some("/assignments/0/roles"));
        let err = WorkspaceInput::from_json(r#"{ "assignment": [] }"#).unwrap_err();
        assert!(err.message().starts_with("unknown field `assignment`"), "{err}");
    }
}
