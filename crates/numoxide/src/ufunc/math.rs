//! What each ufunc does to one element (or one pair), per element type, with NumPy's rules:
//! integer wrap-around, Python's sign rules for `//` and `%`, Smith's complex division,
//! float16 computed in float32 and rounded once.

use crate::element::{c128, c64, Element};
use half::f16;

/// + - * and negation, for every dtype (bool: or, xor, and).
pub trait Arith: Element {
    fn add(self, o: Self) -> Self;
    fn sub(self, o: Self) -> Self;
    fn mul(self, o: Self) -> Self;
    fn neg(self) -> Self;
    /// The product as NumPy's accumulate loop computes it: for complex numbers the plain
    /// formula, where the elementwise loop fuses a product into each part.
    fn mul_unfused(self, o: Self) -> Self {
        self.mul(o)
    }
}

/// True division, for the inexact dtypes (integers are divided as float64).
pub trait TrueDiv: Element {
    fn div(self, o: Self) -> Self;
}

/// Floor division and remainder with Python's sign rules, for integers and floats.
pub trait FloorDiv: Element {
    /// Integer division by zero is 0; `MIN // -1` wraps. Floats follow `npy_divmod`.
    fn floor_div(self, o: Self) -> Self;
    fn rem(self, o: Self) -> Self;
}

/// `**`; integer powers are exact (wrapping), negative integer exponents are refused earlier.
pub trait Pow: Element {
    fn pow(self, o: Self) -> Self;
}

/// Ordering for comparisons and maximum/minimum; complex numbers order lexicographically.
pub trait Order: Element {
    fn lt(self, o: Self) -> bool;
    fn le(self, o: Self) -> bool;
    fn is_nan(self) -> bool;
    /// Whether NumPy's loop raises "invalid" ordering `self` against `o` (`<`, `<=`): its
    /// complex loops compare parts with C's signalling `<`, which a NaN part trips when the
    /// comparison reaches it; real loops compare quietly.
    fn ordering_is_invalid(self, _o: Self) -> bool {
        false
    }
    /// NaN propagates; among equals the second argument wins, as NumPy's loops do. (A NaN
    /// `o` fails every comparison, so it wins unless `self` is NaN; the non-short-circuit `|`
    /// keeps this a branch-free select that vectorizes.)
    #[inline(always)]
    fn maximum(self, o: Self) -> Self {
        if self.is_nan() | o.lt(self) {
            self
        } else {
            o
        }
    }
    #[inline(always)]
    fn minimum(self, o: Self) -> Self {
        if self.is_nan() | self.lt(o) {
            self
        } else {
            o
        }
    }
}

/// Bitwise operations on bool and the integers.
pub trait Bitwise: Element {
    fn and(self, o: Self) -> Self;
    fn or(self, o: Self) -> Self;
    fn xor(self, o: Self) -> Self;
    fn not(self) -> Self;
}

/// Shifts on the integers: a shift by the width or more gives 0 (or -1 for a negative value
/// shifted right), as NumPy defines it.
pub trait Shift: Element {
    fn shl(self, o: Self) -> Self;
    fn shr(self, o: Self) -> Self;
}

