//! The one error type of the crate.
//!
//! Every fallible call returns [`Error`]. A denial is never an error: it is a
//! [`Decision`](crate::Decision) with `allowed: false`. An error means the
//! question itself was wrong (an unknown id, a malformed subject or policy), and
//! no error path ever yields an allowed decision: the gate fails closed.
//!
//! The bindings translate this type once each: [`Error::code`] becomes the
//! `code` property of a JS `Error` and the `error.code` field of an HTTP 400
//! body, [`Error`]'s `Display` becomes the message.

use std::fmt;

/// What kind of mistake an [`Error`] reports. The string form
/// ([`ErrorCode::as_str`]) is part of the public contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// An action id that the policy does not define.
    UnknownAction,
    /// A role id, Entra role template ID or TVM role that the policy does not define.
    UnknownRole,
    /// A subject that is not of the documented shape, or names an unknown TVM permission.
    InvalidSubject,
    /// A policy document that is not valid JSON, not of the documented shape, or inconsistent.
    InvalidPolicy,
    /// Input to a prerequisite check (licences, devices, a user agent) that is not of the documented shape.
    InvalidInput,
}

impl ErrorCode {
    /// The stable, kebab-case code: `unknown-action`, `unknown-role`,
    /// `invalid-subject`, `invalid-policy`, `invalid-input`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::UnknownAction => "unknown-action",
            ErrorCode::UnknownRole => "unknown-role",
            ErrorCode::InvalidSubject => "invalid-subject",
            ErrorCode::InvalidPolicy => "invalid-policy",
            ErrorCode::InvalidInput => "invalid-input",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A typed error: a [`code`](Error::code), a message a person can act on, and,
/// where known, the JSON pointer of the bad value and the nearest valid ids.
///
/// # Example
///
/// ```
/// use exposure_gate::{ErrorCode, Gate, Subject};
///
/// let gate = Gate::builtin()?;
/// let err = gate.who_can("manage-recomendations").unwrap_err();
/// assert_eq!(err.code(), ErrorCode::UnknownAction);
/// assert_eq!(err.suggestions(), ["manage-recommendations"]);
/// assert_eq!(
///     err.to_string(),
///     "unknown action `manage-recomendations`; did you mean `manage-recommendations`?"
/// );
/// # Ok::<(), exposure_gate::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    code: ErrorCode,
    message: String,
    pointer: Option<String>,
    suggestions: Vec<String>,
}

impl Error {
    /// An error with a code and a message (lowercase, no final period, user
    /// input in backticks).
    pub(crate) fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error { code, message: message.into(), pointer: None, suggestions: Vec::new() }
    }

    /// An error for an id that is not defined, with the nearest defined ids as
    /// suggestions. `what` names the kind of id ("action", "role", ...).
    pub(crate) fn unknown<'a>(
        code: ErrorCode,
        what: &str,
        value: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let suggestions = crate::suggest::nearest(value, candidates);
        Error::new(code, format!("unknown {what} `{}`", crate::suggest::clip(value))).with_suggestions(suggestions)
    }

    /// Attach the JSON pointer (RFC 6901) of the offending value.
    pub(crate) fn at(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    /// The same error with another message (a reader adding what it expected).
    pub(crate) fn with_message(mut self, message: String) -> Self {
        self.message = message;
        self
    }

    pub(crate) fn with_suggestions(mut self, suggestions: Vec<String>) -> Self {
        self.suggestions = suggestions;
        self
    }

    /// The kind of mistake.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The message without the pointer and suggestions.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where in the input document the bad value is, as a JSON pointer such as
    /// `/grants/3/role`, when the error is about a document.
    pub fn pointer(&self) -> Option<&str> {
        self.pointer.as_deref()
    }

    /// The nearest valid ids, best first (empty when nothing is close).
    pub fn suggestions(&self) -> &[String] {
        &self.suggestions
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(pointer) = &self.pointer {
            write!(f, "at `{pointer}`: ")?;
        }
        f.write_str(&self.message)?;
        match self.suggestions.as_slice() {
            [] => Ok(()),
            [one] => write!(f, "; did you mean `{one}`?"),
            many => {
                f.write_str("; did you mean ")?;
                for (i, s) in many.iter().enumerate() {
                    let sep = if i == 0 { "" } else if i + 1 == many.len() { " or " } else { ", " };
                    write!(f, "{sep}`{s}`")?;
                }
                f.write_str("?")
            }
        }
    }
}

impl std::error::Error for Error {}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
