//! Reading prerequisite input from JSON text, with errors that point at the
//! bad value (`invalid-input`, JSON pointer such as `/assignments/2/roles`).

use serde::de::{Deserialize, Deserializer};
use serde_path_to_error::Segment;

use crate::error::{Error, ErrorCode, Result};

/// Deserialize a `T` from any serde format, turning a failure into an
/// `invalid-input` error with the pointer of the value that failed.
pub(crate) fn deserialize<'de, T, D>(deserializer: D) -> Result<T>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
    D::Error: std::fmt::Display,
{
    serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let pointer = pointer(err.path());
        let error = Error::new(ErrorCode::InvalidInput, err.inner().to_string());
        if pointer.is_empty() {
            error
        } else {
            error.at(pointer)
        }
    })
}

/// Parse JSON text into a `T`.
pub(crate) fn from_json<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = deserialize(&mut de)?;
    de.end().map_err(|err| Error::new(ErrorCode::InvalidInput, err.to_string()))?;
    Ok(value)
}

/// The RFC 6901 pointer of a serde path.
fn pointer(path: &serde_path_to_error::Path) -> String {
    let mut out = String::new();
    for segment in path.iter() {
        out.push('/');
        match segment {
            Segment::Seq { index } => out.push_str(&index.to_string()),
            Segment::Map { key } | Segment::Enum { variant: key } => out.push_str(&escape(key)),
            Segment::Unknown => out.push('?'),
        }
    }
    out
}

/// Escape one pointer segment (RFC 6901: `~` is `~0`, `/` is `~1`).
pub(crate) fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        items: Vec<Inner>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        flag: bool,
    }

    #[test]
    fn errors_point_at_the_value() {
        let err = from_json::<Outer>(r#"{ "items": [{ "flag": true }, { "flag": "yes" }] }"#).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput);
        assert_eq!(err.pointer(), Some("/items/1/flag"));
        let err = from_json::<Outer>(r#"{ "items": [] } x"#).unwrap_err();
        assert_eq!(err.pointer(), None);
        assert_eq!(escape("a/b~c"), "a~1b~0c");
    }
}
