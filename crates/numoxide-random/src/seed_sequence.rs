//! NumPy's `SeedSequence`: hashes arbitrary entropy into a pool, and from the pool derives
//! well-mixed words to seed bit generators and independent child sequences.
//!
//! The constants and the order of mixing are NumPy's (after O'Neill's `std::seed_seq`
//! improvements), so that `SeedSequence(42).generate_state(4)` equals NumPy's.

const DEFAULT_POOL_SIZE: usize = 4;
const INIT_A: u32 = 0x43b0_d7e5;
const MULT_A: u32 = 0x931e_8875;
const INIT_B: u32 = 0x8b51_f9dd;
const MULT_B: u32 = 0x58f3_8ded;
const MIX_MULT_L: u32 = 0xca01_f9dd;
const MIX_MULT_R: u32 = 0x4973_f715;
const XSHIFT: u32 = 16;

/// Errors from building a [`SeedSequence`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeedSequenceError {
    /// `pool_size` below the minimum of 4 (NumPy's ValueError text).
    PoolTooSmall,
}

impl std::fmt::Display for SeedSequenceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::PoolTooSmall => write!(
                f,
                "The size of the entropy pool should be at least {DEFAULT_POOL_SIZE}"
            ),
        }
    }
}

impl std::error::Error for SeedSequenceError {}

/// A seed sequence: run entropy plus a spawn key, hashed into a pool of `pool_size` words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedSequence {
    entropy: Vec<u32>,
    spawn_key: Vec<u64>,
    pool_size: usize,
    n_children_spawned: u64,
    pool: Vec<u32>,
}

/// The little-endian 32-bit words of a non-negative integer, as NumPy coerces an int seed
/// (zero is one word, `[0]`).
pub fn int_to_words(mut n: u128) -> Vec<u32> {
    if n == 0 {
        return vec![0];
    }
    let mut words = Vec::new();
    while n > 0 {
        words.push(n as u32);
        n >>= 32;
    }
    words
}

/// One step of the multiplicative hash; `hash_const` advances with every call.
fn hashmix(value: u32, hash_const: &mut u32) -> u32 {
    let mut value = value ^ *hash_const;
    *hash_const = hash_const.wrapping_mul(MULT_A);
    value = value.wrapping_mul(*hash_const);
    value ^ (value >> XSHIFT)
}

fn mix(x: u32, y: u32) -> u32 {
    let result = MIX_MULT_L
        .wrapping_mul(x)
        .wrapping_sub(MIX_MULT_R.wrapping_mul(y));
    result ^ (result >> XSHIFT)
}

impl SeedSequence {
    /// A sequence from run entropy already coerced to 32-bit words (see [`int_to_words`];
    /// a sequence of ints is the concatenation of each one's words) and a spawn key.
    pub fn new(
        entropy: Vec<u32>,
        spawn_key: Vec<u64>,
        pool_size: usize,
        n_children_spawned: u64,
    ) -> Result<Self, SeedSequenceError> {
        if pool_size < DEFAULT_POOL_SIZE {
            return Err(SeedSequenceError::PoolTooSmall);
        }
        let mut seq = SeedSequence {
            entropy,
            spawn_key,
            pool_size,
            n_children_spawned,
            pool: Vec::new(),
        };
        seq.pool = seq.mixed_pool();
        Ok(seq)
    }

    /// A sequence seeded by one integer with the default pool, as `SeedSequence(seed)`.
    pub fn from_int(seed: u128) -> Self {
        Self::new(int_to_words(seed), Vec::new(), DEFAULT_POOL_SIZE, 0)
            .expect("the default pool size is valid")
    }

    /// The run entropy, as 32-bit words.
    pub fn entropy(&self) -> &[u32] {
        &self.entropy
    }

    /// The spawn key: the path of child indices from the root sequence.
    pub fn spawn_key(&self) -> &[u64] {
        &self.spawn_key
    }

    /// The number of 32-bit words in the pool.
    pub fn pool_size(&self) -> usize {
        self.pool_size
    }

