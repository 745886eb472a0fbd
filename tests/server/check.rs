//! `POST /api/check`: what-if questions, the caller's own, and 400s with the JS codes.

use exposure_gate::{Gate, Subject};
use serde_json::json;

use super::*;

#[test]
fn what_if_needs_no_token_and_matches_the_core() {
    let s = TestServer::start();
    let gate = Gate::builtin().unwrap();
    let subject = json!({ "roles": ["security-reader"] });
    let one = s.request("POST", "/api/check", None, Some(&json!({ "subject": subject, "action": "manage-recommendations" }).to_string()));
    assert_eq!(one.status, 200);
    let expected = gate.check(&Subject::with_roles(["security-reader"]), "manage-recommendations").unwrap();
    assert_eq!(one.json, serde_json::to_value(&expected).unwrap());

    let scoped = json!({ "roles": ["global-admin"], "deviceGroups": ["Finance"] });
    let many = s.request("POST", "/api/check", None, Some(&json!({ "subject": scoped, "actions": ["view-metrics", "view-attack-paths"] }).to_string()));
    assert_eq!(many.json[0]["allowed"], true);
    assert_eq!(many.json[1]["reason"]["code"], "scope-restricted");
}

#[test]
fn without_a_subject_it_answers_for_the_caller() {
    let s = TestServer::start();
    let body = r#"{ "action": "manage-recommendations" }"#;
    let anonymous = s.request("POST", "/api/check", None, Some(body));
    assert_eq!(anonymous.status, 401);
    assert_eq!(s.request("POST", "/api/check", Some(&s.token(&[SECURITY_ADMIN])), Some(body)).json["allowed"], true);
    let reader = s.request("POST", "/api/check", Some(&s.token(&[SECURITY_READER])), Some(body));
    assert_eq!((reader.status, reader.json["reason"]["code"].as_str()), (200, Some("no-role")));
}

#[test]
fn bad_questions_are_400_with_the_codes_of_javascript() {
    let s = TestServer::start();
    let ask = |body: &str| s.request("POST", "/api/check", None, Some(body));
    let a = ask(r#"{ "subject": { "roles": ["security-readr"] }, "action": "view-metrics" }"#);
    assert_eq!((a.status, a.code()), (400, "unknown-role"));
    assert_eq!(a.json["error"]["suggestions"], json!(["security-reader"]));
    let a = ask(r#"{ "subject": { "roles": [] }, "action": "manage-recomendations" }"#);
    assert_eq!(a.code(), "unknown-action");
    assert!(a.json["error"]["message"].as_str().unwrap().contains("did you mean `manage-recommendations`?"));
    let a = ask(r#"{ "subject": { "role": ["global-admin"] }, "action": "view-metrics" }"#);
    assert_eq!(a.code(), "invalid-subject");
    assert_eq!(a.json["error"]["pointer"], "/subject/role");
    let a = ask(r#"{ "subject": { "roles": [] }, "actions": ["view-metrics", 7] }"#);
    assert_eq!((a.code(), a.json["error"]["pointer"].as_str()), ("invalid-input", Some("/actions/1")));
    for body in ["{", "[]", r#"{ "subject": {} }"#, r#"{ "subject": {}, "acton": "x" }"#, ""] {
        let a = ask(body);
        assert_eq!((a.status, a.code()), (400, "invalid-input"), "{body}");
    }
}

#[test]
fn matrix_and_prerequisites() {
    let s = TestServer::start();
    let m = s.get("/api/matrix", None);
    assert_eq!(m.json, serde_json::to_value(Gate::builtin().unwrap().matrix()).unwrap());
    let lic = s.request("POST", "/api/prerequisites/licensing", None, Some(r#"{ "licenses": ["m365-e5"], "defenderCspm": true }"#));
    assert_eq!(lic.json["level"], "optimal");
    let ws = s.request("POST", "/api/prerequisites/workspace", None, Some(r#"{ "assignments": [{ "user": "a", "roles": ["global-reader"] }] }"#));
    assert_eq!(ws.json["ready"], false);
    let dev = s.request("POST", "/api/prerequisites/device", None, Some(r#"{ "id": "pc-1" }"#));
    assert_eq!((dev.status, dev.json["error"]["pointer"].as_str()), (400, Some("/onboarded")));
    let fleet = s.request("POST", "/api/prerequisites/fleet", None, Some(r#"[{ "id": "x" }]"#));
    assert_eq!(fleet.json["total"], 1);
    let ie = s.request("POST", "/api/prerequisites/browser", None, Some(r#"{ "userAgent": "Mozilla/5.0 (Windows NT 10.0; Trident/7.0; rv:11.0) like Gecko" }"#));
    assert_eq!(ie.json["webAssembly"], false);
}
