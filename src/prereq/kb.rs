//! Knowledge Base (KB) ids of Windows updates.
//!
//! Update lists come from many tools, spelled `KB4516077`, `kb4516077`,
//! `KB 4516077` or `4516077`. They all mean update number 4516077, so a KB
//! is stored as that number: comparisons are exact and cost nothing.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::error::{Error, ErrorCode};

/// A Windows update, by its Knowledge Base number. Displays as `KB4516077`.
///
/// # Example
///
/// ```
/// use exposure_gate::prereq::Kb;
///
/// let kb: Kb = "kb 4516077".parse()?;
/// assert_eq!(kb, Kb::new(4516077));
/// assert_eq!(kb.to_string(), "KB4516077");
/// assert!("KB45x".parse::<Kb>().is_err());
/// # Ok::<(), exposure_gate::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Kb(u32);

/// KB numbers have had six or seven digits; allow a little room either way
/// but refuse what cannot be a KB (a date, a build, a phone number).
const MIN_DIGITS: usize = 4;
const MAX_DIGITS: usize = 8;

impl Kb {
    /// The update with this Knowledge Base number.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(exposure_gate::prereq::Kb::new(4512941).number(), 4512941);
    /// ```
    pub const fn new(number: u32) -> Kb {
        Kb(number)
    }

    /// The Knowledge Base number.
    ///
    /// # Example
    ///
    /// ```
    /// let kb: exposure_gate::prereq::Kb = "KB4493441".parse()?;
    /// assert_eq!(kb.number(), 4493441);
    /// # Ok::<(), exposure_gate::Error>(())
    /// ```
    pub const fn number(self) -> u32 {
        self.0
    }

    /// Parse one KB id: optional `KB` in any case, optional spaces or a
    /// hyphen, then the digits. `None` when the text is not one KB id.
    ///
    /// # Example
    ///
    /// ```
    /// use exposure_gate::prereq::Kb;
    ///
    /// assert_eq!(Kb::parse(" KB-4516045 "), Some(Kb::new(4516045)));
    /// assert_eq!(Kb::parse("KB4493441 KB4516071"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Kb> {
        let text = text.trim();
        let digits = match text.get(..2) {
            Some(prefix) if prefix.eq_ignore_ascii_case("kb") => {
                text.get(2..)?.trim_start_matches([' ', '-', '\t'])
            }
            _ => text,
        };
        if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok().map(Kb)
    }

    /// The error for text that is not a KB id.
    pub(crate) fn error(text: &str) -> Error {
        Error::new(
            ErrorCode::InvalidInput,
            format!("`{}` is not a KB id; write it as `KB4516077` or `4516077`", crate::suggest::clip(text)),
        )
    }
}

impl FromStr for Kb {
    type Err = Error;

    fn from_str(text: &str) -> Result<Kb, Error> {
        Kb::parse(text).ok_or_else(|| Kb::error(text))
    }
}

impl fmt::Display for Kb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KB{}", self.0)
    }
}

impl Serialize for Kb {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Split a list of KB ids written in one text cell (a CSV column): ids may
/// be separated by `;`, `,`, `|` or white space, and a `KB` may stand apart
/// from its number (`KB 4516071`).
pub(crate) fn parse_list(cell: &str) -> Result<Vec<Kb>, Error> {
    let mut out = Vec::new();
    let mut pending_prefix = false;
    for token in cell.split(|c: char| c == ';' || c == ',' || c == '|' || c.is_whitespace()) {
        if token.is_empty() {
            continue;
        }
        if token.eq_ignore_ascii_case("kb") {
            if pending_prefix {
                return Err(Kb::error(cell));
            }
            pending_prefix = true;
            continue;
        }
        pending_prefix = false;
        out.push(token.parse::<Kb>()?);
    }
    if pending_prefix {
        return Err(Kb::error(cell));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_the_same_update() {
        for text in ["KB4516071", "kb4516071", "Kb4516071", "KB 4516071", "KB-4516071", "4516071", "  KB4516071 "] {
            assert_eq!(Kb::parse(text), Some(Kb(4516071)), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_one_kb() {
        for text in ["", "KB", "KB45", "KB4516071x", "4516071 4493441", "KB123456789", "K4516071", "KB+4516071"] {
            assert_eq!(Kb::parse(text), None, "{text}");
        }
        let err = "nope".parse::<Kb>().unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput);
        assert_eq!(err.to_string(), "`nope` is not a KB id; write it as `KB4516077` or `4516077`");
    }

    #[test]
    fn displays_and_serializes_canonically() {
        assert_eq!(Kb(4493464).to_string(), "KB4493464");
        assert_eq!(serde_json::to_string(&Kb(4493464)).unwrap(), "\"KB4493464\"");
    }

    #[test]
    fn splits_a_cell() {
        let want = vec![Kb(4493441), Kb(4516071)];
        for cell in ["KB4493441;KB4516071", "KB4493441, KB4516071", "KB 4493441 KB 4516071", "4493441|kb4516071"] {
            assert_eq!(parse_list(cell).unwrap(), want, "{cell}");
        }
        assert!(parse_list("").unwrap().is_empty());
        assert!(parse_list("KB4493441 KB").is_err());
        assert!(parse_list("KB4493441 oops").is_err());
    }
}
