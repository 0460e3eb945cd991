//! NumPy's scalar math: the operators between two scalars (`np.int8(100) + np.int8(100)`,
//! `np.float64(1) / 0`). The values are the ufuncs'; the reporting differs. When one operand's
//! own type holds the other (the same type, a safe cast, or a Python number that fits as a
//! weak scalar), NumPy's scalar math takes the operation, names its events "scalar add", and,
//! unlike the array loops, reports integer overflow of `+`, `-`, `*`, unary `-` and `abs`.
//! Otherwise (int64 with uint64, an integer with a Python float) the operation is promoted to
//! a third type and runs as the ufunc, under the ufunc's name.
//!
//! Events are recorded as warnings of the named step (`fpstatus::take_warnings`).

use super::loops::Drive;
use super::{no_loop, Arg, BinaryOp, UnaryOp};
use crate::dtype::{DType, Kind};
use crate::error::{Error, Result};
use crate::fpstatus::{self, FpStatus};
use crate::promote::result_type;
use crate::scalar::Scalar;
use std::cell::Cell;

impl BinaryOp {
    /// `a op b` for scalar operands (NumPy scalars or Python numbers), computed on the values
    /// and reported as NumPy's scalar math reports it; None when the ufunc has no loop for two
    /// NumPy scalars, where NumPy's operators give way (Python's `NotImplemented`, so Python's
    /// own TypeError names the operand types). With a Python number the ufunc's TypeError
    /// stands.
    pub fn call_on_scalars(self, a: &Arg, b: &Arg) -> Result<Option<Scalar>> {
        let Some((loop_dtype, x, y)) = self.values_for(self.name(), a, b)? else {
            return Ok(None);
        };
        let (result, mut events) = self.apply(loop_dtype, x, y);
        let scalar_math = takes_scalar_math(a, b);
        if scalar_math {
            // Scalar math compares complex parts quietly, where the complex loops signal.
            let comparison = result.dtype() == DType::Bool && loop_dtype.kind() == Kind::Complex;
            if comparison {
                events = FpStatus::NONE;
            }
            events |= self.scalar_math_events(loop_dtype, x, y, result);
        }
        record(events, self.name(), scalar_math);
        Ok(Some(result))
    }

    /// `x op y` for two float64 values, NumPy's scalar math, when it raises no event (the
    /// result is finite, or a comparison's): the commonest scalar operation without type
    /// resolution. None leaves the operation to `call_on_scalars`.
    pub fn on_float64s(self, x: f64, y: f64) -> Option<Scalar> {
        use BinaryOp::{BitwiseAnd, BitwiseOr, BitwiseXor, LeftShift, RightShift};
        let float_loop = !matches!(
            self,
            BitwiseAnd | BitwiseOr | BitwiseXor | LeftShift | RightShift
        );
        if !float_loop {
            return None;
        }
        let (result, events) = self.apply(DType::Float64, Scalar::Float64(x), Scalar::Float64(y));
        events.is_empty().then_some(result)
    }

    /// The loop dtype and both inputs as its values, or None where the operator gives way.
    fn values_for(self, name: &str, a: &Arg, b: &Arg) -> Result<Option<(DType, Scalar, Scalar)>> {
        let loop_dtype = match self.resolve(name, a, b) {
            Err(e) if gives_way(&e, name, a, b) => return Ok(None),
            r => r?.0,
        };
        let (x, y) = (a.value(loop_dtype)?, b.value(loop_dtype)?);
        self.check_inputs(loop_dtype, || {
            y.dtype().kind() == Kind::Signed && y.to::<i64>() < 0
        })?;
        Ok(Some((loop_dtype, x, y)))
    }

    /// The kernel on two values of the loop dtype, with its events.
    fn apply(self, loop_dtype: DType, x: Scalar, y: Scalar) -> (Scalar, FpStatus) {
        let out = Cell::new(None);
        let events = self.run(
            loop_dtype,
            &Drive::Values {
                a: x,
                b: y,
                out: &out,
            },
        );
        (out.get().expect("the kernel ran"), events)
    }

