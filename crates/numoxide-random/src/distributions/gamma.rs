//! The gamma family, shared by `Generator` and `RandomState` through [`Primitives`]:
//! Marsaglia and Tsang's method for shape >= 1, rejection from an exponential below 1, and the
//! distributions NumPy builds on them (chi-square, F, Student's t, Cauchy, noncentral ones).

use super::ziggurat::{standard_exponential_f32, standard_normal_f32};
use super::{discrete, Primitives};
use crate::BitGenerator;

/// A standard gamma with the given shape (`random_standard_gamma`, `legacy_standard_gamma`).
pub fn standard_gamma<P: Primitives + ?Sized>(g: &mut P, shape: f64) -> f64 {
    if shape == 1.0 {
        return g.exponential();
    }
    if shape == 0.0 {
        return 0.0;
    }
    if shape < 1.0 {
        loop {
            let u = g.uniform();
            let v = g.exponential();
            if u <= 1.0 - shape {
                let x = u.powf(1.0 / shape);
                if x <= v {
                    return x;
                }
            } else {
                let y = -((1.0 - u) / shape).ln();
                let x = (1.0 - shape + shape * y).powf(1.0 / shape);
                if x <= v + y {
                    return x;
                }
            }
        }
    }
    let b = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * b).sqrt();
    loop {
        let (x, v) = loop {
            let x = g.normal();
            let v = 1.0 + c * x;
            if v > 0.0 {
                break (x, v * v * v);
            }
        };
        let u = g.uniform();
        if u < 1.0 - 0.0331 * (x * x) * (x * x) {
            return b * v;
        }
        // log(0) = -inf is fine: the comparison then accepts.
        if u.ln() < 0.5 * x * x + b * (1.0 - v + v.ln()) {
            return b * v;
        }
    }
}

/// The float32 standard gamma of `Generator.standard_gamma(dtype=float32)`, computed in float32
/// throughout as NumPy's `random_standard_gamma_f`.
pub fn standard_gamma_f32<B: BitGenerator + ?Sized>(g: &mut B, shape: f32) -> f32 {
    if shape == 1.0 {
        return standard_exponential_f32(g);
    }
    if shape == 0.0 {
        return 0.0;
    }
    if shape < 1.0 {
        loop {
            let u = g.next_f32();
            let v = standard_exponential_f32(g);
            if u <= 1.0 - shape {
                let x = u.powf(1.0 / shape);
                if x <= v {
                    return x;
                }
            } else {
                let y = -((1.0 - u) / shape).ln();
                let x = (1.0 - shape + shape * y).powf(1.0 / shape);
                if x <= v + y {
                    return x;
                }
            }
        }
    }
    let b = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * b).sqrt();
    loop {
        let (x, v) = loop {
            let x = standard_normal_f32(g);
            let v = 1.0 + c * x;
            if v > 0.0 {
                break (x, v * v * v);
            }
        };
        let u = g.next_f32();
        if u < 1.0 - 0.0331 * (x * x) * (x * x) {
            return b * v;
        }
        if u.ln() < 0.5 * x * x + b * (1.0 - v + v.ln()) {
            return b * v;
        }
    }
}

/// Gamma with a scale.
#[inline]
pub fn gamma<P: Primitives + ?Sized>(g: &mut P, shape: f64, scale: f64) -> f64 {
    scale * standard_gamma(g, shape)
}

/// Chi-square: twice a gamma of half the degrees of freedom.
#[inline]
pub fn chisquare<P: Primitives + ?Sized>(g: &mut P, df: f64) -> f64 {
    2.0 * standard_gamma(g, df / 2.0)
}

/// Fisher's F as the ratio of two scaled chi-squares (numerator drawn first).
pub fn f<P: Primitives + ?Sized>(g: &mut P, dfnum: f64, dfden: f64) -> f64 {
    let numerator = chisquare(g, dfnum) * dfden;
    let denominator = chisquare(g, dfden) * dfnum;
    numerator / denominator
}

/// Student's t: a normal over the root of a gamma.
pub fn standard_t<P: Primitives + ?Sized>(g: &mut P, df: f64) -> f64 {
    let num = g.normal();
    let denom = standard_gamma(g, df / 2.0);
    (df / 2.0).sqrt() * num / denom.sqrt()
}

/// Cauchy as the ratio of two normals.
pub fn standard_cauchy<P: Primitives + ?Sized>(g: &mut P) -> f64 {
    let num = g.normal();
    num / g.normal()
}

/// Where a NaN noncentrality is caught: the `Generator` returns NaN before drawing; the legacy
/// code draws first (its guard was added without changing the stream).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NanGuard {
    /// Return NaN at once (`Generator`).
    BeforeDrawing,
    /// Draw as for any value, then return NaN in the Poisson branch (`RandomState`).
    AfterDrawing,
}

/// Noncentral chi-square: a chi-square plus a shifted normal squared for df > 1, otherwise a
/// Poisson mixture of chi-squares.
pub fn noncentral_chisquare<P: Primitives + ?Sized>(
    g: &mut P,
    df: f64,
    nonc: f64,
    guard: NanGuard,
) -> f64 {
    if guard == NanGuard::BeforeDrawing && nonc.is_nan() {
        return f64::NAN;
    }
    if nonc == 0.0 {
        return chisquare(g, df);
    }
    if 1.0 < df {
        let chi2 = chisquare(g, df - 1.0);
        let n = g.normal() + nonc.sqrt();
        return chi2 + n * n;
    }
    let i = discrete::poisson(g, nonc / 2.0);
    let out = chisquare(g, df + 2.0 * i as f64);
    if nonc.is_nan() {
        f64::NAN
    } else {
        out
    }
}

/// Noncentral F: a noncentral chi-square over a chi-square, each scaled.
pub fn noncentral_f<P: Primitives + ?Sized>(
    g: &mut P,
    dfnum: f64,
    dfden: f64,
    nonc: f64,
    guard: NanGuard,
) -> f64 {
    let t = noncentral_chisquare(g, dfnum, nonc, guard) * dfden;
    t / (chisquare(g, dfden) * dfnum)
}

/// Values below this for both parameters make the `Generator`'s beta a Bernoulli draw.
const BETA_TINY_THRESHOLD: f64 = 3e-103;

/// The `Generator`'s beta: Johnk's algorithm when both parameters are at most 1 (working in
/// logarithms when a power underflows), otherwise a ratio of gammas.
pub fn beta<B: BitGenerator + ?Sized>(g: &mut B, a: f64, b: f64) -> f64 {
    if a <= 1.0 && b <= 1.0 {
        if a < BETA_TINY_THRESHOLD && b < BETA_TINY_THRESHOLD {
            // The chance of a value other than 0 or 1 is below 1e-100.
            let u = g.next_f64();
            return if (a + b) * u < a { 1.0 } else { 0.0 };
        }
        loop {
            let u = g.next_f64();
            let v = g.next_f64();
            let x = u.powf(1.0 / a);
            let y = v.powf(1.0 / b);
            let xpy = x + y;
            if xpy <= 1.0 && u + v > 0.0 {
                if x > 0.0 && y > 0.0 {
                    return x / xpy;
                }
                let log_x = u.ln() / a;
                let log_y = v.ln() / b;
                let delta = log_x - log_y;
                return if delta > 0.0 {
                    (-(-delta).exp().ln_1p()).exp()
                } else {
                    (delta - delta.exp().ln_1p()).exp()
                };
            }
        }
    }
    let ga = standard_gamma(g, a);
    let gb = standard_gamma(g, b);
    ga / (ga + gb)
}
