//! Reading JS values that fight back: a `Proxy` whose traps throw, a getter
//! that throws, a revoked proxy, a cycle.
//!
//! A JS exception thrown inside an imported call that is not bound with
//! `catch` unwinds straight through the module: the caller gets a bare
//! `Error` without a `code`, and the `Gate` it was called on stays borrowed,
//! so every later call on it fails. So every read of a caller's value goes
//! through `Reflect` bindings that catch, and an argument is copied once
//! into fresh plain objects and arrays (own string keys only, each property
//! read once, no deeper than its documented shape) before serde-wasm-bindgen
//! reads it: the copy cannot throw, change under the reader, or lend fields
//! from a prototype.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

use super::{to_js_error, JsResult};
use crate::error::{Error, ErrorCode};

/// The prototype of an object, or `None` when asking throws.
pub(crate) fn prototype(value: &JsValue) -> Option<JsValue> {
    Reflect::get_prototype_of(value).ok().map(JsValue::from)
}

/// The own string-keyed properties of an object, in `Object.entries` order
/// (an array's `length` left out), or the exception reading them threw.
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

/// A plain copy of `value` with arrays and objects at most `max` levels
/// deep; deeper (or cyclic) values and values that throw when read are
/// errors with `code`, pointing at the place.
pub(crate) fn plain_copy(value: &JsValue, max: usize, code: ErrorCode, what: &str) -> JsResult<JsValue> {
    copy(value, 0, &Context { max, code, what }, String::new())
}

struct Context<'a> {
    max: usize,
    code: ErrorCode,
    what: &'a str,
}

/// Recursion is bounded by `max` (five at most), never by the input.
fn copy(value: &JsValue, depth: usize, cx: &Context<'_>, at: String) -> JsResult<JsValue> {
    if !value.is_object() {
        return Ok(value.clone());
    }
    let fail = |message: String, at: String| {
        let error = Error::new(cx.code, message);
        to_js_error(if at.is_empty() { error } else { error.at(at) })
    };
    if depth >= cx.max {
        let message = format!("nested too deeply: a {} holds arrays and objects at most {} levels deep", cx.what, cx.max);
        return Err(fail(message, at));
    }
    let entries = own_entries(value).map_err(|thrown| {
        fail(format!("a {} that throws when read ({})", cx.what, crate::suggest::clip(&thrown_message(&thrown))), at.clone())
    })?;
    let is_array = Array::is_array(value);
    let pairs = Array::new();
    let items = Array::new();
    for (key, child) in entries {
        let child = copy(&child, depth + 1, cx, format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")))?;
        if is_array {
            items.push(&child);
        } else {
            pairs.push(&Array::of2(&key.into(), &child));
        }
    }
    if is_array {
        return Ok(items.into());
    }
    // fromEntries defines own properties, so a `__proto__` key stays a key
    // (and is refused as an unknown field) instead of setting the prototype.
    Object::from_entries(&pairs).map(JsValue::from).map_err(|thrown| fail(thrown_message(&thrown), at))
}
