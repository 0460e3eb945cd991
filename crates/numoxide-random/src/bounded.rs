//! Uniform integers in a closed range `[off, off + rng]`, drawn exactly as NumPy draws them.
//!
//! Two families share the code: `Generator.integers` uses Lemire's multiply-and-reject
//! (`use_masked = false`), the legacy `RandomState.randint` rejects masked words
//! (`use_masked = true`). Ranges that fit in 32 bits take 32-bit draws; 16-, 8- and 1-bit
//! outputs are cut from one 32-bit draw at a time (the `WordBuffer`), which is why a call's
//! output width changes how many words it consumes. The width is a const generic, so each
//! fill loop is compiled for its width and generator.

use crate::BitGenerator;

/// The remaining bits of the last 32-bit draw, shared by consecutive 8/16/1-bit values of
/// one call (NumPy's `buf` and `bcnt`).
#[derive(Clone, Copy, Debug, Default)]
pub struct WordBuffer {
    word: u32,
    remaining: u32,
}

impl WordBuffer {
    /// The next `BITS` bits: a fresh word, or the buffered one shifted down.
    #[inline]
    fn take<const BITS: u32, G: BitGenerator>(&mut self, g: &mut G) -> u32 {
        if self.remaining == 0 {
            self.word = g.next_u32();
            self.remaining = 32 / BITS - 1;
        } else {
            self.word >>= BITS;
            self.remaining -= 1;
        }
        self.word
    }
}

/// The smallest all-ones mask covering `max`.
pub fn gen_mask(max: u64) -> u64 {
    if max == 0 {
        0
    } else {
        u64::MAX >> max.leading_zeros()
    }
}

/// One raw value of `BITS` bits (8, 16 or 32): buffered below 32 bits.
#[inline]
fn draw_bits<const BITS: u32, G: BitGenerator>(g: &mut G, buf: &mut WordBuffer) -> u64 {
    if BITS == 32 {
        u64::from(g.next_u32())
    } else {
        u64::from(buf.take::<BITS, G>(g)) & ((1u64 << BITS) - 1)
    }
}

/// Lemire's method on a `BITS`-bit draw (8, 16 or 32); `rng` is below the width's maximum.
#[inline]
fn lemire_bits<const BITS: u32, G: BitGenerator>(g: &mut G, rng: u64, buf: &mut WordBuffer) -> u64 {
    let low_mask = (1u64 << BITS) - 1;
    let rng_excl = rng + 1;
    let mut m = draw_bits::<BITS, G>(g, buf) * rng_excl;
    let mut leftover = m & low_mask;
    if leftover < rng_excl {
        let threshold = (low_mask - rng) % rng_excl;
        while leftover < threshold {
            m = draw_bits::<BITS, G>(g, buf) * rng_excl;
            leftover = m & low_mask;
        }
    }
    m >> BITS
}

/// Lemire's method on 64-bit draws; `rng` is below `u64::MAX`.
#[inline]
fn lemire_u64<G: BitGenerator>(g: &mut G, rng: u64) -> u64 {
    let rng_excl = u128::from(rng + 1);
    let mut m = u128::from(g.next_u64()) * rng_excl;
    let mut leftover = m as u64;
    if u128::from(leftover) < rng_excl {
        let threshold = (u64::MAX - rng) % (rng + 1);
        while leftover < threshold {
            m = u128::from(g.next_u64()) * rng_excl;
            leftover = m as u64;
        }
    }
    (m >> 64) as u64
}

/// Masked rejection on `BITS`-bit draws (8, 16 or 32).
#[inline]
fn masked_bits<const BITS: u32, G: BitGenerator>(
    g: &mut G,
    rng: u64,
    mask: u64,
    buf: &mut WordBuffer,
) -> u64 {
    loop {
        let value = draw_bits::<BITS, G>(g, buf) & mask;
        if value <= rng {
            return value;
        }
    }
}

