//! Two-input ufuncs: arithmetic, comparisons, bitwise and logical operations.

use super::loops::{Check, Drive};
use super::math::{Arith, Bitwise, FloorDiv, Order, Pow, Shift, TrueDiv};
use super::{broadcast_inputs, no_loop, prepare_output, Arg, Out};
use crate::array::{copy_cast, NdArray};
use crate::dtype::{DType, Kind};
use crate::element::{c128, Element};
use crate::error::{Error, Result};
use crate::fpstatus::{self, FpStatus};
use crate::layout::{self, broadcast_shapes};
use crate::promote::{integer_fits, promote_types, result_type, PyValue};
use crate::{
    with_bitwise_dtype, with_complex_dtype, with_dtype, with_float_dtype, with_inexact_dtype,
    with_integer_dtype, with_number_dtype, with_real_dtype,
};
use std::borrow::Cow;

/// A two-input ufunc.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Subtract,
    Multiply,
    Divide,
    FloorDivide,
    Remainder,
    Power,
    Maximum,
    Minimum,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    BitwiseAnd,
    BitwiseOr,
    BitwiseXor,
    LeftShift,
    RightShift,
    LogicalAnd,
    LogicalOr,
    LogicalXor,
}

use BinaryOp::*;

impl BinaryOp {
    /// Every binary ufunc.
    pub const ALL: [BinaryOp; 23] = [
        Add,
        Subtract,
        Multiply,
        Divide,
        FloorDivide,
        Remainder,
        Power,
        Maximum,
        Minimum,
        Equal,
        NotEqual,
        Less,
        LessEqual,
        Greater,
        GreaterEqual,
        BitwiseAnd,
        BitwiseOr,
        BitwiseXor,
        LeftShift,
        RightShift,
        LogicalAnd,
        LogicalOr,
        LogicalXor,
    ];

