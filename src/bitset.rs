//! A fixed-size set of small integers (action indices), one bit each.
//!
//! A resolved subject keeps the set of actions it is allowed, so that a check
//! through it is one bit test. Its size is fixed by the policy at resolve time.

/// A set of indices below the capacity given to [`BitSet::new`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct BitSet {
    capacity: usize,
    words: Box<[u64]>,
}

impl BitSet {
    /// An empty set that can hold indices `0..capacity`.
    pub(crate) fn new(capacity: usize) -> Self {
        BitSet { capacity, words: vec![0; capacity.div_ceil(64)].into_boxed_slice() }
    }

    /// Add `index`; an index beyond the capacity is ignored (never stored, so
    /// never reported as allowed).
    pub(crate) fn insert(&mut self, index: usize) {
        if index >= self.capacity {
            return;
        }
        if let Some(word) = self.words.get_mut(index / 64) {
            *word |= 1 << (index % 64);
        }
    }

    /// Whether `index` is in the set; false beyond the capacity.
    #[inline]
    pub(crate) fn contains(&self, index: usize) -> bool {
        self.words.get(index / 64).is_some_and(|word| word & (1 << (index % 64)) != 0)
    }

    /// The indices in the set, ascending.
    pub(crate) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(w, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    w * 64 + bit
                })
            })
        })
    }

    /// The raw words, least significant bit first (index 0 is bit 0 of word 0).
    pub(crate) fn words(&self) -> &[u64] {
        &self.words
    }
}

#[cfg(test)]
mod tests {
    use super::BitSet;

    #[test]
    fn insert_contains_iter() {
        let mut set = BitSet::new(130);
        for i in [0, 63, 64, 129] {
            set.insert(i);
        }
        set.insert(130); // beyond capacity: ignored
        assert!(set.contains(0) && set.contains(63) && set.contains(64) && set.contains(129));
        assert!(!set.contains(1) && !set.contains(130) && !set.contains(10_000));
        assert_eq!(set.iter().collect::<Vec<_>>(), [0, 63, 64, 129]);
        assert_eq!(set.words().len(), 3);
    }
}
