//! Sorted lists without duplicates, kept so by insertion.
//!
//! The lists are short (a subject's roles, the roles granted an action, the
//! best few suggestions), so inserting each item in its place by binary
//! search costs no more than pushing and sorting afterwards, and it links no
//! sort (the sorts were 11 KB of the wasm module, 5 KB gzipped:
//! `BENCHMARKS.md`, "Size, third step").

/// Inserts `item` into the sorted `list` unless it is there already;
/// whether it was inserted.
pub(crate) fn insert<T: Ord>(list: &mut Vec<T>, item: T) -> bool {
    match list.binary_search(&item) {
        Ok(_) => false,
        Err(at) => {
            list.insert(at, item);
            true
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_list_sorted_and_unique() {
        let mut list = Vec::new();
        let inserted: Vec<bool> = [5, 1, 5, 3, 0, 1, 9].into_iter().map(|i| super::insert(&mut list, i)).collect();
        assert_eq!(list, [0, 1, 3, 5, 9]);
        assert_eq!(inserted, [true, true, false, true, true, false, true]);
    }
}