macro_rules! impl_integer_math {
    ($($t:ty),*) => {$(
        impl Arith for $t {
            #[inline(always)] fn add(self, o: Self) -> Self { self.wrapping_add(o) }
            #[inline(always)] fn sub(self, o: Self) -> Self { self.wrapping_sub(o) }
            #[inline(always)] fn mul(self, o: Self) -> Self { self.wrapping_mul(o) }
            #[inline(always)] fn neg(self) -> Self { self.wrapping_neg() }
        }
        impl FloorDiv for $t {
            #[inline(always)]
            fn floor_div(self, o: Self) -> Self {
                if o == 0 {
                    return 0;
                }
                let q = self.wrapping_div(o);
                #[allow(unused_comparisons)]
                if self.wrapping_rem(o) != 0 && ((self < 0) != (o < 0)) { q - 1 } else { q }
            }
            #[inline(always)]
            fn rem(self, o: Self) -> Self {
                if o == 0 {
                    return 0;
                }
                let r = self.wrapping_rem(o);
                #[allow(unused_comparisons)]
                if r != 0 && ((r < 0) != (o < 0)) { r.wrapping_add(o) } else { r }
            }
        }
        impl Pow for $t {
            fn pow(self, o: Self) -> Self {
                let (mut base, mut exp, mut acc) = (self, o as u64, 1 as $t);
                while exp > 0 {
                    if exp & 1 == 1 {
                        acc = acc.wrapping_mul(base);
                    }
                    base = base.wrapping_mul(base);
                    exp >>= 1;
                }
                acc
            }
        }
        impl Order for $t {
            #[inline(always)] fn lt(self, o: Self) -> bool { self < o }
            #[inline(always)] fn le(self, o: Self) -> bool { self <= o }
            #[inline(always)] fn is_nan(self) -> bool { false }
            #[inline(always)] fn maximum(self, o: Self) -> Self { if o > self { o } else { self } }
            #[inline(always)] fn minimum(self, o: Self) -> Self { if o < self { o } else { self } }
        }
        impl Bitwise for $t {
            #[inline(always)] fn and(self, o: Self) -> Self { self & o }
            #[inline(always)] fn or(self, o: Self) -> Self { self | o }
            #[inline(always)] fn xor(self, o: Self) -> Self { self ^ o }
            #[inline(always)] fn not(self) -> Self { !self }
        }
        impl Shift for $t {
            #[inline(always)]
            fn shl(self, o: Self) -> Self {
                let bits = <$t>::BITS as u64;
                if (o as u64) < bits { self << (o as u32) } else { 0 }
            }
            #[inline(always)]
            fn shr(self, o: Self) -> Self {
                let bits = <$t>::BITS as u64;
                #[allow(unused_comparisons)]
                if (o as u64) < bits { self >> (o as u32) } else if self < 0 { !0 } else { 0 }
            }
        }
    )*};
}

impl_integer_math!(i8, i16, i32, i64, u8, u16, u32, u64);

impl Arith for bool {
    fn add(self, o: Self) -> Self {
        self | o
    }
    fn sub(self, o: Self) -> Self {
        self ^ o
    }
    fn mul(self, o: Self) -> Self {
        self & o
    }
    fn neg(self) -> Self {
        !self
    }
}

impl Order for bool {
    fn lt(self, o: Self) -> bool {
        !self & o
    }
    fn le(self, o: Self) -> bool {
        self <= o
    }
    fn is_nan(self) -> bool {
        false
    }
}

impl Bitwise for bool {
    fn and(self, o: Self) -> Self {
        self & o
    }
    fn or(self, o: Self) -> Self {
        self | o
    }
    fn xor(self, o: Self) -> Self {
        self ^ o
    }
    fn not(self) -> Self {
        !self
    }
}

/// NumPy's `npy_divmod` in each float precision: the floor quotient and the remainder
/// with the divisor's sign.
macro_rules! float_divmod {
    ($($name:ident: $t:ty),*) => {$(
        fn $name(a: $t, b: $t) -> ($t, $t) {
            let mut m = a % b;
            if b == 0.0 {
                return (a / b, m);
            }
            let mut div = (a - m) / b;
            if m != 0.0 {
                if (b < 0.0) != (m < 0.0) {
                    m += b;
                    div -= 1.0;
                }
            } else {
                m = (0.0 as $t).copysign(b);
            }
            let q = if div != 0.0 {
                let f = div.floor();
                if div - f > 0.5 { f + 1.0 } else { f }
            } else {
                (0.0 as $t).copysign(a / b)
            };
            (q, m)
        }
    )*};
}

float_divmod!(float_divmod: f64, float_divmod_f32: f32);

