//! How names are compared the way a person means them: ignoring ASCII case,
//! and for operating-system names and CSV column headers, everything but
//! letters and digits (`Windows 10`, `windows10` and `WINDOWS-10` meet).
//!
//! ASCII only, on purpose. Every id and name of the policy, the prerequisite
//! catalogue and the contract is ASCII, and Unicode's case and alphanumeric
//! tables cost the WebAssembly module 20 KB raw, 9 KB gzipped (see
//! `BENCHMARKS.md`), for names that do not exist. A non-ASCII character is
//! kept and compared as it is, so two different non-ASCII names never meet
//! by accident.
//! Plain lowercasing is `str::to_ascii_lowercase`.

/// `text` lowercased, without the ASCII characters that are not letters or digits.
///
/// ```text
/// key("Windows 10") == key("windows-10") == "windows10"
/// ```
pub(crate) fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || !c.is_ascii())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn keys_ignore_ascii_case_and_punctuation_but_keep_other_characters() {
        assert_eq!(key("Windows 10"), "windows10");
        assert_eq!(key("WINDOWS-10"), key("windows_10"));
        assert_eq!(key(" Security Recommendations "), "securityrecommendations");
        assert_eq!(key("Ünïx 2"), "Ünïx2");
        assert_ne!(key("Ünix"), key("ünix"), "non-ASCII case is not folded");
        assert_eq!(key("-_ ."), "");
    }
}