/// One value in `[off, off + rng]` (wrapping) for an output of `BITS` bits: 1 (bool), 8,
/// 16, 32 or 64, as NumPy's `random_buffered_bounded_*` and `random_bounded_uint64`.
/// `mask` must be [`gen_mask`]`(rng)` when `use_masked`.
#[inline]
pub fn bounded_one<const BITS: u32, G: BitGenerator>(
    g: &mut G,
    off: u64,
    rng: u64,
    mask: u64,
    use_masked: bool,
    buf: &mut WordBuffer,
) -> u64 {
    if rng == 0 {
        return off;
    }
    let value = match BITS {
        1 => u64::from(buf.take::<1, G>(g) & 1),
        64 => {
            if rng <= u64::from(u32::MAX) {
                if rng == u64::from(u32::MAX) {
                    u64::from(g.next_u32())
                } else if use_masked {
                    masked_bits::<32, G>(g, rng, mask, buf)
                } else {
                    lemire_bits::<32, G>(g, rng, buf)
                }
            } else if rng == u64::MAX {
                g.next_u64()
            } else if use_masked {
                loop {
                    let value = g.next_u64() & mask;
                    if value <= rng {
                        break value;
                    }
                }
            } else {
                lemire_u64(g, rng)
            }
        }
        _ => {
            if rng == (1u64 << BITS) - 1 {
                draw_bits::<BITS, G>(g, buf)
            } else if use_masked {
                masked_bits::<BITS, G>(g, rng, mask, buf)
            } else {
                lemire_bits::<BITS, G>(g, rng, buf)
            }
        }
    };
    off.wrapping_add(value)
}

/// An integer element type written by the fills: takes the low bits of a `u64` (so signed
/// outputs get the two's-complement pattern NumPy's unsigned kernels write).
pub trait FromBits: Copy + Send {
    /// The value whose bit pattern is the low bits of `bits`.
    fn from_bits(bits: u64) -> Self;
}

macro_rules! impl_from_bits {
    ($($t:ty),*) => {$(
        impl FromBits for $t {
            #[inline]
            fn from_bits(bits: u64) -> Self {
                bits as $t
            }
        }
    )*};
}
impl_from_bits!(u8, u16, u32, u64, i8, i16, i32, i64);

impl FromBits for bool {
    #[inline]
    fn from_bits(bits: u64) -> Self {
        bits & 1 != 0
    }
}

/// Fills `out` with values in `[off, off + rng]` for an output of `BITS` bits, one
/// [`WordBuffer`] shared by the whole call, as NumPy's `random_bounded_*_fill`.
pub fn fill_bounded<const BITS: u32, G: BitGenerator, T: FromBits>(
    g: &mut G,
    off: u64,
    rng: u64,
    use_masked: bool,
    out: &mut [T],
) {
    let mut buf = WordBuffer::default();
    let mask = gen_mask(rng);
    // The common Generator case, Lemire on 32-bit draws, gets its own loop free of the
    // per-value range checks.
    if BITS == 64 && !use_masked && rng > 0 && rng < u64::from(u32::MAX) {
        for slot in out.iter_mut() {
            *slot = T::from_bits(off.wrapping_add(lemire_bits::<32, G>(g, rng, &mut buf)));
        }
        return;
    }
    for slot in out.iter_mut() {
        *slot = T::from_bits(bounded_one::<BITS, G>(
            g, off, rng, mask, use_masked, &mut buf,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Mt19937, Pcg64, SeedSequence};

    #[test]
    fn masks_cover_the_maximum() {
        assert_eq!(gen_mask(0), 0);
        assert_eq!(gen_mask(1), 1);
        assert_eq!(gen_mask(99), 127);
        assert_eq!(gen_mask(u64::MAX), u64::MAX);
    }

    #[test]
    fn values_stay_in_range() {
        let mut g = Pcg64::from_seed_sequence(&SeedSequence::from_int(1));
        let mut out = [0u8; 1000];
        fill_bounded::<8, _, _>(&mut g, 10, 20, false, &mut out);
        assert!(out.iter().all(|&v| (10..=30).contains(&v)));
        let mut wide = [0u64; 100];
        fill_bounded::<64, _, _>(&mut g, 0, 1 << 40, true, &mut wide);
        assert!(wide.iter().all(|&v| v <= 1 << 40));
    }

    #[test]
    fn legacy_randint_matches_numpy() {
        // np.random.RandomState(0).randint(0, 10, 5) == [5, 0, 3, 3, 7]
        let mut g = Mt19937::from_u32(0);
        let mut out = [0i64; 5];
        fill_bounded::<64, _, _>(&mut g, 0, 9, true, &mut out);
        assert_eq!(out, [5, 0, 3, 3, 7]);
    }
}
