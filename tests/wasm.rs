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
    assert_eq!(gate.who_can("toggle-criticality-rule".into()).unwrap(), ["global-admin", "security-admin", "security-operator"]);
    assert_eq!(gate.least_privileged_roles("manage-recommendations".into()).unwrap(), ["security-admin"]);
    let matrix = gate.matrix().unwrap();
    let rows = Array::from(&get(&matrix, "allowed"));
    assert_eq!(Array::from(&rows.get(0)).to_vec(), [true, false, false, false, false].map(JsValue::from_bool));
}

#[wasm_bindgen_test]
fn resolved_subject_and_scope() {
    let gate = Gate::builtin().unwrap();
    let me = gate.subject(js(r#"{"roles":["global-admin"],"deviceGroups":["Finance"]}"#)).unwrap();
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
    assert!(gate.subject(admin()).unwrap().can("grant-permissions".into()).unwrap());
}
