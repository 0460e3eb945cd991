//! The cached upper half of a 64-bit word that NumPy's 64-bit generators hand out on the
//! next 32-bit draw (`has_uint32`/`uinteger` in their state dicts).

/// `has_uint32` and `uinteger`: a pending upper half, if any.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HalfCache {
    /// Whether `uinteger` holds an unused upper half.
    pub has_uint32: bool,
    /// The cached upper half.
    pub uinteger: u32,
}

impl HalfCache {
    /// The next 32 bits: the cached half if present, else the low half of a fresh word
    /// (whose high half is cached).
    #[inline]
    pub fn next_u32(&mut self, next_u64: impl FnOnce() -> u64) -> u32 {
        if self.has_uint32 {
            self.has_uint32 = false;
            return self.uinteger;
        }
        let word = next_u64();
        self.has_uint32 = true;
        self.uinteger = (word >> 32) as u32;
        word as u32
    }
}

/// NumPy's `uint64_to_double`: the top 53 bits scaled to [0, 1).
#[inline]
pub fn u64_to_f64(word: u64) -> f64 {
    (word >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
}
