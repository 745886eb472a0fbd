//! A crash mid-burst: the real binary, `kill -9` while clients write, and a
//! restart on the same database. Every write that was answered 2xx is there,
//! the file passes `PRAGMA integrity_check`, and the server serves again.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::*;

const WRITERS: usize = 4;
/// Kill once this many writes have been acknowledged (the burst goes on meanwhile).
const KILL_AFTER: usize = 60;

/// `exposure-gate serve` in dev mode on a port the OS picks.
struct Process {
    child: Mutex<Child>,
    base: String,
    agent: ureq::Agent,
}

impl Process {
    fn start(db: &Path) -> Process {
        let mut child = Command::new(env!("CARGO_BIN_EXE_exposure-gate"))
            .args(["serve", "--addr", "127.0.0.1:0", "--db"])
            .arg(db)
            .arg("--www")
            .arg(root().join("www"))
            .arg("--pkg")
            .arg(root().join("pkg"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let base = loop {
            let line = lines.next().expect("the server exited before it listened").unwrap();
            if let Some(rest) = line.split("listening on ").nth(1) {
                break rest.split_whitespace().next().unwrap().trim_end_matches('/').to_owned();
            }
        };
        // Keep reading its log so that it never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .into();
        Process { child: Mutex::new(child), base, agent }
    }

    /// A status and JSON body, or `None` when the connection failed.
    fn send(&self, method: &str, path: &str, token: Option<&str>, body: &Value) -> Option<(u16, Value)> {
        let mut req = ureq::http::Request::builder().method(method).uri(format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        let req = req.header("content-type", "application/json").body(body.to_string()).unwrap();
        let response = self.agent.run(req).ok()?;
        let status = response.status().as_u16();
        let text = response.into_body().read_to_string().ok()?;
        Some((status, serde_json::from_str(&text).unwrap_or(Value::Null)))
    }

    /// A token for Marc (Global Admin) from dev mode's login.
    fn admin_token(&self) -> String {
        let (status, body) = self.send("POST", "/api/dev/token", None, &json!({ "user": "marc" })).unwrap();
        assert_eq!(status, 200, "{body}");
        body["token"].as_str().unwrap().to_owned()
    }

    fn rule_ids(&self) -> Vec<String> {
        let answer = self.agent.get(format!("{}/api/criticality", self.base)).call().unwrap();
        let body: Value = serde_json::from_str(&answer.into_body().read_to_string().unwrap()).unwrap();
        body["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect()
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        if let Ok(child) = self.child.get_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Create rules until the server stops answering; the ids it acknowledged.
fn burst(server: &Process, token: &str, writer: usize, acked: &Mutex<Vec<String>>, stop: &AtomicBool) {
    for n in 0.. {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let body = json!({ "name": format!("crash {writer} {n}"), "assetType": "Device", "condition": "tag crash", "level": "high" });
        match server.send("POST", "/api/criticality/rules", Some(token), &body) {
            Some((201, rule)) => acked.lock().unwrap().push(rule["id"].as_str().unwrap().to_owned()),
            Some((status, body)) => panic!("a write was refused while the server was up: {status} {body}"),
            None => return,
        }
    }
}

#[test]
fn kill_9_mid_burst_loses_no_acknowledged_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("state.db");
    let server = Process::start(&db);
    let token = server.admin_token();
    let acked = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let killed = std::thread::scope(|scope| {
        for writer in 0..WRITERS {
            let (server, token, acked, stop) = (&server, &token, &acked, &stop);
            scope.spawn(move || burst(server, token, writer, acked, stop));
        }
        let deadline = Instant::now() + Duration::from_secs(60);
        while acked.lock().unwrap().len() < KILL_AFTER && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        // SIGKILL: no shutdown, no checkpoint, requests in flight.
        let mut child = server.child.lock().unwrap();
        child.kill().unwrap();
        child.wait().unwrap();
        drop(child);
        stop.store(true, Ordering::Relaxed);
        acked.lock().unwrap().len()
    });
    assert!(killed >= KILL_AFTER, "the burst was acknowledged {killed} times before the deadline");
    let acked = acked.lock().unwrap().clone();

    // The file as the kill left it (with its write-ahead log): consistent, every acknowledged write in it.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    let logged: usize = conn
        .query_row("SELECT COUNT(*) FROM decisions WHERE action = 'create-criticality-rule' AND allowed", [], |r| r.get(0))
        .unwrap();
    assert!(logged >= acked.len(), "{logged} decisions logged for {} acknowledged writes", acked.len());
    drop(conn);

    let server = Process::start(&db);
    let present = server.rule_ids();
    let lost: Vec<&String> = acked.iter().filter(|id| !present.contains(id)).collect();
    assert!(lost.is_empty(), "acknowledged but lost after the restart: {lost:?}");
    let token = server.admin_token();
    let body = json!({ "name": "after the crash", "assetType": "Device", "condition": "tag x", "level": "low" });
    assert_eq!(server.send("POST", "/api/criticality/rules", Some(&token), &body).unwrap().0, 201);
}
