//! The HTTP layer: JSON 404/405/413/408, security headers, no CORS, the pages.

use super::*;

#[test]
fn unknown_routes_wrong_methods_and_large_bodies_are_json_errors() {
    let s = TestServer::start();
    let a = s.get("/api/nothing-here", None);
    assert_eq!((a.status, a.code()), (404, "not-found"));
    assert_eq!(s.get("/no-such-page.html", None).code(), "not-found");
    let a = s.request("DELETE", "/api/check", None, None);
    assert_eq!((a.status, a.code()), (405, "method-not-allowed"));
    assert!(a.header("allow").unwrap().contains("POST"));
    let big = format!(r#"{{ "subject": {{ "roles": [] }}, "action": "{}" }}"#, "x".repeat(70 * 1024));
    let a = s.request("POST", "/api/check", None, Some(&big));
    assert_eq!((a.status, a.code()), (413, "payload-too-large"));
    assert_eq!(a.header("connection"), Some("close"));
}

#[test]
fn a_slow_body_is_a_408_not_a_hang() {
    let s = TestServer::start();
    let text = s.raw("POST /api/check HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{");
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("request-timeout"));
}

#[test]
fn every_response_has_the_security_headers_and_no_cors() {
    let s = TestServer::start();
    for path in ["/", "/api/matrix", "/api/nope", "/js/portal.js"] {
        let a = s.get(path, None);
        let csp = a.header("content-security-policy").unwrap_or_default();
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval'") && !csp.contains("unsafe-inline"), "{path}");
        assert_eq!(a.header("x-content-type-options"), Some("nosniff"), "{path}");
        assert_eq!(a.header("x-frame-options"), Some("DENY"), "{path}");
        assert!(a.header("access-control-allow-origin").is_none(), "{path}");
    }
    let page = s.get("/", None);
    assert_eq!(page.status, 200);
    assert!(page.header("content-type").unwrap().starts_with("text/html"));
}
