//! The policy validator on broken documents: each is `invalid-policy`, names
//! the place as a JSON pointer and the bad value; a good custom policy works.

use exposure_gate::policy::{PolicyDocument, BUILTIN_JSON};
use exposure_gate::prereq::WorkspaceInput;
use exposure_gate::{ErrorCode, Gate, Subject};
use serde_json::{json, Value};

fn builtin() -> Value {
    serde_json::from_str(BUILTIN_JSON).unwrap()
}

fn load(doc: &Value) -> Result<Gate, exposure_gate::Error> {
    Gate::from_json(&doc.to_string())
}

/// Apply `edit` to the built-in document and expect an error at `pointer`
/// (`""`: the document as a whole, no pointer) whose message contains `needle`.
fn broken(edit: impl FnOnce(&mut Value), pointer: &str, needle: &str) {
    let mut doc = builtin();
    edit(&mut doc);
    let err = load(&doc).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidPolicy, "{err}");
    assert_eq!(err.pointer(), Some(pointer).filter(|p| !p.is_empty()), "{err}");
    assert!(err.to_string().contains(needle), "{err} should contain {needle}");
}

#[test]
fn builtin_round_trips_through_the_document_type() {
    let doc = PolicyDocument::from_json(BUILTIN_JSON).unwrap();
    let gate = Gate::from_document(doc.clone()).unwrap();
    assert_eq!(gate.document(), &doc);
    let again = Gate::from_json(&serde_json::to_string(gate.document()).unwrap()).unwrap();
    assert_eq!(again.matrix(), gate.matrix());
}

#[test]
fn grant_naming_an_unknown_role_or_action() {
    broken(|d| d["grants"][3]["role"] = json!("security-operater"), "/grants/3/role", "did you mean `security-operator`");
    broken(|d| d["grants"][0]["actions"][2] = json!("favourite-initiative"), "/grants/0/actions/2", "`favorite-initiative`");
    broken(|d| d["actions"][21]["tvmPermission"] = json!("view-tvn"), "/actions/21/tvmPermission", "`view-tvm`");
    broken(|d| d["tvmRoles"][0]["permissions"][0] = json!("nope"), "/tvmRoles/0/permissions/0", "unknown TVM permission `nope`");
}

/// A workspace role is looked up exactly as a grant's role is (any case, no
/// trimming): one the workspace check could not resolve is refused at load,
/// not when the check first runs.
#[test]
fn workspace_role_naming_an_unknown_role() {
    let workspace = |roles: Value| {
        move |d: &mut Value| {
            d["prerequisites"] = json!({ "workspaceRoles": roles });
        }
    };
    broken(workspace(json!(["security-admin", "tenant-owner"])), "/prerequisites/workspaceRoles/1", "unknown role `tenant-owner`");
    broken(workspace(json!([" security-admin"])), "/prerequisites/workspaceRoles/0", "did you mean `security-admin`");
    let mut doc = builtin();
    workspace(json!(["Security-Admin"]))(&mut doc);
    let input = WorkspaceInput::from_json(r#"{ "assignments": [{ "user": "ana", "roles": ["security-admin"] }] }"#).unwrap();
    assert!(load(&doc).unwrap().workspace(&input).unwrap().ready);
}

#[test]
fn duplicate_and_empty_ids() {
    broken(|d| d["roles"][1]["id"] = json!("global-admin"), "/roles/1/id", "duplicate role id `global-admin`");
    broken(|d| d["actions"][5]["id"] = json!("onboard-easm"), "/actions/5/id", "duplicate action id `onboard-easm` (first defined at `/actions/1`)");
    broken(|d| d["actions"][0]["id"] = json!(""), "/actions/0/id", "empty id");
    broken(|d| d["roles"][0]["id"] = json!("Global Admin"), "/roles/0/id", "kebab-case");
    broken(|d| d["tvmPermissions"][1]["id"] = json!("view-security-operations"), "/tvmPermissions/1/id", "duplicate");
    broken(|d| d["roles"][2]["templateIds"][0] = json!("62E90394-69F5-4237-9190-012177145E10"), "/roles/2/templateIds/0", "duplicate role template ID");
    broken(|d| d["roles"][0]["name"] = json!("  "), "/roles/0/name", "empty name");
    broken(|d| d["grants"][0]["actions"][1] = json!("grant-permissions"), "/grants/0/actions/1", "more than once");
}

#[test]
fn template_id_that_is_not_a_guid() {
    broken(|d| d["roles"][4]["templateIds"] = json!(["5d6b6bb7"]), "/roles/4/templateIds/0", "is not a GUID");
}

#[test]
fn wrong_shapes_and_bad_json() {
    broken(|d| d["grants"][3]["role"] = json!(7), "/grants/3/role", "invalid type");
    broken(|d| d["actions"][0]["kind"] = json!("delete"), "/actions/0/kind", "unknown action kind `delete`");
    broken(|d| d["grant"] = json!([]), "/grant", "unknown field `grant`");
    broken(|d| d["roles"][1]["readonly"] = json!(true), "/roles/1/readonly", "unknown field `readonly`");
    broken(|d| d["tvmRoles"][0] = json!(["view-data"]), "/tvmRoles/0", "expected a TVM role object");
    broken(|d| d["version"] = json!(2), "/version", "unsupported policy version `2`");
    broken(|d| { d.as_object_mut().unwrap().remove("roles"); }, "", "missing field `roles`");
    broken(|d| d["roles"] = json!((0..2000).map(|i| json!({ "id": format!("r{i}"), "name": "R" })).collect::<Vec<_>>()), "/roles", "at most 1024");
    for text in ["", "{", "[1,2]", "{\"version\": 1} {}", "null"] {
        let err = Gate::from_json(text).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidPolicy, "{text:?}");
    }
}

#[test]
fn a_custom_policy_decides_by_its_own_table() {
    let doc = json!({
        "version": 1, "name": "auditors",
        "roles": [{ "id": "auditor", "name": "Auditor", "templateIds": ["00000000-0000-0000-0000-0000000000aa"], "readOnly": true }],
        "actions": [
            { "id": "read-log", "label": "Read the audit log", "kind": "read" },
            { "id": "purge-log", "label": "Purge the audit log", "kind": "write", "scoped": true }
        ],
        "grants": [{ "role": "auditor", "actions": ["read-log", "purge-log"] }]
    });
    let gate = load(&doc).unwrap();
    let s = Subject::with_roles(["00000000-0000-0000-0000-0000000000AA"]);
    assert!(gate.check(&s, "read-log").unwrap().allowed);
    assert!(!gate.check(&s.clone().scoped_to(["x"]), "purge-log").unwrap().allowed);
    assert_eq!(gate.lint().len(), 1, "a read-only role granted a write");
    assert_eq!(gate.check(&s, "view-metrics").unwrap_err().code(), ErrorCode::UnknownAction);
}

#[test]
fn an_action_nobody_holds_is_denied_and_linted() {
    let doc = json!({
        "version": 1, "name": "empty",
        "roles": [{ "id": "r", "name": "R" }],
        "actions": [{ "id": "a", "label": "Do A", "kind": "write" }],
        "grants": []
    });
    let gate = load(&doc).unwrap();
    let d = gate.check(&Subject::with_roles(["r"]), "a").unwrap();
    assert!(!d.allowed);
    assert_eq!(d.reason.message, "Do A is not granted to any role in the policy `empty`.");
    let codes: Vec<String> = gate.lint().into_iter().map(|f| f.code).collect();
    assert_eq!(codes, ["action-granted-to-nobody", "role-grants-nothing"]);
}
