//! The wire form of a JS value: what `src/wasm/plain.js` writes when the
//! wasm skin is handed a subject, policy or prerequisite input as a JS
//! object, read here into the same [`Value`] that JSON text parses to.
//!
//! JSON text would carry it too, but its parser (escapes, whitespace, the
//! grammar's errors with line and column) is some 4 KB of code that the
//! runtime module (`exposure-gate/runtime`) would hold for subjects alone:
//! it reads no JSON text otherwise. This form needs no escapes and no
//! separators, so reading it takes a few hundred bytes, and every string
//! borrows from the text. Its only writer is the crate's own, so it is read
//! exactly, never leniently:
//!
//! | form | value |
//! | --- | --- |
//! | `n`, `t`, `f` | `null`, `true`, `false` |
//! | `#` text `;` | a number, as `String(n)` writes a finite one (which is JSON's grammar) |
//! | `"` length `:` text | a string of `length` UTF-16 code units (JS's `.length`), unescaped |
//! | `[` values `]` | a list |
//! | `{` (string value)... `}` | an object, its keys written as strings |
//!
//! A JS string holding a lone surrogate reaches wasm with U+FFFD in its
//! place (one code unit for one), as JSON text's `\ud800` is read.

use std::borrow::Cow;

use super::Value;
use crate::error::{Error, ErrorCode, Result};
use crate::limits::depth::TEXT as MAX_DEPTH;

/// The value written in `wire`, which must fill it. A text that is not
/// the wire form (a bug in the writer, never the caller's value) is a
/// `code` error, so nothing read from it is ever allowed.
pub(crate) fn parse_wire(wire: &str, code: ErrorCode) -> Result<Value<'_>> {
    let mut reader = Reader { rest: wire };
    match reader.value(0) {
        Some(value) if reader.rest.is_empty() => Ok(value),
        _ => Err(Error::new(code, "a JS value could not be read back from its wire form")),
    }
}

struct Reader<'a> {
    rest: &'a str,
}

impl<'a> Reader<'a> {
    /// The first byte, consumed.
    fn tag(&mut self) -> Option<u8> {
        let tag = *self.rest.as_bytes().first()?;
        self.rest = self.rest.get(1..)?;
        Some(tag)
    }

    /// Consumes `end` if it comes next.
    fn end(&mut self, end: u8) -> bool {
        let found = self.rest.as_bytes().first() == Some(&end);
        if found {
            self.tag();
        }
        found
    }