    /// NumPy's ufunc name.
    pub fn name(self) -> &'static str {
        match self {
            Add => "add",
            Subtract => "subtract",
            Multiply => "multiply",
            Divide => "divide",
            FloorDivide => "floor_divide",
            Remainder => "remainder",
            Power => "power",
            Maximum => "maximum",
            Minimum => "minimum",
            Equal => "equal",
            NotEqual => "not_equal",
            Less => "less",
            LessEqual => "less_equal",
            Greater => "greater",
            GreaterEqual => "greater_equal",
            BitwiseAnd => "bitwise_and",
            BitwiseOr => "bitwise_or",
            BitwiseXor => "bitwise_xor",
            LeftShift => "left_shift",
            RightShift => "right_shift",
            LogicalAnd => "logical_and",
            LogicalOr => "logical_or",
            LogicalXor => "logical_xor",
        }
    }

    pub fn from_name(name: &str) -> Option<BinaryOp> {
        BinaryOp::ALL.into_iter().find(|op| op.name() == name)
    }

    fn is_comparison(self) -> bool {
        matches!(
            self,
            Equal | NotEqual | Less | LessEqual | Greater | GreaterEqual
        )
    }

    /// The dtype the loop computes in and the dtype it produces, for inputs promoted to
    /// `common`.
    pub fn loop_types(self, common: DType) -> Result<(DType, DType)> {
        let kind = common.kind();
        let same = Ok((common, common));
        match self {
            Add | Multiply | Maximum | Minimum => same,
            Subtract if kind == Kind::Bool => Err(Error::Type(
                "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, \
                 the `^` operator, or the logical_xor function instead."
                    .into(),
            )),
            Subtract => same,
            Divide if common.is_inexact() => same,
            Divide => Ok((DType::Float64, DType::Float64)),
            FloorDivide | Remainder | Power if kind == Kind::Bool => Ok((DType::Int8, DType::Int8)),
            FloorDivide | Remainder if kind == Kind::Complex => Err(no_loop(self.name())),
            FloorDivide | Remainder | Power => same,
            Equal | NotEqual | Less | LessEqual | Greater | GreaterEqual => {
                Ok((common, DType::Bool))
            }
            BitwiseAnd | BitwiseOr | BitwiseXor if !common.is_inexact() => same,
            LeftShift | RightShift if kind == Kind::Bool => Ok((DType::Int8, DType::Int8)),
            LeftShift | RightShift if common.is_integer() => same,
            BitwiseAnd | BitwiseOr | BitwiseXor | LeftShift | RightShift => {
                Err(no_loop(self.name()))
            }
            LogicalAnd | LogicalOr | LogicalXor => Ok((DType::Bool, DType::Bool)),
        }
    }

    /// Applies the ufunc: `out = self(a, b)`. Events are recorded in `fpstatus`.
    pub fn call(self, a: &Arg, b: &Arg, out: Out<'_>) -> Result<NdArray> {
        self.call_as(self.name(), a, b, out)
    }

    /// The loop and output dtypes for inputs `a` and `b`, naming the ufunc `name` in errors.
    pub(crate) fn resolve(self, name: &str, a: &Arg, b: &Arg) -> Result<(DType, DType)> {
        let mut common = result_type(&[a.operand(), b.operand()]);
        if self.is_comparison() {
            common = comparison_dtype(common, a, b);
        }
        self.loop_types(common).map_err(|e| {
            if name == self.name() {
                e
            } else {
                no_loop(name)
            }
        })
    }

    /// `call`, naming the ufunc `name` in errors (`divmod` runs as two of these).
    fn call_as<'a>(self, name: &str, a: &'a Arg, b: &'a Arg, out: Out<'_>) -> Result<NdArray> {
        let (loop_dtype, out_dtype) = self.resolve(name, a, b)?;
        if let (Arg::Array(x), Arg::Array(y), None) = (a, b, out.array) {
            // The commonest call, two contiguous arrays of one shape and dtype, straight to
            // the kernel: a new output cannot overlap them.
            let same = |v: &NdArray| v.dtype() == loop_dtype && v.shape() == x.shape();
            if same(x) && same(y) && x.is_c_contiguous() && y.is_c_contiguous() {
                let result = NdArray::for_overwrite(x.shape(), out_dtype, layout::Order::C)?;
                self.run_arrays(loop_dtype, x, y, &result)?;
                return Ok(result);
            }
        }
        let (x, y) = (a.to_array(loop_dtype)?, b.to_array(loop_dtype)?);
        let simple = out.array.is_none()
            && (x.shape() == y.shape() || x.ndim() == 0 || y.ndim() == 0)
            && x.is_c_contiguous()
            && y.is_c_contiguous();
        if simple {
            // The common cases (same shapes, or an array and a scalar) without the general
            // bookkeeping: a new output cannot overlap the inputs.
            let shape = if x.ndim() == 0 { y.shape() } else { x.shape() };
            let result = NdArray::for_overwrite(shape, out_dtype, layout::Order::C)?;
            let shape = result.shape();
            let stretch = |v: Cow<'a, NdArray>| match v.ndim() == 0 && !shape.is_empty() {
                true => Ok::<_, Error>(Cow::Owned(v.with_layout(v.layout().broadcast_to(shape)?))),
                false => Ok(v),
            };
            let (x, y) = (stretch(x)?, stretch(y)?);
            self.run_arrays(loop_dtype, &x, &y, &result)?;
            return Ok(result);
        }
        let shape = broadcast_shapes(&[x.shape(), y.shape()])?;
        let (x, y) = (x.into_owned(), y.into_owned());
        let (result, copy_into) = prepare_output(name, &shape, out_dtype, &[&x, &y], &out)?;
        let [x, y] = broadcast_inputs(&[x, y], &shape, &result)?;
        self.run_arrays(loop_dtype, &x, &y, &result)?;
        Ok(match copy_into {
            Some(target) => {
                copy_cast(&result, target);
                target.clone()
            }
            None => result,
        })
    }

    /// Checks the inputs, then runs the kernel over arrays already of the loop dtype and
    /// broadcast to the output's shape, recording its events.
    fn run_arrays(self, loop_dtype: DType, a: &NdArray, b: &NdArray, out: &NdArray) -> Result<()> {
        self.check_inputs(loop_dtype, || has_negative(b))?;
        fpstatus::record(self.run(loop_dtype, &Drive::Arrays { a, b, out }));
        Ok(())
    }

    /// Refuses inputs the loop cannot take, once they are broadcast (an empty result is
    /// never refused); `y_has_negative` tells whether the second input holds a negative.
    pub(crate) fn check_inputs(
        self,
        loop_dtype: DType,
        y_has_negative: impl FnOnce() -> bool,
    ) -> Result<()> {
        if self == Power && loop_dtype.is_integer() && y_has_negative() {
            return Err(Error::value(
                "Integers to negative integer powers are not allowed.",
            ));
        }
        Ok(())
    }

    /// Runs the kernel for loop dtype `d` where `drive` says: over arrays already of `d` and
    /// broadcast to one shape, or on two values.
    pub(crate) fn run(self, d: DType, drive: &Drive) -> FpStatus {
        macro_rules! arith {
            ($T:ident, $f:expr) => {{
                if d.is_inexact() {
                    drive.binary::<$T, $T, _, _>($f, Check::NonFinite(inexact_check::<$T>))
                } else {
                    drive.binary::<$T, $T, _, fn($T, $T, $T) -> FpStatus>($f, Check::Never)
                }
            }};
        }
        macro_rules! compare {
            ($f:expr) => {
                with_dtype!(d, T => drive.binary::<T, bool, _, fn(T, T, bool) -> FpStatus>(
                    $f, Check::Never))
            };
        }
        // Complex orderings check each pair for NaN parts; real ones cost nothing extra.
        macro_rules! ordered {
            ($f:expr) => {
                with_complex_dtype!(d, T => drive.binary::<T, bool, _, _>($f, Check::Every(
                    |x: T, y: T, _| match x.ordering_is_invalid(y) {
                        true => FpStatus::INVALID,
                        false => FpStatus::NONE,
                    })), otherwise compare!($f))
            };
        }
        let unreachable_loop = || unreachable!("loop_types admitted no such loop");
        match self {
            Add => with_dtype!(d, T => arith!(T, <T as Arith>::add)),
            Subtract => with_dtype!(d, T => arith!(T, <T as Arith>::sub)),
            Multiply => with_dtype!(d, T => arith!(T, <T as Arith>::mul)),
            // NumPy's complex division first compares the divisor's parts with C's signalling
            // `>=`, so a NaN part of the divisor is "invalid" whatever the result.
            Divide => with_complex_dtype!(d, T => drive.binary::<T, T, _, _>(
                <T as TrueDiv>::div,
                Check::NonFinite(|x: T, y: T, r: T| match y.is_nan() {
                    true => inexact_check(x, y, r) | FpStatus::INVALID,
                    false => inexact_check(x, y, r),
                })), otherwise with_inexact_dtype!(d, T => arith!(T, <T as TrueDiv>::div), otherwise unreachable_loop())),
            Power => {
                with_number_dtype!(d, T => arith!(T, <T as Pow>::pow), otherwise unreachable_loop())
            }
            FloorDivide | Remainder if d.is_integer() => with_integer_dtype!(d, T => {
                let f = if self == FloorDivide { <T as FloorDiv>::floor_div } else { <T as FloorDiv>::rem };
                // MIN // -1 overflows; only signed types have such a pair.
                let signed = T::DTYPE.kind() == Kind::Signed;
                let min = T::from_i64(i64::MIN >> (64 - T::BITS as usize));
                let (zero, minus_one) = (T::from_i64(0), T::from_i64(-1));
                let check = move |x: T, y: T, _r: T| {
                    if y == zero {
                        FpStatus::DIVIDE
                    } else if signed && self == FloorDivide && x == min && y == minus_one {
                        FpStatus::OVERFLOW
                    } else {
                        FpStatus::NONE
                    }
                };
                drive.binary::<T, T, _, _>(f, Check::Every(check))
            }, otherwise unreachable_loop()),
            // An overflowing float floor division also raises "invalid": NumPy's npy_divmod
            // compares inf - floor(inf), a NaN, which sets the invalid flag. float16 divides
            // in float32, where the quotient stays finite and only its rounding overflows.
            FloorDivide => {
                with_float_dtype!(d, T => drive.binary::<T, T, _, _>(<T as FloorDiv>::floor_div, Check::NonFinite(|x: T, y: T, r: T| {
                    let s = inexact_check(x, y, r);
                    let in_own_type = T::DTYPE != DType::Float16;
                    if s.contains(FpStatus::OVERFLOW) && in_own_type { s | FpStatus::INVALID } else { s }
                })), otherwise unreachable_loop())
            }
            Remainder => {
                with_real_dtype!(d, T => arith!(T, <T as FloorDiv>::rem), otherwise unreachable_loop())
            }
            Maximum => with_dtype!(d, T => arith!(T, <T as Order>::maximum)),
            Minimum => with_dtype!(d, T => arith!(T, <T as Order>::minimum)),
            Equal => compare!(|x, y| x == y),
            NotEqual => compare!(|x, y| x != y),
            Less => ordered!(|x: T, y: T| x.lt(y)),
            LessEqual => ordered!(|x: T, y: T| x.le(y)),
            Greater => ordered!(|x: T, y: T| y.lt(x)),
            GreaterEqual => ordered!(|x: T, y: T| y.le(x)),
            BitwiseAnd | LogicalAnd => {
                with_bitwise_dtype!(d, T => arith!(T, <T as Bitwise>::and), otherwise unreachable_loop())
            }
            BitwiseOr | LogicalOr => {
                with_bitwise_dtype!(d, T => arith!(T, <T as Bitwise>::or), otherwise unreachable_loop())
            }
            BitwiseXor | LogicalXor => {
                with_bitwise_dtype!(d, T => arith!(T, <T as Bitwise>::xor), otherwise unreachable_loop())
            }
            LeftShift => {
                with_integer_dtype!(d, T => arith!(T, <T as Shift>::shl), otherwise unreachable_loop())
            }
            RightShift => {
                with_integer_dtype!(d, T => arith!(T, <T as Shift>::shr), otherwise unreachable_loop())
            }
        }
    }
}

