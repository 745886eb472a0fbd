//! The compiled form of a policy (`Gate::to_compiled`, `Gate::from_compiled`):
//! the built-in policy ships in it, it round-trips every field, it is checked
//! as JSON is, and damaged bytes are `invalid-policy`, never a gate.

use exposure_gate::policy::{BUILTIN_COMPILED, BUILTIN_JSON};
use exposure_gate::{ErrorCode, Gate, Subject};
use serde_json::{json, Value};

fn from_json(doc: &Value) -> Gate {
    Gate::from_json(&doc.to_string()).unwrap()
}

fn invalid(bytes: &[u8]) -> exposure_gate::Error {
    let err = Gate::from_compiled(bytes).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidPolicy, "{err}");
    err
}

#[test]
fn the_embedded_builtin_is_builtin_json_compiled() {
    let from_json = Gate::from_json(BUILTIN_JSON).unwrap();
    assert!(
        from_json.to_compiled().unwrap() == BUILTIN_COMPILED,
        "policy/builtin.compiled is stale: run `cargo run -- compile --policy policy/builtin.json --out policy/builtin.compiled`"
    );
    let builtin = super::gate();
    assert_eq!(builtin.document(), from_json.document());
    assert_eq!(builtin.matrix(), from_json.matrix());
    assert_eq!(builtin.lint(), from_json.lint());
    let scoped = Subject::with_roles(["security-operator"]).scoped_to(["Finance"]);
    assert_eq!(builtin.check_all(&scoped).unwrap(), from_json.check_all(&scoped).unwrap());
}

#[test]
fn every_field_round_trips() {
    let doc = json!({
        "version": 1, "name": "ünïcode ✓", "sources": ["a", ""],
        "roles": [
            { "id": "owner", "name": "Owner", "templateIds": ["62E90394-69F5-4237-9190-012177145E10"], "description": "d" },
            { "id": "viewer", "name": "Viewer", "readOnly": true }
        ],
        "actions": [
            { "id": "edit", "label": "Edit", "kind": "write", "source": "§1" },
            { "id": "star", "label": "Star", "kind": "personal", "scoped": true },
            { "id": "see-tvm", "label": "See TVM", "kind": "read", "tvmPermission": "view-tvm" }
        ],
        "grants": [{ "role": "owner", "actions": ["edit", "star"] }, { "role": "viewer", "actions": ["star"] }],
        "tvmPermissions": [{ "id": "view-tvm", "name": "View TVM", "group": "View data", "description": "x" }],
        "tvmRoles": [{ "id": "analyst", "name": "Analyst", "permissions": ["view-tvm"] }]
    });
    let gate = from_json(&doc);
    let bytes = gate.to_compiled().unwrap();
    let back = Gate::from_compiled(&bytes).unwrap();
    assert_eq!(back.document(), gate.document());
    assert_eq!(back.document().roles[0].template_ids, ["62e90394-69f5-4237-9190-012177145e10"]);
    assert_eq!(back.to_compiled().unwrap(), bytes, "compiling again gives the same bytes");
    let analyst = Subject { tvm_roles: vec!["analyst".into()], ..Subject::with_roles(["viewer"]) };
    assert_eq!(back.allowed_actions(&analyst).unwrap(), ["star", "see-tvm"]);
    assert_eq!(back.who_can("star").unwrap(), ["owner", "viewer"]);
    assert_eq!(back.least_privileged_roles("star").unwrap(), ["viewer"]);
}

#[test]
fn is_checked_as_json_is() {
    // Renaming the role `security-operator` in the bytes (its first
    // occurrence is its definition) leaves grants that name a role no longer
    // defined: the same error, pointer and message as the same edit in JSON.
    let at = BUILTIN_COMPILED.windows(17).position(|w| w == b"security-operator").unwrap();
    let mut bytes = BUILTIN_COMPILED.to_vec();
    bytes[at + 16] = b's';
    let mut doc: Value = serde_json::from_str(BUILTIN_JSON).unwrap();
    assert_eq!(doc["roles"][3]["id"], "security-operator");
    doc["roles"][3]["id"] = json!("security-operatos");
    let json_err = Gate::from_json(&doc.to_string()).unwrap_err();
    let err = invalid(&bytes);
    assert!(err.pointer().unwrap().starts_with("/grants/"), "{err:?}");
    assert_eq!(err, json_err);
}

#[test]
fn damaged_bytes_are_invalid_policy_naming_the_byte() {
    assert!(invalid(b"").message().contains("not a compiled exposure-gate policy"));
    assert!(invalid(br#"{"version":1}"#).message().contains("does not start with `EGPC`"));
    let mut later = BUILTIN_COMPILED.to_vec();
    later[4] = 2;
    assert!(invalid(&later).message().contains("format 2 is not read by this library, which reads format 1"));
    let mut longer = BUILTIN_COMPILED.to_vec();
    longer.push(0);
    assert_eq!(
        invalid(&longer).message(),
        format!("the compiled policy is damaged: more bytes after the policy's end at byte {}", BUILTIN_COMPILED.len())
    );
    // The magic, the format and version 1, then a name 2^32 - 1 bytes long:
    // refused before anything is reserved for it.
    let huge = [b"EGPC".as_slice(), &[1, 1, 0xff, 0xff, 0xff, 0xff, 0x0f]].concat();
    assert_eq!(
        invalid(&huge).message(),
        "the compiled policy is damaged: a length of 4294967295, more than the bytes left, at byte 11"
    );
    let wide = [b"EGPC".as_slice(), &[1, 0xff, 0xff, 0xff, 0xff, 0x1f]].concat();
    assert!(invalid(&wide).message().contains("a number over 32 bits"));
    for n in 0..BUILTIN_COMPILED.len() {
        invalid(&BUILTIN_COMPILED[..n]);
    }
}

#[test]
fn a_changed_byte_never_panics_and_what_loads_is_checked() {
    // Some changes still make a valid policy (a letter of a label); every
    // other one is `invalid-policy`. Whatever loads answers every action.
    let subject = Subject::with_roles(["security-admin"]);
    for at in 0..BUILTIN_COMPILED.len() {
        let mut bytes = BUILTIN_COMPILED.to_vec();
        bytes[at] ^= 0x55;
        match Gate::from_compiled(&bytes) {
            Ok(gate) => assert_eq!(gate.check_all(&subject).map(|d| d.len()), Ok(gate.actions().len())),
            Err(err) => assert_eq!(err.code(), ErrorCode::InvalidPolicy, "{err}"),
        }
    }
}

#[test]
fn a_policy_with_its_own_prerequisite_tables_has_no_compiled_form() {
    let mut doc: Value = serde_json::from_str(BUILTIN_JSON).unwrap();
    doc["prerequisites"] = json!({ "workspaceRoles": ["global-admin"] });
    let err = from_json(&doc).to_compiled().unwrap_err();
    assert_eq!((err.code(), err.pointer()), (ErrorCode::InvalidPolicy, Some("/prerequisites")));
    assert!(err.message().contains("load it as JSON with `Gate.fromPolicy`"), "{err}");
}
