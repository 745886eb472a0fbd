//! One missing prerequisite: what is missing and what to do about it.

use serde::Serialize;

/// A prerequisite that is not met. Every report lists these, so that a
/// portal can show the problem and the fix without knowing each check.
///
/// `code` is stable (for programs), `message` says what is wrong and `fix`
/// says what an administrator can do, in words they can follow.
///
/// # Example
///
/// ```
/// use exposure_gate::prereq::{self, Prerequisites};
///
/// let p = Prerequisites::builtin()?;
/// let report = prereq::licensing(&p, &prereq::LicensingInput::default());
/// let first = &report.missing[0];
/// assert_eq!(first.code, "no-defender-license");
/// assert!(first.fix.contains("Defender"));
/// # Ok::<(), exposure_gate::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Missing {
    /// Stable kebab-case code, such as `missing-update`.
    pub code: &'static str,
    /// What is wrong, in a sentence.
    pub message: String,
    /// What to do, in a sentence an administrator can follow.
    pub fix: String,
    /// The ids the entry is about, when there are several (the missing KBs,
    /// the unknown licences); empty otherwise and then left out of JSON.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
}

impl Missing {
    pub(crate) fn new(code: &'static str, message: impl Into<String>, fix: impl Into<String>) -> Missing {
        Missing { code, message: message.into(), fix: fix.into(), items: Vec::new() }
    }

    pub(crate) fn with_items(mut self, items: Vec<String>) -> Missing {
        self.items = items;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_left_out_when_empty() {
        let m = Missing::new("x", "m", "f");
        assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"code":"x","message":"m","fix":"f"}"#);
        let m = m.with_items(vec!["KB1234567".into()]);
        assert!(serde_json::to_string(&m).unwrap().ends_with(r#""items":["KB1234567"]}"#));
    }
}
