//! `exp` of float64 without branches or calls, so the elementwise loop vectorizes (libm's
//! `exp` is one call per element, several times slower than NumPy's SIMD loop).
//!
//! `exp(x) = 2^k * exp(r)` with `k` the integer nearest `x / ln 2` and `r = x - k ln 2`
//! (`|r| <= ln 2 / 2`), taken in two parts so that `r` carries its rounding error along.
//! `exp(r) = 1 + r + r^2 q(r)` with `q` the Taylor series of `(e^r - 1 - r) / r^2` to the
//! term below half an ulp; `1 + r` is added exactly as a sum and its error, so the result is
//! rounded essentially once: within 1 ulp, and almost always correctly rounded. The scale
//! `2^k` is applied as two exact powers of two, so results overflow to infinity and fall
//! into the subnormals as the true values do.

use super::loops::UnaryKernel;

/// The float64 `exp` kernel: contiguous blocks run at the CPU's widest vector width.
pub struct ExpF64;

impl UnaryKernel<f64, f64> for ExpF64 {
    #[inline(always)]
    fn one(&self, x: f64) -> f64 {
        exp_f64(x)
    }

    fn block(&self, out: &mut [f64], x: &[f64]) -> bool {
        exp_block(out, x)
    }
}

crate::multiversion! {
    fn exp_block[](out: &mut [f64], x: &[f64]) -> bool = map;
}

/// A plain loop: `for_each` with exp's large body as its closure stays out of line, and that
/// copy is compiled for the baseline, not the wide unit (AVX-512 ran 6x slower).
/// Tells whether any result is infinite or NaN, as `UnaryKernel::block`.
#[inline(always)]
fn map(out: &mut [f64], x: &[f64]) -> bool {
    let mut non_finite = false;
    for (r, &x) in out.iter_mut().zip(x) {
        *r = exp_f64(x);
        non_finite |= !r.is_finite();
    }
    non_finite
}

/// `ln 2` split so that `k * LN2_HI` is exact for every `|k| < 2^11`.
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
/// Adding this rounds a float64 of magnitude below 2^51 to an integer, held in the low bits.
const ROUND: f64 = 6_755_399_441_055_744.0;
/// Beyond these, `exp` is infinity or zero; clamping keeps `k` small without changing that.
const MAX_ARG: f64 = 710.0;
const MIN_ARG: f64 = -746.0;

/// `1 / n!` for n = 2 to 13: the coefficients of `q`, lowest first.
const C: [f64; 12] = [
    0.5,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5_040.0,
    1.0 / 40_320.0,
    1.0 / 362_880.0,
    1.0 / 3_628_800.0,
    1.0 / 39_916_800.0,
    1.0 / 479_001_600.0,
    1.0 / 6_227_020_800.0,
];

/// `e^x` for float64: NaN for NaN, infinity above about 709.78, zero below about -745.13.
#[inline(always)]
pub fn exp_f64(x: f64) -> f64 {
    // Not `clamp`, which keeps NaN: `max` takes the bound for NaN, which the last line
    // gives back, so the arithmetic below never sees a NaN.
    #[allow(clippy::manual_clamp)]
    let clamped = x.max(MIN_ARG).min(MAX_ARG);
    let (k, ki) = round_to_integer(clamped * std::f64::consts::LOG2_E);
    // r = x - k ln 2 as hi + lo: the first product is exact and the subtraction loses nothing.
    let a = clamped - k * LN2_HI;
    let b = k * LN2_LO;
    let r = a - b;
    let r_lo = (a - r) - b;
    let q = taylor_tail(r);
    let one_plus_r = 1.0 + r;
    let carry = (1.0 - one_plus_r) + r;
    let e = one_plus_r + (carry + (r * r * q + r_lo * one_plus_r));
    // 2^k as two powers of two, each a normal number for every clamped `k`; the split is
    // made in floats because 64-bit arithmetic shifts do not vectorize before AVX-512.
    let (_, k1) = round_to_integer(k * 0.5);
    let pow2 = |k: i64| f64::from_bits(((k + 1023) as u64) << 52);
    let y = e * pow2(k1) * pow2(ki - k1);
    if x.is_nan() {
        x
    } else {
        y
    }
}

/// `q(r)` by Estrin's scheme: pairs of terms are independent, so the dependency chain is
/// a third of Horner's and the loop is not bound by its latency.
#[inline(always)]
fn taylor_tail(r: f64) -> f64 {
    let r2 = r * r;
    let r4 = r2 * r2;
    let pair = |i: usize| C[i] + C[i + 1] * r;
    let low = pair(0) + pair(2) * r2;
    let mid = pair(4) + pair(6) * r2;
    let high = pair(8) + pair(10) * r2;
    (low + mid * r4) + high * (r4 * r4)
}

/// `v` (below 2^51 in magnitude) rounded to the nearest integer, as a float and an integer.
#[inline(always)]
fn round_to_integer(v: f64) -> (f64, i64) {
    let shifted = v + ROUND;
    (
        shifted - ROUND,
        (shifted.to_bits() as i64).wrapping_sub(ROUND.to_bits() as i64),
    )
}

#[cfg(test)]
mod tests {
    use super::exp_f64;

    /// The distance in ulps between two finite floats of the same sign.
    fn ulps(a: f64, b: f64) -> u64 {
        (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs()
    }

    #[test]
    fn within_one_ulp_of_libm_across_the_range() {
        let mut worst = 0;
        let mut x = -745.0;
        while x < 709.7 {
            let (ours, libm) = (exp_f64(x), x.exp());
            worst = worst.max(ulps(ours, libm));
            x += 0.000_731_3;
        }
        assert!(worst <= 1, "worst {worst} ulps");
    }

    #[test]
    fn small_arguments_are_exact_to_the_last_bit() {
        for x in [
            0.0, -0.0, 1e-300, -1e-300, 1e-17, 1e-9, -1e-9, 0.5, 1.0, -1.0,
        ] {
            assert_eq!(exp_f64(x), x.exp(), "{x}");
        }
        assert_eq!(exp_f64(0.0), 1.0);
    }

    #[test]
    fn edges_overflow_underflow_and_nan() {
        assert_eq!(exp_f64(709.78), 709.78f64.exp());
        assert_eq!(exp_f64(709.79), f64::INFINITY);
        assert_eq!(exp_f64(1e308), f64::INFINITY);
        assert_eq!(exp_f64(f64::INFINITY), f64::INFINITY);
        assert_eq!(exp_f64(f64::NEG_INFINITY), 0.0);
        assert_eq!(exp_f64(-746.0), 0.0);
        assert_eq!(exp_f64(-1e308), 0.0);
        assert!(exp_f64(f64::NAN).is_nan());
        // Subnormal results: the true value rounded, give or take the double rounding.
        for x in [-708.5, -720.0, -740.0, -744.0, -745.1] {
            assert!(ulps(exp_f64(x), x.exp()) <= 1, "{x}");
        }
    }
}