/// NumPy's `divmod` ufunc: `(a // b, a % b)` with its two outputs.
///
/// It runs floor division, then the remainder; an input the quotient's output overlaps is
/// read from a copy, so the remainder sees the inputs as they were.
pub fn divmod(
    a: &Arg,
    b: &Arg,
    quotient: Out<'_>,
    remainder: Out<'_>,
) -> Result<(NdArray, NdArray)> {
    fn protect<'a>(arg: &'a Arg<'_>, quotient: Option<&NdArray>) -> Arg<'a> {
        match (arg, quotient) {
            (Arg::Array(x), Some(q)) if q.may_share_memory(x) => {
                Arg::from(x.copy(layout::Order::C))
            }
            (Arg::Array(x), _) => Arg::from(x.as_ref()),
            _ => arg.clone(),
        }
    }
    let (a, b) = (protect(a, quotient.array), protect(b, quotient.array));
    let q = FloorDivide.call_as("divmod", &a, &b, quotient)?;
    let r = Remainder.call_as("divmod", &a, &b, remainder)?;
    Ok((q, r))
}

/// Events an inexact result reveals; each part of a complex result is judged on its own, so
/// `(1+0j) / 0` raises both "divide by zero" (real part) and "invalid value" (imaginary part).
pub(crate) fn inexact_check<T: Element>(x: T, y: T, r: T) -> FpStatus {
    let (x, y, r): (c128, c128, c128) = (x.cast(), y.cast(), r.cast());
    // Bitwise on bools: no branches, so that checking a block vectorizes.
    let nan = |z: c128| z.re.is_nan() | z.im.is_nan();
    let finite = |z: c128| z.re.is_finite() & z.im.is_finite();
    let zero = |z: c128| (z.re == 0.0) & (z.im == 0.0);
    let (inputs_nan, inputs_finite) = (nan(x) | nan(y), finite(x) & finite(y));
    let any_zero = zero(x) | zero(y);
    FpStatus::classify(inputs_nan, inputs_finite, any_zero, r.re)
        | FpStatus::classify(inputs_nan, inputs_finite, any_zero, r.im)
}

