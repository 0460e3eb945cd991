//! MT19937's `jumped`: the state 2**128 steps ahead, as NumPy computes it (Haramoto et al.'s
//! polynomial method: evaluate the jump polynomial at the one-word transition by Horner's
//! rule).
//!
//! The jump polynomial is x**(2**128) modulo MT19937's characteristic polynomial. Rather than
//! carry a table, it is derived once per process: Berlekamp-Massey over one output bit gives
//! the characteristic polynomial (degree 19937), then 128 squarings modulo it.

use crate::mt19937::{Mt19937, STATE_LEN};
use crate::BitGenerator;
use std::sync::OnceLock;

/// The degree of MT19937's characteristic polynomial (its Mersenne exponent).
const MEXP: usize = 19937;

/// A polynomial over GF(2), bit `i` the coefficient of x**i.
#[derive(Clone)]
struct Poly(Vec<u64>);

impl Poly {
    fn zero(bits: usize) -> Self {
        Poly(vec![0; bits.div_ceil(64) + 1])
    }

    fn get(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| (w >> (i % 64)) & 1 == 1)
    }

    fn flip(&mut self, i: usize) {
        self.0[i / 64] ^= 1 << (i % 64);
    }

    /// `self ^= other * x**shift`.
    fn add_shifted(&mut self, other: &Poly, shift: usize) {
        let (words, bits) = (shift / 64, shift % 64);
        for (k, &w) in other.0.iter().enumerate() {
            if w == 0 {
                continue;
            }
            if let Some(slot) = self.0.get_mut(k + words) {
                *slot ^= w << bits;
            }
            if bits != 0 {
                if let Some(slot) = self.0.get_mut(k + words + 1) {
                    *slot ^= w >> (64 - bits);
                }
            }
        }
    }

    fn degree(&self) -> Option<usize> {
        let k = self.0.iter().rposition(|&w| w != 0)?;
        Some(k * 64 + 63 - self.0[k].leading_zeros() as usize)
    }
}

/// The characteristic polynomial, by Berlekamp-Massey on bit 0 of 2 * MEXP outputs.
fn characteristic_polynomial() -> Poly {
    let n = 2 * MEXP;
    let mut g = Mt19937::from_u32(5489);
    let s: Vec<bool> = (0..n).map(|_| g.next_u32() & 1 == 1).collect();
    let (mut c, mut b) = (Poly::zero(n), Poly::zero(n));
    c.flip(0);
    b.flip(0);
    let (mut len, mut m) = (0usize, 1usize);
    for i in 0..n {
        let mut d = s[i];
        for j in 1..=len {
            d ^= c.get(j) && s[i - j];
        }
        if !d {
            m += 1;
        } else if 2 * len <= i {
            let previous = c.clone();
            c.add_shifted(&b, m);
            len = i + 1 - len;
            b = previous;
            m = 1;
        } else {
            c.add_shifted(&b, m);
            m += 1;
        }
    }
    // The connection polynomial C(x) has the characteristic polynomial as its reciprocal.
    let mut phi = Poly::zero(len);
    for j in 0..=len {
        if c.get(j) {
            phi.flip(len - j);
        }
    }
    phi
}

/// `a * a` modulo the characteristic polynomial, given its 64 bit-shifts.
fn square_mod(a: &Poly, shifted_phi: &[Poly]) -> Poly {
    let deg = MEXP;
    let mut sq = Poly::zero(2 * deg);
    for i in 0..deg {
        if a.get(i) {
            sq.flip(2 * i);
        }
    }
    for i in (deg..=2 * deg).rev() {
        if sq.get(i) {
            let shift = i - deg;
            let (words, bits) = (shift / 64, shift % 64);
            for (k, &w) in shifted_phi[bits].0.iter().enumerate() {
                if let Some(slot) = sq.0.get_mut(k + words) {
                    *slot ^= w;
                }
            }
        }
    }
    let mut out = Poly::zero(deg);
    let n = out.0.len();
    out.0.copy_from_slice(&sq.0[..n]);
    out
}

/// x**(2**128) modulo the characteristic polynomial, computed once.
fn jump_polynomial() -> &'static Poly {
    static POLY: OnceLock<Poly> = OnceLock::new();
    POLY.get_or_init(|| {
        let phi = characteristic_polynomial();
        debug_assert_eq!(phi.degree(), Some(MEXP));
        let shifted: Vec<Poly> = (0..64)
            .map(|s| {
                let mut p = Poly::zero(MEXP + 64);
                p.add_shifted(&phi, s);
                p
            })
            .collect();
        let mut g = Poly::zero(MEXP);
        g.flip(1);
        for _ in 0..128 {
            g = square_mod(&g, &shifted);
        }
        g
    })
}

impl Mt19937 {
    /// One step of the one-word transition NumPy's jump uses: twist the word at `pos`.
    fn step_one(&mut self) {
        let (key, pos) = self.parts_mut();
        let num = *pos;
        let twist = |upper: u32, lower: u32, far: u32| {
            let y = (upper & 0x8000_0000) | (lower & 0x7fff_ffff);
            far ^ (y >> 1) ^ ((y & 1).wrapping_neg() & 0x9908_b0df)
        };
        const M: usize = 397;
        if num < STATE_LEN - M {
            key[num] = twist(key[num], key[num + 1], key[num + M]);
            *pos += 1;
        } else if num < STATE_LEN - 1 {
            key[num] = twist(key[num], key[num + 1], key[num + M - STATE_LEN]);
            *pos += 1;
        } else {
            key[STATE_LEN - 1] = twist(key[STATE_LEN - 1], key[0], key[M - 1]);
            *pos = 0;
        }
    }

    /// `self += other`, each state read as a ring starting at its own position.
    fn add_state(&mut self, other: &Mt19937) {
        let (p2, other_key) = (other.pos(), other.key());
        let (key, pos) = self.parts_mut();
        let p1 = *pos;
        for i in 0..STATE_LEN {
            key[(i + p1) % STATE_LEN] ^= other_key[(i + p2) % STATE_LEN];
        }
    }

    /// Jumps the state 2**128 steps ahead, as NumPy's `mt19937_jump`.
    pub fn jump(&mut self) {
        if self.pos() >= STATE_LEN {
            *self.parts_mut().1 = 0;
        }
        let poly = jump_polynomial();
        let Some(top) = (0..MEXP).rev().find(|&i| poly.get(i)) else {
            return;
        };
        let mut acc = self.clone();
        for i in (0..top).rev() {
            acc.step_one();
            if poly.get(i) {
                acc.add_state(self);
            }
        }
        *self = acc;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SeedSequence;

    #[test]
    fn jumped_matches_numpy() {
        // np.random.MT19937(0).jumped(): position and next raw words.
        let mut g = Mt19937::from_seed_sequence(&SeedSequence::from_int(0)).jumped(1);
        assert_eq!(g.pos(), 588);
        let words: Vec<u32> = (0..3).map(|_| g.next_u32()).collect();
        assert_eq!(words, [2_404_971_693, 2_024_800_643, 3_926_641_691]);
        // After five draws, jumped(2).
        let mut h = Mt19937::from_seed_sequence(&SeedSequence::from_int(0));
        (0..5).for_each(|_| {
            h.next_u32();
        });
        let mut h = h.jumped(2);
        assert_eq!(h.pos(), 558);
        let words: Vec<u32> = (0..3).map(|_| h.next_u32()).collect();
        assert_eq!(words, [1_366_820_088, 3_075_839_258, 3_202_297_158]);
    }
}
