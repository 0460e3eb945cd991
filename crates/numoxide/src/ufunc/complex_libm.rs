//! Complex math functions from the C library, which is what NumPy calls for them on Linux:
//! computing them any other way (num-complex's formulas, or in double precision for
//! complex64) gives different last bits.

use crate::element::{c128, c64};

mod ffi {
    use crate::element::{c128, c64};
    // `double complex` and `float complex` have the layout and calling convention of a
    // `#[repr(C)]` pair, which num-complex's `Complex` is.
    extern "C" {
        pub fn csqrt(z: c128) -> c128;
        pub fn csqrtf(z: c64) -> c64;
        pub fn cexp(z: c128) -> c128;
        pub fn cexpf(z: c64) -> c64;
        pub fn clog(z: c128) -> c128;
        pub fn clogf(z: c64) -> c64;
        pub fn csin(z: c128) -> c128;
        pub fn csinf(z: c64) -> c64;
        pub fn ccos(z: c128) -> c128;
        pub fn ccosf(z: c64) -> c64;
        pub fn ctan(z: c128) -> c128;
        pub fn ctanf(z: c64) -> c64;
        pub fn casin(z: c128) -> c128;
        pub fn casinf(z: c64) -> c64;
        pub fn cacos(z: c128) -> c128;
        pub fn cacosf(z: c64) -> c64;
        pub fn catan(z: c128) -> c128;
        pub fn catanf(z: c64) -> c64;
        pub fn csinh(z: c128) -> c128;
        pub fn csinhf(z: c64) -> c64;
        pub fn ccosh(z: c128) -> c128;
        pub fn ccoshf(z: c64) -> c64;
        pub fn ctanh(z: c128) -> c128;
        pub fn ctanhf(z: c64) -> c64;
        pub fn casinh(z: c128) -> c128;
        pub fn casinhf(z: c64) -> c64;
        pub fn cacosh(z: c128) -> c128;
        pub fn cacoshf(z: c64) -> c64;
        pub fn catanh(z: c128) -> c128;
        pub fn catanhf(z: c64) -> c64;
    }
}

/// The float math functions that also take complex numbers.
pub trait ComplexMath: Copy {
    fn sqrt(self) -> Self;
    fn exp(self) -> Self;
    fn ln(self) -> Self;
    fn sin(self) -> Self;
    fn cos(self) -> Self;
    fn tan(self) -> Self;
    fn asin(self) -> Self;
    fn acos(self) -> Self;
    fn atan(self) -> Self;
    fn sinh(self) -> Self;
    fn cosh(self) -> Self;
    fn tanh(self) -> Self;
    fn asinh(self) -> Self;
    fn acosh(self) -> Self;
    fn atanh(self) -> Self;
    /// NumPy's `exp(z * ln 2)`.
    fn exp2(self) -> Self;
    /// NumPy's `log(z) * log2(e)`.
    fn log2(self) -> Self;
    /// NumPy's `log(z) * log10(e)`.
    fn log10(self) -> Self;
}

macro_rules! impl_complex_math {
    ($t:ty, $real:ty, [$($m:ident => $f:ident),*]) => {
        impl ComplexMath for $t {
            $(
                #[inline]
                fn $m(self) -> Self {
                    // SAFETY: a pure C function of one complex value; no pointers involved.
                    unsafe { ffi::$f(self) }
                }
            )*
            fn exp2(self) -> Self {
                (self * std::f64::consts::LN_2 as $real).exp()
            }
            fn log2(self) -> Self {
                self.ln() * std::f64::consts::LOG2_E as $real
            }
            fn log10(self) -> Self {
                self.ln() * std::f64::consts::LOG10_E as $real
            }
        }
    };
}

impl_complex_math!(c128, f64, [
    sqrt => csqrt, exp => cexp, ln => clog, sin => csin, cos => ccos, tan => ctan,
    asin => casin, acos => cacos, atan => catan, sinh => csinh, cosh => ccosh, tanh => ctanh,
    asinh => casinh, acosh => cacosh, atanh => catanh
]);

impl_complex_math!(c64, f32, [
    sqrt => csqrtf, exp => cexpf, ln => clogf, sin => csinf, cos => ccosf, tan => ctanf,
    asin => casinf, acos => cacosf, atan => catanf, sinh => csinhf, cosh => ccoshf,
    tanh => ctanhf, asinh => casinhf, acosh => cacoshf, atanh => catanhf
]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_precision_sqrt_is_the_c_librarys() {
        // glibc's csqrtf(1+1j), as NumPy returns it; rounding the double result differs.
        let r = ComplexMath::sqrt(c64::new(1.0, 1.0));
        assert_eq!((r.re.to_bits(), r.im.to_bits()), (0x3f8ca1af, 0x3ee90189));
    }
}