    /// The events NumPy's scalar math raises beyond the ufunc's: integer overflow of `+`, `-`
    /// and `*`, and for float16 remainders the quotient's too (NumPy's half scalar computes
    /// both, as divmod does).
    fn scalar_math_events(self, loop_dtype: DType, x: Scalar, y: Scalar, r: Scalar) -> FpStatus {
        let checked: fn(i128, i128) -> Option<i128> = match self {
            BinaryOp::Add => i128::checked_add,
            BinaryOp::Subtract => i128::checked_sub,
            BinaryOp::Multiply => i128::checked_mul,
            BinaryOp::Remainder if loop_dtype == DType::Float16 => {
                return BinaryOp::FloorDivide.apply(loop_dtype, x, y).1;
            }
            _ => return FpStatus::NONE,
        };
        match (as_i128(x), as_i128(y)) {
            (Some(x), Some(y)) => overflow_unless(checked(x, y), r),
            _ => FpStatus::NONE,
        }
    }
}

impl UnaryOp {
    /// `op a` for a scalar operand, reported as NumPy's scalar math reports it.
    pub fn call_on_scalar(self, a: &Arg) -> Result<Scalar> {
        let (result, mut events) = self.apply(a)?;
        let checked: Option<fn(i128) -> Option<i128>> = match self {
            UnaryOp::Negative => Some(i128::checked_neg),
            UnaryOp::Absolute => Some(i128::checked_abs),
            _ => None,
        };
        let x = a.value(result.dtype()).ok().and_then(as_i128);
        if let (Some(op), Some(x)) = (checked, x) {
            events |= overflow_unless(op(x), result);
        }
        record(events, self.name(), true);
        Ok(result)
    }
}

/// `divmod(a, b)` for scalar operands: one report, named "scalar divmod" when NumPy's scalar
/// math takes it; None when there is no loop, as for `call_on_scalars`.
pub fn divmod_on_scalars(a: &Arg, b: &Arg) -> Result<Option<(Scalar, Scalar)>> {
    let quotient = BinaryOp::FloorDivide;
    let Some((loop_dtype, x, y)) = quotient.values_for("divmod", a, b)? else {
        return Ok(None);
    };
    let (q, q_events) = quotient.apply(loop_dtype, x, y);
    let (r, r_events) = BinaryOp::Remainder.apply(loop_dtype, x, y);
    record(q_events | r_events, "divmod", takes_scalar_math(a, b));
    Ok(Some((q, r)))
}

/// Records the events under the ufunc's name, "scalar "-prefixed for scalar math (the name
/// is written only when there are events: most calls have none).
fn record(events: FpStatus, name: &str, scalar_math: bool) {
    if !events.is_empty() {
        let prefix = if scalar_math { "scalar " } else { "" };
        fpstatus::record_in(events, format!("{prefix}{name}"));
    }
}

/// Whether `e` is the missing loop of `name` for two NumPy scalars.
fn gives_way(e: &Error, name: &str, a: &Arg, b: &Arg) -> bool {
    let numpy_scalars = matches!((a, b), (Arg::Scalar(_), Arg::Scalar(_)));
    numpy_scalars && *e == no_loop(name)
}

/// Whether NumPy's scalar math takes `a op b`: the operator that runs first (the left
/// operand's, unless that is a Python number) belongs to a scalar type with scalar math (not
/// `bool`, whose operators are the array's), and one operand's own type holds the other
/// rather than both promoting to a third.
fn takes_scalar_math(a: &Arg, b: &Arg) -> bool {
    let dtype = |x: &Arg| match x {
        Arg::Scalar(s) => Some(s.dtype()),
        Arg::Array(x) => Some(x.dtype()),
        Arg::Py(_) => None,
    };
    let Some(first) = dtype(a).or(dtype(b)) else {
        return false;
    };
    let common = result_type(&[a.operand(), b.operand()]);
    first != DType::Bool && (dtype(a) == Some(common) || dtype(b) == Some(common))
}

/// The OVERFLOW event unless `exact` (the true result) is what the wrapped `result` holds.
fn overflow_unless(exact: Option<i128>, result: Scalar) -> FpStatus {
    match exact == as_i128(result) {
        true => FpStatus::NONE,
        false => FpStatus::OVERFLOW,
    }
}

