//! The `exposure-gate` binary: output, and exit status 0 allowed, 1 denied, 2 bad input.


use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_exposure-gate")).args(args).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn check_exits_0_when_allowed_and_1_when_denied() {
    let denied = run(&["check", "--roles", "security-reader", "--action", "manage-recommendations"]);
    assert_eq!(denied.status.code(), Some(1));
    assert!(stdout(&denied).contains("needs Global Admin or Security Admin; you have Security Reader."));
    assert!(stdout(&denied).contains("least privileged role: security-admin"));
    let allowed = run(&["check", "--roles=SECURITY-ADMIN", "--action", "manage-recommendations"]);
    assert_eq!(allowed.status.code(), Some(0));
    let scoped = run(&["check", "--roles", "global-admin", "--action", "view-attack-paths", "--groups", "Finance", "--json"]);
    assert_eq!(scoped.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&scoped.stdout).unwrap();
    assert_eq!(json["reason"]["code"], "scope-restricted");
}

#[test]
fn bad_input_exits_2_with_one_line() {
    for args in [
        &["check", "--roles", "nobody", "--action", "view-metrics"][..],
        &["check", "--roles", "global-admin", "--action", "view-metric"],
        &["check", "--rols", "global-admin", "--action", "view-metrics"],
        &["check", "--roles", "global-admin"],
        &["frobnicate"],
        &["matrix", "--format", "xml"],
        &["who-can"],
        &["lint", "--policy", "/nonexistent/policy.json"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("exposure-gate: error: "), "{err}");
    }
    let o = run(&["check", "--roles", "global-admin", "--action", "view-metric"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean `view-metrics`?"));
}

#[test]
fn matrix_formats() {
    let md = stdout(&run(&["matrix"]));
    assert!(md.starts_with("| Action | Global Admin | Global Reader | Security Admin | Security Operator | Security Reader |"));
    assert!(md.contains("| Manage recommendations | ✔ | - | ✔ | - | - |"));
    let csv = stdout(&run(&["matrix", "--format", "csv"]));
    assert!(csv.contains("\ntoggle-criticality-rule,1,0,1,1,0\n"));
    let json: serde_json::Value = serde_json::from_slice(&run(&["matrix", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["actions"][0], "grant-permissions");
}

#[test]
fn who_can_explain_and_lint() {
    assert_eq!(stdout(&run(&["who-can", "toggle-criticality-rule"])), "global-admin\nsecurity-admin\nsecurity-operator\n");
    let explain = stdout(&run(&["explain", "query-exposure-graph"]));
    assert!(explain.contains("device scope:"), "{explain}");
    let lint = stdout(&run(&["lint"]));
    assert!(lint.ends_with("4 finding(s)\n"), "{lint}");
}

#[test]
fn a_custom_policy_file() {
    let dir = std::env::temp_dir().join(format!("exposure-gate-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("policy.json");
    std::fs::write(&path, r#"{"version":1,"roles":[{"id":"r","name":"R"}],"actions":[{"id":"a","label":"A","kind":"read"}],"grants":[{"role":"r","actions":["a"]}]}"#).unwrap();
    let p = path.to_str().unwrap();
    assert_eq!(run(&["check", "--policy", p, "--roles", "r", "--action", "a"]).status.code(), Some(0));
    std::fs::write(&path, "{").unwrap();
    let o = run(&["check", "--policy", p, "--roles", "r", "--action", "a"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("policy.json: "));
    std::fs::remove_dir_all(&dir).unwrap();
}