macro_rules! impl_native_float_math {
    ($($t:ty => $divmod:ident),*) => {$(
        impl Arith for $t {
            #[inline(always)] fn add(self, o: Self) -> Self { self + o }
            #[inline(always)] fn sub(self, o: Self) -> Self { self - o }
            #[inline(always)] fn mul(self, o: Self) -> Self { self * o }
            #[inline(always)] fn neg(self) -> Self { -self }
        }
        impl TrueDiv for $t {
            #[inline(always)] fn div(self, o: Self) -> Self { self / o }
        }
        impl FloorDiv for $t {
            fn floor_div(self, o: Self) -> Self { $divmod(self, o).0 }
            fn rem(self, o: Self) -> Self {
                if o == 0.0 { self % o } else { $divmod(self, o).1 }
            }
        }
        impl Pow for $t {
            fn pow(self, o: Self) -> Self { self.powf(o) }
        }
        impl Order for $t {
            #[inline(always)] fn lt(self, o: Self) -> bool { self < o }
            #[inline(always)] fn le(self, o: Self) -> bool { self <= o }
            #[inline(always)] fn is_nan(self) -> bool { self.is_nan() }
        }
    )*};
}

impl_native_float_math!(f64 => float_divmod, f32 => float_divmod_f32);

/// float16 arithmetic: compute in float32, round once to float16, as NumPy does.
fn via_f32(a: f16, b: f16, f: impl Fn(f32, f32) -> f32) -> f16 {
    f16::from_f32(f(a.to_f32(), b.to_f32()))
}

impl Arith for f16 {
    fn add(self, o: Self) -> Self {
        via_f32(self, o, |a, b| a + b)
    }
    fn sub(self, o: Self) -> Self {
        via_f32(self, o, |a, b| a - b)
    }
    fn mul(self, o: Self) -> Self {
        via_f32(self, o, |a, b| a * b)
    }
    fn neg(self) -> Self {
        -self
    }
}

impl TrueDiv for f16 {
    fn div(self, o: Self) -> Self {
        via_f32(self, o, |a, b| a / b)
    }
}

impl FloorDiv for f16 {
    fn floor_div(self, o: Self) -> Self {
        via_f32(self, o, |a, b| a.floor_div(b))
    }
    fn rem(self, o: Self) -> Self {
        via_f32(self, o, |a, b| a.rem(b))
    }
}

impl Pow for f16 {
    fn pow(self, o: Self) -> Self {
        via_f32(self, o, f32::powf)
    }
}

impl Order for f16 {
    fn lt(self, o: Self) -> bool {
        self < o
    }
    fn le(self, o: Self) -> bool {
        self <= o
    }
    fn is_nan(self) -> bool {
        self.is_nan()
    }
}

