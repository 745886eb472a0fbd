//! The prerequisite checks through the public `Gate`: the seeds' licensing
//! levels, the workspace rule with role ids and template IDs, the TVM device
//! rules and mandatory KBs, a fleet with bad devices, and policies that bring
//! their own prerequisite tables.

use exposure_gate::prereq::{devices_from_json, Device, LicensingInput, LicensingLevel, WorkspaceInput};
use exposure_gate::{ErrorCode, Gate};

use super::gate;

fn licensing(gate: &Gate, json: &str) -> exposure_gate::prereq::LicensingReport {
    gate.licensing(&LicensingInput::from_json(json).unwrap())
}

#[test]
fn licensing_levels_of_the_seed() {
    let gate = gate();
    // "available with any Microsoft Defender license"
    assert_eq!(licensing(&gate, r#"{}"#).level, LicensingLevel::Unavailable);
    assert_eq!(licensing(&gate, r#"{ "licenses": ["defender-office-p1"] }"#).level, LicensingLevel::Available);
    // "at a minimum two Microsoft Security workloads such as a P1/P2/E3 license and a Microsoft Defender for Identity license"
    for endpoint in ["defender-endpoint-p1", "defender-endpoint-p2", "m365-e3"] {
        let json = format!(r#"{{ "licenses": ["{endpoint}", "defender-identity"] }}"#);
        assert_eq!(licensing(&gate, &json).level, LicensingLevel::Recommended, "{endpoint}");
    }
    // "an E5 license and enabling the Defender CSPM plan"
    let r = licensing(&gate, r#"{ "licenses": ["m365-e5"], "defenderCspm": true }"#);
    assert_eq!(r.level, LicensingLevel::Optimal);
    // "To receive security recommendations from Defender for Cloud, you must have the Defender CSPM plan switched on."
    assert!(r.defender_for_cloud_recommendations);
    let r = licensing(&gate, r#"{ "licenses": ["m365-e5"] }"#);
    assert!(!r.defender_for_cloud_recommendations);
    assert!(r.missing.iter().any(|m| m.code == "no-defender-cspm"));
}

#[test]
fn workspace_needs_a_global_or_security_admin() {
    let gate = gate();
    let check = |json: &str| gate.workspace(&WorkspaceInput::from_json(json).unwrap());
    let r = check(r#"{ "assignments": [{ "user": "ana", "roles": ["62E90394-69F5-4237-9190-012177145E10"] }] }"#).unwrap();
    assert!(r.ready);
    assert_eq!(r.qualified[0].roles, ["global-admin"]);
    let r = check(r#"{ "assignments": [{ "user": "bo", "roles": ["security-operator", "global-reader"] }] }"#).unwrap();
    assert!(!r.ready);
    assert_eq!(r.missing[0].code, "no-workspace-admin");
    let err = check(r#"{ "assignments": [{ "user": "bo", "roles": ["securty-admin"] }] }"#).unwrap_err();
    assert_eq!((err.code(), err.pointer()), (ErrorCode::UnknownRole, Some("/assignments/0/roles/0")));
    assert_eq!(err.suggestions(), ["security-admin"]);
}

#[test]
fn device_rules_and_mandatory_updates() {
    let gate = gate();
    let device = |os_version: &str, kbs: &str| {
        Device::from_json(&format!(
            r#"{{ "id": "pc", "onboarded": true, "os": "Windows 10", "osVersion": "{os_version}", "installedKbs": [{kbs}],
                 "intune": false, "configMgr": true, "securityRecommendations": 1, "tags": [], "coManaged": true }}"#
        ))
        .unwrap()
    };
    let rows = [
        ("1709", "10.0.16299", r#""KB4493441", "KB 4516071""#, "KB4493441 and KB4516071"),
        ("1803", "10.0.17134", r#""kb4493464", "4516045""#, "KB4493464 and KB4516045"),
        ("1809", "10.0.17763", r#""KB4516077""#, "KB4516077"),
        ("1903", "10.0.18362", r#""KB4512941""#, "KB4512941"),
    ];
    for (version, build, kbs, named) in rows {
        for spelling in [version, build] {
            let ready = gate.device(&device(spelling, kbs)).unwrap();
            assert!(ready.ready, "{spelling}: {:?}", ready.missing);
            let missing = gate.device(&device(spelling, "")).unwrap();
            assert_eq!(missing.missing.len(), 1);
            assert_eq!(missing.missing[0].code, "missing-update");
            assert!(missing.missing[0].message.contains(named), "{}", missing.missing[0].message);
        }
    }
    // No Intune connection: no Intune security task in remediation requests, and why.
    let r = gate.device(&device("1809", r#""KB4516077""#)).unwrap();
    assert!(!r.options.intune_security_task);
    assert!(r.options.intune_security_task_reason.contains("Intune connection"));
}

#[test]
fn a_fleet_reports_bad_devices_and_judges_the_rest() {
    let gate = gate();
    let devices = devices_from_json(
        r#"[
        { "id": "ok", "onboarded": true, "os": "macOS", "intune": true, "configMgr": false,
          "securityRecommendations": 2, "tags": ["x"], "coManaged": false },
        { "id": "no-version", "onboarded": true, "os": "Windows 10", "intune": true, "configMgr": false,
          "securityRecommendations": 2, "tags": ["x"], "coManaged": false },
        { "id": "typo", "onboarded": true, "os": "macOS", "intune": true, "configMgr": false,
          "securityRecommendations": 2, "tags": ["x"], "coManagd": false },
        { "id": "old", "onboarded": false, "os": "Windows XP", "intune": false, "configMgr": false,
          "securityRecommendations": 0, "coManaged": false }
    ]"#,
    )
    .unwrap();
    let r = gate.fleet(&devices);
    assert_eq!((r.total, r.ready, r.not_ready, r.invalid.len()), (4, 1, 1, 2));
    assert_eq!(r.invalid[0].error.pointer.as_deref(), Some("/devices/1/osVersion"));
    assert_eq!(r.invalid[1].error.pointer.as_deref(), Some("/devices/2/coManagd"));
    assert!(r.invalid[1].error.message.contains("did you mean `coManaged`?"));
    assert_eq!(r.by_missing.not_onboarded, 1);
    assert_eq!(r.blocked.not_tagged, ["old"]);
    assert_eq!(r.by_os.get("windows-xp"), Some(&1));
}

#[test]
fn a_policy_brings_its_own_prerequisite_tables() {
    let mut doc: serde_json::Value = serde_json::from_str(exposure_gate::policy::BUILTIN_JSON).unwrap();
    doc["prerequisites"] = serde_json::json!({
        "licenses": [{ "id": "contoso-shield", "name": "Contoso Shield", "workloads": ["defender-endpoint", "defender-identity"], "e5": true }],
        "operatingSystems": [{ "id": "android", "name": "Android", "supported": true }],
        "workspaceRoles": ["security-admin"]
    });
    let gate = Gate::from_json(&doc.to_string()).unwrap();
    let r = gate.licensing(&LicensingInput::from_json(r#"{ "licenses": ["contoso-shield"], "defenderCspm": true }"#).unwrap());
    assert_eq!(r.level, LicensingLevel::Optimal);
    assert!(gate.prerequisites().operating_system("Android").unwrap().supported);
    let input = WorkspaceInput::from_json(r#"{ "assignments": [{ "user": "ana", "roles": ["global-admin"] }] }"#).unwrap();
    assert!(!gate.workspace(&input).unwrap().ready, "only Security Admin qualifies in this policy");
    // The document's tables are checked, with pointers under /prerequisites.
    for (prerequisites, pointer) in [
        (serde_json::json!({ "workspaceRoles": ["tenant-owner"] }), "/prerequisites/workspaceRoles/0"),
        (serde_json::json!({ "licenses": [{ "id": "x", "name": "X", "workloads": ["defender-idenity"] }] }), "/prerequisites/licenses/0/workloads/0"),
        (serde_json::json!({ "licences": [] }), "/prerequisites/licences"),
    ] {
        doc["prerequisites"] = prerequisites;
        let err = Gate::from_json(&doc.to_string()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidPolicy);
        assert_eq!(err.pointer(), Some(pointer), "{err}");
    }
}

#[test]
fn a_policy_without_the_builtin_roles_still_loads() {
    // The built-in workspace roles are only checked when the workspace check runs.
    let gate = Gate::from_json(
        r#"{"version":1,"roles":[{"id":"r","name":"R"}],"actions":[{"id":"a","label":"A","kind":"read"}],"grants":[{"role":"r","actions":["a"]}]}"#,
    )
    .unwrap();
    let err = gate.workspace(&WorkspaceInput::default()).unwrap_err();
    assert_eq!((err.code(), err.pointer()), (ErrorCode::InvalidPolicy, Some("/prerequisites/workspaceRoles/0")));
    assert_eq!(gate.licensing(&LicensingInput::default()).level, LicensingLevel::Unavailable);
}

#[test]
fn the_browser_check_is_the_same_for_every_gate() {
    let ie11 = gate().browser("Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko");
    assert!(ie11.supported && !ie11.web_assembly);
}
