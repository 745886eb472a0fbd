//! Request bodies: JSON text read into typed values with errors that name the
//! field (`/target`), through the same reader as the core's documents.

use crate::error::{Error, ErrorCode};

/// A JSON body of type `T`; anything else is an `invalid-input` error with
/// the pointer of the bad field.
pub(crate) fn parse<T: crate::json::Read>(text: &str) -> Result<T, Error> {
    if text.trim().is_empty() {
        return Err(Error::new(ErrorCode::InvalidInput, "the request has no body; send a JSON object"));
    }
    crate::json::from_str(text, ErrorCode::InvalidInput)
}

/// A number as stored and answered: whole numbers as integers (`90`, not
/// `90.0`), as the demo data writes them.
pub(crate) fn number(n: f64) -> serde_json::Value {
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        serde_json::Value::from(n as i64)
    } else {
        serde_json::Value::from(n)
    }
}

/// An `invalid-input` error about one field.
pub(crate) fn invalid(field: &str, message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidInput, message).at(format!("/{field}"))
}

/// A value of `field` that must be one of `allowed`, with the nearest as suggestion.
pub(crate) fn one_of<'a>(field: &str, value: &str, allowed: impl IntoIterator<Item = &'a str> + Clone) -> Result<(), Error> {
    if allowed.clone().into_iter().any(|a| a == value) {
        return Ok(());
    }
    Err(Error::unknown(ErrorCode::InvalidInput, field, value, allowed).at(format!("/{field}")))
}

/// A non-empty string of at most `max` characters, trimmed.
pub(crate) fn text(field: &str, value: &str, max: usize) -> Result<String, Error> {
    let value = value.trim();
    if value.is_empty() {
        return Err(invalid(field, format!("`{field}` is empty")));
    }
    if value.chars().count() > max {
        return Err(invalid(field, format!("`{field}` is longer than {max} characters")));
    }
    Ok(value.to_owned())
}

/// A calendar date `YYYY-MM-DD`.
pub(crate) fn date(field: &str, value: &str) -> Result<String, Error> {
    let parts: Vec<&str> = value.split('-').collect();
    let ok = match parts.as_slice() {
        [y, m, d] => {
            let num = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
            let (mm, dd) = (m.parse::<u8>().unwrap_or(0), d.parse::<u8>().unwrap_or(0));
            num(y, 4) && num(m, 2) && num(d, 2) && (1..=12).contains(&mm) && (1..=31).contains(&dd)
        }
        _ => false,
    };
    if ok {
        Ok(value.to_owned())
    } else {
        Err(invalid(field, format!("`{}` is not a date such as `2025-01-31`", crate::suggest::clip(value))))
    }
}
