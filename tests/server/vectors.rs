//! The shared decision vectors over HTTP: every case of
//! `tests/vectors/decisions.json` POSTed as `{ subject, actions }` to
//! `/api/check` gets exactly the file's decisions, or a 400 with its error code.

use serde_json::{json, Value};

use super::*;

const FILE: &str = include_str!("../vectors/decisions.json");

#[test]
fn every_vector_case_gets_the_same_answer_over_http() {
    let s = TestServer::start();
    let file: Value = serde_json::from_str(FILE).unwrap();
    let cases = file["cases"].as_array().unwrap();
    assert!(cases.len() > 2000);
    for (i, case) in cases.iter().enumerate() {
        let body = json!({ "subject": case["subject"], "actions": case["actions"] }).to_string();
        let a = s.request("POST", "/api/check", None, Some(&body));
        match (case.get("decisions"), case.get("error")) {
            (Some(decisions), None) => {
                assert_eq!(a.status, 200, "case {i}: {body}: {}", a.json);
                assert_eq!(&a.json, decisions, "case {i}: {body}");
            }
            (None, Some(code)) => {
                assert_eq!(a.status, 400, "case {i}: {body}: {}", a.json);
                assert_eq!(a.code(), code.as_str().unwrap(), "case {i}: {body}");
            }
            _ => panic!("case {i} has neither decisions nor error"),
        }
    }
}
