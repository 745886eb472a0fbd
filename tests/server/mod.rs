//! The server over real HTTP: a server on 127.0.0.1 at a port the OS picks,
//! with a temporary database, tokens signed by a test key whose JWKS is a
//! temporary file.

mod auth;
mod check;
mod crash;
mod hostile;
mod http_layer;
mod vectors;
mod writes;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use exposure_gate::server::devkey::DevKey;
use exposure_gate::server::{self, Config, Identity, Limits, Running};
use exposure_gate::Gate;
use serde_json::{json, Value};

pub const ISSUER: &str = "https://login.test.invalid/tenant/v2.0";
pub const AUDIENCE: &str = "api://exposure-gate-test";
pub const GLOBAL_ADMIN: &str = "62e90394-69f5-4237-9190-012177145e10";
pub const SECURITY_READER: &str = "5d6b6bb7-de71-4623-b4af-96380a352509";
pub const SECURITY_ADMIN: &str = "194ae4cb-b126-40b2-bd5b-6091b380977d";
pub const SECURITY_OPERATOR: &str = "5f2222b1-57c3-48ba-8ad5-d4759f1fde6f";

/// A running server, its key, database and HTTP client.
pub struct TestServer {
    pub key: DevKey,
    pub db: PathBuf,
    pub base: String,
    agent: ureq::Agent,
    _running: Running,
    _dir: tempfile::TempDir,
}

/// An answer: status, headers we look at, and the body as JSON (Null if not JSON).
pub struct Answer {
    pub status: u16,
    pub json: Value,
    pub headers: Vec<(String, String)>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    pub fn code(&self) -> &str {
        self.json["error"]["code"].as_str().unwrap_or("")
    }
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

impl TestServer {
    pub fn start() -> TestServer {
        TestServer::start_with(|_| {})
    }

    pub fn start_with(adjust: impl FnOnce(&mut Config)) -> TestServer {
        let dir = tempfile::tempdir().unwrap();
        let key = DevKey::generate().unwrap();
        let jwks = dir.path().join("jwks.json");
        std::fs::write(&jwks, key.jwks().to_string()).unwrap();
        let db = dir.path().join("state.db");
        let mut config = Config::demo(Gate::builtin().unwrap());
        config.addr = "127.0.0.1:0".parse().unwrap();
        config.db = db.clone();
        config.www = root().join("www");
        config.pkg = root().join("pkg");
        config.identity = Identity::Jwks { file: jwks, issuer: ISSUER.into(), audience: AUDIENCE.into() };
        config.limits = Limits { body_bytes: 64 * 1024, request_timeout: Duration::from_secs(2) };
        adjust(&mut config);
        let running = server::spawn(config).unwrap();
        let base = format!("http://{}", running.addr());
        let agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        TestServer { key, db, base, agent, _running: running, _dir: dir }
    }

    /// Claims of a valid token for these roles (template IDs), overridable.
    pub fn claims(&self, wids: &[&str]) -> Value {
        let t = now();
        json!({ "iss": ISSUER, "aud": AUDIENCE, "sub": "user-1", "preferred_username": "test@contoso.com",
                "wids": wids, "iat": t, "nbf": t - 5, "exp": t + 600 })
    }

    pub fn token(&self, wids: &[&str]) -> String {
        self.key.sign(&self.claims(wids)).unwrap()
    }

    pub fn request(&self, method: &str, path: &str, token: Option<&str>, body: Option<&str>) -> Answer {
        self.request_as(method, path, token, body.map(|b| ("application/json", b)))
    }

    /// A request whose body goes with the given content type.
    pub fn request_as(&self, method: &str, path: &str, token: Option<&str>, body: Option<(&str, &str)>) -> Answer {
        let url = format!("{}{path}", self.base);
        let mut req = ureq::http::Request::builder().method(method).uri(&url);
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        let response = match body {
            Some((ty, b)) => self.agent.run(req.header("content-type", ty).body(b.to_owned()).unwrap()),
            None => self.agent.run(req.body(()).unwrap()),
        }
        .unwrap();
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), v.to_str().unwrap_or("").to_owned()))
            .collect();
        let mut text = String::new();
        response.into_body().into_reader().read_to_string(&mut text).unwrap();
        Answer { status, json: serde_json::from_str(&text).unwrap_or(Value::Null), headers }
    }

    /// Send raw bytes on a new connection and read until the server closes it.
    pub fn raw(&self, request: &str) -> String {
        let mut stream = TcpStream::connect(self.base.trim_start_matches("http://")).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    pub fn get(&self, path: &str, token: Option<&str>) -> Answer {
        self.request("GET", path, token, None)
    }

    /// Everything the write endpoints may change (not the decision log), as text.
    pub fn dump(&self) -> String {
        dump(&self.db)
    }

    /// The decision log, oldest first, as (who, action, allowed, reason code).
    pub fn log(&self) -> Vec<(String, String, bool, String)> {
        let conn = rusqlite::Connection::open(&self.db).unwrap();
        let mut stmt = conn.prepare("SELECT who, action, allowed, reason_code FROM decisions ORDER BY id").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).unwrap().map(Result::unwrap).collect()
    }
}

fn dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut out = String::new();
    for sql in [
        "SELECT kind || '/' || id || ' ' || doc FROM records ORDER BY kind, id",
        "SELECT id || ' ' || recommendation || ' ' || justification || ' ' || expires FROM tvm_exceptions ORDER BY id",
        "SELECT id || ' ' || recommendation || ' ' || due || ' ' || priority FROM remediation_requests ORDER BY id",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        for row in stmt.query_map([], |r| r.get::<_, String>(0)).unwrap() {
            out.push_str(&row.unwrap());
            out.push('\n');
        }
    }
    out
}
