//! Reading typed documents out of a [`Value`], with errors that point at the
//! bad value.
//!
//! Each document type implements [`Read`] by hand with [`Fields`]: the
//! fields it knows, which are required, and their types. An unknown field is
//! refused (with the nearest known names), so a typo such as `"grant"` for
//! `"grants"` is an error and not a silently empty policy. The pointer of the
//! place being read is kept as a chain of [`At`]s on the stack and written
//! out only when there is an error.

use std::borrow::Cow;

use super::Value;
use crate::error::{Error, ErrorCode, Result};

/// Where a value stands in its document, and the error code of the document.
#[derive(Clone, Copy)]
pub(crate) struct At<'a> {
    code: ErrorCode,
    parent: Option<&'a At<'a>>,
    segment: Segment<'a>,
}

#[derive(Clone, Copy)]
enum Segment<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> At<'a> {
    /// The root of a document whose errors have `code`.
    pub(crate) fn root(code: ErrorCode) -> At<'static> {
        At { code, parent: None, segment: Segment::Root }
    }

    /// The field `key` of the object here.
    pub(crate) fn key(&'a self, key: &'a str) -> At<'a> {
        At { code: self.code, parent: Some(self), segment: Segment::Key(key) }
    }

    /// The item `index` of the list here.
    pub(crate) fn index(&'a self, index: usize) -> At<'a> {
        At { code: self.code, parent: Some(self), segment: Segment::Index(index) }
    }

    /// The RFC 6901 pointer of this place: `/grants/3/role`.
    pub(crate) fn pointer(&self) -> String {
        let mut segments = Vec::new();
        let mut at = Some(self);
        while let Some(here) = at {
            match here.segment {
                Segment::Root => {}
                Segment::Key(key) => segments.push(format!("/{}", key.replace('~', "~0").replace('/', "~1"))),
                Segment::Index(i) => segments.push(format!("/{i}")),
            }
            at = here.parent;
        }
        segments.reverse();
        segments.concat()
    }

    /// An error about the value here.
    pub(crate) fn error(&self, message: impl Into<String>) -> Error {
        self.place(Error::new(self.code, message))
    }

    /// `error` with this place's pointer (none at the root).
    fn place(&self, error: Error) -> Error {
        match self.pointer() {
            pointer if pointer.is_empty() => error,
            pointer => error.at(pointer),
        }
    }

    /// The error for an unknown `what` (`field`, `action kind`) here, with
    /// the nearest of `candidates` as suggestions.
    pub(crate) fn unknown<'c>(&self, what: &str, value: &str, candidates: impl IntoIterator<Item = &'c str>) -> Error {
        self.place(Error::unknown(self.code, what, value, candidates))
    }

    /// The error for a value of the wrong type: `invalid type: the number 7,
    /// expected a string`.
    pub(crate) fn invalid_type(&self, got: &Value, want: &str) -> Error {
        self.error(format!("invalid type: {}, expected {want}", got.describe()))
    }
}

/// A type read from a [`Value`].
pub(crate) trait Read: Sized {
    /// Read `value`, standing at `at`.
    fn read(value: &Value, at: &At<'_>) -> Result<Self>;
}

/// Read a whole document of type `T` from `value`; errors have `code`.
pub(crate) fn read<T: Read>(value: &Value, code: ErrorCode) -> Result<T> {
    T::read(value, &At::root(code))
}

impl Read for String {
    fn read(value: &Value, at: &At<'_>) -> Result<Self> {
        value.as_str().map(str::to_owned).ok_or_else(|| at.invalid_type(value, "a string"))
    }
}

impl Read for bool {
    fn read(value: &Value, at: &At<'_>) -> Result<Self> {
        match value {
            Value::Bool(b) => Ok(*b),
            _ => Err(at.invalid_type(value, "true or false")),
        }
    }
}

impl Read for u32 {
    fn read(value: &Value, at: &At<'_>) -> Result<Self> {
        value
            .as_whole()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| at.invalid_type(value, "a whole number from 0 to 4294967295"))
    }
}

