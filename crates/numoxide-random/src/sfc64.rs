//! SFC64, Chris Doty-Humphrey's small fast chaotic generator, seeded as NumPy seeds it.

use crate::half_cache::{u64_to_f64, HalfCache};
use crate::{BitGenerator, SeedSequence};

/// SFC64's four words (the last a counter) and the cached 32-bit half.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sfc64 {
    s: [u64; 4],
    cache: HalfCache,
}

impl Sfc64 {
    /// Seeded as `SFC64(seed)`: three words from the sequence, counter 1, then twelve
    /// discarded outputs.
    pub fn from_seed_sequence(seq: &SeedSequence) -> Self {
        let w = seq.generate_state_u64(3);
        let mut g = Sfc64 {
            s: [w[0], w[1], w[2], 1],
            cache: HalfCache::default(),
        };
        for _ in 0..12 {
            g.next_word();
        }
        g
    }

    /// A generator at exactly this state, as the `state` setter.
    pub fn from_state(s: [u64; 4], cache: HalfCache) -> Self {
        Sfc64 { s, cache }
    }

    /// The four state words.
    pub fn words(&self) -> [u64; 4] {
        self.s
    }

    /// The cached 32-bit half.
    pub fn cache(&self) -> HalfCache {
        self.cache
    }

    #[inline]
    fn next_word(&mut self) -> u64 {
        let s = &mut self.s;
        let out = s[0].wrapping_add(s[1]).wrapping_add(s[3]);
        s[3] = s[3].wrapping_add(1);
        s[0] = s[1] ^ (s[1] >> 11);
        s[1] = s[2].wrapping_add(s[2] << 3);
        s[2] = s[2].rotate_left(24).wrapping_add(out);
        out
    }
}

impl BitGenerator for Sfc64 {
    #[inline]
    fn next_u64(&mut self) -> u64 {
        self.next_word()
    }

    #[inline]
    fn next_u32(&mut self) -> u32 {
        let mut cache = self.cache;
        let out = cache.next_u32(|| self.next_word());
        self.cache = cache;
        out
    }

    #[inline]
    fn next_f64(&mut self) -> f64 {
        u64_to_f64(self.next_word())
    }
}
