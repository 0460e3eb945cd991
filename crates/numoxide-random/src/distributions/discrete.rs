//! The discrete distributions: Poisson (multiplication and Hoermann's PTRS), binomial (BTPE and
//! inversion, with NumPy's cached setup), negative binomial, geometric, Zipf and logseries.
//! Where `RandomState` keeps an older variant, a `legacy_` function sits beside the current one.

use super::{c_f64_to_i64, gamma, Primitives};
use crate::BitGenerator;

/// log(Gamma(x)) by the series of Zhang and Jin, as NumPy's `random_loggam`.
pub fn loggam(x: f64) -> f64 {
    const A: [f64; 10] = [
        8.333333333333333e-02,
        -2.777777777777778e-03,
        7.936507936507937e-04,
        -5.952380952380952e-04,
        8.417508417508418e-04,
        -1.917526917526918e-03,
        6.41025641025641e-03,
        -2.955065359477124e-02,
        1.796443723688307e-01,
        -1.39243221690590e+00,
    ];
    if x == 1.0 || x == 2.0 {
        return 0.0;
    }
    let n = if x < 7.0 { c_f64_to_i64(7.0 - x) } else { 0 };
    let mut x0 = x + n as f64;
    let x2 = (1.0 / x0) * (1.0 / x0);
    let lg2pi = 1.8378770664093453e+00;
    let mut gl0 = A[9];
    for &a in A[..9].iter().rev() {
        gl0 *= x2;
        gl0 += a;
    }
    let mut gl = gl0 / x0 + 0.5 * lg2pi + (x0 - 0.5) * x0.ln() - x0;
    if x < 7.0 {
        for _ in 1..=n {
            gl -= (x0 - 1.0).ln();
            x0 -= 1.0;
        }
    }
    gl
}

/// Poisson: multiplication of uniforms below 10, PTRS from 10 on.
pub fn poisson<P: Primitives + ?Sized>(g: &mut P, lam: f64) -> i64 {
    if lam >= 10.0 {
        poisson_ptrs(g, lam)
    } else if lam == 0.0 {
        0
    } else {
        poisson_mult(g, lam)
    }
}

fn poisson_mult<P: Primitives + ?Sized>(g: &mut P, lam: f64) -> i64 {
    let enlam = (-lam).exp();
    let mut x = 0;
    let mut prod = 1.0;
    loop {
        prod *= g.uniform();
        if prod > enlam {
            x += 1;
        } else {
            return x;
        }
    }
}

/// Hoermann's transformed rejection with squeeze (1993).
fn poisson_ptrs<P: Primitives + ?Sized>(g: &mut P, lam: f64) -> i64 {
    let slam = lam.sqrt();
    let loglam = lam.ln();
    let b = 0.931 + 2.53 * slam;
    let a = -0.059 + 0.02483 * b;
    let invalpha = 1.1239 + 1.1328 / (b - 3.4);
    let vr = 0.9277 - 3.6224 / (b - 2.0);
    loop {
        let u = g.uniform() - 0.5;
        let v = g.uniform();
        let us = 0.5 - u.abs();
        let k = c_f64_to_i64(((2.0 * a / us + b) * u + lam + 0.43).floor());
        if us >= 0.07 && v <= vr {
            return k;
        }
        if k < 0 || (us < 0.013 && v > us) {
            continue;
        }
        // log(0) when V = 0 or U = 0 is fine: the comparison then accepts.
        if v.ln() + invalpha.ln() - (a / (us * us) + b).ln()
            <= -lam + k as f64 * loglam - loggam(k as f64 + 1.0)
        {
            return k;
        }
    }
}

/// Negative binomial as a gamma-mixed Poisson.
pub fn negative_binomial<P: Primitives + ?Sized>(g: &mut P, n: f64, p: f64) -> i64 {
    let y = gamma::gamma(g, n, (1.0 - p) / p);
    poisson(g, y)
}

/// The setups of the last binomial draws, reused while (n, p) stays the same as NumPy's
/// `binomial_t` is. They save time only: the values are those of a fresh setup.
#[derive(Clone, Debug, Default)]
pub struct BinomialCache {
    inversion: Option<(i64, f64, Inversion)>,
    btpe: Option<(i64, f64, Btpe)>,
}

