//! The WebAssembly skin: JS classes over the core, compiled only for wasm32.
//!
//! It only translates. JS values in are written in the core's wire form by
//! `read.rs` (which never lets a throwing `Proxy` or getter escape
//! untyped), which the core reads into the same value as JSON text, so a
//! malformed subject or policy gives the same code, pointer and message
//! everywhere; JSON text is parsed by the core's own parser; results out
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
pub(crate) use read::{is_plain_object, js_type};
pub use subject::{ResolvedSubject, SubjectHandle};

use js_sys::Array;
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

#[wasm_bindgen(module = "/src/wasm/error.js")]
extern "C" {
    /// A JS `Error` named `ExposureGateError` with `code`, `pointer` (when
    /// `Some`) and `suggestions` properties.
    #[wasm_bindgen(js_name = gateError)]
    fn gate_error(message: String, code: &str, pointer: Option<&str>, suggestions: Array) -> JsValue;
}

/// The one conversion of a crate error into a JS `Error`.
pub(crate) fn to_js_error(err: Error) -> JsValue {
    let suggestions = err.suggestions().iter().map(|s| JsValue::from_str(s)).collect();
    gate_error(err.to_string(), err.code().as_str(), err.pointer(), suggestions)
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

/// A policy argument that is not JSON text: a plain object, read as the
/// document its JSON text would be, or an `invalid-policy` error.
#[cfg(feature = "wasm-policy-documents")]
pub(crate) fn policy_object_arg(value: &JsValue) -> JsResult<crate::policy::PolicyDocument> {
    read::plain(value, crate::limits::depth::POLICY, ErrorCode::InvalidPolicy, "policy", |kind| {
        format!("a policy must be JSON text or a plain object, not {kind}")
    })
}

/// An object argument read as a `T`: a plain object (the shape JSON has;
/// an array, a `Map` or a class instance is not one, and an object whose
/// prototype carries `roles` must not lend them), copied at most `max`
/// levels deep, then read by the core. Anything else is a `code` error
/// naming `what` and an `example`.
pub(crate) fn object_arg<T: crate::json::Read>(value: &JsValue, max: usize, code: ErrorCode, what: &str, example: &str) -> JsResult<T> {
    read::plain(value, max, code, what, |kind| format!("a {what} must be an object such as {example}, not {kind}"))
}

/// A subject argument.
pub(crate) fn subject_arg(value: &JsValue) -> JsResult<crate::Subject> {
    object_arg(value, crate::limits::depth::SUBJECT, ErrorCode::InvalidSubject, "subject", r#"{"roles": ["security-reader"]}"#)
}
