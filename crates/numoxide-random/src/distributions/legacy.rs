//! `RandomState`'s own algorithms (NumPy's `legacy-distributions.c`, frozen at NumPy 1.16):
//! the polar Box-Muller normal whose second value is cached in the state, -log(1 - U)
//! exponentials, and the distributions whose legacy formulas differ from the `Generator`'s.
//! The shared ones (gamma, chi-square, t, F, Poisson, ...) run on [`Legacy`] as [`Primitives`].

use super::Primitives;
use crate::BitGenerator;

/// A bit generator with the legacy Gaussian cache (NumPy's `aug_bitgen_t`): `RandomState`
/// reports the cached value as `has_gauss`/`gauss` in its state.
pub struct Legacy<'a, B: ?Sized> {
    /// The underlying bit generator.
    pub bits: &'a mut B,
    /// The second value of the last polar Box-Muller pair, if not yet used.
    pub gauss: &'a mut Option<f64>,
}

impl<'a, B: BitGenerator + ?Sized> Legacy<'a, B> {
    /// Wraps a bit generator and its Gaussian cache.
    pub fn new(bits: &'a mut B, gauss: &'a mut Option<f64>) -> Self {
        Legacy { bits, gauss }
    }
}

impl<B: BitGenerator + ?Sized> Primitives for Legacy<'_, B> {
    #[inline]
    fn uniform(&mut self) -> f64 {
        self.bits.next_f64()
    }
    #[inline]
    fn normal(&mut self) -> f64 {
        gauss(self)
    }
    #[inline]
    fn exponential(&mut self) -> f64 {
        -(1.0 - self.bits.next_f64()).ln()
    }
}

/// The polar Box-Muller method: returns one value of a pair and caches the other.
#[inline]
pub fn gauss<B: BitGenerator + ?Sized>(s: &mut Legacy<'_, B>) -> f64 {
    if let Some(cached) = s.gauss.take() {
        return cached;
    }
    let (x1, x2, r2) = loop {
        let x1 = 2.0 * s.bits.next_f64() - 1.0;
        let x2 = 2.0 * s.bits.next_f64() - 1.0;
        let r2 = x1 * x1 + x2 * x2;
        if r2 < 1.0 && r2 != 0.0 {
            break (x1, x2, r2);
        }
    };
    let f = (-2.0 * r2.ln() / r2).sqrt();
    *s.gauss = Some(f * x1);
    f * x2
}

/// Legacy beta: Johnk's algorithm for a, b <= 1 (rescaled logarithms when both powers
/// underflow), otherwise a ratio of legacy gammas.
pub fn beta<B: BitGenerator + ?Sized>(s: &mut Legacy<'_, B>, a: f64, b: f64) -> f64 {
    if a <= 1.0 && b <= 1.0 {
        loop {
            let u = s.bits.next_f64();
            let v = s.bits.next_f64();
            let x = u.powf(1.0 / a);
            let y = v.powf(1.0 / b);
            if x + y <= 1.0 {
                if x + y > 0.0 {
                    return x / (x + y);
                }
                let mut log_x = u.ln() / a;
                let mut log_y = v.ln() / b;
                let log_m = if log_x > log_y { log_x } else { log_y };
                log_x -= log_m;
                log_y -= log_m;
                return (log_x - (log_x.exp() + log_y.exp()).ln()).exp();
            }
        }
    }
    let ga = super::gamma::standard_gamma(s, a);
    let gb = super::gamma::standard_gamma(s, b);
    ga / (ga + gb)
}

/// Legacy Pareto: `exp(E / a) - 1`.
#[inline]
pub fn pareto<B: BitGenerator + ?Sized>(s: &mut Legacy<'_, B>, a: f64) -> f64 {
    (s.exponential() / a).exp() - 1.0
}

/// Legacy power: `(1 - exp(-E))^(1/a)`.
#[inline]
pub fn power<B: BitGenerator + ?Sized>(s: &mut Legacy<'_, B>, a: f64) -> f64 {
    (1.0 - (-s.exponential()).exp()).powf(1.0 / a)
}

/// Legacy Rayleigh: `mode * sqrt(-2 log1p(-U))`.
#[inline]
pub fn rayleigh<B: BitGenerator + ?Sized>(g: &mut B, mode: f64) -> f64 {
    mode * (-2.0 * (-g.next_f64()).ln_1p()).sqrt()
}

/// Legacy Wald, in the textbook form.
pub fn wald<B: BitGenerator + ?Sized>(s: &mut Legacy<'_, B>, mean: f64, scale: f64) -> f64 {
    let mu_2l = mean / (2.0 * scale);
    let z = gauss(s);
    let y = mean * z * z;
    let x = mean + mu_2l * (y - (4.0 * scale * y + y * y).sqrt());
    let u = s.bits.next_f64();
    if u <= mean / (mean + x) {
        x
    } else {
        mean * mean / x
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::distributions::test_support::Counter;

    #[test]
    fn gauss_caches_the_second_value_of_the_pair() {
        // U = 0.75 and 0.25 give x1 = 0.5, x2 = -0.5 (inside the unit circle).
        let three_quarters = 3u64 << 62;
        let quarter = 1u64 << 62;
        let mut g = Counter::new(vec![three_quarters, quarter]);
        let mut cache = None;
        let mut s = Legacy::new(&mut g, &mut cache);
        let first = gauss(&mut s);
        let second = gauss(&mut s);
        let f = (-2.0 * 0.5f64.ln() / 0.5).sqrt();
        assert_eq!(first, f * -0.5);
        assert_eq!(second, f * 0.5);
        assert!(s.gauss.is_none());
        assert_eq!(g.words_used(), 2);
    }
}