fn as_i128(s: Scalar) -> Option<i128> {
    Some(match s {
        Scalar::Int8(v) => v.into(),
        Scalar::Int16(v) => v.into(),
        Scalar::Int32(v) => v.into(),
        Scalar::Int64(v) => v.into(),
        Scalar::UInt8(v) => v.into(),
        Scalar::UInt16(v) => v.into(),
        Scalar::UInt32(v) => v.into(),
        Scalar::UInt64(v) => v.into(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::element::c128;
    use crate::promote::PyValue;
    use crate::ufunc::Out;

    fn scalar(s: Scalar) -> Arg<'static> {
        Arg::Scalar(s)
    }

    fn warnings_of(f: impl FnOnce()) -> Vec<String> {
        fpstatus::take_warnings();
        f();
        fpstatus::Warning::texts(&fpstatus::take_warnings())
    }

    #[test]
    fn integer_overflow_is_reported_only_by_scalar_math() {
        let (a, b) = (scalar(Scalar::Int8(100)), scalar(Scalar::Int8(100)));
        let w = warnings_of(|| {
            let r = BinaryOp::Add.call_on_scalars(&a, &b).unwrap().unwrap();
            assert_eq!(r, Scalar::Int8(-56));
        });
        assert_eq!(w, ["overflow encountered in scalar add"]);
        let w = warnings_of(|| {
            UnaryOp::Negative
                .call_on_scalar(&scalar(Scalar::UInt8(1)))
                .unwrap();
        });
        assert_eq!(w, ["overflow encountered in scalar negative"]);
        let w = warnings_of(|| {
            let r = BinaryOp::Add.call(&a, &b, Out::default()).unwrap();
            assert_eq!(r.item().unwrap(), Scalar::Int8(-56));
        });
        assert!(w.is_empty());
    }

    #[test]
    fn one_value_gives_what_a_zero_d_array_gives() {
        use crate::fpstatus;
        let names = [
            "negative", "absolute", "invert", "sqrt", "log", "exp", "floor", "sign",
        ];
        let values = [
            Scalar::Int8(-128),
            Scalar::UInt16(7),
            Scalar::Float16(half::f16::from_f32(-2.5)),
            Scalar::Float64(-0.0),
            Scalar::Float64(1000.0),
            Scalar::Complex64(num_complex::Complex32::new(-3.0, 4.0)),
            Scalar::Bool(true),
        ];
        for op in names.map(|n| UnaryOp::from_name(n).unwrap()) {
            for v in values {
                let a = scalar(v);
                fpstatus::take();
                let by_array = op.call(&a, Out::default()).map(|r| r.item().unwrap());
                let array_events = fpstatus::take();
                let by_value = op.apply(&a);
                match (by_array, by_value) {
                    (Ok(x), Ok((y, events))) => {
                        assert_eq!(format!("{x:?}"), format!("{y:?}"), "{op:?} {v:?}");
                        assert_eq!(events, array_events, "{op:?} {v:?}");
                    }
                    (Err(x), Err(y)) => assert_eq!(x, y),
                    (x, y) => panic!("{op:?} {v:?}: {x:?} vs {y:?}"),
                }
            }
        }
    }

    #[test]
    fn promotion_to_a_third_type_runs_the_ufunc() {
        // int64 with uint64 promotes to float64; a NumPy bool on the left has no scalar math.
        let w = warnings_of(|| {
            let (a, b) = (scalar(Scalar::Int64(1)), scalar(Scalar::UInt64(0)));
            BinaryOp::Divide.call_on_scalars(&a, &b).unwrap();
            let (a, b) = (scalar(Scalar::Bool(true)), scalar(Scalar::Int8(0)));
            BinaryOp::Divide.call_on_scalars(&a, &b).unwrap();
            let (a, b) = (Arg::Py(PyValue::Float(1.0)), scalar(Scalar::Float64(0.0)));
            BinaryOp::Divide.call_on_scalars(&a, &b).unwrap();
        });
        assert_eq!(
            w,
            [
                "divide by zero encountered in divide",
                "divide by zero encountered in divide",
                "divide by zero encountered in scalar divide"
            ]
        );
    }

    #[test]
    fn two_numpy_scalars_without_a_loop_give_way() {
        let (a, b) = (
            scalar(Scalar::Int8(1)),
            scalar(Scalar::Complex128(c128::new(1.0, 0.0))),
        );
        assert!(BinaryOp::FloorDivide
            .call_on_scalars(&a, &b)
            .unwrap()
            .is_none());
        let py = Arg::Py(PyValue::Int(1));
        assert!(BinaryOp::FloorDivide.call_on_scalars(&py, &b).is_err());
    }
}
