//! "Did you mean ...?": the nearest valid ids to a mistyped one.
//!
//! Error messages name the nearest valid ids so that a person can fix a typo
//! without opening the policy. Distance is Levenshtein over ASCII-lowercased
//! chars; a candidate is suggested when it is within a quarter of the longer
//! length (at least 2 edits), or when one contains the other.

use crate::limits::{COMPARE_CHARS as COMPARE_LIMIT, ECHO_CHARS as ECHO_LIMIT};
use crate::text::contains;

/// How many suggestions at most.
const MAX_SUGGESTIONS: usize = 3;

/// The value as it may be echoed in a message: at most [`ECHO_LIMIT`] chars.
pub(crate) fn clip(value: &str) -> String {
    match value.char_indices().nth(ECHO_LIMIT) {
        None => value.to_owned(),
        // `cut` is a char boundary; `get` rather than indexing keeps the
        // slicing panic (and its formatting) out of the wasm module.
        Some((cut, _)) => format!("{}…", value.get(..cut).unwrap_or(value)),
    }
}

/// The candidates nearest to `value`, best first, at most three.
pub(crate) fn nearest<'a>(value: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    // Generic only to collect: the work (and its sort) is compiled once, not
    // once per kind of candidate list, which keeps the wasm module small.
    let candidates: Vec<&str> = candidates.into_iter().collect();
    nearest_in(value, &candidates)
}

fn nearest_in(value: &str, candidates: &[&str]) -> Vec<String> {
    let value = value.trim().to_ascii_lowercase();
    if value.is_empty() || value.chars().count() > COMPARE_LIMIT {
        return Vec::new();
    }
    // The best few by (distance, id), each id once, kept sorted as they come:
    // a full sort of every candidate would give the same first few.
    let mut best: Vec<(usize, &str)> = Vec::with_capacity(MAX_SUGGESTIONS + 1);
    for &c in candidates {
        let lower = c.to_ascii_lowercase();
        let d = levenshtein(&value, &lower);
        let longest = value.chars().count().max(lower.chars().count());
        let close = d <= (longest / 4).max(2);
        let contains = value.len() >= 4 && (contains(&lower, &value) || contains(&value, &lower));
        if (close || contains) && crate::sorted::insert(&mut best, (d, c)) {
            best.truncate(MAX_SUGGESTIONS);
        }
    }
    // Keep only the near-best: one typo away should not also list ids that
    // are five edits away.
    let nearest = best.first().map_or(0, |s| s.0);
    best.into_iter().filter(|s| s.0 <= nearest + 2).map(|(_, c)| c.to_owned()).collect()
}

/// Edit distance between two strings, counted in chars, in O(len(b)) memory.
fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = i;
        let mut left = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let cost = diagonal + usize::from(ca != *cb);
            let next = cost.min(above + 1).min(left + 1);
            diagonal = above;
            if let Some(slot) = row.get_mut(j + 1) {
                *slot = next;
            }
            left = next;
        }
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("same", "same"), 0);
    }

    #[test]
    fn suggests_the_nearest_first() {
        let ids = ["manage-recommendations", "view-recommendations", "view-metrics"];
        assert_eq!(nearest("manage-recomendations", ids), ["manage-recommendations"]);
        assert_eq!(nearest("VIEW-METRIC", ids), ["view-metrics"]);
        assert!(nearest("zzzz", ids).is_empty());
        assert!(nearest("", ids).is_empty());
    }

    #[test]
    fn clips_long_values() {
        let long = "x".repeat(10_000);
        assert_eq!(clip(&long).chars().count(), ECHO_LIMIT + 1);
        assert_eq!(clip("short"), "short");
    }
}
