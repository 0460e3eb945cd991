//! The Mersenne Twister MT19937, with NumPy's three ways of seeding it: `init_genrand` for a
//! legacy integer seed, `init_by_array` for a legacy sequence seed, and a [`SeedSequence`]
//! for `np.random.MT19937(seed)`.

use crate::{BitGenerator, SeedSequence};

/// Words of state.
pub const STATE_LEN: usize = 624;
const SHIFT_M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// MT19937's state: 624 words and the position of the next one to temper.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mt19937 {
    key: [u32; STATE_LEN],
    pos: usize,
}

/// The twist of one pair of words.
fn twist(upper: u32, lower: u32, far: u32) -> u32 {
    let y = (upper & UPPER_MASK) | (lower & LOWER_MASK);
    far ^ (y >> 1) ^ ((y & 1).wrapping_neg() & MATRIX_A)
}

impl Mt19937 {
    /// Knuth's linear recurrence from one word (`init_genrand`), as the legacy
    /// `RandomState.seed(int)` does.
    pub fn from_u32(seed: u32) -> Self {
        let mut key = [0u32; STATE_LEN];
        key[0] = seed;
        for i in 1..STATE_LEN {
            let prev = key[i - 1];
            key[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        Mt19937 {
            key,
            pos: STATE_LEN,
        }
    }

    /// `init_by_array`, as the legacy `RandomState.seed(sequence)` does. NumPy rejects an
    /// empty key before this point; here it behaves as the key `[0]`.
    pub fn from_key_array(init_key: &[u32]) -> Self {
        let mut state = Self::from_u32(19_650_218);
        let mt = &mut state.key;
        let len = init_key.len().max(1);
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..STATE_LEN.max(len) {
            let prev = mt[i - 1];
            let word = init_key.get(j).copied().unwrap_or(0);
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(word)
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= STATE_LEN {
                mt[0] = mt[STATE_LEN - 1];
                i = 1;
            }
            if j >= len {
                j = 0;
            }
        }
        for _ in 0..STATE_LEN - 1 {
            let prev = mt[i - 1];
            mt[i] =
                (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= STATE_LEN {
                mt[0] = mt[STATE_LEN - 1];
                i = 1;
            }
        }
        mt[0] = UPPER_MASK;
        state.pos = STATE_LEN;
        state
    }

    /// Seeded from a [`SeedSequence`], as `np.random.MT19937(seed)`: 624 generated words,
    /// the first replaced by 0x80000000 so the state is never all zero.
    pub fn from_seed_sequence(seq: &SeedSequence) -> Self {
        let words = seq.generate_state_u32(STATE_LEN);
        let mut key = [0u32; STATE_LEN];
        key.copy_from_slice(&words);
        key[0] = UPPER_MASK;
        Mt19937 {
            key,
            pos: STATE_LEN - 1,
        }
    }

    /// A generator at a given state, as the `state` setter. `pos` above 624 is clamped to
    /// 624 (the next draw regenerates the block), which keeps indexing in bounds.
    pub fn from_state(key: [u32; STATE_LEN], pos: usize) -> Self {
        Mt19937 {
            key,
            pos: pos.min(STATE_LEN),
        }
    }

    /// The 624 state words.
    pub fn key(&self) -> &[u32; STATE_LEN] {
        &self.key
    }

    /// The position of the next word to temper (624 means a new block is due).
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// The state words and position, for the jump's one-word steps.
    pub(crate) fn parts_mut(&mut self) -> (&mut [u32; STATE_LEN], &mut usize) {
        (&mut self.key, &mut self.pos)
    }

    /// A copy jumped `jumps` times 2**128 steps ahead, as `MT19937.jumped(jumps)`.
    pub fn jumped(&self, jumps: u64) -> Self {
        let mut g = self.clone();
        for _ in 0..jumps {
            g.jump();
        }
        g
    }

    /// Regenerates all 624 words. Kept out of line so that the per-draw path stays small
    /// enough to inline into fill loops (which doubles their speed).
    #[cold]
    #[inline(never)]
    fn generate(&mut self) {
        let k = &mut self.key;
        for i in 0..STATE_LEN - SHIFT_M {
            k[i] = twist(k[i], k[i + 1], k[i + SHIFT_M]);
        }
        for i in STATE_LEN - SHIFT_M..STATE_LEN - 1 {
            k[i] = twist(k[i], k[i + 1], k[i + SHIFT_M - STATE_LEN]);
        }
        k[STATE_LEN - 1] = twist(k[STATE_LEN - 1], k[0], k[SHIFT_M - 1]);
        self.pos = 0;
    }

    /// The next tempered 32-bit word.
    #[inline]
    pub fn next_word(&mut self) -> u32 {
        if self.pos >= STATE_LEN {
            self.generate();
        }
        let mut y = self.key[self.pos];
        self.pos += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }
}

impl BitGenerator for Mt19937 {
    #[inline]
    fn next_u64(&mut self) -> u64 {
        let high = u64::from(self.next_word());
        (high << 32) | u64::from(self.next_word())
    }

    #[inline]
    fn next_u32(&mut self) -> u32 {
        self.next_word()
    }

    /// 27 + 26 bits from two words, the conversion of the original `genrand_res53`.
    #[inline]
    fn next_f64(&mut self) -> f64 {
        let a = self.next_word() >> 5;
        let b = self.next_word() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) / 9_007_199_254_740_992.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_genrand_matches_the_reference_outputs() {
        // First outputs of the reference mt19937ar.c for init_genrand(5489).
        let mut g = Mt19937::from_u32(5489);
        assert_eq!(g.next_word(), 3_499_211_612);
        assert_eq!(g.next_word(), 581_869_302);
        assert_eq!(g.next_word(), 3_890_346_734);
    }

    #[test]
    fn init_by_array_matches_the_reference_outputs() {
        // mt19937ar.c's own test: init_by_array({0x123, 0x234, 0x345, 0x456}).
        let mut g = Mt19937::from_key_array(&[0x123, 0x234, 0x345, 0x456]);
        assert_eq!(g.next_word(), 1_067_595_299);
        assert_eq!(g.next_word(), 955_945_823);
        assert_eq!(g.next_word(), 477_289_528);
    }
}