    /// How many children [`spawn`](Self::spawn) has made so far.
    pub fn n_children_spawned(&self) -> u64 {
        self.n_children_spawned
    }

    /// The hashed pool.
    pub fn pool(&self) -> &[u32] {
        &self.pool
    }

    /// Run entropy then spawn key as one word array; with a spawn key, short run entropy is
    /// padded with zeros to the pool size first (NumPy's fix for gh-16539).
    fn assembled_entropy(&self) -> Vec<u32> {
        let mut words = self.entropy.clone();
        if !self.spawn_key.is_empty() && words.len() < self.pool_size {
            words.resize(self.pool_size, 0);
        }
        for &k in &self.spawn_key {
            words.extend(int_to_words(u128::from(k)));
        }
        words
    }

    fn mixed_pool(&self) -> Vec<u32> {
        let entropy = self.assembled_entropy();
        let mut hash_const = INIT_A;
        let mut pool: Vec<u32> = (0..self.pool_size)
            .map(|i| hashmix(entropy.get(i).copied().unwrap_or(0), &mut hash_const))
            .collect();
        // Mix every word into every other, so late words affect early ones.
        for src in 0..self.pool_size {
            for dst in 0..self.pool_size {
                if src != dst {
                    pool[dst] = mix(pool[dst], hashmix(pool[src], &mut hash_const));
                }
            }
        }
        // Entropy beyond the pool size is folded into each pool word.
        for &word in entropy.iter().skip(self.pool_size) {
            for slot in pool.iter_mut() {
                *slot = mix(*slot, hashmix(word, &mut hash_const));
            }
        }
        pool
    }

    /// `n` words of seed material, as `generate_state(n, np.uint32)`.
    pub fn generate_state_u32(&self, n: usize) -> Vec<u32> {
        let mut hash_const = INIT_B;
        self.pool
            .iter()
            .cycle()
            .take(n)
            .map(|&word| {
                let mut value = word ^ hash_const;
                hash_const = hash_const.wrapping_mul(MULT_B);
                value = value.wrapping_mul(hash_const);
                value ^ (value >> XSHIFT)
            })
            .collect()
    }

    /// `n` 64-bit words, as `generate_state(n, np.uint64)`: pairs of 32-bit words, low first.
    pub fn generate_state_u64(&self, n: usize) -> Vec<u64> {
        self.generate_state_u32(2 * n)
            .chunks_exact(2)
            .map(|pair| u64::from(pair[0]) | (u64::from(pair[1]) << 32))
            .collect()
    }

    /// `n` children whose spawn keys extend this one's by their index, as `spawn(n)`.
    pub fn spawn(&mut self, n: u64) -> Vec<SeedSequence> {
        let start = self.n_children_spawned;
        self.n_children_spawned += n;
        (start..start + n)
            .map(|i| {
                let mut key = self.spawn_key.clone();
                key.push(i);
                SeedSequence::new(self.entropy.clone(), key, self.pool_size, 0)
                    .expect("the parent's pool size is valid")
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_words_are_little_endian_and_zero_is_one_word() {
        assert_eq!(int_to_words(0), vec![0]);
        assert_eq!(int_to_words(12345), vec![12345]);
        assert_eq!(int_to_words(0x10_dead_beef), vec![0xdead_beef, 0x10]);
    }

    #[test]
    fn pool_size_below_four_is_rejected() {
        assert_eq!(
            SeedSequence::new(vec![1], vec![], 3, 0),
            Err(SeedSequenceError::PoolTooSmall)
        );
    }

    #[test]
    fn spawn_extends_the_key_and_counts_children() {
        let mut root = SeedSequence::from_int(7);
        let kids = root.spawn(2);
        let more = root.spawn(1);
        assert_eq!(kids[1].spawn_key(), &[1]);
        assert_eq!(more[0].spawn_key(), &[2]);
        assert_eq!(root.n_children_spawned(), 3);
        assert_ne!(kids[0].pool(), kids[1].pool());
    }
}
