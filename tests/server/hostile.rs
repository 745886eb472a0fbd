//! What a careless or hostile client may send: bodies of the wrong type,
//! broken or cut-off JSON, a connection dropped half-way, a CORS preflight,
//! an oversized head. Always a 4xx with a JSON error, never a 500, and the
//! server goes on serving.

use std::io::Write;
use std::net::TcpStream;

use super::writes::writes;
use super::*;

const CHECK: &str = r#"{ "subject": { "roles": ["security-reader"] }, "action": "view-metrics" }"#;

/// A token for every write endpoint (Global Admin, plus the two TVM options).
fn admin(s: &TestServer) -> String {
    let mut claims = s.claims(&[GLOBAL_ADMIN]);
    claims["tvmPermissions"] = json!(["tvm-exception-handling", "tvm-remediation-handling"]);
    s.key.sign(&claims).unwrap()
}

/// The status line and the body of a raw HTTP/1.1 response.
fn status_and_body(text: &str) -> (u16, Value) {
    let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = text.split("\r\n\r\n").nth(1).unwrap_or("");
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

#[test]
fn a_body_that_is_not_declared_json_is_415_and_changes_nothing() {
    let s = TestServer::start();
    let token = admin(&s);
    let before = s.dump();
    let mut endpoints = vec![("POST", "/api/check", CHECK.to_owned())];
    endpoints.extend(writes().into_iter().map(|(method, path, body, _)| (method, path, body.to_string())));
    for (method, path, body) in endpoints {
        for ty in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx"] {
            let a = s.request_as(method, path, Some(&token), Some((ty, &body)));
            assert_eq!((a.status, a.code()), (415, "unsupported-media-type"), "{method} {path} as {ty}: {}", a.json);
            assert!(a.header("content-security-policy").is_some(), "{path}");
            // Its body unread, the connection is closed, and the answer says so (the next request must not reuse it).
            assert_eq!(a.header("connection"), Some("close"), "{path} as {ty}");
        }
        let request = format!("{method} {path} HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}", body.len());
        let (status, json) = status_and_body(&s.raw(&request));
        assert_eq!((status, json["error"]["code"].as_str()), (415, Some("unsupported-media-type")), "{path} untyped");
    }
    assert_eq!(s.dump(), before);
    assert!(s.log().is_empty(), "a refused body is no decision");
    // The type's parameters and case do not matter; `+json` types are JSON.
    for ty in ["application/json; charset=utf-8", "Application/JSON", "application/merge-patch+json"] {
        assert_eq!(s.request_as("POST", "/api/check", None, Some((ty, CHECK))).status, 200, "{ty}");
    }
}

#[test]
fn broken_or_cut_off_json_is_400_on_every_endpoint_that_reads_a_body() {
    let s = TestServer::start();
    let token = admin(&s);
    let before = s.dump();
    let mut endpoints: Vec<(&str, String)> = writes().into_iter().map(|(method, path, _, _)| (method, path.to_owned())).collect();
    endpoints.extend(
        ["check", "prerequisites/licensing", "prerequisites/workspace", "prerequisites/device", "prerequisites/fleet", "prerequisites/browser"]
            .map(|p| ("POST", format!("/api/{p}"))),
    );
    let cut = &CHECK[..CHECK.len() / 2];
    for (method, path) in endpoints {
        for body in [cut, "{", "}", "[1,", r#"{"a": "\u00"}"#, "nul", "{\"a\": 1} trailing", "{\"a\":\u{0}}"] {
            let a = s.request(method, &path, Some(&token), Some(body));
            assert_eq!(a.status, 400, "{method} {path} with {body:?}: {}", a.json);
            assert!(!a.code().is_empty(), "{path}: a JSON error body");
        }
    }
    assert_eq!(s.dump(), before);
}

#[test]
fn a_body_that_is_not_utf8_is_400() {
    let s = TestServer::start();
    let mut stream = TcpStream::connect(s.base.trim_start_matches("http://")).unwrap();
    stream.write_all(b"POST /api/check HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: 4\r\n\r\n{\"\xff\"").unwrap();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut stream, &mut bytes).unwrap();
    let (status, json) = status_and_body(&String::from_utf8_lossy(&bytes));
    assert_eq!(status, 400);
    assert!(json["error"]["code"].is_string(), "{json}");
}

#[test]
fn clients_that_hang_up_half_way_leave_the_server_serving() {
    let s = TestServer::start();
    let addr = s.base.trim_start_matches("http://").to_owned();
    let head = "POST /api/check HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n";
    for i in 0..50 {
        let mut stream = TcpStream::connect(&addr).unwrap();
        // Half a head, a whole head, a head and part of the body: then gone.
        let sent = match i % 3 {
            0 => head[..20].to_owned(),
            1 => head.to_owned(),
            _ => format!("{head}{}", &CHECK[..30]),
        };
        stream.write_all(sent.as_bytes()).unwrap();
        drop(stream);
    }
    for _ in 0..5 {
        let a = s.request("POST", "/api/check", None, Some(CHECK));
        assert_eq!((a.status, a.json["allowed"].as_bool()), (200, Some(true)));
    }
}

#[test]
fn a_cors_preflight_or_cross_origin_request_is_granted_nothing() {
    let s = TestServer::start();
    let preflight = "OPTIONS /api/check HTTP/1.1\r\nhost: x\r\nconnection: close\r\norigin: https://evil.example\r\n\
                     access-control-request-method: POST\r\naccess-control-request-headers: content-type, authorization\r\n\r\n";
    let simple = format!(
        "POST /api/check HTTP/1.1\r\nhost: x\r\nconnection: close\r\norigin: https://evil.example\r\n\
         content-type: application/json\r\ncontent-length: {}\r\n\r\n{CHECK}",
        CHECK.len()
    );
    for request in [preflight, &simple] {
        let text = s.raw(request);
        let head = text.split("\r\n\r\n").next().unwrap().to_ascii_lowercase();
        assert!(!head.contains("access-control-"), "{head}");
    }
    let (status, json) = status_and_body(&s.raw(preflight));
    assert_eq!((status, json["error"]["code"].as_str()), (405, Some("method-not-allowed")));
}

#[test]
fn an_oversized_url_or_head_is_4xx_and_the_server_goes_on() {
    let s = TestServer::start();
    let long = "a".repeat(32 * 1024);
    let (status, json) = status_and_body(&s.raw(&format!("GET /api/{long} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")));
    assert_eq!((status, json["error"]["code"].as_str()), (404, Some("not-found")));
    let (status, _) = status_and_body(&s.raw(&format!("GET /api/matrix?{long} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")));
    assert_eq!(status, 200, "a long query on a route that reads none");
    let many: String = (0..200).map(|i| format!("x-h{i}: v\r\n")).collect();
    let (status, _) = status_and_body(&s.raw(&format!("GET /api/matrix HTTP/1.1\r\nhost: x\r\nconnection: close\r\n{many}\r\n")));
    assert_eq!(status, 431, "more headers than the server reads");
    assert_eq!(s.request("POST", "/api/check", None, Some(CHECK)).status, 200);
}
