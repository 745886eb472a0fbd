//! Every error path: a typed code, a message naming the bad value and the
//! nearest valid one, a pointer where there is one; never an allowed decision.

use exposure_gate::{ErrorCode, Subject};

use super::gate;

#[test]
fn unknown_action_suggests_the_nearest() {
    let gate = gate();
    let err = gate.check(&Subject::with_roles(["global-admin"]), "manage-recomendations").unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnknownAction);
    assert_eq!(err.to_string(), "unknown action `manage-recomendations`; did you mean `manage-recommendations`?");
    for call in [gate.who_can("x-y-z"), gate.least_privileged_roles("")] {
        assert_eq!(call.unwrap_err().code(), ErrorCode::UnknownAction);
    }
    let me = gate.resolve(&Subject::with_roles(["global-admin"])).unwrap();
    assert_eq!(me.can("Manage-Recommendations").unwrap_err().suggestions(), ["manage-recommendations"]);
    assert_eq!(me.check("nope").unwrap_err().code(), ErrorCode::UnknownAction);
}

#[test]
fn unknown_role_is_an_error_not_ignored() {
    let gate = gate();
    let err = gate.check(&Subject::with_roles(["global-admin", "securty-admin"]), "view-metrics").unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnknownRole);
    assert_eq!(err.pointer(), Some("/roles/1"));
    assert_eq!(err.to_string(), "at `/roles/1`: unknown role `securty-admin`; did you mean `security-admin`?");
    // A mistyped template ID suggests the template ID.
    let err = gate.check_all(&Subject::with_roles(["62e90394-69f5-4237-9190-012177145e11"])).unwrap_err();
    assert_eq!(err.suggestions(), ["62e90394-69f5-4237-9190-012177145e10"]);
    let err = gate.resolve(&Subject { tvm_roles: vec!["viewdata".into()], ..Subject::default() }).unwrap_err();
    assert_eq!((err.code(), err.pointer()), (ErrorCode::UnknownRole, Some("/tvmRoles/0")));
    assert_eq!(err.suggestions(), ["view-data"]);
}

#[test]
fn unknown_tvm_permission_is_an_invalid_subject() {
    let err = gate()
        .allowed_actions(&Subject { tvm_permissions: vec!["view-tvm".into(), "tvm-exceptions".into()], ..Subject::default() })
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidSubject);
    assert_eq!(err.pointer(), Some("/tvmPermissions/1"));
}

#[test]
fn malformed_subjects_name_the_field() {
    let cases = [
        (r#"{ "role": ["global-admin"] }"#, Some("/role")),
        (r#"{ "roles": "global-admin" }"#, Some("/roles")),
        (r#"{ "roles": [42] }"#, Some("/roles/0")),
        (r#"{ "deviceGroups": "some" }"#, Some("/deviceGroups")),
        (r#"{ "deviceGroups": null }"#, Some("/deviceGroups")),
        (r#"{ "deviceGroups": [""] }"#, Some("/deviceGroups/0")),
        (r#"{ "tvmPermissions": {} }"#, Some("/tvmPermissions")),
        ("[]", None),
        ("null", None),
        ("{", None),
        (r#"{ "roles": [] } trailing"#, None),
    ];
    for (text, pointer) in cases {
        let err = Subject::from_json(text).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidSubject, "{text}");
        assert_eq!(err.pointer(), pointer, "{text}: {err}");
    }
    let err = Subject::from_json(r#"{ "role": ["global-admin"] }"#).unwrap_err();
    assert!(err.to_string().contains("unknown field `role`"), "{err}");
}

#[test]
fn hostile_ids_are_clipped_in_messages() {
    let long = "a".repeat(100_000);
    let err = gate().who_can(&long).unwrap_err();
    assert!(err.to_string().len() < 200, "{}", err.to_string().len());
    assert!(err.suggestions().is_empty());
}
