//! Rust element types behind each dtype, C's conversion rules between them, and the macros
//! that turn a runtime dtype into a generic type parameter once per call.

use crate::dtype::DType;
use crate::scalar::Scalar;
use half::f16;
use num_complex::Complex;
use std::fmt::Debug;

/// complex64: two f32.
#[allow(non_camel_case_types)]
pub type c64 = Complex<f32>;
/// complex128: two f64.
#[allow(non_camel_case_types)]
pub type c128 = Complex<f64>;

/// A Rust type that stores one element of a dtype.
///
/// The `from_*` constructors follow NumPy's C casts on x86-64: integers wrap, floats truncate
/// toward zero, and a float outside the target's range gives what the hardware gives
/// (`i64::MIN` for int64), never Rust's saturation.
pub trait Element: Copy + Send + Sync + PartialEq + Default + Debug + 'static {
    const DTYPE: DType;
    fn from_bool(v: bool) -> Self;
    fn from_i64(v: i64) -> Self;
    fn from_u64(v: u64) -> Self;
    fn from_f64(v: f64) -> Self;
    fn from_c128(v: c128) -> Self;
    /// This value converted to `U` by NumPy's unsafe cast.
    fn cast<U: Element>(self) -> U;
    /// The value as a dtype-tagged scalar.
    fn into_scalar(self) -> Scalar;
    /// True unless the value is an infinity or NaN (always true for integers and bool).
    fn is_finite(self) -> bool {
        true
    }
}

/// x86's `cvttsd2si` with a 64-bit result: out of range and NaN give `i64::MIN`.
fn f64_to_i64_x86(x: f64) -> i64 {
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&x) {
        x as i64
    } else {
        i64::MIN
    }
}

/// x86's `cvttsd2si` with a 32-bit result, used by C for every target narrower than 32 bits.
fn f64_to_i32_x86(x: f64) -> i32 {
    if (-2_147_483_648.0..2_147_483_648.0).contains(&x) {
        x as i32
    } else {
        i32::MIN
    }
}

/// gcc's double -> uint64 sequence: values from 2**63 up subtract 2**63 and set the top bit.
fn f64_to_u64_x86(x: f64) -> u64 {
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if x < TWO_63 {
        f64_to_i64_x86(x) as u64
    } else {
        (f64_to_i64_x86(x - TWO_63) as u64) ^ (1 << 63)
    }
}

macro_rules! impl_integer_element {
    ($($t:ty => $dt:ident, $from_float:expr);* $(;)?) => {$(
        impl Element for $t {
            const DTYPE: DType = DType::$dt;
            fn from_bool(v: bool) -> Self { v as $t }
            fn from_i64(v: i64) -> Self { v as $t }
            fn from_u64(v: u64) -> Self { v as $t }
            fn from_f64(v: f64) -> Self { ($from_float)(v) as $t }
            fn from_c128(v: c128) -> Self { Self::from_f64(v.re) }
            fn into_scalar(self) -> Scalar { Scalar::$dt(self) }
            #[inline(always)]
            fn cast<U: Element>(self) -> U {
                #[allow(unused_comparisons)]
                if <$t>::MIN < 0 { U::from_i64(self as i64) } else { U::from_u64(self as u64) }
            }
        }
    )*};
}

impl_integer_element! {
    i8 => Int8, f64_to_i32_x86;
    i16 => Int16, f64_to_i32_x86;
    i32 => Int32, f64_to_i32_x86;
    i64 => Int64, f64_to_i64_x86;
    u8 => UInt8, f64_to_i32_x86;
    u16 => UInt16, f64_to_i32_x86;
    u32 => UInt32, f64_to_i64_x86;
    u64 => UInt64, f64_to_u64_x86;
}

impl Element for bool {
    const DTYPE: DType = DType::Bool;
    fn from_bool(v: bool) -> Self {
        v
    }
    fn from_i64(v: i64) -> Self {
        v != 0
    }
    fn from_u64(v: u64) -> Self {
        v != 0
    }
    fn from_f64(v: f64) -> Self {
        v != 0.0
    }
    fn from_c128(v: c128) -> Self {
        v.re != 0.0 || v.im != 0.0
    }
    fn into_scalar(self) -> Scalar {
        Scalar::Bool(self)
    }
    #[inline(always)]
    fn cast<U: Element>(self) -> U {
        U::from_bool(self)
    }
}

