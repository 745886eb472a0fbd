//! Device-group scope (000_66f15e5ee2fbf16e.txt, "Permissions"): a scoped user
//! keeps the global exposure insights but loses device details, attack paths
//! and the advanced hunting tables (the exposure graph).

use exposure_gate::{DeviceGroups, ReasonCode, Subject};

use super::gate;

const SCOPED_ACTIONS: [&str; 3] = ["view-device-details", "view-attack-paths", "query-exposure-graph"];

#[test]
fn scoped_subjects_lose_exactly_the_three_device_level_actions() {
    let gate = gate();
    for role in gate.roles().iter().map(|r| r.id.clone()) {
        let all = Subject::with_roles([role.as_str()]);
        let scoped = all.clone().scoped_to(["Finance", "HR"]);
        for action in gate.actions().iter().map(|a| a.id.as_str()) {
            let unscoped = gate.check(&all, action).unwrap();
            let d = gate.check(&scoped, action).unwrap();
            if SCOPED_ACTIONS.contains(&action) {
                assert!(unscoped.allowed, "{role} may {action} unscoped");
                assert!(!d.allowed, "{role} scoped may not {action}");
                assert_eq!(d.reason.code, ReasonCode::ScopeRestricted);
                assert!(d.granted_by.is_empty());
                assert!(d.reason.message.contains("Finance and HR"), "{}", d.reason.message);
            } else {
                assert_eq!(d, unscoped, "{role} / {action}: scope changes nothing else");
            }
        }
    }
}

#[test]
fn a_denied_role_stays_no_role_when_scoped() {
    // No role grants the TVM actions, so scope is not the reason.
    let d = gate().check(&Subject::default().scoped_to(["Finance"]), "view-attack-paths").unwrap();
    assert_eq!(d.reason.code, ReasonCode::NoRole);
}

#[test]
fn empty_scope_is_scoped_and_all_is_not() {
    let gate = gate();
    let none = Subject::with_roles(["global-admin"]).scoped_to(Vec::<String>::new());
    let d = gate.check(&none, "view-device-details").unwrap();
    assert_eq!(d.reason.code, ReasonCode::ScopeRestricted);
    assert!(d.reason.message.contains("no device group"));
    let s = Subject::from_json(r#"{ "roles": ["global-admin"], "deviceGroups": "all" }"#).unwrap();
    assert_eq!(s.device_groups, DeviceGroups::All);
    assert!(gate.check(&s, "view-device-details").unwrap().allowed);
    let absent = Subject::from_json(r#"{ "roles": ["global-admin"] }"#).unwrap();
    assert_eq!(absent.device_groups, DeviceGroups::All, "absent means all, as CONTRACT.md says");
}
