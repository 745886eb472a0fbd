//! Reading documents (policies, subjects, prerequisite inputs, devices).
//!
//! One reader for every skin: JSON text is parsed by [`parse`] (native
//! callers, the CLI, the server, and the wasm module when it is handed JSON
//! text), a JS value handed to the wasm module arrives in the wire form that
//! `wire.rs` reads, and the typed document is read from the resulting
//! [`Value`] by its [`Read`] impl. So a malformed document gives the same
//! code, JSON pointer and message everywhere, and the wasm module holds no
//! serde deserializer at all (they made up most of its size).
//!
//! Writing stays with serde: results are serialized with `serde_json` by the
//! native skins and `serde-wasm-bindgen` by the wasm skin.

mod parse;
mod read;
mod value;
// Only the wasm skin is handed JS values (its tests run natively too).
#[cfg(any(target_arch = "wasm32", test))]
mod wire;

pub(crate) use parse::parse;
pub(crate) use read::{read, readable, At, Fields, Read};
pub(crate) use value::{whole_float, Value};

use crate::error::{ErrorCode, Result};

/// Parse JSON text into a `T`; every error, of the text or of the document,
/// has `code`.
pub(crate) fn from_str<T: Read>(text: &str, code: ErrorCode) -> Result<T> {
    read(&parse(text, code)?, code)
}

/// Read a JS value's wire form (`wire.rs`) into a `T`; as [`from_str`].
#[cfg(target_arch = "wasm32")]
pub(crate) fn from_wire<T: Read>(wire: &str, code: ErrorCode) -> Result<T> {
    read(&wire::parse_wire(wire, code)?, code)
}