macro_rules! impl_complex_math {
    ($($t:ty => $f:ty),*) => {$(
        impl Arith for $t {
            #[inline(always)] fn add(self, o: Self) -> Self { self + o }
            #[inline(always)] fn sub(self, o: Self) -> Self { self - o }
            /// NumPy's array loops fuse one product into each part: re = fma(ar, br, -ai*bi),
            /// im = fma(ar, bi, ai*br); the results differ from the plain formula in the last bit.
            #[inline(always)]
            fn mul(self, o: Self) -> Self {
                <$t>::new(
                    self.re.mul_add(o.re, -(self.im * o.im)),
                    self.re.mul_add(o.im, self.im * o.re),
                )
            }
            #[inline(always)] fn neg(self) -> Self { -self }
            #[inline(always)] fn mul_unfused(self, o: Self) -> Self { self * o }
        }
        impl TrueDiv for $t {
            /// Smith's algorithm, which avoids needless overflow (NumPy divides this way).
            fn div(self, o: Self) -> Self {
                let (ar, ai, br, bi) = (self.re, self.im, o.re, o.im);
                if br.abs() >= bi.abs() {
                    if br == 0.0 && bi == 0.0 {
                        return <$t>::new(ar / br.abs(), ai / br.abs());
                    }
                    let rat = bi / br;
                    let scl = 1.0 / (br + bi * rat);
                    <$t>::new((ar + ai * rat) * scl, (ai - ar * rat) * scl)
                } else {
                    let rat = br / bi;
                    let scl = 1.0 / (bi + br * rat);
                    <$t>::new((ar * rat + ai) * scl, (ai * rat - ar) * scl)
                }
            }
        }
        impl Pow for $t {
            fn pow(self, o: Self) -> Self {
                if o.im == 0.0 && o.re == o.re.trunc() && o.re.abs() < 100.0 {
                    // Small integer powers by repeated multiplication, as NumPy does.
                    let n = o.re as i32;
                    let mut acc = <$t>::new(1.0, 0.0);
                    let mut base = self;
                    let mut k = n.unsigned_abs();
                    while k > 0 {
                        if k & 1 == 1 {
                            acc *= base;
                        }
                        base = base * base;
                        k >>= 1;
                    }
                    return if n < 0 { <$t>::new(1.0, 0.0).div(acc) } else { acc };
                }
                if self.re == 0.0 && self.im == 0.0 {
                    return <$t>::new(0.0, 0.0);
                }
                (self.ln() * o).exp()
            }
        }
        impl Order for $t {
            // As NumPy orders: a NaN imaginary part decides against the real parts' order.
            fn lt(self, o: Self) -> bool {
                (self.re < o.re && !self.im.is_nan() && !o.im.is_nan()) || (self.re == o.re && self.im < o.im)
            }
            fn le(self, o: Self) -> bool {
                (self.re < o.re && !self.im.is_nan() && !o.im.is_nan()) || (self.re == o.re && self.im <= o.im)
            }
            fn is_nan(self) -> bool { self.re.is_nan() || self.im.is_nan() }
            fn ordering_is_invalid(self, o: Self) -> bool {
                self.re.is_nan() || o.re.is_nan() || (self.re == o.re && (self.im.is_nan() || o.im.is_nan()))
            }
        }
    )*};
}

impl_complex_math!(c64 => f32, c128 => f64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_floor_division_follows_python() {
        assert_eq!((-7i64).floor_div(2), -4);
        assert_eq!((-7i64).rem(2), 1);
        assert_eq!(7i64.rem(-2), -1);
        assert_eq!(5i64.floor_div(0), 0);
        assert_eq!(i8::MIN.floor_div(-1), i8::MIN);
        assert_eq!(250u8.floor_div(7), 35);
    }

    #[test]
    fn float_floor_division_and_remainder() {
        assert_eq!((-7.0f64).floor_div(2.0), -4.0);
        assert_eq!((-7.5f64).rem(2.0), 0.5);
        assert_eq!(1.0f64.floor_div(0.0), f64::INFINITY);
        assert!(1.0f64.rem(0.0).is_nan());
        assert!(0.0f64.rem(-3.0).is_sign_negative());
    }

    #[test]
    fn integer_power_wraps_and_shifts_saturate() {
        assert_eq!(Pow::pow(2i64, 63), i64::MIN);
        assert_eq!(Pow::pow(3u8, 5), 243);
        assert_eq!(1i64.shl(64), 0);
        assert_eq!((-8i64).shr(1), -4);
        assert_eq!((-8i64).shr(100), -1);
        assert_eq!(1i8.shl(7), -128);
    }

    #[test]
    fn maximum_propagates_nan_and_prefers_the_second_of_equals() {
        assert!(Order::maximum(f64::NAN, 1.0).is_nan());
        assert!(Order::maximum(1.0f64, f64::NAN).is_nan());
        assert!(Order::maximum(0.0f64, -0.0).is_sign_negative());
        assert_eq!(
            c128::new(1.0, 2.0).maximum(c128::new(1.0, 3.0)),
            c128::new(1.0, 3.0)
        );
    }

    #[test]
    fn complex_division_is_smiths() {
        let q = c128::new(1.0, 2.0).div(c128::new(3.0, -4.0));
        assert_eq!(q, c128::new(-0.2, 0.4));
    }
}