/// Comparisons never raise for an out-of-range Python int (`uint8_array == -1` is all
/// False): such an int widens the comparison instead.
fn comparison_dtype(common: DType, a: &Arg, b: &Arg) -> DType {
    let wide = [a, b].iter().any(|arg| {
        matches!(arg, Arg::Py(PyValue::Int(v)) if common.is_integer() && !integer_fits(*v, common))
    });
    if !wide {
        return common;
    }
    let fits_i64 = [a, b].iter().all(|arg| match arg {
        Arg::Py(PyValue::Int(v)) => integer_fits(*v, DType::Int64),
        _ => true,
    });
    if fits_i64 {
        promote_types(common, DType::Int64)
    } else {
        DType::Float64
    }
}

fn has_negative(a: &NdArray) -> bool {
    a.dtype().kind() == Kind::Signed && a.to_vec::<i64>().into_iter().any(|v| v < 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::element::Element;
    use crate::promote::Casting;

    fn arr<T: Element>(v: Vec<T>) -> Arg<'static> {
        let n = v.len();
        Arg::from(NdArray::from_vec(v, &[n]).unwrap())
    }

    #[test]
    fn weak_ints_keep_the_array_dtype_and_overflow_is_an_error() {
        let r = Add
            .call(
                &arr(vec![1i8, 2]),
                &Arg::Py(PyValue::Int(1)),
                Out::default(),
            )
            .unwrap();
        assert_eq!(r.dtype(), DType::Int8);
        let e = Add.call(
            &arr(vec![1i8, 2]),
            &Arg::Py(PyValue::Int(300)),
            Out::default(),
        );
        assert_eq!(
            e.unwrap_err().message(),
            "Python integer 300 out of bounds for int8"
        );
    }

    #[test]
    fn integer_division_by_zero_is_zero_and_recorded() {
        fpstatus::take();
        let r = FloorDivide
            .call(
                &arr(vec![1i64, -3]),
                &Arg::Py(PyValue::Int(0)),
                Out::default(),
            )
            .unwrap();
        assert_eq!(r.to_vec::<i64>(), vec![0, 0]);
        assert_eq!(fpstatus::take(), FpStatus::DIVIDE);
    }

    #[test]
    fn float_division_events() {
        fpstatus::take();
        let r = Divide
            .call(
                &arr(vec![1.0f64, -1.0, 0.0]),
                &Arg::Py(PyValue::Int(0)),
                Out::default(),
            )
            .unwrap();
        let v = r.to_vec::<f64>();
        assert_eq!((v[0], v[1]), (f64::INFINITY, f64::NEG_INFINITY));
        assert!(v[2].is_nan());
        assert_eq!(fpstatus::take(), FpStatus::DIVIDE | FpStatus::INVALID);
    }

    #[test]
    fn in_place_events_are_judged_on_the_inputs() {
        // inf - inf is invalid even though the result overwrites the inf it came from.
        let x = NdArray::from_vec(vec![f64::INFINITY, 1.0], &[2]).unwrap();
        fpstatus::take();
        let out = Out {
            array: Some(&x),
            casting: Casting::SameKind,
        };
        Subtract
            .call(
                &Arg::from(x.clone()),
                &Arg::Py(PyValue::Float(f64::INFINITY)),
                out,
            )
            .unwrap();
        assert_eq!(fpstatus::take(), FpStatus::INVALID);
        // 0 // 5 written over the 5 is no division by zero.
        let y = NdArray::from_vec(vec![5i64, 9], &[2]).unwrap();
        let out = Out {
            array: Some(&y),
            casting: Casting::SameKind,
        };
        FloorDivide
            .call(&arr(vec![0i64, 7]), &Arg::from(y.clone()), out)
            .unwrap();
        assert_eq!(y.to_vec::<i64>(), vec![0, 0]);
        assert_eq!(fpstatus::take(), FpStatus::NONE);
    }

    #[test]
    fn comparisons_with_out_of_range_ints_do_not_raise() {
        let r = Equal
            .call(
                &arr(vec![1u8, 200]),
                &Arg::Py(PyValue::Int(-1)),
                Out::default(),
            )
            .unwrap();
        assert_eq!(r.to_vec::<bool>(), vec![false, false]);
        let r = Less
            .call(
                &arr(vec![1u8, 200]),
                &Arg::Py(PyValue::Int(1000)),
                Out::default(),
            )
            .unwrap();
        assert_eq!(r.to_vec::<bool>(), vec![true, true]);
    }

    #[test]
    fn in_place_add_of_a_shifted_view_sees_original_values() {
        let a = NdArray::from_vec(vec![1i64, 2, 3, 4], &[4]).unwrap();
        let tail = a.with_layout(
            a.layout()
                .slice_axis(0, crate::layout::AxisSlice::resolve(Some(1), None, 1, 4)),
        );
        let head = a.with_layout(
            a.layout()
                .slice_axis(0, crate::layout::AxisSlice::resolve(None, Some(-1), 1, 4)),
        );
        Add.call(
            &Arg::from(tail.clone()),
            &Arg::from(head),
            Out {
                array: Some(&tail),
                ..Out::default()
            },
        )
        .unwrap();
        assert_eq!(a.to_vec::<i64>(), vec![1, 3, 5, 7]);
    }

    #[test]
    fn out_casting_is_same_kind() {
        let a = NdArray::from_vec(vec![1i64, 2], &[2]).unwrap();
        let e = Add
            .call(
                &Arg::from(a.clone()),
                &Arg::Py(PyValue::Float(1.5)),
                Out {
                    array: Some(&a),
                    ..Out::default()
                },
            )
            .unwrap_err();
        assert_eq!(
            e.message(),
            "Cannot cast ufunc 'add' output from dtype('float64') to dtype('int64') with casting rule 'same_kind'"
        );
    }
}
