//! The write endpoints: 403 with the Decision and nothing changed, 400 naming
//! the field, the change when allowed, and the decision log.

use serde_json::{json, Value};

use super::*;

/// Every write endpoint with a valid body and the action it needs.
pub(super) fn writes() -> Vec<(&'static str, &'static str, Value, &'static str)> {
    vec![
        ("PUT", "/api/initiatives/ransomware-protection/target", json!({ "target": 90 }), "set-initiative-target-score"),
        ("PUT", "/api/metrics/rp-asr/weight", json!({ "weight": 3 }), "edit-metric-weight"),
        ("PUT", "/api/recommendations/rec-asr-office/status", json!({ "status": "Planned" }), "manage-recommendations"),
        ("PUT", "/api/devices/FIN-WS-014/criticality", json!({ "level": "very-high" }), "change-criticality-level"),
        ("PUT", "/api/criticality/rules/rule-dc", json!({ "condition": "Device is a DC", "level": "high" }), "set-critical-asset-rule"),
        ("POST", "/api/criticality/rules", json!({ "name": "POS", "assetType": "Device", "condition": "tag pos", "level": "high" }), "create-criticality-rule"),
        ("PUT", "/api/criticality/rules/rule-dc/enabled", json!({ "enabled": false }), "toggle-criticality-rule"),
        ("POST", "/api/users/guest/roles", json!({ "role": "security-reader" }), "grant-permissions"),
        ("POST", "/api/tvm/exceptions", json!({ "recommendation": "rec-asr-office", "justification": "legacy", "expires": "2030-01-31" }), "create-exception"),
        ("POST", "/api/tvm/remediation-requests", json!({ "recommendation": "rec-asr-office", "due": "2030-01-31", "priority": "high" }), "submit-remediation-request"),
    ]
}

#[test]
fn a_denied_write_is_403_with_the_decision_and_changes_nothing() {
    let s = TestServer::start();
    let reader = s.token(&[SECURITY_READER]);
    let before = s.dump();
    // The table grants Security Reader `change-criticality-level` (see `lint`): left out here.
    let gate = exposure_gate::Gate::builtin().unwrap();
    let denied: Vec<_> = writes()
        .into_iter()
        .filter(|w| !gate.check(&exposure_gate::Subject::with_roles(["security-reader"]), w.3).unwrap().allowed)
        .collect();
    assert_eq!(denied.len(), writes().len() - 1);
    for (method, path, body, action) in denied.clone() {
        let a = s.request(method, path, Some(&reader), Some(&body.to_string()));
        assert_eq!(a.status, 403, "{path}: {}", a.json);
        assert_eq!(a.json["action"], action);
        assert_eq!(a.json["allowed"], false);
        assert!(a.json["reason"]["message"].as_str().unwrap().contains("you have Security Reader"), "{}", a.json);
    }
    assert_eq!(s.dump(), before);
    let log = s.log();
    assert_eq!(log.len(), denied.len());
    assert!(log.iter().all(|(who, _, allowed, code)| who == "test@contoso.com" && !allowed && code == "no-role"));
}

#[test]
fn an_allowed_write_changes_state_in_the_api_and_is_logged() {
    let s = TestServer::start();
    // Global Admin, plus the TVM options the two TVM endpoints need.
    let mut claims = s.claims(&[GLOBAL_ADMIN]);
    claims["tvmPermissions"] = json!(["tvm-exception-handling", "tvm-remediation-handling"]);
    let admin = s.key.sign(&claims).unwrap();
    for (method, path, body, _) in writes() {
        let a = s.request(method, path, Some(&admin), Some(&body.to_string()));
        assert!(a.status == 200 || a.status == 201, "{path}: {} {}", a.status, a.json);
    }
    let initiatives = s.get("/api/initiatives", None).json;
    assert_eq!(initiatives[0]["target"], 90);
    assert_eq!(initiatives[0]["metrics"][1]["weight"], 3);
    assert_eq!(initiatives[0]["recommendations"][0]["status"], "Planned");
    let rules = s.get("/api/criticality", None).json["rules"].clone();
    assert_eq!((rules[0]["enabled"].clone(), rules[0]["level"].clone()), (json!(false), json!("high")));
    assert_eq!(rules.as_array().unwrap().last().unwrap()["id"], "rule-pos");
    assert_eq!(s.get("/api/devices", None).json[0]["criticality"], "very-high");
    let guest = s.get("/api/users", None).json.as_array().unwrap().iter().find(|u| u["id"] == "guest").cloned().unwrap();
    assert_eq!(guest["roles"], json!(["security-reader"]));
    assert_eq!(s.get("/api/tvm/exceptions", None).json[0]["createdBy"], "test@contoso.com");
    assert_eq!(s.get("/api/tvm/remediation-requests", None).json[0]["priority"], "high");
    assert!(s.log().iter().all(|(_, _, allowed, code)| *allowed && code == "granted"));
}

