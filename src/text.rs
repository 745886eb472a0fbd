//! Substring search over bytes, instead of `core`'s two-way searcher.
//!
//! `str::contains`, `find` and `match_indices` with a `&str` pattern link
//! core's `StrSearcher`, and through its slicing checks the panic message
//! formatting for char boundaries: 11 KB of the wasm module (6 KB gzipped,
//! `BENCHMARKS.md`, "Size, third step") for the few short ASCII tokens this
//! crate looks for (user-agent tokens, `--` in an id, one id inside
//! another). A match of a non-empty UTF-8 needle always starts and ends on
//! char boundaries, so the offsets are valid `str` indices.

/// The byte offset of the first `needle` in `haystack` (0 for an empty needle).
pub(crate) fn find(haystack: &str, needle: &str) -> Option<usize> {
    find_from(haystack, needle, 0)
}

/// Whether `needle` occurs in `haystack`.
pub(crate) fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// The byte offsets of every `needle` in `haystack`, overlapping ones
/// included, in order.
pub(crate) fn find_all<'a>(haystack: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = find_from(haystack, needle, from)?;
        from = at + 1;
        Some(at)
    })
}

fn find_from(haystack: &str, needle: &str, from: usize) -> Option<usize> {
    let hay = haystack.as_bytes().get(from..)?;
    if needle.is_empty() {
        return Some(from);
    }
    hay.windows(needle.len()).position(|w| w == needle.as_bytes()).map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_as_str_does() {
        let cases = [
            ("Mozilla/5.0 (Windows NT 10.0; Trident/7.0; rv:11.0)", "Trident/"),
            ("abc", "abcd"),
            ("abc", "c"),
            ("abc", ""),
            ("", ""),
            ("", "a"),
            ("été--été", "--"),
            ("aaaa", "aa"),
            ("iPhone OS 11_0 like Mac OS X", "OS "),
        ];
        for (hay, needle) in cases {
            assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} {needle:?}");
            assert_eq!(contains(hay, needle), hay.contains(needle), "{hay:?} {needle:?}");
        }
    }

    #[test]
    fn finds_every_occurrence_overlapping_ones_included() {
        assert_eq!(find_all("iPhone OS 11_0 like Mac OS X", "OS ").collect::<Vec<_>>(), [7, 24]);
        assert_eq!(find_all("aaaa", "aa").collect::<Vec<_>>(), [0, 1, 2]);
        assert_eq!(find_all("abc", "x").count(), 0);
    }
}