    /// The text up to (not including) the next `stop`, which is consumed.
    fn until(&mut self, stop: u8) -> Option<&'a str> {
        let at = self.rest.bytes().position(|b| b == stop)?;
        let text = self.rest.get(..at)?;
        self.rest = self.rest.get(at + 1..)?;
        Some(text)
    }

    fn value(&mut self, depth: usize) -> Option<Value<'a>> {
        Some(match self.tag()? {
            b'n' => Value::Null,
            b't' => Value::Bool(true),
            b'f' => Value::Bool(false),
            b'#' => Value::Number(self.until(b';')?),
            b'"' => Value::String(Cow::Borrowed(self.string()?)),
            b'[' if depth < MAX_DEPTH => {
                let mut items = Vec::new();
                while !self.end(b']') {
                    items.push(self.value(depth + 1)?);
                }
                Value::Array(items)
            }
            b'{' if depth < MAX_DEPTH => {
                let mut entries = Vec::new();
                while !self.end(b'}') {
                    if self.tag()? != b'"' {
                        return None;
                    }
                    let key = self.string()?;
                    entries.push((Cow::Borrowed(key), self.value(depth + 1)?));
                }
                Value::Object(entries)
            }
            _ => return None,
        })
    }

    /// A string after its `"`: `length:text`, the length in UTF-16 code units.
    fn string(&mut self) -> Option<&'a str> {
        let digits = self.until(b':').filter(|d| !d.is_empty())?;
        let mut units = 0_usize;
        for digit in digits.bytes() {
            let digit = usize::from(digit.checked_sub(b'0').filter(|d| *d <= 9)?);
            units = units.checked_mul(10)?.checked_add(digit)?;
        }
        let mut len = 0;
        let mut chars = self.rest.chars();
        while units > 0 {
            let c = chars.next()?;
            units = units.checked_sub(c.len_utf16())?;
            len += c.len_utf8();
        }
        let text = self.rest.get(..len)?;
        self.rest = self.rest.get(len..)?;
        Some(text)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::json::parse;

    /// The wire form of `value`, written as `plain.js` writes it.
    fn wire(value: &Value<'_>) -> String {
        let string = |s: &str| format!("\"{}:{s}", s.encode_utf16().count());
        match value {
            Value::Null => "n".to_owned(),
            Value::Bool(b) => (if *b { "t" } else { "f" }).to_owned(),
            Value::Number(text) => format!("#{text};"),
            Value::String(s) => string(s),
            Value::Array(items) => format!("[{}]", items.iter().map(wire).collect::<String>()),
            Value::Object(entries) => {
                format!("{{{}}}", entries.iter().map(|(k, v)| string(k) + &wire(v)).collect::<String>())
            }
        }
    }

    const SAMPLE: &str = r#"{"roles": ["security-admin", "Global-Reader"], "deviceGroups": ["Finance: 5", "", "a\"b\\c", "日本語 😀 é", "a\ud83db", "1:2\"3"],
        "": null, "n": [0, -1.5, 1e+21, 9007199254740993, {"x": [[], {}, true, false]}], "roles": "again"}"#;

    #[test]
    fn reads_what_json_text_reads() {
        let texts = [SAMPLE, "null", "true", "0", "\"\"", "[]", "{}", r#"{"😀": {"": ""}}"#, r##"["::", "\"\"", "#;", "[{"]"##];
        for text in texts {
            let value = parse(text, ErrorCode::InvalidSubject).unwrap();
            let written = wire(&value);
            assert_eq!(parse_wire(&written, ErrorCode::InvalidSubject).unwrap(), value, "{written}");
        }
    }

    #[test]
    fn strings_are_measured_in_utf16_code_units() {
        assert_eq!(parse_wire("\"2:😀", ErrorCode::InvalidSubject).unwrap(), Value::String("😀".into()));
        assert_eq!(parse_wire("[\"1:a\"0:]", ErrorCode::InvalidSubject).unwrap(), Value::Array(vec![Value::String("a".into()), Value::String("".into())]));
    }

    #[test]
    fn anything_else_is_an_error_never_a_guess() {
        let written = wire(&parse(SAMPLE, ErrorCode::InvalidSubject).unwrap());
        for end in 0..written.len() {
            if let Some(cut) = written.get(..end) {
                let err = parse_wire(cut, ErrorCode::InvalidSubject).unwrap_err();
                assert_eq!(err.code(), ErrorCode::InvalidSubject, "{cut}");
            }
        }
        let bad = [
            "", "x", "nn", "#1", "\"", "\"3:ab", "\"1:😀", "\"1a:b", "\":", "\"99999999999999999999999:a",
            "{n}", "{#1;n}", "[", "]", "{\"1:a", "\"-1:",
        ];
        for wire in bad {
            assert_eq!(parse_wire(wire, ErrorCode::InvalidPolicy).unwrap_err().code(), ErrorCode::InvalidPolicy, "{wire}");
        }
    }

    /// Any value: strings of any chars (astral ones included), numbers as `String(n)` writes them.
    fn any_value() -> impl Strategy<Value = Value<'static>> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            prop_oneof![Just("0"), Just("-1.5"), Just("1e+21"), Just("5e-324")].prop_map(Value::Number),
            any::<String>().prop_map(|s| Value::String(s.into())),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::vec((any::<String>().prop_map(Cow::Owned), inner), 0..6).prop_map(Value::Object),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_value_reads_back_as_written(value in any_value()) {
            let written = wire(&value);
            prop_assert_eq!(parse_wire(&written, ErrorCode::InvalidSubject).unwrap(), value);
        }

        #[test]
        fn any_text_is_read_or_refused_never_a_panic(text in ".{0,64}", cut in 0..64_usize) {
            let _ = parse_wire(&text, ErrorCode::InvalidSubject);
            let written = wire(&Value::String(text.clone().into()));
            let cut = written.char_indices().nth(cut).map_or(written.len(), |(i, _)| i);
            let _ = parse_wire(written.get(..cut).unwrap_or_default(), ErrorCode::InvalidSubject);
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse_wire(&deep(MAX_DEPTH), ErrorCode::InvalidSubject).is_ok());
        assert!(parse_wire(&deep(MAX_DEPTH + 1), ErrorCode::InvalidSubject).is_err());
        assert!(parse_wire(&"{\"0:".repeat(MAX_DEPTH + 1), ErrorCode::InvalidSubject).is_err());
    }
}