/// Parsed from the number's text here, not by the parser: only the server
/// reads a float, so the WebAssembly module links no float parser.
impl Read for f64 {
    fn read(value: &Value, at: &At<'_>) -> Result<Self> {
        match value {
            Value::Number(text) => text.parse::<f64>().ok().filter(|n| n.is_finite()),
            _ => None,
        }
        .ok_or_else(|| at.invalid_type(value, "a finite number"))
    }
}

impl<T: Read> Read for Vec<T> {
    fn read(value: &Value, at: &At<'_>) -> Result<Self> {
        let Value::Array(items) = value else { return Err(at.invalid_type(value, "a list")) };
        // A loop, not `collect::<Result<_>>()`: the adapter that collect
        // builds is monomorphised per item type and is larger in the wasm.
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(T::read(item, &at.index(i))?);
        }
        Ok(out)
    }
}

/// The fields of an object being read as a `what` (`a role object`), whose
/// known field names are `known`.
pub(crate) struct Fields<'v, 'a> {
    entries: &'v [(Cow<'v, str>, Value<'v>)],
    at: &'a At<'a>,
    what: &'a str,
}

impl<'v, 'a> Fields<'v, 'a> {
    /// The fields of `value`, which must be an object holding only `known`
    /// fields, each at most once.
    pub(crate) fn new(value: &'v Value, at: &'a At<'a>, what: &'a str, known: &[&str]) -> Result<Self> {
        let Value::Object(entries) = value else { return Err(at.invalid_type(value, what)) };
        for (i, (key, _)) in entries.iter().enumerate() {
            if !known.contains(&&**key) {
                let names = known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
                let error = at.key(key).unknown("field", key, known.iter().copied());
                let message = format!("{}, expected one of {names}", error.message());
                return Err(error.with_message(message));
            }
            if entries.iter().take(i).any(|(earlier, _)| earlier == key) {
                return Err(at.key(key).error(format!("duplicate field `{key}`")));
            }
        }
        Ok(Fields { entries, at, what })
    }

    fn find(&self, name: &str) -> Option<&'v Value<'v>> {
        self.entries.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// A field that must be present.
    pub(crate) fn required<T: Read>(&self, name: &str) -> Result<T> {
        match self.find(name) {
            Some(value) => T::read(value, &self.at.key(name)),
            None => Err(self.missing(name)),
        }
    }

    /// The error for a missing required field: not generic, so that each
    /// type's `required` shares it rather than inlining its own.
    #[cold]
    #[inline(never)]
    fn missing(&self, name: &str) -> Error {
        self.at.error(format!("missing field `{name}` in {}", self.what))
    }

    /// A field that may be left out (or be `null`).
    pub(crate) fn optional<T: Read>(&self, name: &str) -> Result<Option<T>> {
        match self.find(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => T::read(value, &self.at.key(name)).map(Some),
        }
    }

    /// A field that may be left out, then its type's default.
    pub(crate) fn or_default<T: Read + Default>(&self, name: &str) -> Result<T> {
        match self.find(name) {
            None => Ok(T::default()),
            Some(value) => T::read(value, &self.at.key(name)),
        }
    }
}

/// [`Read`] for a struct from its table of fields: the Rust field, its
/// JSON name, and how it is read (`required`, `optional` for an
/// `Option`, `or_default`). A name not in the table is refused.
///
/// ```text
/// readable! { GrantDef, "a grant object" { role: "role" required, actions: "actions" required } }
/// ```
macro_rules! readable {
    ($ty:ident, $what:expr, { $($field:ident: $name:literal $how:ident),* $(,)? }) => {
        impl $crate::json::Read for $ty {
            fn read(value: &$crate::json::Value, at: &$crate::json::At<'_>) -> $crate::Result<Self> {
                let fields = $crate::json::Fields::new(value, at, $what, &[$($name),*])?;
                Ok($ty { $($field: fields.$how($name)?),* })
            }
        }
    };
}
pub(crate) use readable;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    #[derive(Debug, PartialEq)]
    struct Role {
        id: String,
        read_only: bool,
        template_ids: Vec<String>,
        build: Option<u32>,
    }