macro_rules! impl_float_element {
    ($($t:ty => $dt:ident, $to_f64:expr, $from_f64:expr);* $(;)?) => {$(
        impl Element for $t {
            const DTYPE: DType = DType::$dt;
            fn from_bool(v: bool) -> Self { ($from_f64)(v as u8 as f64) }
            fn from_i64(v: i64) -> Self { ($from_f64)(v as f64) }
            fn from_u64(v: u64) -> Self { ($from_f64)(v as f64) }
            fn from_f64(v: f64) -> Self { ($from_f64)(v) }
            fn from_c128(v: c128) -> Self { ($from_f64)(v.re) }
            fn into_scalar(self) -> Scalar { Scalar::$dt(self) }
            #[inline(always)]
            fn cast<U: Element>(self) -> U { U::from_f64(($to_f64)(self)) }
            fn is_finite(self) -> bool { ($to_f64)(self).is_finite() }
        }
    )*};
}

impl_float_element! {
    f16 => Float16, |x: f16| x.to_f64(), f16::from_f64;
    f32 => Float32, |x: f32| x as f64, |x: f64| x as f32;
    f64 => Float64, |x: f64| x, |x: f64| x;
}

// An int64 goes to float32 in one rounding, as C does, not through float64.
impl Element for c64 {
    const DTYPE: DType = DType::Complex64;
    fn from_bool(v: bool) -> Self {
        c64::new(v as u8 as f32, 0.0)
    }
    fn from_i64(v: i64) -> Self {
        c64::new(v as f32, 0.0)
    }
    fn from_u64(v: u64) -> Self {
        c64::new(v as f32, 0.0)
    }
    fn from_f64(v: f64) -> Self {
        c64::new(v as f32, 0.0)
    }
    fn from_c128(v: c128) -> Self {
        c64::new(v.re as f32, v.im as f32)
    }
    fn into_scalar(self) -> Scalar {
        Scalar::Complex64(self)
    }
    #[inline(always)]
    fn cast<U: Element>(self) -> U {
        U::from_c128(c128::new(self.re as f64, self.im as f64))
    }
    fn is_finite(self) -> bool {
        self.re.is_finite() && self.im.is_finite()
    }
}

impl Element for c128 {
    const DTYPE: DType = DType::Complex128;
    fn from_bool(v: bool) -> Self {
        c128::new(v as u8 as f64, 0.0)
    }
    fn from_i64(v: i64) -> Self {
        c128::new(v as f64, 0.0)
    }
    fn from_u64(v: u64) -> Self {
        c128::new(v as f64, 0.0)
    }
    fn from_f64(v: f64) -> Self {
        c128::new(v, 0.0)
    }
    fn from_c128(v: c128) -> Self {
        v
    }
    fn into_scalar(self) -> Scalar {
        Scalar::Complex128(self)
    }
    #[inline(always)]
    fn cast<U: Element>(self) -> U {
        U::from_c128(self)
    }
    fn is_finite(self) -> bool {
        self.re.is_finite() && self.im.is_finite()
    }
}

