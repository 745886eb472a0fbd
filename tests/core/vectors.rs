//! The shared decision vectors, `tests/vectors/decisions.json`, which every
//! skin must answer identically. Natively: the engine answers each case as
//! the file says, through `check` and through a resolved subject; an oracle
//! written from the seed rather than from the engine agrees with every
//! expected decision, so a file regenerated from a wrong engine fails here
//! too; and the file is what the generator writes now, so it cannot go stale.

use std::collections::BTreeSet;

use exposure_gate::{Decision, Result, Subject};
use serde_json::Value;

use super::gate;
use super::seed_table::{ROLES, TABLE};
use super::tvm::OPTIONS;

#[path = "../vectors/generate.rs"]
mod generate;

const FILE: &str = include_str!("../vectors/decisions.json");

/// The Entra role template IDs of CONTRACT.md, parallel to `ROLES`.
const TEMPLATE_IDS: [&str; 5] = [
    "62e90394-69f5-4237-9190-012177145e10",
    "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
    "194ae4cb-b126-40b2-bd5b-6091b380977d",
    "5f2222b1-57c3-48ba-8ad5-d4759f1fde6f",
    "5d6b6bb7-de71-4623-b4af-96380a352509",
];

/// The actions beyond the table, and the roles that grant them unscoped, in
/// `ROLES` order: the prose of 000_66f15e5ee2fbf16e.txt, and Settings > Roles
/// of 004_ab50377f27de9ea2.txt.
const PROSE: [(&str, &str); 4] = [
    ("view-device-details", "YYYYY"),
    ("view-attack-paths", "YYYYY"),
    ("create-workspace", "Y-Y--"),
    ("manage-roles", "Y-Y--"),
];

/// Denied to a subject scoped to some device groups ("Permissions").
const SCOPED: [&str; 3] = ["view-device-details", "view-attack-paths", "query-exposure-graph"];

/// The TVM roles of the built-in policy, one per heading of the TVM document.
const TVM_ROLES: [(&str, &[&str]); 2] = [
    ("view-data", &["view-security-operations", "view-tvm"]),
    ("active-remediation", &["active-remediation-security-operations", "tvm-exception-handling", "tvm-remediation-handling"]),
];

fn cases() -> Vec<Value> {
    let file: Value = serde_json::from_str(FILE).expect("the vector file is JSON");
    assert_eq!(file["policy"], "builtin");
    assert!(file["about"].as_str().unwrap().contains("cargo run --example vectors"));
    file["cases"].as_array().expect("a list of cases").clone()
}

fn actions(case: &Value) -> Vec<&str> {
    case["actions"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect()
}

#[test]
fn the_file_is_what_the_generator_writes_now() {
    let now = generate::generate(&gate()).unwrap();
    let stale = "tests/vectors/decisions.json is not what the generator writes now; regenerate it with \
                 `cargo run --example vectors > tests/vectors/decisions.json`";
    if let Some((n, (file, generated))) = FILE.lines().zip(now.lines()).enumerate().find(|(_, (a, b))| a != b) {
        let column = file.chars().zip(generated.chars()).take_while(|(a, b)| a == b).count();
        let near = |line: &str| line.chars().skip(column.saturating_sub(80)).take(200).collect::<String>();
        panic!("{stale}: line {}, column {column}\n  file:      {}\n  generated: {}", n + 1, near(file), near(generated));
    }
    assert!(FILE == now, "{stale}: {} lines in the file, {} generated", FILE.lines().count(), now.lines().count());
    assert!(FILE.len() < 2_100_000, "the vector file should stay near 2 MB, not {} bytes", FILE.len());
}

#[test]
fn the_engine_answers_every_case_as_the_file_says() {
    let gate = gate();
    let every_action: Vec<&str> = gate.actions().iter().map(|a| a.id.as_str()).collect();
    for case in cases() {
        let subject = Subject::from_json(&case["subject"].to_string());
        let resolved = subject.clone().and_then(|s| gate.resolve(&s));
        let actions = actions(&case);
        for (i, action) in actions.iter().enumerate() {
            let by_check = subject.clone().and_then(|s| gate.check(&s, action));
            let by_handle = resolved.clone().and_then(|r| r.check(action));
            for got in [by_check, by_handle] {
                assert_answer(&case, i, got);
            }
        }
        if actions == every_action {
            let all = resolved.map(|r| serde_json::to_value(r.check_all()).unwrap());
            assert_eq!(all.ok().as_ref(), case.get("decisions"), "check_all for {}", case["subject"]);
        }
    }
}

/// One answer of the engine against the file's `decisions[i]` (compared as
/// JSON values) or its `error` code.
fn assert_answer(case: &Value, i: usize, got: Result<Decision>) {
    let at = || format!("{} / {}", case["subject"], case["actions"][i]);
    match got {
        Ok(d) => assert_eq!(serde_json::to_value(&d).unwrap(), case["decisions"][i], "{}", at()),
        Err(e) => assert_eq!(case["error"], e.code().as_str(), "{}: {e}", at()),
    }
}

/// What the seed says about one question: a decision's `allowed`, reason
/// code, `grantedBy` set and least-privileged roles, or the error.
#[derive(Debug)]
struct Expected {
    allowed: bool,
    code: &'static str,
    granted_by: BTreeSet<String>,
    least_privileged: Vec<&'static str>,
}

/// A list of strings, or `None` for anything else.
fn strings(value: &Value) -> Option<Vec<&str>> {
    value.as_array()?.iter().map(Value::as_str).collect()
}

/// What a well-formed subject holds.
struct Held {
    roles: [bool; 5],
    tvm_roles: Vec<&'static str>,
    permissions: Vec<&'static str>,
    scoped: bool,
}

/// The oracle: the seed's answer for `subject` and `action`, or every error
/// code the question deserves (more than one would make the expected error
/// depend on which a skin reads first).
fn expect(subject: &Value, action: &str) -> std::result::Result<Expected, BTreeSet<&'static str>> {
    let held = read_subject(subject);
    let ticks = ticks(action);
    let mut faults = held.as_ref().err().cloned().unwrap_or_default();
    if ticks.is_none() {
        faults.insert("unknown-action");
    }
    let (Ok(held), Some(ticks)) = (held, ticks) else { return Err(faults) };
    let mut granted_by: BTreeSet<String> =
        (0..5).filter(|&r| held.roles[r] && ticks[r]).map(|r| ROLES[r].to_owned()).collect();
    if let Some(option) = tvm_option(action) {
        let via_roles = TVM_ROLES.iter().filter(|(id, options)| held.tvm_roles.contains(id) && options.contains(&option));
        granted_by.extend(via_roles.map(|(id, _)| (*id).to_owned()));
        if held.permissions.contains(&option) {
            granted_by.insert(option.to_owned());
        }
    }
    let (allowed, code) = if granted_by.is_empty() {
        (false, "no-role")
    } else if held.scoped && SCOPED.contains(&action) {
        (false, "scope-restricted")
    } else {
        (true, "granted")
    };
    if !allowed {
        granted_by.clear();
    }
    Ok(Expected { allowed, code, granted_by, least_privileged: least_privileged(ticks) })
}

