//! The map from a policy's ids (actions, roles, TVM permissions) and the
//! prerequisite catalogue's (licences, SKUs, operating systems) to their
//! indices, with a hasher made for short ids.
//!
//! `ResolvedSubject::can` is an id lookup and a bit test, and the lookup is
//! most of it: the standard SipHash costs about as much as everything else
//! together on a 20-byte id. Its protection against hash flooding buys
//! nothing here, since the keys are the policy's own ids, fixed at load time
//! and bounded in number; a probe with any other string only misses. So the
//! ids are hashed a word at a time with the multiply-rotate mix of rustc's
//! FxHash.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Id -> index, for the ids of one policy or catalogue.
pub(crate) type IdMap = HashMap<String, usize, BuildHasherDefault<IdHasher>>;

/// FxHash: rotate, xor a word in, multiply.
#[derive(Clone, Copy, Default)]
pub(crate) struct IdHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl IdHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for IdHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.add(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        }
        let rest = words.remainder().iter().rev().fold(0, |acc, &b| (acc << 8) | u64::from(b));
        self.add(rest);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::IdMap;

    #[test]
    fn finds_every_id_and_nothing_else() {
        let ids = ["grant-permissions", "view-metrics", "view-metrics-", "a", "", "query-exposure-graph"];
        let map: IdMap = ids.iter().enumerate().map(|(i, id)| (id.to_string(), i)).collect();
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(map.get(*id), Some(&i));
        }
        assert_eq!(map.get("view-metric"), None);
        assert_eq!(map.get("grant-permissions\0"), None);
    }
}
