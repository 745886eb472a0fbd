//! Reading JS values that fight back: a `Proxy` whose traps throw, a getter
//! that throws, a revoked proxy, a cycle.
//!
//! A JS exception thrown inside an imported call that is not bound with
//! `catch` unwinds straight through the module: the caller gets a bare
//! `Error` without a `code`, and the `Gate` it was called on stays borrowed,
//! so every later call on it fails. So every read of a caller's value goes
//! through bindings that catch. A subject, policy or prerequisite input is
//! written by `plain.js` in one call (own string keys only, each property
//! read once, no deeper than its documented shape), in the wire form the
//! core reads into the value JSON text would have given it
//! (`crate::json::from_wire`): the copy cannot throw, change under the
//! reader, or lend fields from a prototype.

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

use super::{to_js_error, JsResult};
use crate::error::{Error, ErrorCode};

#[wasm_bindgen(module = "/src/wasm/plain.js")]
extern "C" {
    /// What `plainWire` returns when it cannot write the value.
    type Fault;
    #[wasm_bindgen(js_name = plainWire, catch)]
    fn plain_wire(value: &JsValue, max: usize) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn kind(this: &Fault) -> String;
    #[wasm_bindgen(method, getter)]
    fn pointer(this: &Fault) -> String;
    #[wasm_bindgen(method, getter)]
    fn value(this: &Fault) -> JsValue;

    /// What `value` is, for messages: `null`, `a number`, `an array`,
    /// `an object`, ``an instance of `Map` ``, `an object that throws when
    /// read`. It never throws.
    #[wasm_bindgen(js_name = describe)]
    pub(crate) fn js_type(value: &JsValue) -> String;

    /// Whether `value` is `{...}`: an object whose prototype is
    /// `Object.prototype` or `null` (false for one that throws when asked,
    /// and for an array). It never throws.
    #[wasm_bindgen(js_name = isPlain)]
    pub(crate) fn is_plain_object(value: &JsValue) -> bool;
}

/// The own string-keyed properties of an object, in `Object.entries` order
/// (an array's `length` left out), or the exception reading them threw.
/// Only the device reader walks objects entry by entry.
#[cfg(feature = "wasm-prerequisites")]
pub(crate) fn own_entries(value: &JsValue) -> Result<Vec<(String, JsValue)>, JsValue> {
    let is_array = Array::is_array(value);
    let mut entries = Vec::new();
    for key in Reflect::own_keys(value)?.iter() {
        let Some(name) = key.as_string() else { continue }; // a symbol
        if is_array && name == "length" {
            continue;
        }
        entries.push((name, Reflect::get(value, &key)?));
    }
    Ok(entries)
}

/// The message of a thrown JS value, for errors that quote it.
pub(crate) fn thrown_message(thrown: &JsValue) -> String {
    Reflect::get(thrown, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_else(|| "a value".to_owned())
}

/// The plain object `value`, with arrays and objects at most `max` levels
/// deep, copied in the wire form and read by the core as a `T`. Anything
/// else is an error with `code`: for a value that is not a plain object,
/// `not_plain` makes the message from the value's kind (`an array`,
/// `null`); a deeper (or cyclic) value, one that throws when read, and one
/// JSON has no form for (a function, a symbol, a bigint, a number that is
/// not finite) point at the place. As `JSON.stringify` has it, an object's
/// field set to `undefined` is left out, and `undefined` in a list is
/// `null`.
pub(crate) fn plain<T: crate::json::Read>(
    value: &JsValue,
    max: usize,
    code: ErrorCode,
    what: &str,
    not_plain: impl FnOnce(&str) -> String,
) -> JsResult<T> {
    let fail = |message: String, at: String| {
        let error = Error::new(code, message);
        to_js_error(if at.is_empty() { error } else { error.at(at) })
    };
    let written = plain_wire(value, max).map_err(|thrown| fail(throws(what, &thrown), String::new()))?;
    if let Some(wire) = written.as_string() {
        return crate::json::from_wire(&wire, code).map_err(to_js_error);
    }
    let fault: Fault = written.unchecked_into();
    let (at, bad) = (fault.pointer(), fault.value());
    let message = match fault.kind().as_str() {
        "not-plain" => not_plain(&js_type(&bad)),
        "deep" => format!("nested too deeply: a {what} holds arrays and objects at most {max} levels deep"),
        "throws" => throws(what, &bad),
        _ if bad.as_f64().is_some() => "invalid type: a number that is not finite, which has no JSON form".to_owned(),
        _ => format!("invalid type: {}, which has no JSON form", js_type(&bad)),
    };
    Err(fail(message, at))
}

/// `a subject that throws when read (the message)`.
fn throws(what: &str, thrown: &JsValue) -> String {
    format!("a {what} that throws when read ({})", crate::suggest::clip(&thrown_message(thrown)))
}