/// A subject as the contract describes it: an object of `roles`,
/// `deviceGroups` (`"all"` or non-empty names), `tvmPermissions` and
/// `tvmRoles`, ids known (roles in any case, by id or template ID).
fn read_subject(subject: &Value) -> std::result::Result<Held, BTreeSet<&'static str>> {
    let invalid = || BTreeSet::from(["invalid-subject"]);
    let Some(fields) = subject.as_object() else { return Err(invalid()) };
    let well_formed = fields.iter().all(|(key, value)| match key.as_str() {
        "roles" | "tvmPermissions" | "tvmRoles" => strings(value).is_some(),
        "deviceGroups" => value == "all" || strings(value).is_some_and(|g| g.iter().all(|g| !g.trim().is_empty())),
        _ => false,
    });
    if !well_formed {
        return Err(invalid());
    }
    let list = |key: &str| fields.get(key).and_then(strings).unwrap_or_default();
    let mut faults = BTreeSet::new();
    let mut held = Held {
        roles: [false; 5],
        tvm_roles: Vec::new(),
        permissions: Vec::new(),
        scoped: fields.get("deviceGroups").is_some_and(Value::is_array),
    };
    for role in list("roles") {
        let role = role.to_ascii_lowercase();
        match (0..5).find(|&r| ROLES[r] == role || TEMPLATE_IDS[r] == role) {
            Some(r) => held.roles[r] = true,
            None => _ = faults.insert("unknown-role"),
        }
    }
    for id in list("tvmRoles") {
        match TVM_ROLES.iter().find(|(known, _)| *known == id) {
            Some((known, _)) => held.tvm_roles.push(known),
            None => _ = faults.insert("unknown-role"),
        }
    }
    for id in list("tvmPermissions") {
        match OPTIONS.iter().find(|(known, _)| *known == id) {
            Some((known, _)) => held.permissions.push(known),
            None => _ = faults.insert("invalid-subject"),
        }
    }
    if faults.is_empty() {
        Ok(held)
    } else {
        Err(faults)
    }
}

/// Which roles grant `action` unscoped (none for a TVM action, which only a
/// TVM option grants), or `None` for an action the seed does not name.
fn ticks(action: &str) -> Option<[bool; 5]> {
    let row = TABLE.iter().chain(&PROSE).find(|(a, _)| *a == action).map(|(_, row)| *row);
    let row = row.or_else(|| tvm_option(action).map(|_| "-----"))?;
    let mut ticks = [false; 5];
    for (tick, c) in ticks.iter_mut().zip(row.chars()) {
        *tick = c == 'Y';
    }
    Some(ticks)
}

fn tvm_option(action: &str) -> Option<&'static str> {
    OPTIONS.iter().find(|(_, actions)| actions.contains(&action)).map(|(option, _)| *option)
}

