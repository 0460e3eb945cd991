//! A scripted bit generator for unit tests: it replays given words and counts them.

use crate::BitGenerator;

/// Replays `words` in order (then zeros), counting how many were drawn.
pub(crate) struct Counter {
    words: Vec<u64>,
    used: usize,
}

impl Counter {
    pub(crate) fn new(words: Vec<u64>) -> Self {
        Counter { words, used: 0 }
    }

    pub(crate) fn words_used(&self) -> usize {
        self.used
    }
}

impl BitGenerator for Counter {
    fn next_u64(&mut self) -> u64 {
        let w = self.words.get(self.used).copied().unwrap_or(0);
        self.used += 1;
        w
    }
    fn next_u32(&mut self) -> u32 {
        self.next_u64() as u32
    }
    fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }
}
