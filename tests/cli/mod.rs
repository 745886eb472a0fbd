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
        &["compile"],
        &["compile", "--out", "/nonexistent/dir/policy.compiled"],
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
fn compile_writes_what_from_compiled_loads() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("builtin.compiled");
    let o = run(&["compile", "--policy", "policy/builtin.json", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(stdout(&o), format!("{}: {} bytes\n", out.display(), bytes.len()));
    assert_eq!(bytes, exposure_gate::policy::BUILTIN_COMPILED);
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

#[test]
fn licensing_report() {
    let o = run(&["licensing", "--licenses", "defender-endpoint-p2,defender-identity"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(text.starts_with("level: recommended\n"), "{text}");
    assert!(text.contains("Defender for Cloud recommendations: no"));
    assert!(text.contains("  no-e5: "));
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["licensing", "--licenses", "SPE_E5", "--defender-cspm", "--json"]).stdout).unwrap();
    assert_eq!(json["level"], "optimal");
    assert_eq!(json["defenderForCloudRecommendations"], true);
    let o = run(&["licensing", "--licenses", "m365-e6"]);
    assert!(stdout(&o).contains("unknown-license: `m365-e6` is not a licence in the catalogue"));
}

#[test]
fn devices_from_csv_and_json() {
    let dir = std::env::temp_dir().join(format!("exposure-gate-devices-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("devices.csv");
    std::fs::write(
        &csv,
        "id,onboarded,os,osVersion,installedKbs,intune,configMgr,securityRecommendations,tags,coManaged\n\
         pc-1,yes,Windows 10,1809,KB4516077,yes,no,3,finance,no\n\
         pc-2,yes,Windows 10,10.0.16299,KB4493441,no,yes,1,,yes\n\
         pc-3,maybe,macOS,,,yes,no,1,x,no\n",
    )
    .unwrap();
    let o = run(&["devices", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(text.contains(": 3 devices: 1 ready, 1 not ready, 1 invalid\n"), "{text}");
    assert!(text.contains("\nmissing-update              1  Install the mandatory updates"), "{text}");
    assert!(text.contains("missing updates:      KB4516071 1\n"), "{text}");
    assert!(text.contains("  missing-update: pc-2\n"), "{text}");
    assert!(text.contains("  line 4, column 2: device `pc-3`: `onboarded` must be true or false, not the string `maybe`\n"), "{text}");
    // No progress bar when stderr is not a terminal.
    assert!(o.stderr.is_empty());

    let json = dir.join("devices.json");
    std::fs::write(&json, r#"{ "devices": [{ "id": "a", "onboarded": true, "os": "Windows 10", "intune": true,
        "configMgr": false, "securityRecommendations": 1, "coManaged": true }] }"#).unwrap();
    let o = run(&["devices", json.to_str().unwrap(), "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["total"], 1);
    assert_eq!(report["invalid"][0]["error"]["pointer"], "/devices/0/osVersion");

    std::fs::write(&json, "[{").unwrap();
    let o = run(&["devices", json.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("exposure-gate: error: "));
    let o = run(&["devices", "/nonexistent/devices.csv"]);
    assert_eq!(o.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}
