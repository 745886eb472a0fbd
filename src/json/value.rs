//! The one in-memory form of a document while it is read: what JSON text
//! parses to (a JS value given to the wasm skin is written as JSON text
//! first).
//!
//! Every reader of the crate (policies, subjects, prerequisite inputs,
//! devices) reads a [`Value`], whichever skin it came through, so a malformed
//! document gives the same code, pointer and message in the browser, in Node,
//! in the CLI and from the server.

use std::borrow::Cow;

/// A JSON value. Objects keep their entries in document order, duplicates
/// included, so that a reader can refuse a duplicated field.
///
/// Strings and keys borrow from the parsed text unless they hold an escape:
/// a document is read once into its typed form, so copying every key and
/// string into the tree first would only double the allocations (for the
/// built-in policy and a large fleet, most of the reading time, and on a cold
/// WebAssembly start what made the allocator hot enough to be recompiled).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value<'a> {
    Null,
    Bool(bool),
    Number(f64),
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
}

impl Value<'_> {
    /// The text, if this is a string.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value of the first entry named `key`, if this is an object that has one.
    #[cfg(feature = "server")] // the server reads its request bodies field by field
    pub(crate) fn get(&self, key: &str) -> Option<&Value<'_>> {
        match self {
            Value::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// What the value is, for messages: `null`, `the boolean true`,
    /// `the number 7`, `the number with a fraction`, `the string "x"` (clipped), `a list`, `an object`.
    pub(crate) fn describe(&self) -> String {
        match self {
            Value::Null => "null".to_owned(),
            Value::Bool(b) => format!("the boolean {b}"),
            Value::Number(n) => format!("the number {}", number_text(*n)),
            Value::String(s) => format!("the string \"{}\"", crate::suggest::clip(s)),
            Value::Array(_) => "a list".to_owned(),
            Value::Object(_) => "an object".to_owned(),
        }
    }
}

/// A number for messages. Only whole numbers are written out: formatting
/// any float would add some 15 KB of code to the wasm module for the sake of
/// an error message.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else if n.is_finite() {
        "with a fraction".to_owned()
    } else {
        "that is not finite".to_owned()
    }
}
