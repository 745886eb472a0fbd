//! Reading documents (policies, subjects) from any serde format with errors
//! that point at the bad value.
//!
//! The native skins read JSON text with `serde_json`; the wasm skin reads JS
//! values with `serde-wasm-bindgen`. Both go through [`deserialize`], so a
//! malformed document gives the same code and JSON pointer everywhere.

use serde::de::{Deserialize, Deserializer};
use serde_path_to_error::Segment;

use crate::error::{Error, ErrorCode, Result};

/// Deserialize a `T`, turning a failure into an error with `code`, the
/// message of the format, and the JSON pointer of the value that failed.
pub(crate) fn deserialize<'de, T, D>(deserializer: D, code: ErrorCode) -> Result<T>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
    D::Error: std::fmt::Display,
{
    serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let pointer = pointer(err.path());
        let message = err.inner().to_string();
        // serde-wasm-bindgen's errors are JS Errors whose text starts "Error: ".
        let message = message.strip_prefix("Error: ").unwrap_or(&message);
        let error = Error::new(code, message);
        if pointer.is_empty() {
            error
        } else {
            error.at(pointer)
        }
    })
}

/// Parse JSON text into a `T` (native skins and tests).
pub(crate) fn from_str<'de, T: Deserialize<'de>>(text: &'de str, code: ErrorCode) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = deserialize(&mut de, code)?;
    de.end().map_err(|err| Error::new(code, err.to_string()))?;
    Ok(value)
}

/// The RFC 6901 pointer of a serde path: `grants[3].role` becomes
/// `/grants/3/role`. A path that runs into a segment the parser could not
/// name (a key cut off by the end of the text) points at its parent.
fn pointer(path: &serde_path_to_error::Path) -> String {
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                out.push('/');
                out.push_str(&key.replace('~', "~0").replace('/', "~1"));
            }
            Segment::Unknown => break,
        }
    }
    out
}

/// Make types deserialize from maps only, so that `deny_unknown_fields` holds
/// in every format. Serde's derive reads a struct through
/// `deserialize_struct`, which serde-wasm-bindgen answers by looking up the
/// declared fields only (a misspelt `tvmRole` would go unseen), and which
/// serde_json also answers from an array. Each type derives with
/// `#[serde(remote = "Self")]`; this supplies the trait impls.
macro_rules! map_only {
    ($($ty:ty => $what:literal),* $(,)?) => {$(
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
                struct MapVisitor;
                impl<'de> serde::de::Visitor<'de> for MapVisitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> std::result::Result<$ty, A::Error> {
                        <$ty>::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    }
                }
                deserializer.deserialize_map(MapVisitor)
            }
        }
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
                <$ty>::serialize(self, serializer)
            }
        }
    )*};
}
pub(crate) use map_only;