#[test]
fn bad_bodies_are_400_naming_the_field_and_change_nothing() {
    let s = TestServer::start();
    let admin = s.token(&[GLOBAL_ADMIN]);
    let before = s.dump();
    for (path, body, code, pointer) in [
        ("/api/initiatives/ransomware-protection/target", r#"{ "target": 150 }"#, "invalid-input", "/target"),
        ("/api/initiatives/ransomware-protection/target", r#"{ "target": "high" }"#, "invalid-input", "/target"),
        ("/api/initiatives/ransomware-protection/target", r#"{ "target": 50, "note": 1 }"#, "invalid-input", "/note"),
        ("/api/metrics/rp-asr/weight", r#"{ "weight": 11 }"#, "invalid-input", "/weight"),
        ("/api/recommendations/rec-asr-office/status", r#"{ "status": "Planed" }"#, "invalid-input", "/status"),
        ("/api/devices/FIN-WS-014/criticality", r#"{ "level": "critical" }"#, "invalid-input", "/level"),
    ] {
        let a = s.request("PUT", path, Some(&admin), Some(body));
        assert_eq!((a.status, a.code(), a.json["error"]["pointer"].as_str()), (400, code, Some(pointer)), "{body}: {}", a.json);
    }
    let a = s.request("PUT", "/api/recommendations/rec-asr-office/status", Some(&admin), Some(r#"{ "status": "Planed" }"#));
    assert_eq!(a.json["error"]["suggestions"], json!(["Planned"]));
    let a = s.request("POST", "/api/users/guest/roles", Some(&admin), Some(r#"{ "role": "security-admn" }"#));
    assert_eq!((a.code(), a.json["error"]["pointer"].as_str()), ("unknown-role", Some("/role")));
    let a = s.request("POST", "/api/tvm/exceptions", Some(&admin), Some(r#"{ "recommendation": "r", "justification": "j", "expires": "soon" }"#));
    assert_eq!(a.json["error"]["pointer"], "/expires");
    // An unknown record is a 404, and still nothing changes.
    assert_eq!(s.request("PUT", "/api/metrics/nope/weight", Some(&admin), Some(r#"{ "weight": 2 }"#)).status, 404);
    // No token beats a bad body: 401 first.
    assert_eq!(s.request("PUT", "/api/metrics/rp-asr/weight", None, Some("{")).status, 401);
    assert_eq!(s.dump(), before);
}

#[test]
fn the_audit_log_is_newest_first_paged_and_for_role_managers() {
    let s = TestServer::start();
    let admin = s.token(&[SECURITY_ADMIN]);
    let reader = s.token(&[SECURITY_READER]);
    for (token, enabled) in [(&admin, false), (&reader, true), (&admin, true)] {
        s.request("PUT", "/api/criticality/rules/rule-dc/enabled", Some(token), Some(&json!({ "enabled": enabled }).to_string()));
    }
    let denied = s.get("/api/audit", Some(&reader));
    assert_eq!((denied.status, denied.json["action"].as_str()), (403, Some("manage-roles")));
    assert_eq!(s.get("/api/audit", None).status, 401);
    let page1 = s.get("/api/audit?limit=2", Some(&admin)).json;
    assert_eq!(page1["total"], 3);
    let allowed: Vec<&Value> = page1["entries"].as_array().unwrap().iter().map(|e| &e["allowed"]).collect();
    assert_eq!(allowed, [&json!(true), &json!(false)], "newest first");
    assert_eq!(page1["entries"][1]["reason"]["code"], "no-role");
    assert_eq!(page1["nextOffset"], 2);
    let page2 = s.get("/api/audit?limit=2&offset=2", Some(&admin)).json;
    assert_eq!((page2["entries"].as_array().unwrap().len(), page2["nextOffset"].clone()), (1, Value::Null));
    assert_eq!(page2["entries"][0]["id"], 1);
    assert_eq!(s.get("/api/audit?limit=0", Some(&admin)).code(), "invalid-input");
    assert_eq!(s.get("/api/audit?limit=x", Some(&admin)).code(), "invalid-input");
}