/// Looks up the setup for (n, p), making and keeping it on a miss.
fn cached<S: Copy>(
    slot: &mut Option<(i64, f64, S)>,
    n: i64,
    p: f64,
    make: impl FnOnce() -> S,
) -> S {
    match *slot {
        Some((cn, cp, s)) if cn == n && cp == p => s,
        _ => {
            let s = make();
            *slot = Some((n, p, s));
            s
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Inversion {
    q: f64,
    qn: f64,
    bound: i64,
}

impl Inversion {
    fn new(n: i64, p: f64, kind: BinomialKind) -> Self {
        let q = 1.0 - p;
        let qn = match kind {
            BinomialKind::Generator => (n as f64 * (-p).ln_1p()).exp(),
            BinomialKind::Legacy => (n as f64 * q.ln()).exp(),
        };
        let np = n as f64 * p;
        let bound = c_f64_to_i64((n as f64).min(np + 10.0 * (np * q + 1.0).sqrt()));
        Inversion { q, qn, bound }
    }
}

#[derive(Clone, Copy, Debug)]
struct Btpe {
    r: f64,
    q: f64,
    m: i64,
    p1: f64,
    xm: f64,
    xl: f64,
    xr: f64,
    c: f64,
    laml: f64,
    lamr: f64,
    p2: f64,
    p3: f64,
    p4: f64,
}

impl Btpe {
    fn new(n: i64, p: f64) -> Self {
        let nf = n as f64;
        let r = p.min(1.0 - p);
        let q = 1.0 - r;
        let fm = nf * r + r;
        let m = c_f64_to_i64(fm.floor());
        let p1 = (2.195 * (nf * r * q).sqrt() - 4.6 * q).floor() + 0.5;
        let xm = m as f64 + 0.5;
        let xl = xm - p1;
        let xr = xm + p1;
        let c = 0.134 + 20.5 / (15.3 + m as f64);
        let a = (fm - xl) / (fm - xl * r);
        let laml = a * (1.0 + a / 2.0);
        let a = (xr - fm) / (xr * q);
        let lamr = a * (1.0 + a / 2.0);
        let p2 = p1 * (1.0 + 2.0 * c);
        let p3 = p2 + c / laml;
        let p4 = p3 + c / lamr;
        Btpe {
            r,
            q,
            m,
            p1,
            xm,
            xl,
            xr,
            c,
            laml,
            lamr,
            p2,
            p3,
            p4,
        }
    }
}

/// How the inversion sampler computes q^n: `exp(n log1p(-p))` now, `exp(n log(q))` in the
/// legacy code.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BinomialKind {
    /// NumPy's current `random_binomial`.
    Generator,
    /// `legacy_random_binomial` (also without the n = 0 / p = 0 shortcut).
    Legacy,
}

/// Binomial(n, p): inversion when the smaller tail mean is at most 30, BTPE otherwise.
pub fn binomial<B: BitGenerator + ?Sized>(
    g: &mut B,
    p: f64,
    n: i64,
    cache: &mut BinomialCache,
    kind: BinomialKind,
) -> i64 {
    if kind == BinomialKind::Generator && (n == 0 || p == 0.0) {
        return 0;
    }
    if p <= 0.5 {
        if p * n as f64 <= 30.0 {
            binomial_inversion(g, n, p, cache, kind)
        } else {
            binomial_btpe(g, n, p, cache)
        }
    } else {
        let q = 1.0 - p;
        if q * n as f64 <= 30.0 {
            n - binomial_inversion(g, n, q, cache, kind)
        } else {
            n - binomial_btpe(g, n, q, cache)
        }
    }
}

fn binomial_inversion<B: BitGenerator + ?Sized>(
    g: &mut B,
    n: i64,
    p: f64,
    cache: &mut BinomialCache,
    kind: BinomialKind,
) -> i64 {
    let Inversion { q, qn, bound } =
        cached(&mut cache.inversion, n, p, || Inversion::new(n, p, kind));
    let mut x = 0;
    let mut px = qn;
    let mut u = g.next_f64();
    while u > px {
        x += 1;
        if x > bound {
            x = 0;
            px = qn;
            u = g.next_f64();
        } else {
            u -= px;
            px = ((n - x + 1) as f64 * p * px) / (x as f64 * q);
        }
    }
    x
}

/// Stirling's series correction of BTPE step 5.3, with NumPy's constants (13680, all four
/// terms added).
#[inline]
fn stirling_term(v: f64, v2: f64) -> f64 {
    (13680. - (462. - (132. - (99. - 140. / v2) / v2) / v2) / v2) / v / 166320.
}

/// Kachitvichyanukul and Schmeiser's BTPE, step for step as NumPy's `random_binomial_btpe`.
fn binomial_btpe<B: BitGenerator + ?Sized>(
    g: &mut B,
    n: i64,
    p: f64,
    cache: &mut BinomialCache,
) -> i64 {
    let Btpe {
        r,
        q,
        m,
        p1,
        xm,
        xl,
        xr,
        c,
        laml,
        lamr,
        p2,
        p3,
        p4,
    } = cached(&mut cache.btpe, n, p, || Btpe::new(n, p));
    let nf = n as f64;
    let y = 'draw: loop {
        let nrq = nf * r * q;
        let u = g.next_f64() * p4;
        let mut v = g.next_f64();
        // Step 1: the triangular region accepts at once.
        if u <= p1 {
            break 'draw c_f64_to_i64((xm - p1 * v + u).floor());
        }
        let y;
        if u <= p2 {
            // Step 2: the parallelograms.
            let x = xl + (u - p1) / c;
            v = v * c + 1.0 - (m as f64 - x + 0.5).abs() / p1;
            if v > 1.0 {
                continue;
            }
            y = c_f64_to_i64(x.floor());
        } else if u <= p3 {
            // Step 3: the left exponential tail.
            y = c_f64_to_i64((xl + v.ln() / laml).floor());
            if y < 0 || v == 0.0 {
                continue;
            }
            v = v * (u - p2) * laml;
        } else {
            // Step 4: the right exponential tail.
            y = c_f64_to_i64((xr - v.ln() / lamr).floor());
            if y > n || v == 0.0 {
                continue;
            }
            v = v * (u - p3) * lamr;
        }
        // Step 5: acceptance, by explicit evaluation near the mode...
        let k = (y - m).abs();
        if !(k > 20 && (k as f64) < nrq / 2.0 - 1.0) {
            let s = r / q;
            let a = s * (nf + 1.0);
            let mut f = 1.0;
            if m < y {
                for i in (m + 1)..=y {
                    f *= a / i as f64 - s;
                }
            } else if m > y {
                for i in (y + 1)..=m {
                    f /= a / i as f64 - s;
                }
            }
            if v > f {
                continue;
            }
            break 'draw y;
        }
        // ... or by squeezing and Stirling's formula.
        let kf = k as f64;
        let rho = (kf / nrq) * ((kf * (kf / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5);
        let t = -kf * kf / (2.0 * nrq);
        let a = v.ln();
        if a < t - rho {
            break 'draw y;
        }
        if a > t + rho {
            continue;
        }
        let x1 = y as f64 + 1.0;
        let f1 = m as f64 + 1.0;
        let z = nf + 1.0 - m as f64;
        let w = nf - y as f64 + 1.0;
        let bound = xm * (f1 / x1).ln()
            + ((n - m) as f64 + 0.5) * (z / w).ln()
            + (y - m) as f64 * (w * r / (x1 * q)).ln()
            + stirling_term(f1, f1 * f1)
            + stirling_term(z, z * z)
            + stirling_term(x1, x1 * x1)
            + stirling_term(w, w * w);
        if a > bound {
            continue;
        }
        break 'draw y;
    };
    if p > 0.5 {
        n - y
    } else {
        y
    }
}

/// Where both APIs switch the geometric from inversion to search (NumPy writes
/// 0.333333333333333333333333, the same double).
const ONE_THIRD: f64 = 1.0 / 3.0;

/// Geometric by search of the cumulative sum (used for p >= 1/3 by both APIs).
pub fn geometric_search<B: BitGenerator + ?Sized>(g: &mut B, p: f64) -> i64 {
    let mut x = 1;
    let mut sum = p;
    let mut prod = p;
    let q = 1.0 - p;
    let u = g.next_f64();
    while u > sum {
        prod *= q;
        sum += prod;
        x += 1;
    }
    x
}

/// The `Generator`'s geometric: search for p >= 1/3, else inversion of an exponential.
pub fn geometric<B: BitGenerator + ?Sized>(g: &mut B, p: f64) -> i64 {
    if p >= ONE_THIRD {
        return geometric_search(g, p);
    }
    let z = (-g.exponential() / (-p).ln_1p()).ceil();
    // 9.223372036854776e18 is the first double above i64::MAX.
    if z >= 9_223_372_036_854_775_808.0 {
        i64::MAX
    } else {
        c_f64_to_i64(z)
    }
}

/// `RandomState`'s geometric: search for p >= 1/3, else `ceil(log1p(-U) / log(1 - p))`.
pub fn legacy_geometric<B: BitGenerator + ?Sized>(g: &mut B, p: f64) -> i64 {
    if p >= ONE_THIRD {
        return geometric_search(g, p);
    }
    c_f64_to_i64(((-g.next_f64()).ln_1p() / (1.0 - p).ln()).ceil())
}

/// Zipf by rejection (Devroye), as the `Generator` samples it: U from (Umin, 1].
pub fn zipf<B: BitGenerator + ?Sized>(g: &mut B, a: f64) -> i64 {
    if a >= 1025.0 {
        // b would overflow; values above 1 then have probability below 3e-309.
        return 1;
    }
    let am1 = a - 1.0;
    let b = pow_of_constant(2.0, am1);
    let umin = pow_of_constant(i64::MAX as f64, -am1);
    loop {
        let u01 = g.next_f64();
        let u = u01 * umin + (1.0 - u01);
        let v = g.next_f64();
        if let Some(x) = zipf_accept(u, v, am1, b) {
            return x;
        }
    }
}

/// `RandomState`'s Zipf: U = 1 - U01.
pub fn legacy_zipf<B: BitGenerator + ?Sized>(g: &mut B, a: f64) -> i64 {
    let am1 = a - 1.0;
    let b = pow_of_constant(2.0, am1);
    loop {
        let u = 1.0 - g.next_f64();
        let v = g.next_f64();
        if let Some(x) = zipf_accept(u, v, am1, b) {
            return x;
        }
    }
}

/// `base^x` by the C library's `pow`, as NumPy computes it. LLVM may rewrite `pow` of a
/// constant power of two as `exp2`, whose last bit can differ; hiding the base keeps `pow`.
#[inline]
fn pow_of_constant(base: f64, x: f64) -> f64 {
    std::hint::black_box(base).powf(x)
}

#[inline]
fn zipf_accept(u: f64, v: f64, am1: f64, b: f64) -> Option<i64> {
    let x = u.powf(-1.0 / am1).floor();
    // Values beyond i64 are rejected: the distribution is truncated there.
    if x > i64::MAX as f64 || x < 1.0 {
        return None;
    }
    let t = (1.0 + 1.0 / x).powf(am1);
    (v * x * (t - 1.0) / (b - 1.0) <= t / b).then(|| c_f64_to_i64(x))
}

/// Logarithmic series (Kemp's second accelerated generator). `legacy` selects
/// `RandomState`'s `log(1 - p)` and `1 - exp(r U)` over `log1p(-p)` and `-expm1(r U)`.
pub fn logseries<B: BitGenerator + ?Sized>(g: &mut B, p: f64, legacy: bool) -> i64 {
    let r = if legacy { (1.0 - p).ln() } else { (-p).ln_1p() };
    loop {
        let v = g.next_f64();
        if v >= p {
            return 1;
        }
        let u = g.next_f64();
        let q = if legacy {
            1.0 - (r * u).exp()
        } else {
            -(r * u).exp_m1()
        };
        if v <= q * q {
            let result = c_f64_to_i64((1.0 + v.ln() / q.ln()).floor());
            if result < 1 || v == 0.0 {
                continue;
            }
            return result;
        }
        return if v >= q { 1 } else { 2 };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loggam_is_zero_at_one_and_two_and_log_factorial_elsewhere() {
        assert_eq!(loggam(1.0), 0.0);
        assert_eq!(loggam(2.0), 0.0);
        assert!((loggam(5.0) - 24f64.ln()).abs() < 1e-14);
        assert!((loggam(20.0) - 121645100408832000f64.ln()).abs() < 1e-12);
    }

    #[test]
    fn saturating_cases_follow_c_on_x86() {
        assert_eq!(c_f64_to_i64(f64::NAN), i64::MIN);
        assert_eq!(c_f64_to_i64(1e300), i64::MIN);
        assert_eq!(c_f64_to_i64(-3.7), -3);
    }
}
