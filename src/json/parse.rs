//! JSON text (RFC 8259) to a [`Value`], with errors that say line and column.
//!
//! The crate's own parser, not `serde_json`: every skin reads text through
//! it (the wasm module included, which then needs no second JSON reader and
//! stays small), and nesting is bounded by [`TEXT_DEPTH`], so no text can
//! exhaust the stack.

use std::borrow::Cow;

use super::Value;
use crate::error::{Error, ErrorCode, Result};
use crate::limits::depth::TEXT as TEXT_DEPTH;

/// Parse one JSON value that fills `text` (whitespace around it allowed).
/// Strings without escapes borrow from `text`.
pub(crate) fn parse(text: &str, code: ErrorCode) -> Result<Value<'_>> {
    let mut parser = Parser { text, pos: 0, code };
    let value = parser.value(0)?;
    parser.skip_space();
    if parser.pos < text.len() {
        return Err(parser.fail("trailing characters after the JSON value"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    code: ErrorCode,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// An error at the current position: `not valid JSON: ... at line L, column C`.
    fn fail(&self, what: &str) -> Error {
        let before = self.text.get(..self.pos).unwrap_or(self.text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Error::new(self.code, format!("not valid JSON: {what} at line {line}, column {column}"))
    }

    fn expect_literal(&mut self, word: &str, value: Value<'a>) -> Result<Value<'a>> {
        if self.text.get(self.pos..).is_some_and(|rest| rest.starts_with(word)) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.fail("expected a JSON value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value<'a>> {
        self.skip_space();
        match self.peek() {
            None => Err(self.fail("the text ends where a value should be")),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.expect_literal("true", Value::Bool(true)),
            Some(b'f') => self.expect_literal("false", Value::Bool(false)),
            Some(b'n') => self.expect_literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.fail("expected a JSON value")),
        }
    }

    fn enter(&self, depth: usize) -> Result<()> {
        if depth > TEXT_DEPTH {
            return Err(self.fail(&format!("nested more than {TEXT_DEPTH} levels deep")));
        }
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Result<Value<'a>> {
        self.enter(depth)?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.fail("expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value<'a>> {
        self.enter(depth)?;
        self.pos += 1;
        let mut entries = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(entries));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.fail("expected a key in double quotes"));
            }
            let key = self.string()?;
            self.skip_space();
            if self.peek() != Some(b':') {
                return Err(self.fail("expected `:`"));
            }
            self.pos += 1;
            entries.push((key, self.value(depth)?));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(entries));
                }
                _ => return Err(self.fail("expected `,` or `}`")),
            }
        }
    }

    /// A string starting at the opening quote: a slice of the text, or a
    /// copy once an escape is met.
    fn string(&mut self) -> Result<Cow<'a, str>> {
        self.pos += 1;
        let mut out = Cow::Borrowed("");
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // Stops only at ASCII bytes, so both ends are char boundaries.
            let run = self.text.get(start..self.pos).unwrap_or_default();
            match &mut out {
                Cow::Borrowed("") => out = Cow::Borrowed(run),
                out => out.to_mut().push_str(run),
            }
            match self.peek() {
                None => return Err(self.fail("the text ends inside a string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escaped = self.escape()?;
                    out.to_mut().push(escaped);
                }
                Some(_) => return Err(self.fail("a control character must be escaped in a string")),
            }
        }
    }

    /// The char of the escape after a backslash.
    fn escape(&mut self) -> Result<char> {
        let Some(b) = self.peek() else { return Err(self.fail("the text ends inside a string")) };
        self.pos += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            // A surrogate pair is one char; a lone surrogate (which JSON text
            // may hold, and `JSON.stringify` writes for a JS string holding
            // one) is U+FFFD, as the JS string itself would be encoded.
            b'u' => {
                let first = self.hex4()?;
                let pair_follows = self.text.get(self.pos..).is_some_and(|rest| rest.starts_with("\\u"));
                if (0xD800..0xDC00).contains(&first) && pair_follows {
                    let mark = self.pos;
                    self.pos += 2;
                    let second = self.hex4()?;
                    if (0xDC00..0xE000).contains(&second) {
                        return Ok(char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)).unwrap_or('\u{FFFD}'));
                    }
                    self.pos = mark;
                }
                char::from_u32(first).unwrap_or('\u{FFFD}')
            }
            _ => {
                self.pos -= 1;
                return Err(self.fail("an invalid escape in a string"));
            }
        })
    }

    fn hex4(&mut self) -> Result<u32> {
        let digits = self.text.get(self.pos..self.pos + 4).filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let Some(digits) = digits else { return Err(self.fail("expected four hex digits after \\u")) };
        self.pos += 4;
        u32::from_str_radix(digits, 16).map_err(|_| self.fail("expected four hex digits after \\u"))
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// A number in JSON's grammar, kept as its text (see [`Value::Number`]).
    fn number(&mut self) -> Result<Value<'a>> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let leading_zero = self.peek() == Some(b'0');
        let whole = self.digits();
        if whole == 0 || (leading_zero && whole > 1) {
            return Err(self.fail("an invalid number"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.fail("an invalid number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.fail("an invalid number"));
            }
        }
        Ok(Value::Number(self.text.get(start..self.pos).unwrap_or_default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Value<'_> {
        parse(text, ErrorCode::InvalidPolicy).unwrap()
    }

    fn err(text: &str) -> String {
        parse(text, ErrorCode::InvalidPolicy).unwrap_err().to_string()
    }

    #[test]
    fn reads_every_kind_of_value() {
        let v = ok(r#" { "a": [1, -2.5e1, true, false, null], "b": "x\"\\\/\n\u00e9\ud83d\ude00", "a": {} } "#);
        let Value::Object(entries) = v else { panic!("not an object") };
        assert_eq!(entries.len(), 3, "a duplicated key is kept for the reader to refuse");
        assert_eq!(
            entries[0].1,
            Value::Array(vec![Value::Number("1"), Value::Number("-2.5e1"), Value::Bool(true), Value::Bool(false), Value::Null])
        );
        assert_eq!(entries[1].1, Value::String("x\"\\/\né😀".into()));
        assert_eq!(entries[2].1, Value::Object(vec![]));
    }

    #[test]
    fn strings_borrow_the_text_until_an_escape() {
        let Value::Array(items) = ok(r#"["plain", "", "\n at the start", "in the \"middle\" twice", "at the end\t"]"#) else {
            panic!("not a list")
        };
        let texts: Vec<(&str, bool)> = items
            .iter()
            .map(|v| match v {
                Value::String(s) => (&**s, matches!(s, Cow::Borrowed(_))),
                _ => ("", false),
            })
            .collect();
        assert_eq!(
            texts,
            [("plain", true), ("", true), ("\n at the start", false), ("in the \"middle\" twice", false), ("at the end\t", false)]
        );
    }

    #[test]
    fn says_where_the_text_goes_wrong() {
        assert_eq!(err("{\n  \"a\": 1,\n  }"), "not valid JSON: expected a key in double quotes at line 3, column 3");
        assert_eq!(err("[1 2]"), "not valid JSON: expected `,` or `]` at line 1, column 4");
        assert_eq!(err("{"), "not valid JSON: expected a key in double quotes at line 1, column 2");
        assert_eq!(err(r#"{"a" 1}"#), "not valid JSON: expected `:` at line 1, column 6");
        assert_eq!(err("[1] x"), "not valid JSON: trailing characters after the JSON value at line 1, column 5");
        assert_eq!(err(""), "not valid JSON: the text ends where a value should be at line 1, column 1");
        assert_eq!(err("\"abc"), "not valid JSON: the text ends inside a string at line 1, column 5");
        assert_eq!(err("\"a\tb\""), "not valid JSON: a control character must be escaped in a string at line 1, column 3");
        assert_eq!(err(r#""\x""#), "not valid JSON: an invalid escape in a string at line 1, column 3");
        assert_eq!(err(r#""\u12""#), "not valid JSON: expected four hex digits after \\u at line 1, column 4");
        assert_eq!(err("tru"), "not valid JSON: expected a JSON value at line 1, column 1");
    }

    #[test]
    fn a_lone_surrogate_is_the_replacement_char() {
        assert_eq!(ok(r#""a\ud83db""#), Value::String("a\u{FFFD}b".into()));
        assert_eq!(ok(r#""\ude00\ud83d\u0041""#), Value::String("\u{FFFD}\u{FFFD}A".into()));
    }

    #[test]
    fn numbers_follow_the_json_grammar() {
        for bad in ["01", "-", "1.", ".5", "1e", "+1", "0x1", "NaN", "Infinity", "-Infinity"] {
            assert!(parse(bad, ErrorCode::InvalidPolicy).is_err(), "{bad}");
        }
        assert_eq!(ok("0"), Value::Number("0"));
        assert_eq!(ok(" -0.5E+2 "), Value::Number("-0.5E+2"));
        assert_eq!(ok("[1e999]"), Value::Array(vec![Value::Number("1e999")]), "range is the reader's to judge");
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("{}{}", "[".repeat(TEXT_DEPTH), "]".repeat(TEXT_DEPTH));
        assert!(parse(&deep, ErrorCode::InvalidPolicy).is_ok());
        let deeper = format!("{}{}", "[".repeat(TEXT_DEPTH + 1), "]".repeat(TEXT_DEPTH + 1));
        assert!(err(&deeper).starts_with(&format!("not valid JSON: nested more than {TEXT_DEPTH} levels deep")));
        let hostile = "[".repeat(1_000_000);
        assert!(parse(&hostile, ErrorCode::InvalidPolicy).is_err());
    }

    #[test]
    fn the_error_carries_the_callers_code() {
        assert_eq!(parse("{", ErrorCode::InvalidSubject).unwrap_err().code(), ErrorCode::InvalidSubject);
    }
}
