//! The JS surface, from inside the module: the exported classes called with
//! JS values, as wasm-bindgen-test runs them under Node (and in Chromium).
//! Only built for wasm32: `cargo test --target wasm32-unknown-unknown --test wasm`.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use exposure_gate::wasm::Gate;
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn js(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

/// A JS array of strings (an id list result) as Rust strings.
fn strings(value: JsValue) -> Vec<String> {
    Array::from(&value).iter().map(|s| s.as_string().unwrap()).collect()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

/// The `code` of the thrown error, asserting that it is a real JS `Error`.
fn code(result: Result<impl Sized, JsValue>) -> String {
    let Err(err) = result else { panic!("expected an error") };
    assert!(err.is_instance_of::<js_sys::Error>(), "a JS Error instance");
    get(&err, "code").as_string().unwrap()
}

#[wasm_bindgen_test]
fn seed_cells_through_the_exported_class() {
    let gate = Gate::builtin().unwrap();
    let reader = js(r#"{"roles":["security-reader"]}"#);
    let d = gate.check(reader.clone(), "manage-recommendations".into()).unwrap();
    assert_eq!(get(&d, "allowed"), JsValue::FALSE);
    assert_eq!(get(&get(&d, "reason"), "code").as_string().unwrap(), "no-role");
    assert_eq!(get(&get(&d, "reason"), "message").as_string().unwrap(),
        "Manage recommendations needs Global Admin or Security Admin; you have Security Reader.");
    let d = gate.check(js(r#"{"roles":["Security-Operator"]}"#), "toggle-criticality-rule".into()).unwrap();
    assert_eq!(get(&d, "allowed"), JsValue::TRUE);
    assert_eq!(strings(gate.who_can("toggle-criticality-rule".into()).unwrap()), ["global-admin", "security-admin", "security-operator"]);
    assert_eq!(strings(gate.least_privileged_roles("manage-recommendations".into()).unwrap()), ["security-admin"]);
    let matrix = gate.matrix().unwrap();
    let rows = Array::from(&get(&matrix, "allowed"));
    assert_eq!(Array::from(&rows.get(0)).to_vec(), [true, false, false, false, false].map(JsValue::from_bool));
}

#[wasm_bindgen_test]
fn resolved_subject_and_scope() {
    let gate = Gate::builtin().unwrap();
    let me = gate.resolve(js(r#"{"roles":["global-admin"],"deviceGroups":["Finance"]}"#)).unwrap();
    assert!(me.scoped());
    assert!(!me.can("view-device-details".into()).unwrap());
    assert!(me.can("grant-permissions".into()).unwrap());
    let d = me.check("view-attack-paths".into()).unwrap();
    assert_eq!(get(&get(&d, "reason"), "code").as_string().unwrap(), "scope-restricted");
    assert_eq!(code(me.can(JsValue::NULL)), "unknown-action");
}

#[wasm_bindgen_test]
fn every_error_is_an_error_with_a_code() {
    let gate = Gate::builtin().unwrap();
    let admin = || js(r#"{"roles":["global-admin"]}"#);
    assert_eq!(code(gate.check(admin(), "manage-recomendations".into())), "unknown-action");
    assert_eq!(code(gate.check(admin(), JsValue::from_f64(4.0))), "unknown-action");
    assert_eq!(code(gate.check(js(r#"{"roles":["nobody"]}"#), "view-metrics".into())), "unknown-role");
    assert_eq!(code(gate.check(JsValue::NULL, "view-metrics".into())), "invalid-subject");
    assert_eq!(code(gate.check(JsValue::UNDEFINED, "view-metrics".into())), "invalid-subject");
    assert_eq!(code(gate.check(js(r#"{"roles":[1]}"#), "view-metrics".into())), "invalid-subject");
    assert_eq!(code(gate.check(js(r#"{"__proto__x":1}"#), "view-metrics".into())), "invalid-subject");
    assert_eq!(code(gate.check_all(js("[]"))), "invalid-subject");
    assert_eq!(code(Gate::from_policy("not json".into())), "invalid-policy");
    assert_eq!(code(Gate::from_policy(js(r#"{"version":1,"roles":[],"actions":[],"grants":[{"role":"x","actions":[]}]}"#))), "invalid-policy");
    // Unknown fields are refused in JS objects too, at any depth (serde-wasm-bindgen
    // alone reads only the declared fields of a struct).
    assert_eq!(code(Gate::from_policy(js(r#"{"version":1,"roles":[],"actions":[],"grants":[],"tvmRole":[]}"#))), "invalid-policy");
    assert_eq!(code(Gate::from_policy(js(r#"{"version":1,"roles":[{"id":"r","name":"R","readonly":true}],"actions":[],"grants":[]}"#))), "invalid-policy");
    // A Map is not a subject, even one holding roles.
    let map = js_sys::Map::new();
    map.set(&"roles".into(), &js(r#"["global-admin"]"#));
    assert_eq!(code(gate.check(map.into(), "grant-permissions".into())), "invalid-subject");
    // Nesting deeper than a subject can be is refused before it reaches serde.
    let mut deep = js(r#""global-admin""#);
    for _ in 0..5000 {
        deep = Array::of1(&deep).into();
    }
    let subject = js_sys::Object::new();
    Reflect::set(&subject, &"roles".into(), &deep).unwrap();
    assert_eq!(code(gate.check(subject.into(), "grant-permissions".into())), "invalid-subject");
    let err = gate.who_can("manage-recomendations".into()).err().unwrap();
    assert_eq!(Array::from(&get(&err, "suggestions")).get(0).as_string().unwrap(), "manage-recommendations");
    // And the gate still answers afterwards.
    assert!(gate.resolve(admin()).unwrap().can("grant-permissions".into()).unwrap());
}

const IE11: &str = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko";

#[wasm_bindgen_test]
fn prerequisites_through_the_exported_class() {
    let gate = Gate::builtin().unwrap();
    let r = gate.licensing(js(r#"{"licenses":["m365-e5"],"defenderCspm":true}"#)).unwrap();
    assert_eq!(get(&r, "level").as_string().unwrap(), "optimal");
    assert_eq!(get(&r, "defenderForCloudRecommendations"), JsValue::TRUE);
    let r = gate.licensing(js(r#"{"licenses":["defender-endpoint-p1","defender-identity"]}"#)).unwrap();
    assert_eq!(get(&r, "level").as_string().unwrap(), "recommended");

    let r = gate.workspace(js(r#"{"assignments":[{"user":"ana","roles":["194AE4CB-B126-40B2-BD5B-6091B380977D"]}]}"#)).unwrap();
    assert_eq!(get(&r, "ready"), JsValue::TRUE);
    let r = gate.workspace(js(r#"{"assignments":[{"user":"bo","roles":["security-reader"]}]}"#)).unwrap();
    let missing = Array::from(&get(&r, "missing"));
    assert_eq!(get(&missing.get(0), "code").as_string().unwrap(), "no-workspace-admin");

    let d = gate.device(js(r#"{"id":"pc","onboarded":true,"os":"Windows 10","osVersion":"10.0.17134","installedKbs":["KB4493464"],
        "intune":true,"configMgr":false,"securityRecommendations":1,"tags":["t"],"coManaged":false}"#)).unwrap();
    assert_eq!(get(&d, "ready"), JsValue::FALSE);
    let first = Array::from(&get(&d, "missing")).get(0);
    assert_eq!(get(&first, "code").as_string().unwrap(), "missing-update");
    assert_eq!(Array::from(&get(&first, "items")).get(0).as_string().unwrap(), "KB4516045");
    assert_eq!(get(&get(&d, "options"), "intuneSecurityTask"), JsValue::TRUE);

    let b = gate.browser(IE11.into()).unwrap();
    assert_eq!(get(&b, "supported"), JsValue::TRUE);
    assert_eq!(get(&b, "webAssembly"), JsValue::FALSE);
    // Without an argument: the host's navigator.userAgent, or unknown where there is none.
    let here = gate.browser(JsValue::UNDEFINED).unwrap();
    assert!(get(&here, "family").as_string().is_some());
}

#[wasm_bindgen_test]
fn a_fleet_keeps_going_past_bad_devices() {
    let gate = Gate::builtin().unwrap();
    let devices = js(r#"[
        {"id":"ok","onboarded":true,"os":"macOS","intune":true,"configMgr":false,"securityRecommendations":2,"tags":["x"],"coManaged":false},
        {"id":"bad","onboarded":"yes","os":"macOS","intune":true,"configMgr":false,"securityRecommendations":2,"coManaged":false},
        7,
        {"id":"old","onboarded":false,"os":"Windows 8.1","osVersion":null,"intune":false,"configMgr":false,"securityRecommendations":0,"coManaged":false}
    ]"#);
    // A cyclic list and a deeply nested one inside a device are reported, not walked.
    let cyclic = Array::new();
    cyclic.push(&cyclic);
    let looped = js(r#"{"id":"loop","onboarded":true,"os":"macOS","intune":true,"configMgr":false,"securityRecommendations":1,"coManaged":false}"#);
    Reflect::set(&looped, &"tags".into(), &cyclic).unwrap();
    let devices = Array::from(&devices);
    devices.push(&looped);
    let map = js_sys::Map::new();
    devices.push(&map);
    let r = gate.fleet(devices.into()).unwrap();
    assert_eq!(get(&r, "total").as_f64(), Some(6.0));
    assert_eq!(get(&r, "ready").as_f64(), Some(1.0));
    assert_eq!(get(&r, "notReady").as_f64(), Some(1.0));
    let invalid = Array::from(&get(&r, "invalid"));
    let pointers: Vec<String> =
        invalid.iter().map(|e| get(&get(&e, "error"), "pointer").as_string().unwrap()).collect();
    assert_eq!(pointers, ["/devices/1/onboarded", "/devices/2", "/devices/4/tags/0", "/devices/5"]);
    assert_eq!(get(&get(&invalid.get(0), "error"), "code").as_string().unwrap(), "invalid-input");
    assert_eq!(get(&get(&r, "byMissing"), "not-onboarded").as_f64(), Some(1.0));
    assert_eq!(Array::from(&get(&get(&r, "blocked"), "unsupported-os")).get(0).as_string().unwrap(), "old");
}

#[wasm_bindgen_test]
fn prerequisite_errors_are_errors_with_a_code() {
    let gate = Gate::builtin().unwrap();
    assert_eq!(code(gate.licensing(JsValue::NULL)), "invalid-input");
    assert_eq!(code(gate.licensing(js(r#"{"licences":[]}"#))), "invalid-input");
    assert_eq!(code(gate.licensing(js(r#"{"defenderCspm":"yes"}"#))), "invalid-input");
    assert_eq!(code(gate.workspace(js(r#"{"assignments":[{"user":"a","roles":["nobody"]}]}"#))), "unknown-role");
    assert_eq!(code(gate.workspace(js("[]"))), "invalid-input");
    assert_eq!(code(gate.device(js(r#"{"id":"x"}"#))), "invalid-input");
    assert_eq!(code(gate.device(js("[]"))), "invalid-input");
    assert_eq!(code(gate.fleet(js("{}"))), "invalid-input");
    assert_eq!(code(gate.browser(JsValue::from_f64(1.0))), "invalid-input");
    let err = gate.device(js(r#"{"id":"pc","onboarded":true,"os":"Windows 10","osVersion":"1810","intune":true,
        "configMgr":false,"securityRecommendations":1,"coManaged":true}"#)).err().unwrap();
    assert_eq!(get(&err, "pointer").as_string().unwrap(), "/osVersion");
    // A policy's prerequisite tables are read from JS objects too, unknown fields refused.
    assert_eq!(code(Gate::from_policy(js(r#"{"version":1,"roles":[],"actions":[],"grants":[],"prerequisites":{"licences":[]}}"#))), "invalid-policy");
    let custom = Gate::from_policy(js(r#"{"version":1,"roles":[{"id":"r","name":"R"}],"actions":[],"grants":[],
        "prerequisites":{"licenses":[{"id":"x","name":"X","workloads":["defender-endpoint"]}],"workspaceRoles":["r"]}}"#)).unwrap();
    let r = custom.licensing(js(r#"{"licenses":["x"]}"#)).unwrap();
    assert_eq!(get(&r, "level").as_string().unwrap(), "available");
    assert_eq!(get(&custom.workspace(js(r#"{"assignments":[{"user":"u","roles":["r"]}]}"#)).unwrap(), "ready"), JsValue::TRUE);
}

/// Structural equality of two JSON-shaped JS values: the same keys (in any
/// order) and the same primitives, arrays compared element by element.
fn deep_equal(a: &JsValue, b: &JsValue) -> bool {
    if Array::is_array(a) || Array::is_array(b) {
        let (a, b) = (Array::from(a), Array::from(b));
        return Array::is_array(&a) && Array::is_array(&b) && a.length() == b.length()
            && a.iter().zip(b.iter()).all(|(x, y)| deep_equal(&x, &y));
    }
    if a.is_object() && b.is_object() {
        let keys = |v: &JsValue| {
            let mut keys: Vec<String> = js_sys::Object::keys(v.unchecked_ref::<js_sys::Object>()).iter().filter_map(|k| k.as_string()).collect();
            keys.sort();
            keys
        };
        let (ka, kb) = (keys(a), keys(b));
        return ka == kb && ka.iter().all(|k| deep_equal(&get(a, k), &get(b, k)));
    }
    a == b
}

fn json_text(value: &JsValue) -> String {
    JSON::stringify(value).map(String::from).unwrap_or_default()
}

/// The shared decision vectors (tests/vectors/decisions.json, written by
/// `cargo run --example vectors`), through the exported classes as JS calls
/// them: `gate.check(subject, action)` and the handle of `gate.subject(subject)`, `.check(action)`
/// with the subject as JSON.parse makes it, each Decision deep-equal to the
/// file, each error a JS Error with the file's code; `checkAll` too where a
/// case asks about every action.
#[wasm_bindgen_test]
fn the_decision_vectors() {
    let file = js(include_str!("vectors/decisions.json"));
    let gate = Gate::builtin().unwrap();
    let every_action: Vec<JsValue> = Array::from(&gate.actions().unwrap()).iter().map(|a| get(&a, "id")).collect();
    let cases = Array::from(&get(&file, "cases"));
    assert!(cases.length() > 2000, "{} cases", cases.length());
    let mut answers = 0;
    for case in cases.iter() {
        let subject = get(&case, "subject");
        let actions = Array::from(&get(&case, "actions"));
        let decisions = get(&case, "decisions");
        let error = get(&case, "error").as_string();
        let handle = gate.resolve(subject.clone());
        for (i, action) in actions.iter().enumerate() {
            let by_handle = match &handle {
                Ok(me) => me.check(action.clone()),
                Err(e) => Err(e.clone()),
            };
            for got in [gate.check(subject.clone(), action.clone()), by_handle] {
                let at = || format!("{} / {}", json_text(&subject), json_text(&action));
                match &error {
                    Some(expected) => assert_eq!(&code(got), expected, "{}", at()),
                    None => {
                        let d = got.unwrap_or_else(|e| panic!("{}: threw {}", at(), json_text(&e)));
                        let want = Reflect::get_u32(&decisions, i as u32).unwrap();
                        assert!(deep_equal(&d, &want), "{}:\n  got  {}\n  want {}", at(), json_text(&d), json_text(&want));
                    }
                }
                answers += 1;
            }
        }
        if error.is_none() && actions.to_vec() == every_action {
            let all = gate.check_all(subject.clone()).unwrap();
            assert!(deep_equal(&all, &decisions), "checkAll {}", json_text(&subject));
        }
    }
    assert!(answers > 10_000, "{answers} answers");
}

const CODES: [&str; 5] = ["unknown-action", "unknown-role", "invalid-subject", "invalid-policy", "invalid-input"];

/// Values that are wrong wherever an object, a string or a list goes: built
/// here so that the same list runs under Node and in Chromium.
fn hostile_values() -> Vec<(&'static str, JsValue)> {
    let huge = JsValue::from_str(&"x".repeat(10_000_000));
    let mut deep_array = JsValue::from_str("global-admin");
    let mut deep_object = JsValue::from_str("global-admin");
    for _ in 0..100_000 {
        deep_array = Array::of1(&deep_array).into();
        let o = js_sys::Object::new();
        Reflect::set(&o, &"roles".into(), &deep_object).unwrap();
        deep_object = o.into();
    }
    let cyclic = Array::new();
    cyclic.push(&cyclic);
    let thrower = js_sys::Function::new_no_args("throw new Error('trap')");
    let handler = js_sys::Object::new();
    for trap in ["get", "ownKeys", "getPrototypeOf", "has", "getOwnPropertyDescriptor"] {
        Reflect::set(&handler, &trap.into(), &thrower).unwrap();
    }
    let proxy: JsValue = js_sys::Proxy::new(&js_sys::Object::new(), &handler).into();
    let getter = js_sys::Object::new();
    let descriptor = js_sys::Object::new();
    Reflect::set(&descriptor, &"get".into(), &thrower).unwrap();
    Reflect::set(&descriptor, &"enumerable".into(), &JsValue::TRUE).unwrap();
    js_sys::Object::define_property(&getter, &"roles".into(), &descriptor);
    let with = |key: &str, value: &JsValue| {
        let o = js_sys::Object::new();
        Reflect::set(&o, &key.into(), value).unwrap();
        JsValue::from(o)
    };
    vec![
        ("null", JsValue::NULL), ("undefined", JsValue::UNDEFINED), ("number", JsValue::from_f64(1.5)), ("NaN", JsValue::from_f64(f64::NAN)),
        ("true", JsValue::TRUE), ("empty string", "".into()), ("10 MB string", huge.clone()), ("array", js("[]")),
        ("100,000 nested arrays", deep_array.clone()), ("100,000 nested objects", deep_object.clone()), ("cyclic array", cyclic.clone().into()),
        ("throwing proxy", proxy.clone()), ("throwing getter", getter.into()), ("map", js_sys::Map::new().into()),
        ("__proto__ key", js(r#"{"__proto__": {"roles": ["global-admin"]}}"#)),
        ("constructor key", js(r#"{"constructor": {"roles": ["global-admin"]}}"#)),
        ("prototype key", js(r#"{"prototype": {"roles": ["global-admin"]}}"#)),
        ("inherited roles", js_sys::Object::create(js(r#"{"roles": ["global-admin"]}"#).unchecked_ref::<js_sys::Object>()).into()),
        ("number role", js(r#"{"roles": [1]}"#)), ("object role", js(r#"{"roles": [{}]}"#)), ("null role", js(r#"{"roles": [null]}"#)),
        ("nested role list", js(r#"{"roles": [["global-admin"]]}"#)), ("10 MB role", with("roles", &Array::of1(&huge).into())),
        ("deep roles", with("roles", &deep_array)), ("cyclic roles", with("roles", &cyclic.into())), ("proxy roles", with("roles", &proxy)),
        ("100,000 roles", with("roles", &Array::from_iter((0..100_000).map(|_| JsValue::from_str("security-reader"))).into())),
        ("10 MB device group", js_sys::JSON::parse(&format!(r#"{{"roles":["global-admin"],"deviceGroups":["{}"]}}"#, "g".repeat(10_000_000))).unwrap()),
    ]
}

/// A hostile call answered normally, or refused with a known code: never a
/// trap, a foreign exception or a message that grows with the input.
fn typed_or_value(label: &str, result: Result<JsValue, JsValue>) -> Option<JsValue> {
    match result {
        Ok(value) => Some(value),
        Err(err) => {
            assert!(!err.is_instance_of::<js_sys::WebAssembly::RuntimeError>(), "{label}: a wasm trap");
            assert!(err.is_instance_of::<js_sys::Error>(), "{label}: a JS Error");
            let code = get(&err, "code").as_string().unwrap_or_else(|| panic!("{label}: no code: {:?}", get(&err, "message")));
            assert!(CODES.contains(&code.as_str()), "{label}: code {code}");
            assert!(get(&err, "message").as_string().unwrap().len() < 2000, "{label}: a long message");
            None
        }
    }
}

fn never_allowed(label: &str, value: Option<JsValue>) {
    let Some(value) = value else { return };
    let items = if Array::is_array(&value) { Array::from(&value).to_vec() } else { vec![value] };
    for item in items {
        assert!(item.as_string().is_none(), "{label}: allowed {item:?}");
        assert_ne!(item.as_bool(), Some(true), "{label}: can");
        if item.is_object() {
            assert_ne!(get(&item, "allowed"), JsValue::TRUE, "{label}: allowed");
        }
    }
}

fn still_works(gate: &Gate) {
    let d = gate.check(js(r#"{"roles":["security-admin"]}"#), "manage-recommendations".into()).unwrap();
    assert_eq!(get(&d, "allowed"), JsValue::TRUE);
    let d = gate.check(js(r#"{"roles":["security-reader"]}"#), "manage-recommendations".into()).unwrap();
    assert_eq!(get(&d, "allowed"), JsValue::FALSE);
    assert_eq!(strings(gate.who_can("toggle-criticality-rule".into()).unwrap()), ["global-admin", "security-admin", "security-operator"]);
    let me = gate.resolve(js(r#"{"roles":["global-admin"],"deviceGroups":["Finance"]}"#)).unwrap();
    assert!(!me.can("view-attack-paths".into()).unwrap());
}

#[wasm_bindgen_test]
fn hostile_values_through_every_export() {
    let gate = Gate::builtin().unwrap();
    let admin = || js(r#"{"roles":["global-admin"]}"#);
    let me = gate.resolve(admin()).unwrap();
    for (name, v) in hostile_values() {
        never_allowed(name, typed_or_value(&format!("check({name})"), gate.check(v.clone(), "grant-permissions".into())));
        never_allowed(name, typed_or_value(&format!("checkAll({name})"), gate.check_all(v.clone())));
        never_allowed(name, typed_or_value(&format!("allowedActions({name})"), gate.allowed_actions(v.clone())));
        if let Ok(resolved) = gate.resolve(v.clone()) {
            assert!(!resolved.can("grant-permissions".into()).unwrap(), "subject({name})");
        }
        for (call, result) in [
            ("check action", gate.check(admin(), v.clone())),
            ("whoCan", gate.who_can(v.clone())),
            ("leastPrivilegedRoles", gate.least_privileged_roles(v.clone())),
            ("can", me.can(v.clone()).map(JsValue::from)),
        ] {
            assert!(typed_or_value(&format!("{call}({name})"), result).is_none(), "{call}({name}) must throw");
        }
        assert!(typed_or_value(&format!("fromPolicy({name})"), Gate::from_policy(v.clone()).map(|_| JsValue::NULL)).is_none(), "fromPolicy({name})");
        assert!(typed_or_value(&format!("fromCompiled({name})"), Gate::from_compiled(v.clone()).map(|_| JsValue::NULL)).is_none(), "fromCompiled({name})");
        typed_or_value(&format!("licensing({name})"), gate.licensing(v.clone()));
        typed_or_value(&format!("workspace({name})"), gate.workspace(v.clone()));
        typed_or_value(&format!("device({name})"), gate.device(v.clone()));
        typed_or_value(&format!("fleet({name})"), gate.fleet(v.clone()));
        typed_or_value(&format!("fleet([{name}])"), gate.fleet(Array::of1(&v).into()));
        typed_or_value(&format!("browser({name})"), gate.browser(v.clone()));
    }
    assert!(me.can("grant-permissions".into()).unwrap(), "the resolved subject still works");
    still_works(&gate);
}

#[wasm_bindgen_test]
fn compiled_policies_through_the_exported_class() {
    let bytes = Gate::builtin().unwrap().to_compiled().unwrap();
    assert_eq!(bytes, exposure_gate::policy::BUILTIN_COMPILED);
    let typed = js_sys::Uint8Array::from(bytes.as_slice());
    still_works(&Gate::from_compiled(typed.clone().into()).unwrap());
    still_works(&Gate::from_compiled(typed.buffer().into()).unwrap());
    let cut = js_sys::Uint8Array::from(&bytes[..bytes.len() / 2]);
    assert_eq!(code(Gate::from_compiled(cut.into())), "invalid-policy");
    for not_bytes in [JsValue::from_str("EGPC"), js("[69, 71, 80, 67, 1]"), JsValue::UNDEFINED, js_sys::Uint32Array::new_with_length(4).into()] {
        let Err(err) = Gate::from_compiled(not_bytes) else { panic!("not bytes") };
        assert_eq!(get(&err, "code").as_string().unwrap(), "invalid-policy");
        let message = get(&err, "message").as_string().unwrap();
        assert!(message.starts_with("a compiled policy must be a Uint8Array or an ArrayBuffer, not "), "{message}");
    }
    let own = js(r#"{"version":1,"roles":[{"id":"r","name":"R"}],"actions":[],"grants":[],"prerequisites":{"workspaceRoles":["r"]}}"#);
    assert_eq!(code(Gate::from_policy(own).unwrap().to_compiled()), "invalid-policy");
}

#[wasm_bindgen_test]
fn policies_of_100000_roles_or_grants_are_refused_with_the_limit() {
    let gate = Gate::builtin().unwrap();
    let valid = gate.policy().unwrap();
    let many = |field: &str, item: &dyn Fn(u32) -> JsValue| {
        let copy = JSON::parse(&JSON::stringify(&valid).unwrap().as_string().unwrap()).unwrap();
        Reflect::set(&copy, &field.into(), &Array::from_iter((0..100_000).map(item)).into()).unwrap();
        copy
    };
    let roles = many("roles", &|i| js(&format!(r#"{{"id":"r{i}","name":"R{i}"}}"#)));
    let grants = many("grants", &|_| js(r#"{"role":"global-admin","actions":[]}"#));
    for policy in [roles, grants] {
        let err = Gate::from_policy(policy).err().unwrap();
        assert_eq!(get(&err, "code").as_string().unwrap(), "invalid-policy");
        assert!(get(&err, "message").as_string().unwrap().contains("at most 1024"));
    }
    still_works(&gate);
    still_works(&Gate::from_policy(valid).unwrap());
}
