//! Subjects: role ids and Entra role template IDs in any case, duplicates,
//! and the resolved form agreeing with the one-shot checks.

use exposure_gate::Subject;

use super::gate;

/// CONTRACT.md: id -> Entra role template ID.
const TEMPLATE_IDS: [(&str, &str); 5] = [
    ("global-admin", "62e90394-69f5-4237-9190-012177145e10"),
    ("global-reader", "f2ef992c-3afb-46b9-b7cf-a126ee74c451"),
    ("security-admin", "194ae4cb-b126-40b2-bd5b-6091b380977d"),
    ("security-operator", "5f2222b1-57c3-48ba-8ad5-d4759f1fde6f"),
    ("security-reader", "5d6b6bb7-de71-4623-b4af-96380a352509"),
];

#[test]
fn template_ids_and_any_case_mean_the_role() {
    let gate = gate();
    for (id, template) in TEMPLATE_IDS {
        let by_id = gate.check_all(&Subject::with_roles([id])).unwrap();
        for spelling in [template.to_owned(), template.to_uppercase(), id.to_uppercase()] {
            let by_other = gate.check_all(&Subject::with_roles([spelling.as_str()])).unwrap();
            assert_eq!(by_other, by_id, "{spelling}");
        }
    }
}

#[test]
fn order_and_duplicates_do_not_matter() {
    let gate = gate();
    let a = gate.check_all(&Subject::with_roles(["security-operator", "global-reader"])).unwrap();
    let b = gate
        .check_all(&Subject::with_roles(["global-reader", "SECURITY-OPERATOR", "security-operator", "f2ef992c-3afb-46b9-b7cf-a126ee74c451"]))
        .unwrap();
    assert_eq!(a, b);
}

#[test]
fn resolved_subject_agrees_with_one_shot_calls() {
    let gate = gate();
    let s = Subject { tvm_roles: vec!["active-remediation".into()], ..Subject::with_roles(["security-operator"]) }
        .scoped_to(["Finance"]);
    let me = gate.resolve(&s).unwrap();
    for action in gate.actions() {
        let d = gate.check(&s, &action.id).unwrap();
        assert_eq!(me.check(&action.id).unwrap(), d);
        assert_eq!(me.can(&action.id).unwrap(), d.allowed);
    }
    assert_eq!(me.check_all(), gate.check_all(&s).unwrap());
    assert_eq!(me.allowed_actions(), gate.allowed_actions(&s).unwrap());
    let expected: Vec<&str> = gate.check_all(&s).unwrap().iter().filter(|d| d.allowed).map(|_| "").collect();
    assert_eq!(me.allowed_actions().len(), expected.len());
    assert!(me.is_scoped());
}

#[test]
fn allowed_mask_has_one_bit_per_allowed_action() {
    let gate = gate();
    let me = gate.resolve(&Subject::with_roles(["security-admin"])).unwrap();
    let mask = me.allowed_mask();
    for (i, action) in gate.actions().iter().enumerate() {
        let bit = mask[i / 32] >> (i % 32) & 1 == 1;
        assert_eq!(bit, me.can(&action.id).unwrap(), "{}", action.id);
    }
}

#[test]
fn subject_json_round_trips() {
    let text = r#"{"roles":["security-reader"],"deviceGroups":["Finance"],"tvmPermissions":["view-tvm"]}"#;
    let s = Subject::from_json(text).unwrap();
    assert_eq!(serde_json::to_string(&s).unwrap(), text);
    let all = Subject::with_roles(["global-admin"]);
    assert_eq!(serde_json::to_string(&all).unwrap(), r#"{"roles":["global-admin"],"deviceGroups":"all"}"#);
}
