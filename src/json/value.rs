//! The one in-memory form of a document while it is read: what JSON text
//! parses to, and what a JS value given to the wasm skin is read into from
//! its wire form (`wire.rs`).
//!
//! Every reader of the crate (policies, subjects, prerequisite inputs,
//! devices) reads a [`Value`], whichever skin it came through, so a malformed
//! document gives the same code, pointer and message in the browser, in Node,
//! in the CLI and from the server.

use std::borrow::Cow;

/// A JSON value. Objects keep their entries in document order, duplicates
/// included, so that a reader can refuse a duplicated field.
///
/// A number is kept as its text, which the grammar has checked: readers
/// want whole numbers ([`Value::as_whole`]), and reading them exactly from
/// the text keeps core's float parser (16 KB of tables and code) out of the
/// WebAssembly module. The server's one float field parses its text itself.
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
    Number(&'a str),
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

    /// The value, if this is a whole number within ±2^53 (where every
    /// integer is exact as a JS number): `5`, `5.0`, `50e-1` and `-0` are
    /// whole; `5.5`, `1e-3` and `1e300` are not.
    pub(crate) fn as_whole(&self) -> Option<i64> {
        match self {
            Value::Number(text) => whole(text),
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
    /// `the number 7.5` (as written, clipped), `the string "x"` (clipped),
    /// `a list`, `an object`.
    pub(crate) fn describe(&self) -> String {
        match self {
            Value::Null => "null".to_owned(),
            Value::Bool(b) => format!("the boolean {b}"),
            Value::Number(text) => format!("the number {}", crate::suggest::clip(text)),
            Value::String(s) => format!("the string \"{}\"", crate::suggest::clip(s)),
            Value::Array(_) => "a list".to_owned(),
            Value::Object(_) => "an object".to_owned(),
        }
    }
}

/// The largest magnitude within which every integer is exact as a JS
/// number (and an f64): 2^53.
const EXACT: u64 = 1 << 53;

/// The whole number that JSON number `text` denotes exactly, if it is
/// within ±2^53; `None` for anything else, text that is not a JSON number
/// included. Works on the digits, so no rounding ever makes a fraction whole
/// (`1.0000000000000000001` is not whole), a huge exponent costs nothing,
/// and nothing is allocated (a fleet reads a number per device).
fn whole(text: &str) -> Option<i64> {
    let (negative, unsigned) = text.strip_prefix('-').map_or((false, text), |rest| (true, rest));
    let (mantissa, exponent) = unsigned.split_once(['e', 'E']).unwrap_or((unsigned, "0"));
    let (int, fraction) = match mantissa.split_once('.') {
        Some((_, "")) => return None,
        Some(parts) => parts,
        None => (mantissa, ""),
    };
    let exponent = match exponent.strip_prefix('-') {
        Some(digits) => -saturating_digits(digits)?,
        None => saturating_digits(exponent.strip_prefix('+').unwrap_or(exponent))?,
    };
    if int.is_empty() {
        return None;
    }
    // The digits' value without its trailing zeros, and how many those are.
    // More significant digits than a u64 holds are never a whole number
    // within 2^53, so an overflow is an answer, not an error.
    let (mut value, mut zeros) = (0u64, 0u32);
    for b in int.bytes().chain(fraction.bytes()) {
        match b {
            b'0' => zeros = zeros.saturating_add(1),
            b'1'..=b'9' => {
                let digit = u64::from(b - b'0');
                value = match value {
                    0 => digit, // leading zeros scale nothing
                    _ => value.checked_mul(10u64.checked_pow(zeros.checked_add(1)?)?)?.checked_add(digit)?,
                };
                zeros = 0;
            }
            _ => return None,
        }
    }
    if value == 0 {
        return Some(0);
    }
    let scale = exponent.saturating_sub(fraction.len() as i64).saturating_add(i64::from(zeros));
    let value = value.checked_mul(10u64.checked_pow(u32::try_from(scale).ok()?)?)?; // scale < 0: a fraction
    let value = i64::try_from(value).ok().filter(|v| v.unsigned_abs() <= EXACT)?;
    Some(if negative { -value } else { value })
}

/// The value of a float that is a whole number within ±2^53 (a JS number, a
/// packed field), by the same rule as [`Value::as_whole`].
pub(crate) fn whole_float(n: f64) -> Option<i64> {
    let exact = EXACT as f64; // 2^53 is exact as an f64
    (n.fract() == 0.0 && n.abs() <= exact).then_some(n as i64)
}

/// Decimal digits as a number, saturating (an exponent of a million digits is
/// just very large); `None` for no digits or anything else.
fn saturating_digits(digits: &str) -> Option<i64> {
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.bytes().fold(0i64, |n, b| n.saturating_mul(10).saturating_add(i64::from(b - b'0'))))
}

#[cfg(test)]
mod tests {
    use super::whole;

    #[test]
    fn whole_numbers_are_read_exactly_from_the_text() {
        for (text, value) in [
            ("0", 0), ("-0", 0), ("0.000", 0), ("0e-999999999999999999999", 0), ("7", 7), ("-25", -25),
            ("5.0", 5), ("50e-1", 5), ("0.5E+1", 5), ("-2.5e1", -25), ("1e3", 1000), ("120e-1", 12),
            ("4294967295", 4_294_967_295), ("9007199254740992", 1 << 53), ("-9007199254740992", -(1 << 53)),
            ("9.007199254740992e15", 1 << 53), ("0.0000000000000000000005e22", 5), ("1000000000000000000000e-20", 10),
        ] {
            assert_eq!(whole(text), Some(value), "{text}");
        }
        for text in [
            "0.5", "-1.5", "1e-3", "1.0000000000000000001", "9007199254740993", "1e16", "1e300", "1e999",
            "1e99999999999999999999", "", "-", "e5", "1.", ".5", "1e", "1e+", "0x10", "1_0", "NaN", "1 ",
        ] {
            assert_eq!(whole(text), None, "{text}");
        }
    }
}
