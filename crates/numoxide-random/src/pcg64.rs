//! PCG64 (128-bit LCG, XSL-RR output) and PCG64DXSM (cheap-multiplier LCG, DXSM output),
//! seeded from a [`SeedSequence`] as NumPy seeds them.

use crate::half_cache::{u64_to_f64, HalfCache};
use crate::{BitGenerator, SeedSequence};

const DEFAULT_MULTIPLIER: u128 = (2_549_297_995_355_413_924u128 << 64) | 4_865_540_595_714_422_341;
const CHEAP_MULTIPLIER: u64 = 0xda94_2042_e4dd_58b5;

/// `jumped` advances by (phi - 1) * 2**128 steps.
pub const JUMP_STEP: u128 = 0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835;

/// What distinguishes the two PCG variants: the multiplier and the output function.
pub trait PcgVariant: Clone + std::fmt::Debug {
    /// The LCG multiplier.
    const MULTIPLIER: u128;
    /// The next word: XSL-RR outputs the state after stepping, DXSM the state before.
    fn step_and_output(state: &mut u128, inc: u128) -> u64;
}

/// NumPy's PCG64: XSL-RR over the default 128-bit multiplier.
#[derive(Clone, Debug)]
pub struct XslRr;

/// NumPy's PCG64DXSM: DXSM over the 64-bit "cheap" multiplier.
#[derive(Clone, Debug)]
pub struct Dxsm;

impl PcgVariant for XslRr {
    const MULTIPLIER: u128 = DEFAULT_MULTIPLIER;

    #[inline]
    fn step_and_output(state: &mut u128, inc: u128) -> u64 {
        *state = state.wrapping_mul(Self::MULTIPLIER).wrapping_add(inc);
        let high = (*state >> 64) as u64;
        (high ^ *state as u64).rotate_right((high >> 58) as u32)
    }
}

impl PcgVariant for Dxsm {
    const MULTIPLIER: u128 = CHEAP_MULTIPLIER as u128;

    #[inline]
    fn step_and_output(state: &mut u128, inc: u128) -> u64 {
        let mut high = (*state >> 64) as u64;
        let low = *state as u64 | 1;
        high ^= high >> 32;
        high = high.wrapping_mul(CHEAP_MULTIPLIER);
        high ^= high >> 48;
        high = high.wrapping_mul(low);
        *state = state.wrapping_mul(Self::MULTIPLIER).wrapping_add(inc);
        high
    }
}

/// A PCG generator: 128-bit state, odd increment, and the cached 32-bit half.
#[derive(Clone, Debug)]
pub struct Pcg<V: PcgVariant> {
    state: u128,
    inc: u128,
    cache: HalfCache,
    variant: std::marker::PhantomData<V>,
}

/// `np.random.PCG64`.
pub type Pcg64 = Pcg<XslRr>;
/// `np.random.PCG64DXSM`.
pub type Pcg64Dxsm = Pcg<Dxsm>;

impl<V: PcgVariant> Pcg<V> {
    /// PCG's `srandom`: the increment from `initseq`, then two steps around adding
    /// `initstate`. NumPy seeds both variants with the default 128-bit multiplier's step
    /// (one `pcg64_set_seed` serves both), so this does too.
    pub fn from_parts(initstate: u128, initseq: u128) -> Self {
        let inc = (initseq << 1) | 1;
        let step = |state: u128| state.wrapping_mul(DEFAULT_MULTIPLIER).wrapping_add(inc);
        Self::from_state(
            step(step(0).wrapping_add(initstate)),
            inc,
            HalfCache::default(),
        )
    }

    /// Seeded as NumPy does: four 64-bit words from the sequence, state = (w0, w1) and
    /// increment seed = (w2, w3), each pair high word first.
    pub fn from_seed_sequence(seq: &SeedSequence) -> Self {
        let w = seq.generate_state_u64(4);
        let join = |high: u64, low: u64| (u128::from(high) << 64) | u128::from(low);
        Self::from_parts(join(w[0], w[1]), join(w[2], w[3]))
    }

    /// A generator at exactly this state, as the `state` setter.
    pub fn from_state(state: u128, inc: u128, cache: HalfCache) -> Self {
        Pcg {
            state,
            inc,
            cache,
            variant: std::marker::PhantomData,
        }
    }

    /// The LCG state.
    pub fn state(&self) -> u128 {
        self.state
    }

    /// The LCG increment (odd).
    pub fn inc(&self) -> u128 {
        self.inc
    }

    /// The cached 32-bit half.
    pub fn cache(&self) -> HalfCache {
        self.cache
    }

    /// Moves the state as if `delta` words had been drawn (modulo 2**128), by the usual
    /// square-and-multiply over the LCG, and drops the cached half as NumPy does.
    pub fn advance(&mut self, mut delta: u128) {
        let (mut cur_mult, mut cur_plus) = (V::MULTIPLIER, self.inc);
        let (mut acc_mult, mut acc_plus) = (1u128, 0u128);
        while delta > 0 {
            if delta & 1 == 1 {
                acc_mult = acc_mult.wrapping_mul(cur_mult);
                acc_plus = acc_plus.wrapping_mul(cur_mult).wrapping_add(cur_plus);
            }
            cur_plus = cur_mult.wrapping_add(1).wrapping_mul(cur_plus);
            cur_mult = cur_mult.wrapping_mul(cur_mult);
            delta >>= 1;
        }
        self.state = acc_mult.wrapping_mul(self.state).wrapping_add(acc_plus);
        self.cache = HalfCache::default();
    }

    /// A copy advanced by `jumps` * [`JUMP_STEP`] (the product taken modulo 2**128).
    pub fn jumped(&self, jumps: u128) -> Self {
        let mut g = self.clone();
        g.advance(JUMP_STEP.wrapping_mul(jumps));
        g
    }
}

impl<V: PcgVariant> BitGenerator for Pcg<V> {
    #[inline]
    fn next_u64(&mut self) -> u64 {
        V::step_and_output(&mut self.state, self.inc)
    }

    #[inline]
    fn next_u32(&mut self) -> u32 {
        let (state, inc) = (&mut self.state, self.inc);
        self.cache.next_u32(|| V::step_and_output(state, inc))
    }

    #[inline]
    fn next_f64(&mut self) -> f64 {
        u64_to_f64(self.next_u64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advance_equals_drawing() {
        let mut a = Pcg64::from_seed_sequence(&SeedSequence::from_int(3));
        let mut b = a.clone();
        for _ in 0..1000 {
            a.next_u64();
        }
        b.advance(1000);
        assert_eq!(a.next_u64(), b.next_u64());
        let mut c = Pcg64Dxsm::from_seed_sequence(&SeedSequence::from_int(3));
        let mut d = c.clone();
        for _ in 0..77 {
            c.next_u64();
        }
        d.advance(77);
        assert_eq!(c.next_u64(), d.next_u64());
    }

    #[test]
    fn next_u32_hands_out_low_then_cached_high_half() {
        let mut a = Pcg64::from_seed_sequence(&SeedSequence::from_int(9));
        let mut b = a.clone();
        let word = b.next_u64();
        assert_eq!(a.next_u32(), word as u32);
        assert_eq!(a.next_u32(), (word >> 32) as u32);
    }
}
