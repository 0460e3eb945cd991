//! The Euclidean norm as OpenBLAS's x86-64 `dnrm2` rounds it, on the x87 FPU's
//! 64-bit mantissa, emulated with integer arithmetic.

/// Euclidean norm, rounded exactly like OpenBLAS's x86-64 `dnrm2`.
///
/// That kernel squares and sums on the x87 FPU in 64-bit-mantissa extended
/// precision (four accumulators for blocks of eight, the rest into the first
/// one), takes the square root in extended precision and rounds the result
/// to `f64`. The norm decides the first digits of every reflector, so it is
/// emulated exactly with integer arithmetic ([`Ext`]).
pub(super) fn norm2(x: &[f64]) -> f64 {
    let mut acc = [Ext::ZERO; 4];
    let blocks = x.len() / 8 * 8;
    for (i, &v) in x[..blocks].iter().enumerate() {
        acc[i % 4] = acc[i % 4].add(Ext::square(v));
    }
    for &v in &x[blocks..] {
        acc[0] = acc[0].add(Ext::square(v));
    }
    acc[2].add(acc[0]).add(acc[1]).add(acc[3]).sqrt().to_f64()
}

/// Non-negative x87 extended-precision number `mant * 2^exp`, with `mant`
/// either zero or normalised to exactly 64 significant bits.
#[derive(Clone, Copy, Debug)]
struct Ext {
    mant: u128,
    exp: i32,
}

impl Ext {
    const ZERO: Ext = Ext { mant: 0, exp: 0 };

    /// Rounds `mant * 2^exp` (plus a nonzero amount below the last bit of
    /// `mant` if `sticky`) to `bits` significant bits, ties to even, and
    /// returns it normalised to exactly `bits` bits.
    fn round(mant: u128, exp: i32, sticky: bool, bits: u32) -> Ext {
        if mant == 0 {
            return Ext::ZERO;
        }
        let len = 128 - mant.leading_zeros();
        if len <= bits {
            let up = bits - len;
            return Ext {
                mant: mant << up,
                exp: exp - up as i32,
            };
        }
        let shift = len - bits;
        let mut kept = mant >> shift;
        let rem = mant & ((1u128 << shift) - 1);
        let half = 1u128 << (shift - 1);
        if rem > half || (rem == half && (sticky || kept & 1 == 1)) {
            kept += 1;
        }
        let mut exp = exp + shift as i32;
        if kept >> bits != 0 {
            kept >>= 1;
            exp += 1;
        }
        Ext { mant: kept, exp }
    }

    /// `v * v` rounded to extended precision.
    fn square(v: f64) -> Ext {
        if v == 0.0 {
            return Ext::ZERO;
        }
        let bits = v.abs().to_bits();
        let field = (bits >> 52) as i32;
        let frac = u128::from(bits & ((1u64 << 52) - 1));
        let (m, e) = if field == 0 {
            (frac, -1074)
        } else {
            (frac | (1u128 << 52), field - 1075)
        };
        Ext::round(m * m, 2 * e, false, 64)
    }

    /// `self + other` rounded to extended precision.
    fn add(self, other: Ext) -> Ext {
        if self.mant == 0 {
            return other;
        }
        if other.mant == 0 {
            return self;
        }
        let (hi, lo) = if self.exp >= other.exp {
            (self, other)
        } else {
            (other, self)
        };
        let gap = (hi.exp - lo.exp) as u32;
        if gap < 64 {
            Ext::round((hi.mant << gap) + lo.mant, lo.exp, false, 64)
        } else {
            let drop = gap - 64;
            let (part, sticky) = if drop >= 128 {
                (0, true)
            } else {
                (lo.mant >> drop, lo.mant & ((1u128 << drop) - 1) != 0)
            };
            Ext::round((hi.mant << 64) + part, hi.exp - 64, sticky, 64)
        }
    }

    /// Square root rounded to extended precision.
    fn sqrt(self) -> Ext {
        if self.mant == 0 {
            return Ext::ZERO;
        }
        let (mut mant, mut exp) = (self.mant, self.exp);
        if exp % 2 != 0 {
            mant <<= 1;
            exp -= 1;
        }
        // Scale to 127 or 128 bits (by an even amount) so the root has 64.
        let len = 128 - mant.leading_zeros();
        let shift = (128 - len) & !1;
        let n = mant << shift;
        let exp = (exp - shift as i32) / 2;
        let mut r = ((n as f64).sqrt() as u128).min(u128::from(u64::MAX));
        while r * r > n {
            r -= 1;
        }
        while r < u128::from(u64::MAX) && (r + 1) * (r + 1) <= n {
            r += 1;
        }
        // Round to nearest: up iff n > (r + 1/2)^2, i.e. n - r^2 > r
        // (an exact tie is impossible for an integer n).
        let up = n - r * r > r;
        Ext::round(r + u128::from(up), exp, false, 64)
    }

    /// Rounds to the nearest `f64` (results here are always in normal range).
    fn to_f64(self) -> f64 {
        if self.mant == 0 {
            return 0.0;
        }
        let r = Ext::round(self.mant, self.exp, false, 53);
        let mut value = r.mant as f64;
        let mut e = r.exp;
        while e > 0 {
            let step = e.min(1000);
            value *= 2f64.powi(step);
            e -= step;
        }
        while e < 0 {
            let step = e.max(-1000);
            value *= 2f64.powi(step);
            e -= step;
        }
        value
    }
}
