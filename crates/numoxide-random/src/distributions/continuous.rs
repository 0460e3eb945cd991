//! The continuous distributions of NumPy's `Generator` outside the gamma family. Those that
//! `RandomState` computes the same way are generic over [`Primitives`].

use super::Primitives;
use crate::BitGenerator;
use std::f64::consts::PI;

/// `low + range * U`.
#[inline]
pub fn uniform<B: BitGenerator + ?Sized>(g: &mut B, low: f64, range: f64) -> f64 {
    low + range * g.next_f64()
}

/// `loc + scale * Z`.
#[inline]
pub fn normal<P: Primitives + ?Sized>(g: &mut P, loc: f64, scale: f64) -> f64 {
    loc + scale * g.normal()
}

/// `scale * E`.
#[inline]
pub fn exponential<P: Primitives + ?Sized>(g: &mut P, scale: f64) -> f64 {
    scale * g.exponential()
}

/// `exp(normal(mean, sigma))`.
#[inline]
pub fn lognormal<P: Primitives + ?Sized>(g: &mut P, mean: f64, sigma: f64) -> f64 {
    normal(g, mean, sigma).exp()
}

/// `E^(1/a)`, and 0 for a = 0.
#[inline]
pub fn weibull<P: Primitives + ?Sized>(g: &mut P, a: f64) -> f64 {
    if a == 0.0 {
        return 0.0;
    }
    g.exponential().powf(1.0 / a)
}

/// Pareto II (Lomax): `expm1(E / a)`.
#[inline]
pub fn pareto<B: BitGenerator + ?Sized>(g: &mut B, a: f64) -> f64 {
    (g.exponential() / a).exp_m1()
}

/// Power: `(-expm1(-E))^(1/a)`.
#[inline]
pub fn power<B: BitGenerator + ?Sized>(g: &mut B, a: f64) -> f64 {
    (-(-g.exponential()).exp_m1()).powf(1.0 / a)
}

/// Laplace by inversion; U = 0 is rejected.
pub fn laplace<B: BitGenerator + ?Sized>(g: &mut B, loc: f64, scale: f64) -> f64 {
    loop {
        let u = g.next_f64();
        if u >= 0.5 {
            return loc - scale * (2.0 - u - u).ln();
        }
        if u > 0.0 {
            return loc + scale * (u + u).ln();
        }
    }
}

/// Gumbel by inversion of 1 - U; 1 - U = 1 is rejected.
pub fn gumbel<B: BitGenerator + ?Sized>(g: &mut B, loc: f64, scale: f64) -> f64 {
    loop {
        let u = 1.0 - g.next_f64();
        if u < 1.0 {
            return loc - scale * (-u.ln()).ln();
        }
    }
}

/// Logistic by inversion; U = 0 is rejected.
pub fn logistic<B: BitGenerator + ?Sized>(g: &mut B, loc: f64, scale: f64) -> f64 {
    loop {
        let u = g.next_f64();
        if u > 0.0 {
            return loc + scale * (u / (1.0 - u)).ln();
        }
    }
}

/// Rayleigh: `mode * sqrt(2 E)` with the ziggurat exponential.
#[inline]
pub fn rayleigh<B: BitGenerator + ?Sized>(g: &mut B, mode: f64) -> f64 {
    mode * (2.0 * g.exponential()).sqrt()
}

/// The `Generator`'s Wald (inverse Gaussian), in the cancellation-free form.
pub fn wald<B: BitGenerator + ?Sized>(g: &mut B, mean: f64, scale: f64) -> f64 {
    let z = g.normal();
    let y = mean * z * z;
    let d = 1.0 + (1.0 + 4.0 * scale / y).sqrt();
    let x = mean * (1.0 - 2.0 / d);
    let u = g.next_f64();
    if u <= mean / (mean + x) {
        x
    } else {
        mean * mean / x
    }
}

/// Whether von Mises draws with a huge kappa fall back to a wrapped normal (`Generator`) or
/// go through the rejection loop as in NumPy 1.16 (`RandomState`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum VonMisesKind {
    /// NumPy's current algorithm.
    Generator,
    /// The legacy algorithm.
    Legacy,
}

/// Von Mises on (-pi, pi] by Best and Fisher's rejection method.
pub fn vonmises<B: BitGenerator + ?Sized>(
    g: &mut B,
    mu: f64,
    kappa: f64,
    kind: VonMisesKind,
) -> f64 {
    if kappa.is_nan() {
        return f64::NAN;
    }
    if kappa < 1e-8 {
        // Nearly uniform.
        return PI * (2.0 * g.next_f64() - 1.0);
    }
    let s = if kappa < 1e-5 {
        // Second-order Taylor expansion around kappa = 0.
        1.0 / kappa + kappa
    } else if kappa <= 1e6 || kind == VonMisesKind::Legacy {
        let r = 1.0 + (1.0 + 4.0 * kappa * kappa).sqrt();
        let rho = (r - (2.0 * r).sqrt()) / (2.0 * kappa);
        (1.0 + rho * rho) / (2.0 * rho)
    } else {
        // A wrapped normal for kappa > 1e6.
        let mut result = mu + (1.0 / kappa).sqrt() * g.normal();
        if result < -PI {
            result += 2.0 * PI;
        }
        if result > PI {
            result -= 2.0 * PI;
        }
        return result;
    };
    let w = loop {
        let u = g.next_f64();
        let z = (PI * u).cos();
        let w = (1.0 + s * z) / (s + z);
        let y = kappa * (s - w);
        let v = g.next_f64();
        // V = 0 is fine: y >= 0 always accepts and y < 0 always rejects.
        if y * (2.0 - y) - v >= 0.0 || (y / v).ln() + 1.0 - y >= 0.0 {
            break w;
        }
    };
    let u = g.next_f64();
    let mut result = w.acos();
    if u < 0.5 {
        result = -result;
    }
    result += mu;
    let negative = result < 0.0;
    let folded = (result.abs() + PI) % (2.0 * PI) - PI;
    if negative {
        -folded
    } else {
        folded
    }
}

/// Triangular by inversion.
pub fn triangular<B: BitGenerator + ?Sized>(g: &mut B, left: f64, mode: f64, right: f64) -> f64 {
    let base = right - left;
    let leftbase = mode - left;
    let ratio = leftbase / base;
    let leftprod = leftbase * base;
    let rightprod = (right - mode) * base;
    let u = g.next_f64();
    if u <= ratio {
        left + (u * leftprod).sqrt()
    } else {
        right - ((1.0 - u) * rightprod).sqrt()
    }
}
