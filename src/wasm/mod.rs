//! The WebAssembly skin: JS classes over the core, compiled only for wasm32.
//!
//! It only translates. JS values in are written as JSON text by `read.rs`
//! (which never lets a throwing `Proxy` or getter escape untyped), which the
//! core parses and reads exactly as any other JSON text (so a
//! malformed subject or policy gives the same code, pointer and message
//! everywhere); JSON text is parsed by the core's own parser; results out
//! are plain JS objects, written by `serde-wasm-bindgen`; every
//! [`Error`](crate::Error) becomes a JS `Error` with `code`, `pointer` and
//! `suggestions` properties in [`to_js_error`].
//! Every export returns a `Result`: nothing panics across the boundary
//! (the release profile aborts on panic, and the core has none).

// Policy documents (`Gate.fromPolicy`, `policy()`, `toCompiled()`,
// `lint()`): left out of the runtime module (`exposure-gate/runtime`).
#[cfg(feature = "wasm-policy-documents")]
mod documents;
mod gate;
// The prerequisite calls: left out of the gate-only and runtime modules
// (`exposure-gate/gate`, `exposure-gate/runtime`).
#[cfg(feature = "wasm-prerequisites")]
mod prereq;
mod read;
mod subject;

pub use gate::Gate;
pub use subject::{ResolvedSubject, SubjectHandle};

use js_sys::{Array, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{Error, ErrorCode};

/// The allocator: Talc, not std's dlmalloc. It is smaller in the module and
/// faster on what this module does most (many small, short-lived strings and
/// lists while a document is read); see `BENCHMARKS.md` for the figures.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The result type of every export.
pub type JsResult<T> = Result<T, JsValue>;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("types.d.ts");

/// The one conversion of a crate error into a JS `Error`.
pub(crate) fn to_js_error(err: Error) -> JsValue {
    let js = js_sys::Error::new(&err.to_string());
    js.set_name("ExposureGateError");
    // Setting a property on a fresh Error cannot fail; if it did, the error
    // would still be thrown, only without the extra property.
    let _ = Reflect::set(&js, &"code".into(), &err.code().as_str().into());
    if let Some(pointer) = err.pointer() {
        let _ = Reflect::set(&js, &"pointer".into(), &pointer.into());
    }
    let suggestions: Array = err.suggestions().iter().map(|s| JsValue::from_str(s)).collect();
    let _ = Reflect::set(&js, &"suggestions".into(), &suggestions);
    js.into()
}

/// Serialize a result as plain JS objects and arrays (never `Map`s).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsResult<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| to_js_error(Error::new(ErrorCode::InvalidInput, e.to_string())))
}

/// An id argument: a JS string, or an `unknown-action` error for anything
/// else (a number, `null`, an object), which is never an id.
pub(crate) fn id_arg(value: &JsValue) -> JsResult<String> {
    value.as_string().ok_or_else(|| {
        to_js_error(Error::new(
            ErrorCode::UnknownAction,
            format!("an action id must be a string, not {}", js_type(value)),
        ))
    })
}

/// Ids (`allowedActions`, `whoCan`, `leastPrivilegedRoles`) as a JS array
/// of strings. One writer for every such result: a `Vec<String>` return
/// made wasm-bindgen inline its own conversion into each export (1.4 KB in
/// the runtime module).
#[inline(never)]
pub(crate) fn id_list(ids: &[&str]) -> JsValue {
    ids.iter().map(|id| JsValue::from_str(id)).collect::<Array>().into()
}

/// A compiled policy argument: the bytes of a `Uint8Array` (a Node
/// `Buffer` is one) or an `ArrayBuffer`, or an `invalid-policy` error.
pub(crate) fn compiled_arg(value: &JsValue) -> JsResult<Vec<u8>> {
    if let Some(bytes) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    if let Some(buffer) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(js_sys::Uint8Array::new(buffer).to_vec());
    }
    Err(to_js_error(Error::new(
        ErrorCode::InvalidPolicy,
        format!("a compiled policy must be a Uint8Array or an ArrayBuffer, not {}", js_type(value)),
    )))
}

/// A policy argument that is not JSON text: a plain object, written as
/// JSON text for the core to parse, or an `invalid-policy` error.
pub(crate) fn policy_object_arg(value: &JsValue) -> JsResult<String> {
    read::to_json(value, crate::limits::depth::POLICY, ErrorCode::InvalidPolicy, "policy", |kind| {
        format!("a policy must be JSON text or a plain object, not {kind}")
    })
}

/// An object argument read as a `T`: a plain object (the shape JSON has;
/// an array, a `Map` or a class instance is not one, and an object whose
/// prototype carries `roles` must not lend them), copied at most `max`
/// levels deep, then read by the core. Anything else is a `code` error
/// naming `what` and an `example`.
pub(crate) fn object_arg<T: crate::json::Read>(value: &JsValue, max: usize, code: ErrorCode, what: &str, example: &str) -> JsResult<T> {
    let text = read::to_json(value, max, code, what, |kind| format!("a {what} must be an object such as {example}, not {kind}"))?;
    crate::json::from_str(&text, code).map_err(to_js_error)
}

/// A subject argument.
pub(crate) fn subject_arg(value: &JsValue) -> JsResult<crate::Subject> {
    object_arg(value, crate::limits::depth::SUBJECT, ErrorCode::InvalidSubject, "subject", r#"{"roles": ["security-reader"]}"#)
}

/// Whether `value` is `{...}`: an object whose prototype is
/// `Object.prototype` or `null` (and which answers when asked).
fn is_plain_object(value: &JsValue) -> bool {
    if !value.is_object() {
        return false;
    }
    let Some(proto) = read::prototype(value) else { return false };
    let object_prototype = read::prototype(&js_sys::Object::new());
    !Array::is_array(value) && (proto.is_null() || Some(proto) == object_prototype)
}

/// `null`, `undefined`, `number`, `array`, `object`, ... for messages.
fn js_type(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_owned()
    } else if value.is_object() && read::prototype(value).is_none() {
        "an object that throws when read".to_owned()
    } else if Array::is_array(value) {
        "an array".to_owned()
    } else if value.is_object() && !is_plain_object(value) {
        let name = read::prototype(value)
            .and_then(|proto| Reflect::get(&proto, &"constructor".into()).ok())
            .and_then(|ctor| Reflect::get(&ctor, &"name".into()).ok())
            .and_then(|name| name.as_string())
            .unwrap_or_default();
        format!("an instance of `{name}`")
    } else {
        match value.js_typeof().as_string().as_deref() {
            Some("undefined") => "undefined".to_owned(),
            Some(kind @ ("object" | "string" | "boolean" | "bigint" | "symbol" | "function")) => format!("a {kind}"),
            Some("number") => "a number".to_owned(),
            _ => "a value of another type".to_owned(),
        }
    }
}
