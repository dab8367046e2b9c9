//! FxHash (as in rustc): a small, fast hash for short keys such as words.
//! Only for maps keyed by our own tables (stop words): crafted input could
//! make Fx collide and cost quadratic time. Maps keyed by input text are
//! [`InputMap`]s.

use std::hash::{BuildHasher, Hasher};

/// Builds [`Fx`] hashers.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxBuild;

impl BuildHasher for FxBuild {
    type Hasher = Fx;
    fn build_hasher(&self) -> Fx {
        Fx(0)
    }
}

/// The hasher.
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let word = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, b: u8) {
        self.write(&[b]);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map keyed by input text (words, terms, block keys): foldhash,
/// seeded at random per process, several times faster than std's SipHash on
/// short keys and, unlike Fx, with no collisions that input could choose
/// without knowing the seed. Only for maps whose iteration order never
/// reaches the output (lookups, counts).
pub(crate) type InputMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
