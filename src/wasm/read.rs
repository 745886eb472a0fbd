//! Reading JS values that fight back: a `Proxy` whose traps throw, a getter
//! that throws, a revoked proxy, a cycle.
//!
//! A JS exception thrown inside an imported call that is not bound with
//! `catch` unwinds straight through the module: the caller gets a bare
//! `Error` without a `code`, and the `Gate` it was called on stays borrowed,
//! so every later call on it fails. So every read of a caller's value goes
//! through `Reflect` bindings that catch, and an argument is copied once
//! into the crate's [`Value`] (own string keys only, each property read
//! once, no deeper than its documented shape) before the core's reader reads
//! it: the copy cannot throw, change under the reader, or lend fields from a
//! prototype. It is also the only translation of JS values in: what the
//! core reads is what JSON text would have parsed to.

use js_sys::{Array, Reflect};
use wasm_bindgen::JsValue;

use super::{js_type, to_js_error, JsResult};
use crate::error::{Error, ErrorCode};
use crate::json::Value;

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

/// `value` as a [`Value`], with arrays and objects at most `max` levels
/// deep; deeper (or cyclic) values, values that throw when read, and values
/// JSON has no form for (a function, a symbol, a bigint) are errors with
/// `code`, pointing at the place. As `JSON.stringify` has it, an object's
/// field set to `undefined` is left out, and `undefined` in a list is `null`.
pub(crate) fn to_value(value: &JsValue, max: usize, code: ErrorCode, what: &str) -> JsResult<Value> {
    copy(value, 0, &Context { max, code, what }, String::new())
}

struct Context<'a> {
    max: usize,
    code: ErrorCode,
    what: &'a str,
}

/// Recursion is bounded by `max` (five at most), never by the input.
fn copy(value: &JsValue, depth: usize, cx: &Context<'_>, at: String) -> JsResult<Value> {
    let fail = |message: String, at: String| {
        let error = Error::new(cx.code, message);
        to_js_error(if at.is_empty() { error } else { error.at(at) })
    };
    if value.is_null() || value.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(n) = value.as_f64() {
        return Ok(Value::Number(n));
    }
    if let Some(s) = value.as_string() {
        return Ok(Value::String(s));
    }
    if !value.is_object() {
        return Err(fail(format!("invalid type: {}, which has no JSON form", js_type(value)), at));
    }
    if depth >= cx.max {
        let message = format!("nested too deeply: a {} holds arrays and objects at most {} levels deep", cx.what, cx.max);
        return Err(fail(message, at));
    }
    let entries = own_entries(value).map_err(|thrown| {
        fail(format!("a {} that throws when read ({})", cx.what, crate::suggest::clip(&thrown_message(&thrown))), at.clone())
    })?;
    let is_array = Array::is_array(value);
    let mut items = Vec::with_capacity(if is_array { entries.len() } else { 0 });
    let mut fields = Vec::with_capacity(if is_array { 0 } else { entries.len() });
    for (key, child) in entries {
        if !is_array && child.is_undefined() {
            continue;
        }
        let child = copy(&child, depth + 1, cx, format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")))?;
        if is_array {
            items.push(child);
        } else {
            fields.push((key, child));
        }
    }
    Ok(if is_array { Value::Array(items) } else { Value::Object(fields) })
}
