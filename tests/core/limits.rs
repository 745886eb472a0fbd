//! The size limits of `exposure_gate::limits`: refused early with an error
//! that names the limit, just below them still answered, and the gate
//! answering normally afterwards.

use exposure_gate::limits::{GROUP_NAME_CHARS, ID_CHARS, POLICY_ENTRIES, SUBJECT_ENTRIES, USER_AGENT_BYTES};
use exposure_gate::{DeviceGroups, ErrorCode, Gate, Subject};
use serde_json::{json, Value};

use super::gate;

fn policy_with(roles: usize, grants: usize) -> Value {
    json!({
        "version": 1,
        "roles": (0..roles).map(|i| json!({ "id": format!("r{i}"), "name": format!("R{i}") })).collect::<Vec<_>>(),
        "actions": [{ "id": "a", "label": "A", "kind": "read" }],
        "grants": (0..grants).map(|i| json!({ "role": format!("r{}", i % roles.max(1)), "actions": [] })).collect::<Vec<_>>(),
    })
}

#[test]
fn a_policy_past_the_entry_limit_is_refused_and_one_at_it_loads() {
    assert!(Gate::from_json(&policy_with(POLICY_ENTRIES, POLICY_ENTRIES).to_string()).is_ok());
    for (roles, grants, at) in [(100_000, 1, "/roles"), (1, 100_000, "/grants"), (POLICY_ENTRIES + 1, 0, "/roles")] {
        let err = Gate::from_json(&policy_with(roles, grants).to_string()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidPolicy);
        assert_eq!(err.pointer(), Some(at));
        assert!(err.message().contains(&format!("at most {POLICY_ENTRIES}")), "{err}");
    }
}

#[test]
fn a_policy_id_past_the_length_limit_is_refused() {
    let mut doc = policy_with(1, 0);
    doc["roles"][0]["id"] = json!("r".repeat(ID_CHARS));
    assert!(Gate::from_json(&doc.to_string()).is_ok());
    doc["roles"][0]["id"] = json!("r".repeat(10_000_000));
    let err = Gate::from_json(&doc.to_string()).unwrap_err();
    assert_eq!((err.code(), err.pointer()), (ErrorCode::InvalidPolicy, Some("/roles/0/id")));
    assert!(err.to_string().len() < 300, "the message quotes a clipped value: {} chars", err.to_string().len());
}

#[test]
fn a_subject_past_a_list_limit_is_refused_before_any_lookup() {
    let gate = gate();
    let full = Subject::with_roles(vec!["security-reader"; SUBJECT_ENTRIES]);
    assert!(gate.check(&full, "view-metrics").unwrap().allowed);
    let mut lists: Vec<(Subject, &str)> = Vec::new();
    // Past the limit even an unknown role is not looked up: the size is the error.
    lists.push((Subject::with_roles(vec!["nobody"; SUBJECT_ENTRIES + 1]), "/roles"));
    lists.push((Subject { tvm_roles: vec!["view-data".into(); 100_000], ..Subject::default() }, "/tvmRoles"));
    lists.push((Subject { tvm_permissions: vec!["view-tvm".into(); SUBJECT_ENTRIES + 1], ..Subject::default() }, "/tvmPermissions"));
    lists.push((Subject::with_roles(["global-admin"]).scoped_to(vec!["g"; SUBJECT_ENTRIES + 1]), "/deviceGroups"));
    for (s, at) in lists {
        let err = gate.check(&s, "view-metrics").unwrap_err();
        assert_eq!((err.code(), err.pointer()), (ErrorCode::InvalidSubject, Some(at)), "{err}");
        assert!(err.message().contains(&format!("at most {SUBJECT_ENTRIES}")), "{err}");
        assert!(gate.check_all(&s).is_err() && gate.allowed_actions(&s).is_err() && gate.resolve(&s).is_err());
    }
}

#[test]
fn a_device_group_name_past_the_length_limit_is_refused() {
    let gate = gate();
    let ok = Subject::with_roles(["global-admin"]).scoped_to(["é".repeat(GROUP_NAME_CHARS)]);
    let d = gate.check(&ok, "view-attack-paths").unwrap();
    assert!(!d.allowed);
    let long = Subject::with_roles(["global-admin"]).scoped_to(["Finance".to_owned(), "x".repeat(10_000_000)]);
    let err = gate.check(&long, "view-metrics").unwrap_err();
    assert_eq!((err.code(), err.pointer()), (ErrorCode::InvalidSubject, Some("/deviceGroups/1")));
    assert!(err.to_string().len() < 300);
    assert_eq!(long.device_groups, DeviceGroups::Only(vec!["Finance".into(), "x".repeat(10_000_000)]));
}

#[test]
fn a_huge_unknown_role_id_is_a_short_unknown_role_error() {
    let gate = gate();
    let err = gate.check(&Subject::with_roles(["R".repeat(10_000_000)]), "view-metrics").unwrap_err();
    assert_eq!((err.code(), err.pointer()), (ErrorCode::UnknownRole, Some("/roles/0")));
    assert!(err.to_string().len() < 300);
    let err = gate.who_can(&"a".repeat(10_000_000)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnknownAction);
    assert!(err.to_string().len() < 300);
    assert!(gate.check(&Subject::with_roles(["security-admin"]), "manage-recommendations").unwrap().allowed);
}

#[test]
fn only_the_head_of_a_user_agent_is_read() {
    let gate = gate();
    let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    let padded = format!("{chrome} {}", "é".repeat(10_000_000));
    assert_eq!(gate.browser(&padded), gate.browser(chrome));
    // A browser token past the head is not seen; a version is never longer than the head.
    let late = format!("{} Chrome/120.0", "x".repeat(USER_AGENT_BYTES));
    assert_eq!(gate.browser(&late).family, "unknown");
    let long_version = format!("Chrome/{}", "9".repeat(10_000_000));
    let r = gate.browser(&long_version);
    assert!(r.version.unwrap().len() < USER_AGENT_BYTES && r.message.len() < 2 * USER_AGENT_BYTES);
}