    readable! { Role, "a role object", {
        id: "id" required,
        read_only: "readOnly" or_default,
        template_ids: "templateIds" or_default,
        build: "build" optional,
    } }

    fn roles(text: &str) -> Result<Vec<Role>> {
        read(&parse(text, ErrorCode::InvalidPolicy)?, ErrorCode::InvalidPolicy)
    }

    #[test]
    fn reads_fields_with_defaults() {
        let got = roles(r#"[{ "id": "a" }, { "id": "b", "readOnly": true, "templateIds": ["g"], "build": 7 }]"#).unwrap();
        assert_eq!(got[0], Role { id: "a".into(), read_only: false, template_ids: vec![], build: None });
        assert_eq!(got[1], Role { id: "b".into(), read_only: true, template_ids: vec!["g".into()], build: Some(7) });
    }

    #[test]
    fn errors_point_at_the_bad_value() {
        let err = roles(r#"[{ "id": "a" }, { "id": "b", "templateIds": ["g", 7] }]"#).unwrap_err();
        assert_eq!(err.pointer(), Some("/1/templateIds/1"));
        assert_eq!(err.message(), "invalid type: the number 7, expected a string");
        assert_eq!(err.code(), ErrorCode::InvalidPolicy);

        let err = roles(r#"[{ "id": "a", "readonly": true }]"#).unwrap_err();
        assert_eq!(err.pointer(), Some("/0/readonly"));
        assert_eq!(err.message(), "unknown field `readonly`, expected one of `id`, `readOnly`, `templateIds`, `build`");
        assert_eq!(err.suggestions(), ["readOnly"]);

        let err = roles(r#"[{ "readOnly": true }]"#).unwrap_err();
        assert_eq!((err.pointer(), err.message()), (Some("/0"), "missing field `id` in a role object"));

        let err = roles(r#"[{ "id": "a", "id": "b" }]"#).unwrap_err();
        assert_eq!((err.pointer(), err.message()), (Some("/0/id"), "duplicate field `id`"));

        let err = roles(r#"{ "id": "a" }"#).unwrap_err();
        assert_eq!((err.pointer(), err.message()), (None, "invalid type: an object, expected a list"));

        let err = roles(r#"[{ "id": "a", "build": -1 }, 3]"#).unwrap_err();
        assert_eq!(err.message(), "invalid type: the number -1, expected a whole number from 0 to 4294967295");
    }

    #[test]
    fn numbers_are_judged_by_the_reader_from_their_text() {
        assert_eq!(roles(r#"[{ "id": "a", "build": 7.0e0 }]"#).unwrap()[0].build, Some(7));
        for (text, shown) in [("1e999", "1e999"), ("2.5", "2.5"), ("4294967296", "4294967296")] {
            let err = roles(&format!(r#"[{{ "id": "a", "build": {text} }}]"#)).unwrap_err();
            assert_eq!(err.pointer(), Some("/0/build"));
            assert_eq!(err.message(), format!("invalid type: the number {shown}, expected a whole number from 0 to 4294967295"));
        }
        let float = |text| read::<f64>(&parse(text, ErrorCode::InvalidInput)?, ErrorCode::InvalidInput);
        assert_eq!(float("0.25").unwrap(), 0.25);
        assert_eq!(float("-1e3").unwrap(), -1000.0);
        assert_eq!(float("1e999").unwrap_err().message(), "invalid type: the number 1e999, expected a finite number");
    }

    #[test]
    fn null_is_absent_only_where_a_field_is_optional() {
        assert_eq!(roles(r#"[{ "id": "a", "build": null }]"#).unwrap()[0].build, None);
        let err = roles(r#"[{ "id": "a", "readOnly": null }]"#).unwrap_err();
        assert_eq!(err.message(), "invalid type: null, expected true or false");
    }

    #[test]
    fn pointers_escape_slashes_and_tildes() {
        let root = At::root(ErrorCode::InvalidInput);
        let key = root.key("a/b~c");
        assert_eq!(key.index(2).pointer(), "/a~1b~0c/2");
    }
}
