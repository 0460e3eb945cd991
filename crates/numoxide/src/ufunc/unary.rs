//! One-input ufuncs. The float math functions are listed once in `float_functions!`; adding
//! one is a line there (and, for complex support, a line in `ComplexMath`).

use super::complex_libm::ComplexMath;
use super::loops::{Check, UnaryDrive};
use super::math::{Arith, Bitwise, Order};
use super::{broadcast_inputs, no_loop, prepare_output, result_order, Arg, Out};
use crate::array::{copy_cast, NdArray};
use crate::dtype::{DType, Kind};
use crate::element::{c128, Element};
use crate::error::{Error, Result};
use crate::fpstatus::{self, FpStatus};
use crate::scalar::Scalar;
use crate::{
    with_bitwise_dtype, with_complex_dtype, with_dtype, with_float_dtype, with_inexact_dtype,
    with_number_dtype,
};
use half::f16;
use std::cell::Cell;

/// Declares the float math functions: the `UnaryOp` variants, their NumPy names, the
/// `FloatMath` trait (f64 and f32 native, f16 through f32); the first list also takes complex
/// numbers, through `ComplexMath`.
macro_rules! float_functions {
    (
        real_and_complex: [$($cv:ident $cname:literal $cm:ident),* $(,)?],
        real_only: [$($rv:ident $rname:literal $rm:ident),* $(,)?] $(,)?
    ) => {
        /// A one-input ufunc.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum UnaryOp {
            $($cv,)* $($rv,)*
            Negative, Positive, Absolute, Square, Reciprocal, Sign,
            Floor, Ceil, Trunc, Rint,
            Invert, LogicalNot, IsNan, IsInf, IsFinite, Signbit,
        }

        /// Float math functions, per float type.
        pub trait FloatMath: Element {
            $(fn $cm(self) -> Self;)* $(fn $rm(self) -> Self;)*
        }

        impl FloatMath for f64 {
            $(#[inline(always)] fn $cm(self) -> Self { f64::$cm(self) })*
            $(#[inline(always)] fn $rm(self) -> Self { f64::$rm(self) })*
        }

        impl FloatMath for f32 {
            $(#[inline(always)] fn $cm(self) -> Self { f32::$cm(self) })*
            $(#[inline(always)] fn $rm(self) -> Self { f32::$rm(self) })*
        }

        // float16 math is float32 math rounded once, as NumPy computes it.
        impl FloatMath for f16 {
            $(fn $cm(self) -> Self { f16::from_f32(f32::$cm(self.to_f32())) })*
            $(fn $rm(self) -> Self { f16::from_f32(f32::$rm(self.to_f32())) })*
        }

        impl UnaryOp {
            fn float_function_name(self) -> Option<&'static str> {
                match self {
                    $(UnaryOp::$cv => Some($cname),)*
                    $(UnaryOp::$rv => Some($rname),)*
                    _ => None,
                }
            }

            fn takes_complex(self) -> bool {
                !matches!(self, $(UnaryOp::$rv)|*)
            }

            fn run_float_function(self, drive: &UnaryDrive) -> FpStatus {
                let d = drive.dtype();
                if self == UnaryOp::Exp && d == DType::Float64 {
                    return drive.unary(super::exp::ExpF64, Check::NonFinite(unary_check::<f64>));
                }
                if d.kind() == Kind::Complex {
                    return with_complex_dtype!(d, T => {
                        let f: fn(T) -> T = match self {
                            $(UnaryOp::$cv => <T as ComplexMath>::$cm,)*
                            _ => unreachable!("takes_complex refused it"),
                        };
                        drive.unary::<T, T, _, fn(T, T) -> FpStatus>(f, Check::Never)
                    }, otherwise unreachable!("complex"));
                }
                with_float_dtype!(d, T => match self {
                    $(UnaryOp::$cv => drive.unary(<T as FloatMath>::$cm, Check::NonFinite(unary_check::<T>)),)*
                    $(UnaryOp::$rv => drive.unary(<T as FloatMath>::$rm, Check::NonFinite(unary_check::<T>)),)*
                    _ => unreachable!("not a float function"),
                }, otherwise unreachable!("loop_types gives a float"))
            }
        }
    };
}

float_functions! {
    real_and_complex: [
        Sqrt "sqrt" sqrt, Exp "exp" exp, Exp2 "exp2" exp2, Log "log" ln, Log2 "log2" log2,
        Log10 "log10" log10, Sin "sin" sin, Cos "cos" cos, Tan "tan" tan, Arcsin "arcsin" asin,
        Arccos "arccos" acos, Arctan "arctan" atan, Sinh "sinh" sinh, Cosh "cosh" cosh,
        Tanh "tanh" tanh, Arcsinh "arcsinh" asinh, Arccosh "arccosh" acosh, Arctanh "arctanh" atanh,
    ],
    real_only: [
        Cbrt "cbrt" cbrt, Expm1 "expm1" exp_m1, Log1p "log1p" ln_1p,
        Deg2rad "deg2rad" to_radians, Rad2deg "rad2deg" to_degrees,
    ],
}

/// Events from a float function: NaN from a number is invalid, an infinity from zero is a
/// division by zero (log(0)), an infinity from a finite number an overflow (exp(1000)).
fn unary_check<T: Element>(x: T, r: T) -> FpStatus {
    let (x, r): (c128, c128) = (x.cast(), r.cast());
    // Bitwise on bools, as in `inexact_check`.
    let nan = x.re.is_nan() | x.im.is_nan();
    let finite = x.re.is_finite() & x.im.is_finite();
    let zero = (x.re == 0.0) & (x.im == 0.0);
    FpStatus::classify(nan, finite, zero, r.re) | FpStatus::classify(nan, finite, zero, r.im)
}

/// Rounding and sign functions on floats.
pub trait FloatRound: Element {
    fn floor(self) -> Self;
    fn ceil(self) -> Self;
    fn trunc(self) -> Self;
    /// Round half to even.
    fn rint(self) -> Self;
    fn abs(self) -> Self;
    fn signbit(self) -> bool;
}

macro_rules! impl_float_round {
    ($($t:ty),*) => {$(
        impl FloatRound for $t {
            #[inline(always)] fn floor(self) -> Self { <$t>::floor(self) }
            #[inline(always)] fn ceil(self) -> Self { <$t>::ceil(self) }
            #[inline(always)] fn trunc(self) -> Self { <$t>::trunc(self) }
            #[inline(always)] fn rint(self) -> Self { <$t>::round_ties_even(self) }
            #[inline(always)] fn abs(self) -> Self { <$t>::abs(self) }
            #[inline(always)] fn signbit(self) -> bool { <$t>::is_sign_negative(self) }
        }
    )*};
}
impl_float_round!(f32, f64);

impl FloatRound for f16 {
    fn floor(self) -> Self {
        f16::from_f32(self.to_f32().floor())
    }
    fn ceil(self) -> Self {
        f16::from_f32(self.to_f32().ceil())
    }
    fn trunc(self) -> Self {
        f16::from_f32(self.to_f32().trunc())
    }
    fn rint(self) -> Self {
        f16::from_f32(self.to_f32().round_ties_even())
    }
    fn abs(self) -> Self {
        f16::from_bits(self.to_bits() & 0x7fff)
    }
    fn signbit(self) -> bool {
        self.is_sign_negative()
    }
}

/// The smallest float that holds every value of `d` exactly enough, as NumPy's float
/// ufuncs choose: (u)int8 and bool to float16, (u)int16 to float32, wider to float64.
fn float_for(d: DType) -> DType {
    match d.kind() {
        Kind::Float | Kind::Complex => d,
        _ => match d.itemsize() {
            1 => DType::Float16,
            2 => DType::Float32,
            _ => DType::Float64,
        },
    }
}

impl UnaryOp {
    /// Every one-input ufunc, by NumPy name.
    pub fn from_name(name: &str) -> Option<UnaryOp> {
        use UnaryOp::*;
        let other = [
            (Negative, "negative"),
            (Positive, "positive"),
            (Absolute, "absolute"),
            (Square, "square"),
            (Reciprocal, "reciprocal"),
            (Sign, "sign"),
            (Floor, "floor"),
            (Ceil, "ceil"),
            (Trunc, "trunc"),
            (Rint, "rint"),
            (Invert, "invert"),
            (LogicalNot, "logical_not"),
            (IsNan, "isnan"),
            (IsInf, "isinf"),
            (IsFinite, "isfinite"),
            (Signbit, "signbit"),
        ];
        other
            .into_iter()
            .find(|(_, n)| *n == name)
            .map(|(op, _)| op)
            .or_else(|| {
                ALL_FLOAT_FUNCTIONS
                    .iter()
                    .copied()
                    .find(|op| op.float_function_name() == Some(name))
            })
    }

    /// NumPy's ufunc name.
    pub fn name(self) -> &'static str {
        use UnaryOp::*;
        if let Some(n) = self.float_function_name() {
            return n;
        }
        match self {
            Negative => "negative",
            Positive => "positive",
            Absolute => "absolute",
            Square => "square",
            Reciprocal => "reciprocal",
            Sign => "sign",
            Floor => "floor",
            Ceil => "ceil",
            Trunc => "trunc",
            Rint => "rint",
            Invert => "invert",
            LogicalNot => "logical_not",
            IsNan => "isnan",
            IsInf => "isinf",
            IsFinite => "isfinite",
            Signbit => "signbit",
            _ => unreachable!("float functions are named above"),
        }
    }

    /// The loop's input and output dtypes for an input of dtype `d`.
    pub fn loop_types(self, d: DType) -> Result<(DType, DType)> {
        use UnaryOp::*;
        let kind = d.kind();
        let same = Ok((d, d));
        if self.float_function_name().is_some() {
            if kind == Kind::Complex && !self.takes_complex() {
                return Err(super::no_loop(self.name()));
            }
            let f = float_for(d);
            return Ok((f, f));
        }
        match self {
            Negative if kind == Kind::Bool => Err(Error::Type(
                "The numpy boolean negative, the `-` operator, is not supported, use the `~` \
                 operator or the logical_not function instead."
                    .into(),
            )),
            Positive | Sign if kind == Kind::Bool => Err(Error::UFuncType(format!(
                "ufunc '{}' did not contain a loop with signature matching types \
                 <class 'numpy.dtypes.BoolDType'> -> None",
                self.name()
            ))),
            Negative | Positive | Sign => same,
            Absolute if kind == Kind::Complex => Ok((d, d.real())),
            Absolute => same,
            Square | Reciprocal if kind == Kind::Bool => Ok((DType::Int8, DType::Int8)),
            Square | Reciprocal => same,
            Floor | Ceil | Trunc if d.is_integer() || kind == Kind::Bool => same,
            Floor | Ceil | Trunc | Rint if kind == Kind::Complex && self != Rint => {
                Err(no_loop(self.name()))
            }
            Floor | Ceil | Trunc | Rint => {
                let f = float_for(d);
                Ok((f, f))
            }
            Invert if d.is_inexact() => Err(no_loop(self.name())),
            Invert => same,
            LogicalNot => Ok((DType::Bool, DType::Bool)),
            Signbit if kind == Kind::Complex => Err(no_loop(self.name())),
            IsNan | IsInf | IsFinite | Signbit => Ok((d, DType::Bool)),
            _ => unreachable!("float functions are handled above"),
        }
    }

    /// Applies the ufunc: `out = self(a)`. Events are recorded in `fpstatus`.
    pub fn call(self, a: &Arg, out: Out<'_>) -> Result<NdArray> {
        let (loop_dtype, out_dtype) = self.loop_types(input_dtype(a))?;
        let x = a.to_array(loop_dtype)?;
        if out.array.is_none() {
            // A new output cannot overlap the input: nothing to check or broadcast.
            let order = result_order(x.shape(), &[&x]);
            let result = NdArray::for_overwrite(x.shape(), out_dtype, order)?;
            fpstatus::record(self.run(&UnaryDrive::Arrays {
                a: &x,
                out: &result,
            }));
            return Ok(result);
        }
        let shape = x.shape().to_vec();
        let (result, copy_into) = prepare_output(self.name(), &shape, out_dtype, &[&x], &out)?;
        let [x] = broadcast_inputs(&[x.into_owned()], &shape, &result)?;
        fpstatus::record(self.run(&UnaryDrive::Arrays {
            a: &x,
            out: &result,
        }));
        Ok(match copy_into {
            Some(target) => {
                copy_cast(&result, target);
                target.clone()
            }
            None => result,
        })
    }

    /// `self(a)` on one value, without arrays: the result and its events.
    pub(crate) fn apply(self, a: &Arg) -> Result<(Scalar, FpStatus)> {
        let (loop_dtype, _) = self.loop_types(input_dtype(a))?;
        let out = Cell::new(None);
        let events = self.run(&UnaryDrive::Value {
            a: a.value(loop_dtype)?,
            out: &out,
        });
        Ok((out.get().expect("the kernel ran"), events))
    }

    /// Runs the kernel for the drive's loop dtype, returning its events.
    fn run(self, drive: &UnaryDrive) -> FpStatus {
        use UnaryOp::*;
        let d = drive.dtype();
        type NoCheck<T, U> = fn(T, U) -> FpStatus;
        macro_rules! map {
            ($T:ident, $U:ty, $f:expr) => {
                drive.unary::<$T, $U, _, NoCheck<$T, $U>>($f, Check::Never)
            };
        }
        let unreachable_loop = || unreachable!("loop_types admitted no such loop");
        match self {
            _ if self.float_function_name().is_some() => self.run_float_function(drive),
            Negative => with_dtype!(d, T => map!(T, T, <T as Arith>::neg)),
            Positive => with_dtype!(d, T => map!(T, T, |x| x)),
            Square if d.is_inexact() => with_inexact_dtype!(d, T => drive.unary::<T, T, _, _>(
                |x: T| x.mul(x), Check::NonFinite(unary_check::<T>)), otherwise unreachable_loop()),
            Square => with_dtype!(d, T => map!(T, T, |x: T| x.mul(x))),
            Absolute => match d.kind() {
                Kind::Complex => with_complex_dtype!(d, T => {
                    with_float_dtype!(d.real(), R => map!(T, R, |x: T| R::from_c128(c128::new(x.cast::<c128>().norm(), 0.0))),
                        otherwise unreachable_loop())
                }, otherwise unreachable_loop()),
                Kind::Float => {
                    with_float_dtype!(d, T => map!(T, T, <T as FloatRound>::abs), otherwise unreachable_loop())
                }
                Kind::Signed => {
                    with_number_dtype!(d, T => map!(T, T, |x: T| if x.lt(T::from_i64(0)) { x.neg() } else { x }),
                    otherwise unreachable_loop())
                }
                _ => with_dtype!(d, T => map!(T, T, |x| x)),
            },
            Reciprocal => match d.kind() {
                Kind::Float | Kind::Complex => {
                    with_inexact_dtype!(d, T => drive.unary::<T, T, _, _>(
                    |x: T| super::math::TrueDiv::div(T::from_i64(1), x),
                    Check::NonFinite(|x: T, r: T| FpStatus::classify(false, x.is_finite(), x == T::from_i64(0), r.cast::<f64>()))),
                    otherwise unreachable_loop())
                }
                _ => {
                    with_number_dtype!(d, T => map!(T, T, |x: T| T::from_f64(1.0 / x.cast::<f64>())), otherwise unreachable_loop())
                }
            },
            // NumPy 2 defines the sign of a complex number as z / |z|.
            Sign if d.kind() == Kind::Complex => with_complex_dtype!(d, T => map!(T, T, |x: T| {
                let z = x.cast::<c128>();
                let n = z.norm();
                T::from_c128(if n == 0.0 { c128::new(0.0, 0.0) } else { z / n })
            }), otherwise unreachable_loop()),
            Sign => with_number_dtype!(d, T => {
                let (zero, one) = (T::from_i64(0), T::from_i64(1));
                map!(T, T, |x: T| if x.is_nan() { x } else if zero.lt(x) { one } else if x.lt(zero) { one.neg() } else { zero })
            }, otherwise unreachable_loop()),
            Floor | Ceil | Trunc if !d.is_inexact() => with_dtype!(d, T => map!(T, T, |x| x)),
            Floor => {
                with_float_dtype!(d, T => map!(T, T, <T as FloatRound>::floor), otherwise unreachable_loop())
            }
            Ceil => {
                with_float_dtype!(d, T => map!(T, T, <T as FloatRound>::ceil), otherwise unreachable_loop())
            }
            Trunc => {
                with_float_dtype!(d, T => map!(T, T, <T as FloatRound>::trunc), otherwise unreachable_loop())
            }
            Rint => match d.kind() {
                Kind::Complex => with_complex_dtype!(d, T => map!(T, T, |x: T| {
                    let z = x.cast::<c128>();
                    T::from_c128(c128::new(z.re.round_ties_even(), z.im.round_ties_even()))
                }), otherwise unreachable_loop()),
                _ => {
                    with_float_dtype!(d, T => map!(T, T, <T as FloatRound>::rint), otherwise unreachable_loop())
                }
            },
            Invert => {
                with_bitwise_dtype!(d, T => map!(T, T, <T as Bitwise>::not), otherwise unreachable_loop())
            }
            LogicalNot => map!(bool, bool, |x: bool| !x),
            IsNan => with_dtype!(d, T => map!(T, bool, |x: T| x.is_nan())),
            IsInf => with_dtype!(d, T => map!(T, bool, |x: T| !x.is_nan() && !x.is_finite())),
            IsFinite => with_dtype!(d, T => map!(T, bool, |x: T| x.is_finite())),
            Signbit => match d.kind() {
                Kind::Float => {
                    with_float_dtype!(d, T => map!(T, bool, <T as FloatRound>::signbit), otherwise unreachable_loop())
                }
                _ => with_dtype!(d, T => map!(T, bool, |x: T| x.cast::<f64>() < 0.0)),
            },
            _ => unreachable!("float functions are handled above"),
        }
    }
}

/// The dtype that picks a one-input loop (a Python number's default dtype).
fn input_dtype(a: &Arg) -> DType {
    match a {
        Arg::Array(x) => x.dtype(),
        Arg::Scalar(x) => x.dtype(),
        Arg::Py(v) => v.default_dtype(),
    }
}

/// The float math functions, for name lookup.
const ALL_FLOAT_FUNCTIONS: &[UnaryOp] = &[
    UnaryOp::Sqrt,
    UnaryOp::Exp,
    UnaryOp::Exp2,
    UnaryOp::Log,
    UnaryOp::Log2,
    UnaryOp::Log10,
    UnaryOp::Sin,
    UnaryOp::Cos,
    UnaryOp::Tan,
    UnaryOp::Arcsin,
    UnaryOp::Arccos,
    UnaryOp::Arctan,
    UnaryOp::Sinh,
    UnaryOp::Cosh,
    UnaryOp::Tanh,
    UnaryOp::Arcsinh,
    UnaryOp::Arccosh,
    UnaryOp::Arctanh,
    UnaryOp::Cbrt,
    UnaryOp::Expm1,
    UnaryOp::Log1p,
    UnaryOp::Deg2rad,
    UnaryOp::Rad2deg,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn arr<T: Element>(v: Vec<T>) -> Arg<'static> {
        let n = v.len();
        Arg::from(NdArray::from_vec(v, &[n]).unwrap())
    }

    #[test]
    fn float_functions_pick_numpys_result_dtype() {
        assert_eq!(
            UnaryOp::Sqrt
                .call(&arr(vec![4i8]), Out::default())
                .unwrap()
                .dtype(),
            DType::Float16
        );
        assert_eq!(
            UnaryOp::Sqrt
                .call(&arr(vec![4i16]), Out::default())
                .unwrap()
                .dtype(),
            DType::Float32
        );
        assert_eq!(
            UnaryOp::Sqrt
                .call(&arr(vec![4i64]), Out::default())
                .unwrap()
                .to_vec::<f64>(),
            vec![2.0]
        );
        assert_eq!(
            UnaryOp::Floor
                .call(&arr(vec![4i64]), Out::default())
                .unwrap()
                .dtype(),
            DType::Int64
        );
    }

    #[test]
    fn log_of_zero_and_negative_records_events() {
        fpstatus::take();
        UnaryOp::Log
            .call(&arr(vec![0.0f64, -1.0]), Out::default())
            .unwrap();
        assert_eq!(fpstatus::take(), FpStatus::DIVIDE | FpStatus::INVALID);
    }

    #[test]
    fn names_round_trip() {
        for name in ["sqrt", "log1p", "negative", "isnan", "rad2deg"] {
            assert_eq!(UnaryOp::from_name(name).unwrap().name(), name);
        }
    }
}