/// The granting roles that hold the fewest grants over every action.
fn least_privileged(ticks: [bool; 5]) -> Vec<&'static str> {
    let grants = |r: usize| TABLE.iter().chain(&PROSE).filter(|(_, row)| row.as_bytes()[r] == b'Y').count();
    let fewest = (0..5).filter(|&r| ticks[r]).map(grants).min();
    (0..5).filter(|&r| ticks[r] && Some(grants(r)) == fewest).map(|r| ROLES[r]).collect()
}

#[test]
fn an_oracle_written_from_the_seed_agrees_with_every_case() {
    let mut seen = BTreeSet::new();
    let cases = cases();
    for case in &cases {
        let actions = actions(case);
        match case.get("decisions") {
            Some(decisions) => assert_eq!(decisions.as_array().unwrap().len(), actions.len(), "{}", case["subject"]),
            None => assert!(case["error"].is_string(), "{}: neither decisions nor error", case["subject"]),
        }
        for (i, action) in actions.iter().enumerate() {
            let at = format!("{} / {action}", case["subject"]);
            match expect(&case["subject"], action) {
                Err(faults) => {
                    assert_eq!(faults.len(), 1, "{at}: one fault per question, not {faults:?}");
                    let fault = faults.first().unwrap();
                    assert_eq!(case["error"], *fault, "{at}");
                    assert!(case.get("decisions").is_none(), "{at}");
                    seen.insert(*fault);
                }
                Ok(expected) => {
                    assert!(case.get("error").is_none(), "{at}: expected {expected:?}");
                    let d = &case["decisions"][i];
                    assert_eq!(d["action"], *action, "{at}");
                    assert_eq!(d["allowed"], expected.allowed, "{at}");
                    assert_eq!(d["reason"]["code"], expected.code, "{at}");
                    assert!(!d["reason"]["message"].as_str().unwrap().is_empty(), "{at}");
                    let granted_by: Vec<&str> = d["grantedBy"].as_array().unwrap().iter().map(|g| g.as_str().unwrap()).collect();
                    let granted_set: BTreeSet<String> = granted_by.iter().map(|g| (*g).to_owned()).collect();
                    assert_eq!(granted_set, expected.granted_by, "{at}");
                    assert_eq!(granted_by.len(), granted_set.len(), "{at}: no id twice in grantedBy");
                    assert_eq!(d["leastPrivilegedRoles"], serde_json::json!(expected.least_privileged), "{at}");
                    seen.insert(expected.code);
                }
            }
        }
    }
    let kinds = ["granted", "no-role", "scope-restricted", "unknown-action", "unknown-role", "invalid-subject"];
    assert_eq!(seen, BTreeSet::from(kinds), "every reason and error code has cases");
    let errors = cases.iter().filter(|c| c.get("error").is_some()).count();
    assert!(errors >= 40 && cases.len() >= 2000 + errors, "{} cases, {errors} of them errors", cases.len());
}

#[test]
fn the_oracle_itself_knows_the_seed() {
    // Spot checks of the oracle against the contract, so that a wrong oracle
    // cannot agree with a wrong file.
    let reader = serde_json::json!({ "roles": ["security-reader"] });
    let d = expect(&reader, "manage-recommendations").unwrap();
    assert_eq!((d.allowed, d.code, d.least_privileged), (false, "no-role", vec!["security-admin"]));
    assert_eq!(expect(&reader, "view-metrics").unwrap().least_privileged, ["global-reader", "security-reader"]);
    assert_eq!(expect(&reader, "toggle-criticality-rule").unwrap().least_privileged, ["security-operator"]);
    let scoped = serde_json::json!({ "roles": ["62E90394-69F5-4237-9190-012177145E10"], "deviceGroups": ["Finance"] });
    assert_eq!(expect(&scoped, "view-attack-paths").unwrap().code, "scope-restricted");
    assert_eq!(expect(&scoped, "grant-permissions").unwrap().code, "granted");
    let tvm = serde_json::json!({ "tvmRoles": ["view-data"], "tvmPermissions": ["view-tvm"] });
    let d = expect(&tvm, "view-tvm-data").unwrap();
    assert_eq!(d.granted_by, BTreeSet::from(["view-data".to_owned(), "view-tvm".to_owned()]));
    assert!(d.least_privileged.is_empty());
    assert_eq!(expect(&tvm, "manage-indicators").unwrap().code, "no-role");
    let errors = |s: Value, a: &str| expect(&s, a).err().unwrap().into_iter().collect::<Vec<_>>();
    assert_eq!(errors(serde_json::json!({ "roles": ["security-operater"] }), "view-metrics"), ["unknown-role"]);
    assert_eq!(errors(serde_json::json!({ "tvmPermissions": ["view-tvm-data"] }), "view-metrics"), ["invalid-subject"]);
    assert_eq!(errors(serde_json::json!({ "roles": [] }), "view-metric"), ["unknown-action"]);
    assert_eq!(errors(serde_json::json!({ "role": [] }), "view-metric"), ["invalid-subject", "unknown-action"]);
}
