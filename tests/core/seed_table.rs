//! The 18 x 5 permission table of 000_66f15e5ee2fbf16e.txt, written out cell
//! by cell from the seed, checked against the built-in policy.

use exposure_gate::{ReasonCode, Subject};

use super::gate;

pub(super) const ROLES: [&str; 5] = ["global-admin", "global-reader", "security-admin", "security-operator", "security-reader"];

/// (action, [Global Admin, Global Reader, Security Admin, Security Operator, Security Reader]),
/// in the seed's row order; `Y` is a tick, `-` a dash.
pub(super) const TABLE: [(&str, &str); 18] = [
    ("grant-permissions", "Y----"),
    ("onboard-easm", "YYYYY"),
    ("favorite-initiative", "YYYYY"),
    ("set-initiative-target-score", "Y----"),
    ("view-initiatives", "YYYYY"),
    ("share-metric", "YYYYY"),
    ("edit-metric-weight", "Y----"),
    ("export-metric-pdf", "YYYYY"),
    ("view-metrics", "YYYYY"),
    ("export-assets", "YYYYY"),
    ("manage-recommendations", "Y-Y--"),
    ("view-recommendations", "YYYYY"),
    ("export-events", "YYYYY"),
    ("change-criticality-level", "YYYYY"),
    ("set-critical-asset-rule", "Y----"),
    ("create-criticality-rule", "Y-Y--"),
    ("toggle-criticality-rule", "Y-YY-"),
    ("query-exposure-graph", "YYYYY"),
];

#[test]
fn every_cell_of_the_seed_table() {
    let gate = gate();
    let mut cells = 0;
    for (action, row) in TABLE {
        for (role, tick) in ROLES.iter().zip(row.chars()) {
            let d = gate.check(&Subject::with_roles([*role]), action).unwrap();
            assert_eq!(d.allowed, tick == 'Y', "{role} / {action}");
            assert_eq!(d.reason.code, if tick == 'Y' { ReasonCode::Granted } else { ReasonCode::NoRole });
            assert_eq!(d.granted_by, if tick == 'Y' { vec![role.to_string()] } else { vec![] });
            cells += 1;
        }
    }
    assert_eq!(cells, 90);
}

#[test]
fn matrix_is_the_seed_table_in_seed_order() {
    let m = gate().matrix();
    assert_eq!(m.roles, ROLES);
    assert_eq!(m.role_names, ["Global Admin", "Global Reader", "Security Admin", "Security Operator", "Security Reader"]);
    for (i, (action, row)) in TABLE.iter().enumerate() {
        assert_eq!(m.actions[i], *action);
        let expected: Vec<bool> = row.chars().map(|c| c == 'Y').collect();
        assert_eq!(m.allowed[i], expected, "{action}");
    }
    assert_eq!(m.action_labels[0], "Grant permissions to others");
    assert_eq!(m.action_labels[17], "Run a query on exposure graph data");
}

#[test]
fn actions_from_the_prose() {
    let gate = gate();
    for role in ROLES {
        let s = Subject::with_roles([role]);
        assert!(gate.check(&s, "view-device-details").unwrap().allowed, "{role}");
        assert!(gate.check(&s, "view-attack-paths").unwrap().allowed, "{role}");
    }
    assert_eq!(gate.who_can("create-workspace").unwrap(), ["global-admin", "security-admin"]);
}

#[test]
fn who_can_and_least_privileged() {
    let gate = gate();
    assert_eq!(gate.who_can("toggle-criticality-rule").unwrap(), ["global-admin", "security-admin", "security-operator"]);
    assert_eq!(gate.least_privileged_roles("manage-recommendations").unwrap(), ["security-admin"]);
    assert_eq!(gate.least_privileged_roles("toggle-criticality-rule").unwrap(), ["security-operator"]);
    assert_eq!(gate.least_privileged_roles("grant-permissions").unwrap(), ["global-admin"]);
    // Global Reader and Security Reader hold the same 13 grants: a tie keeps both.
    assert_eq!(gate.least_privileged_roles("view-metrics").unwrap(), ["global-reader", "security-reader"]);
    assert_eq!(gate.who_can("grant-permissions").unwrap(), ["global-admin"]);
}

#[test]
fn the_contract_example_decision() {
    let d = gate().check(&Subject::with_roles(["security-reader"]), "manage-recommendations").unwrap();
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "action": "manage-recommendations", "allowed": false, "grantedBy": [],
            "reason": { "code": "no-role",
                        "message": "Manage recommendations needs Global Admin or Security Admin; you have Security Reader." },
            "leastPrivilegedRoles": ["security-admin"]
        })
    );
}

#[test]
fn several_roles_grant_together() {
    let gate = gate();
    let s = Subject::with_roles(["security-reader", "security-operator", "global-admin"]);
    let d = gate.check(&s, "toggle-criticality-rule").unwrap();
    assert_eq!(d.granted_by, ["global-admin", "security-operator"]);
    assert_eq!(d.reason.message, "Turn criticality rule on/off is granted by your roles Global Admin and Security Operator.");
    let none = gate.check(&Subject::default(), "view-metrics").unwrap();
    assert!(!none.allowed);
    assert!(none.reason.message.ends_with("; you have no role."), "{}", none.reason.message);
}

#[test]
fn lint_reports_read_only_roles_granted_writes() {
    let findings = gate().lint();
    let flagged: Vec<(String, String)> = findings
        .iter()
        .filter(|f| f.code == "read-only-role-writes")
        .map(|f| (f.message.split('`').nth(1).unwrap().to_owned(), f.message.split('`').nth(3).unwrap().to_owned()))
        .collect();
    let expected = [
        ("global-reader", "onboard-easm"),
        ("global-reader", "change-criticality-level"),
        ("security-reader", "onboard-easm"),
        ("security-reader", "change-criticality-level"),
    ];
    assert_eq!(flagged, expected.map(|(a, b)| (a.to_owned(), b.to_owned())));
    assert_eq!(findings.len(), 4, "{findings:?}");
    assert_eq!(findings[1].pointer, "/grants/1/actions/9");
}