/// Runs `$body` with `$T` bound to the Rust type of `$dtype`, for dtypes in the listed set;
/// other dtypes evaluate `$otherwise`. The match happens once per call, outside any loop.
#[macro_export]
#[doc(hidden)]
macro_rules! dispatch_dtype {
    ($dtype:expr, $T:ident => $body:expr, otherwise $other:expr, [$($V:ident : $ty:ty),* $(,)?]) => {
        {
            #[allow(unreachable_patterns)]
            let value = match $dtype {
                $( $crate::DType::$V => { #[allow(dead_code)] type $T = $ty; $body } )*
                _ => $other,
            };
            value
        }
    };
}

/// `$body` generic over every dtype.
#[macro_export]
macro_rules! with_dtype {
    ($dtype:expr, $T:ident => $body:expr) => {
        $crate::dispatch_dtype!($dtype, $T => $body, otherwise unreachable!("every dtype is listed"), [
            Bool: bool, Int8: i8, Int16: i16, Int32: i32, Int64: i64,
            UInt8: u8, UInt16: u16, UInt32: u32, UInt64: u64,
            Float16: $crate::half::f16, Float32: f32, Float64: f64,
            Complex64: $crate::element::c64, Complex128: $crate::element::c128,
        ])
    };
}

/// `$body` generic over the integer dtypes; others evaluate `$other`.
#[macro_export]
macro_rules! with_integer_dtype {
    ($dtype:expr, $T:ident => $body:expr, otherwise $other:expr) => {
        $crate::dispatch_dtype!($dtype, $T => $body, otherwise $other, [
            Int8: i8, Int16: i16, Int32: i32, Int64: i64,
            UInt8: u8, UInt16: u16, UInt32: u32, UInt64: u64,
        ])
    };
}

/// `$body` generic over the float dtypes; others evaluate `$other`.
#[macro_export]
macro_rules! with_float_dtype {
    ($dtype:expr, $T:ident => $body:expr, otherwise $other:expr) => {
        $crate::dispatch_dtype!($dtype, $T => $body, otherwise $other, [
            Float16: $crate::half::f16, Float32: f32, Float64: f64,
        ])
    };
}

/// `$body` generic over the complex dtypes; others evaluate `$other`.
#[macro_export]
macro_rules! with_complex_dtype {
    ($dtype:expr, $T:ident => $body:expr, otherwise $other:expr) => {
        $crate::dispatch_dtype!($dtype, $T => $body, otherwise $other, [
            Complex64: $crate::element::c64, Complex128: $crate::element::c128,
        ])
    };
}

/// `$body` generic over the real numbers: integers and floats, not bool or complex.
#[macro_export]
macro_rules! with_real_dtype {
    ($dtype:expr, $T:ident => $body:expr, otherwise $other:expr) => {
        $crate::dispatch_dtype!($dtype, $T => $body, otherwise $other, [
            Int8: i8, Int16: i16, Int32: i32, Int64: i64,
            UInt8: u8, UInt16: u16, UInt32: u32, UInt64: u64,
            Float16: $crate::half::f16, Float32: f32, Float64: f64,
        ])
    };
}

/// `$body` generic over the numbers: every dtype but bool.
#[macro_export]
macro_rules! with_number_dtype {
    ($dtype:expr, $T:ident => $body:expr, otherwise $other:expr) => {
        $crate::dispatch_dtype!($dtype, $T => $body, otherwise $other, [
            Int8: i8, Int16: i16, Int32: i32, Int64: i64,
            UInt8: u8, UInt16: u16, UInt32: u32, UInt64: u64,
            Float16: $crate::half::f16, Float32: f32, Float64: f64,
            Complex64: $crate::element::c64, Complex128: $crate::element::c128,
        ])
    };
}

/// `$body` generic over the inexact dtypes: floats and complex.
#[macro_export]
macro_rules! with_inexact_dtype {
    ($dtype:expr, $T:ident => $body:expr, otherwise $other:expr) => {
        $crate::dispatch_dtype!($dtype, $T => $body, otherwise $other, [
            Float16: $crate::half::f16, Float32: f32, Float64: f64,
            Complex64: $crate::element::c64, Complex128: $crate::element::c128,
        ])
    };
}

/// `$body` generic over bool and the integers (the bitwise dtypes).
#[macro_export]
macro_rules! with_bitwise_dtype {
    ($dtype:expr, $T:ident => $body:expr, otherwise $other:expr) => {
        $crate::dispatch_dtype!($dtype, $T => $body, otherwise $other, [
            Bool: bool, Int8: i8, Int16: i16, Int32: i32, Int64: i64,
            UInt8: u8, UInt16: u16, UInt32: u32, UInt64: u64,
        ])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_to_int_casts_wrap_like_c_on_x86() {
        assert_eq!(300.7f64.cast::<u8>(), 44);
        assert_eq!((-1.0f64).cast::<u8>(), 255);
        assert_eq!(f64::NAN.cast::<i64>(), i64::MIN);
        assert_eq!(1e20f64.cast::<i64>(), i64::MIN);
        assert_eq!((-3.7f64).cast::<i32>(), -3);
        assert_eq!((-1.0f64).cast::<u64>(), u64::MAX);
    }

    #[test]
    fn integer_casts_wrap() {
        assert_eq!(300i64.cast::<u8>(), 44);
        assert_eq!(255u8.cast::<i8>(), -1);
        assert_eq!((-1i8).cast::<u64>(), u64::MAX);
        assert!(2i32.cast::<bool>());
        assert_eq!(true.cast::<f64>(), 1.0);
    }

    #[test]
    fn complex_to_real_keeps_the_real_part() {
        assert_eq!(c128::new(2.5, 1.0).cast::<f32>(), 2.5);
        assert!(c128::new(0.0, 1.0).cast::<bool>());
    }

    #[test]
    fn dispatch_binds_the_rust_type() {
        let size = with_dtype!(DType::Complex64, T => std::mem::size_of::<T>());
        assert_eq!(size, 8);
    }
}
