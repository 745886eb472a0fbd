//! Threat and vulnerability management permission options
//! (004_ab50377f27de9ea2.txt, "Relevant permission options").

use exposure_gate::{ReasonCode, Subject};

use super::gate;

/// Each option and the actions the seed lists under it.
pub(super) const OPTIONS: [(&str, &[&str]); 5] = [
    ("view-security-operations", &["view-security-operations-data"]),
    ("view-tvm", &["view-tvm-data"]),
    ("active-remediation-security-operations", &["take-response-actions", "approve-pending-remediation", "manage-indicators"]),
    ("tvm-exception-handling", &["create-exception", "manage-exceptions"]),
    ("tvm-remediation-handling", &["submit-remediation-request", "create-ticket", "manage-remediation-activities"]),
];

fn tvm_actions() -> Vec<&'static str> {
    OPTIONS.iter().flat_map(|(_, actions)| actions.iter().copied()).collect()
}

#[test]
fn each_option_grants_exactly_its_actions() {
    let gate = gate();
    for (option, granted) in OPTIONS {
        let s = Subject { tvm_permissions: vec![option.to_owned()], ..Subject::default() };
        for action in tvm_actions() {
            let d = gate.check(&s, action).unwrap();
            assert_eq!(d.allowed, granted.contains(&action), "{option} / {action}");
            if d.allowed {
                assert_eq!(d.granted_by, [option]);
            }
        }
        // No Exposure Management action comes with a TVM option.
        assert!(!gate.check(&s, "view-metrics").unwrap().allowed);
    }
}

#[test]
fn entra_roles_alone_grant_no_tvm_option_action() {
    let gate = gate();
    let s = Subject::with_roles(["global-admin", "security-admin"]);
    for action in tvm_actions() {
        let d = gate.check(&s, action).unwrap();
        assert!(!d.allowed, "{action}");
        assert_eq!(d.reason.code, ReasonCode::NoRole);
        assert!(d.least_privileged_roles.is_empty());
    }
    let d = gate.check(&s, "create-exception").unwrap();
    assert_eq!(
        gate.check(&Subject::default(), "create-exception").unwrap().reason.message.rsplit("; ").next(),
        Some("you have no granting role or TVM permission.")
    );
    assert_eq!(
        d.reason.message,
        "Create new exceptions needs the TVM permission Threat and vulnerability management - Exception handling \
         (Active remediation actions) (held by the TVM role Active remediation actions); \
         you have Global Admin and Security Admin."
    );
}

#[test]
fn manage_roles_needs_security_or_global_admin() {
    let gate = gate();
    assert_eq!(gate.who_can("manage-roles").unwrap(), ["global-admin", "security-admin"]);
    assert_eq!(gate.least_privileged_roles("manage-roles").unwrap(), ["security-admin"]);
    assert!(!gate.check(&Subject::with_roles(["security-operator"]), "manage-roles").unwrap().allowed);
}

#[test]
fn tvm_roles_bring_their_options() {
    let gate = gate();
    let s = Subject { tvm_roles: vec!["view-data".into()], ..Subject::default() };
    let d = gate.check(&s, "view-tvm-data").unwrap();
    assert!(d.allowed);
    assert_eq!(d.granted_by, ["view-data"]);
    assert_eq!(d.reason.message, "View threat and vulnerability management data is granted by your TVM role View data.");
    assert!(!gate.check(&s, "create-ticket").unwrap().allowed);
    let both = Subject { tvm_roles: vec!["view-data".into()], tvm_permissions: vec!["view-tvm".into()], ..Subject::default() };
    assert_eq!(gate.check(&both, "view-tvm-data").unwrap().granted_by, ["view-data", "view-tvm"]);
}

#[test]
fn device_group_scope_does_not_restrict_tvm_options() {
    let s = Subject { tvm_permissions: vec!["tvm-remediation-handling".into()], ..Subject::default() }.scoped_to(["HR"]);
    assert!(gate().check(&s, "submit-remediation-request").unwrap().allowed);
}
