//! Philox 4x64-10, the counter-based generator, with NumPy's four-word output buffer.

use crate::half_cache::{u64_to_f64, HalfCache};
use crate::{BitGenerator, SeedSequence};

/// Words produced per counter value.
pub const BUFFER_SIZE: usize = 4;
const ROUNDS: usize = 10;
const MULTIPLIERS: [u64; 2] = [0xD2E7_470E_E14C_6C93, 0xCA5A_8263_9512_1157];
const KEY_BUMPS: [u64; 2] = [0x9E37_79B9_7F4A_7C15, 0xBB67_AE85_84CA_A73B];

/// Philox's state: 256-bit counter, 128-bit key, the buffered block and the 32-bit cache.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Philox {
    counter: [u64; 4],
    key: [u64; 2],
    buffer: [u64; BUFFER_SIZE],
    buffer_pos: usize,
    cache: HalfCache,
}

fn mul_hi_lo(a: u64, b: u64) -> (u64, u64) {
    let product = u128::from(a) * u128::from(b);
    ((product >> 64) as u64, product as u64)
}

/// The block function: ten rounds over the counter, bumping the key between rounds.
fn philox_block(mut ctr: [u64; 4], mut key: [u64; 2]) -> [u64; 4] {
    for round in 0..ROUNDS {
        if round > 0 {
            key[0] = key[0].wrapping_add(KEY_BUMPS[0]);
            key[1] = key[1].wrapping_add(KEY_BUMPS[1]);
        }
        let (hi0, lo0) = mul_hi_lo(MULTIPLIERS[0], ctr[0]);
        let (hi1, lo1) = mul_hi_lo(MULTIPLIERS[1], ctr[2]);
        ctr = [hi1 ^ ctr[1] ^ key[0], lo1, hi0 ^ ctr[3] ^ key[1], lo0];
    }
    ctr
}

impl Philox {
    /// A generator with this counter and key and an empty buffer, as `Philox(counter=,
    /// key=)`.
    pub fn from_key(counter: [u64; 4], key: [u64; 2]) -> Self {
        Philox {
            counter,
            key,
            buffer: [0; BUFFER_SIZE],
            buffer_pos: BUFFER_SIZE,
            cache: HalfCache::default(),
        }
    }

    /// Seeded as `Philox(seed)`: the key is two 64-bit words from the sequence.
    pub fn from_seed_sequence(seq: &SeedSequence, counter: [u64; 4]) -> Self {
        let w = seq.generate_state_u64(2);
        Self::from_key(counter, [w[0], w[1]])
    }

    /// A generator at exactly this state, as the `state` setter (`buffer_pos` above 4 is
    /// clamped to 4, an empty buffer).
    pub fn from_state(
        counter: [u64; 4],
        key: [u64; 2],
        buffer: [u64; BUFFER_SIZE],
        buffer_pos: usize,
        cache: HalfCache,
    ) -> Self {
        Philox {
            counter,
            key,
            buffer,
            buffer_pos: buffer_pos.min(BUFFER_SIZE),
            cache,
        }
    }

    /// The 256-bit counter, least significant word first.
    pub fn counter(&self) -> [u64; 4] {
        self.counter
    }

    /// The 128-bit key.
    pub fn key(&self) -> [u64; 2] {
        self.key
    }

    /// The buffered block.
    pub fn buffer(&self) -> [u64; BUFFER_SIZE] {
        self.buffer
    }

    /// The next unused buffer slot (4 when empty).
    pub fn buffer_pos(&self) -> usize {
        self.buffer_pos
    }

    /// The cached 32-bit half.
    pub fn cache(&self) -> HalfCache {
        self.cache
    }

    /// Adds `step` (256 bits, least significant word first) to the counter with NumPy's
    /// carry rule, and empties the buffer and the cached half.
    pub fn advance(&mut self, step: [u64; 4]) {
        let mut carry = false;
        for (word, add) in self.counter.iter_mut().zip(step) {
            if carry {
                *word = word.wrapping_add(1);
                carry = *word == 0;
            }
            let before = *word;
            *word = word.wrapping_add(add);
            if *word < before && !carry {
                carry = true;
            }
        }
        self.buffer = [0; BUFFER_SIZE];
        self.buffer_pos = BUFFER_SIZE;
        self.cache = HalfCache::default();
    }

    /// A copy advanced by `jumps` * 2**128 counter steps (`jumps` modulo 2**128).
    pub fn jumped(&self, jumps: u128) -> Self {
        let mut g = self.clone();
        g.advance([0, 0, jumps as u64, (jumps >> 64) as u64]);
        g
    }

    #[inline]
    fn next_word(&mut self) -> u64 {
        if self.buffer_pos < BUFFER_SIZE {
            let out = self.buffer[self.buffer_pos];
            self.buffer_pos += 1;
            return out;
        }
        for word in self.counter.iter_mut() {
            *word = word.wrapping_add(1);
            if *word != 0 {
                break;
            }
        }
        self.buffer = philox_block(self.counter, self.key);
        self.buffer_pos = 1;
        self.buffer[0]
    }
}

impl BitGenerator for Philox {
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
