//! Identity: 401 for every way a token can be wrong; claims into subjects.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use exposure_gate::server::devkey::DevKey;
use exposure_gate::server::Identity;
use serde_json::json;

use super::*;

const WRITE: &str = "/api/criticality/rules/rule-dc/enabled";
const BODY: &str = r#"{ "enabled": false }"#;

fn refused(server: &TestServer, token: Option<&str>, why: &str) {
    let before = server.dump();
    let a = server.request("PUT", WRITE, token, Some(BODY));
    assert_eq!(a.status, 401, "{why}: {}", a.json);
    assert_eq!(a.code(), "unauthorized", "{why}");
    assert!(a.header("www-authenticate").unwrap().starts_with("Bearer"), "{why}");
    assert_eq!(server.get("/api/me", token).status, 401, "{why}");
    assert_eq!(server.dump(), before, "{why}: nothing changed");
}

#[test]
fn a_valid_token_is_accepted_and_every_bad_one_refused() {
    let s = TestServer::start();
    let admin = [SECURITY_ADMIN];
    assert_eq!(s.request("PUT", WRITE, Some(&s.token(&admin)), Some(BODY)).status, 200);

    refused(&s, None, "no token");
    refused(&s, Some("not-a-jwt"), "garbage");
    let t = now();
    let with = |patch: serde_json::Value| {
        let mut c = s.claims(&admin);
        for (k, v) in patch.as_object().unwrap() {
            if v.is_null() {
                c.as_object_mut().unwrap().remove(k);
            } else {
                c[k] = v.clone();
            }
        }
        s.key.sign(&c).unwrap()
    };
    refused(&s, Some(&with(json!({ "exp": t - 3600 }))), "expired");
    refused(&s, Some(&with(json!({ "nbf": t + 3600 }))), "not yet valid");
    refused(&s, Some(&with(json!({ "iss": "https://evil.invalid/" }))), "wrong issuer");
    refused(&s, Some(&with(json!({ "aud": "api://someone-else" }))), "wrong audience");
    refused(&s, Some(&with(json!({ "exp": null }))), "no expiry");

    // Signed by another key with the same kid: bad signature.
    let other = DevKey::generate().unwrap();
    let forged = other.sign(&s.claims(&admin)).unwrap();
    let (_, rest) = forged.split_once('.').unwrap();
    let (header, _) = s.token(&admin).split_once('.').map(|(h, r)| (h.to_owned(), r.to_owned())).unwrap();
    refused(&s, Some(&format!("{header}.{rest}")), "bad signature");
    refused(&s, Some(&forged), "unknown key");

    // alg none: no signature at all.
    let b64 = |v: serde_json::Value| URL_SAFE_NO_PAD.encode(v.to_string());
    let none = format!("{}.{}.", b64(json!({ "alg": "none", "typ": "JWT" })), b64(s.claims(&admin)));
    refused(&s, Some(&none), "alg none");

    // HS256 with the public key as the shared secret (RS/HS confusion).
    let pem = s.key.public_pem().unwrap();
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    header.kid = Some(s.key.kid().to_owned());
    let hs = jsonwebtoken::encode(&header, &s.claims(&admin), &jsonwebtoken::EncodingKey::from_secret(pem.as_bytes())).unwrap();
    refused(&s, Some(&hs), "HS256 with the public key");
}

#[test]
fn claims_make_the_subject() {
    let s = TestServer::start();
    let mut c = s.claims(&[SECURITY_OPERATOR, "b79fbf4d-3ef9-4689-8143-76b194e85509"]);
    c["roles"] = json!(["security-reader"]);
    c["deviceGroups"] = json!(["Finance"]);
    c["tvmPermissions"] = json!(["view-tvm"]);
    let me = s.get("/api/me", Some(&s.key.sign(&c).unwrap()));
    assert_eq!(me.status, 200, "{}", me.json);
    // The Entra "User" role template is not a role of this policy: dropped.
    assert_eq!(me.json["subject"]["roles"], json!([SECURITY_OPERATOR, "security-reader"]));
    assert_eq!(me.json["subject"]["deviceGroups"], json!(["Finance"]));
    assert_eq!(me.json["who"], "test@contoso.com");
    let allowed: Vec<&str> = me.json["allowedActions"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(allowed.contains(&"view-tvm-data") && allowed.contains(&"toggle-criticality-rule"));
    assert!(!allowed.contains(&"view-attack-paths"), "scoped users don't see attack paths");
}

#[test]
fn dev_mode_mints_tokens_it_accepts_and_says_so() {
    let s = TestServer::start_with(|c| c.identity = Identity::Dev);
    assert_eq!(s.get("/api/session", None).json["devMode"], true);
    let minted = s.request("POST", "/api/dev/token", None, Some(r#"{ "user": "tom" }"#));
    assert_eq!(minted.status, 200);
    let token = minted.json["token"].as_str().unwrap();
    let me = s.get("/api/me", Some(token));
    assert_eq!(me.json["subject"]["roles"], json!([SECURITY_READER]));
    assert_eq!(me.json["subject"]["deviceGroups"], json!(["Finance", "HR"]));
    let jwks = s.get("/.well-known/jwks.json", None);
    assert_eq!(jwks.json["keys"][0]["alg"], "RS256");
    assert_eq!(s.request("POST", "/api/dev/token", None, Some(r#"{ "user": "mallory" }"#)).code(), "invalid-input");
    // The test key is not this server's key.
    assert_eq!(s.get("/api/me", Some(&s.token(&[SECURITY_ADMIN]))).status, 401);

    // With a JWKS there is no minting and no dev JWKS.
    let real = TestServer::start();
    assert_eq!(real.get("/api/session", None).json["devMode"], false);
    assert_eq!(real.request("POST", "/api/dev/token", None, Some(r#"{ "user": "tom" }"#)).status, 404);
    assert_eq!(real.get("/.well-known/jwks.json", None).status, 404);
}
