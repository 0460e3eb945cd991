//! NumPy's distributions, draw for draw.
//!
//! Every function is generic over the [`BitGenerator`](crate::BitGenerator) so that a fill loop
//! is monomorphized once per call. Each consumes exactly the words NumPy's C function consumes,
//! in the same order, and computes with the same operations in the same order (the C library's
//! `log`, `exp`, `pow`, ... are the ones Rust's `f64` methods call), so values and the state
//! left behind are NumPy's.
//!
//! - [`ziggurat`]: the Generator's standard normal and exponential (and float32 variants).
//! - [`continuous`]: the Generator's continuous distributions.
//! - [`gamma`]: Marsaglia-Tsang gamma and what is built on it (beta, chi-square, F, t).
//! - [`discrete`]: Poisson, binomial, geometric, zipf, logseries, negative binomial.
//! - [`hypergeometric`]: the Generator's and the legacy hypergeometric samplers.
//! - [`multivariate`]: multinomial, dirichlet, multivariate hypergeometric.
//! - [`legacy`]: `RandomState`'s algorithms (polar Box-Muller with a cached value, ...).

pub mod continuous;
pub mod discrete;
pub mod gamma;
pub mod hypergeometric;
pub mod legacy;
pub mod multivariate;
pub mod ziggurat;
mod ziggurat_tables;

#[cfg(test)]
pub(crate) mod test_support;

use crate::BitGenerator;

/// The three draws the shared algorithms are built from. NumPy's `Generator` and its legacy
/// `RandomState` run the same gamma, chi-square, t, F, Cauchy, Poisson, ... code over different
/// primitives: the ziggurat normal and exponential against the polar Box-Muller normal (with its
/// cached second value, see [`legacy::Legacy`]) and -log(1 - U).
pub trait Primitives {
    /// A double in [0, 1): the bit generator's own 53-bit conversion.
    fn uniform(&mut self) -> f64;
    /// A standard normal.
    fn normal(&mut self) -> f64;
    /// A standard exponential.
    fn exponential(&mut self) -> f64;
}

/// The `Generator`'s primitives: any bit generator with the ziggurat samplers.
impl<B: BitGenerator + ?Sized> Primitives for B {
    #[inline]
    fn uniform(&mut self) -> f64 {
        self.next_f64()
    }
    #[inline]
    fn normal(&mut self) -> f64 {
        ziggurat::standard_normal(self)
    }
    #[inline]
    fn exponential(&mut self) -> f64 {
        ziggurat::standard_exponential(self)
    }
}

/// C's `(int64_t)x` on x86-64: truncation, with NaN and out-of-range values giving
/// `INT64_MIN` (the `cvttsd2si` "integer indefinite"), where Rust's `as` would saturate.
#[inline]
pub(crate) fn c_f64_to_i64(x: f64) -> i64 {
    // 2^63 is the first double above i64::MAX; -2^63 is representable.
    const TWO_TO_63: f64 = 9_223_372_036_854_775_808.0;
    if (-TWO_TO_63..TWO_TO_63).contains(&x) {
        x as i64
    } else {
        i64::MIN
    }
}
