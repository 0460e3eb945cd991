//! NumPy's scalar math: the operators between two scalars (`np.int8(100) + np.int8(100)`,
//! `np.float64(1) / 0`). The values are the ufuncs'; the reporting differs. When one operand's
//! own type holds the other (the same type, a safe cast, or a Python number that fits as a
//! weak scalar), NumPy's scalar math takes the operation, names its events "scalar add", and,
//! unlike the array loops, reports integer overflow of `+`, `-`, `*`, unary `-` and `abs`.
//! Otherwise (int64 with uint64, an integer with a Python float) the operation is promoted to
//! a third type and runs as the ufunc, under the ufunc's name.
//!
//! Events are recorded as warnings of the named step (`fpstatus::take_warnings`).

use super::{no_loop, Arg, BinaryOp, Out, UnaryOp};
use crate::array::NdArray;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::fpstatus::{self, FpStatus};
use crate::promote::result_type;
use crate::scalar::Scalar;

impl BinaryOp {
    /// `a op b` for scalar operands, reported as NumPy's scalar math reports it; None when
    /// the ufunc has no loop for two NumPy scalars, where NumPy's operators give way
    /// (Python's `NotImplemented`, so Python's own TypeError names the operand types). With a
    /// Python number the ufunc's TypeError stands.
    pub fn call_on_scalars(self, a: &Arg, b: &Arg) -> Result<Option<NdArray>> {
        let (result, mut events) = with_own_events(|| self.call(a, b, Out::default()));
        let result = match result {
            Err(e) if gives_way(&e, self.name(), a, b) => return Ok(None),
            r => r?,
        };
        let name = match takes_scalar_math(a, b) {
            true => {
                events |= self.scalar_math_events(a, b, &result)?;
                format!("scalar {}", self.name())
            }
            false => self.name().to_string(),
        };
        fpstatus::record_in(events, name);
        Ok(Some(result))
    }

    /// The events NumPy's scalar math raises beyond the ufunc's: integer overflow of `+`, `-`
    /// and `*`, and for float16 remainders the quotient's too (NumPy's half scalar computes
    /// both, as divmod does).
    fn scalar_math_events(self, a: &Arg, b: &Arg, result: &NdArray) -> Result<FpStatus> {
        let checked: fn(i128, i128) -> Option<i128> = match self {
            BinaryOp::Add => i128::checked_add,
            BinaryOp::Subtract => i128::checked_sub,
            BinaryOp::Multiply => i128::checked_mul,
            BinaryOp::Remainder if result.dtype() == DType::Float16 => {
                let (_, events) =
                    with_own_events(|| BinaryOp::FloorDivide.call(a, b, Out::default()));
                return Ok(events);
            }
            _ => return Ok(FpStatus::NONE),
        };
        Ok(match (exact(a, result)?, exact(b, result)?) {
            (Some(x), Some(y)) => overflow_unless(checked(x, y), result),
            _ => FpStatus::NONE,
        })
    }
}

impl UnaryOp {
    /// `op a` for a scalar operand, reported as NumPy's scalar math reports it.
    pub fn call_on_scalar(self, a: &Arg) -> Result<NdArray> {
        let (result, mut events) = with_own_events(|| self.call(a, Out::default()));
        let result = result?;
        let checked: Option<fn(i128) -> Option<i128>> = match self {
            UnaryOp::Negative => Some(i128::checked_neg),
            UnaryOp::Absolute => Some(i128::checked_abs),
            _ => None,
        };
        if let (Some(op), Some(x)) = (checked, exact(a, &result)?) {
            events |= overflow_unless(op(x), &result);
        }
        fpstatus::record_in(events, format!("scalar {}", self.name()));
        Ok(result)
    }
}

/// `divmod(a, b)` for scalar operands: one report, named "scalar divmod" when NumPy's scalar
/// math takes it; None when there is no loop, as for `call_on_scalars`.
pub fn divmod_on_scalars(a: &Arg, b: &Arg) -> Result<Option<(NdArray, NdArray)>> {
    let (result, events) = with_own_events(|| super::divmod(a, b, Out::default(), Out::default()));
    let result = match result {
        Err(e) if gives_way(&e, "divmod", a, b) => return Ok(None),
        r => r?,
    };
    let name = match takes_scalar_math(a, b) {
        true => "scalar divmod",
        false => "divmod",
    };
    fpstatus::record_in(events, name);
    Ok(Some(result))
}

/// Whether `e` is the missing loop of `name` for two NumPy scalars.
fn gives_way(e: &Error, name: &str, a: &Arg, b: &Arg) -> bool {
    let numpy_scalars = matches!((a, b), (Arg::Array(_), Arg::Array(_)));
    numpy_scalars && *e == no_loop(name)
}

/// Runs `f`, returning the events it raised apart from those already pending.
fn with_own_events<R>(f: impl FnOnce() -> R) -> (R, FpStatus) {
    let pending = fpstatus::take();
    let result = f();
    let events = fpstatus::take();
    fpstatus::record(pending);
    (result, events)
}

/// Whether NumPy's scalar math takes `a op b`: the operator that runs first (the left
/// operand's, unless that is a Python number) belongs to a scalar type with scalar math (not
/// `bool`, whose operators are the array's), and one operand's own type holds the other
/// rather than both promoting to a third.
fn takes_scalar_math(a: &Arg, b: &Arg) -> bool {
    let first = match a {
        Arg::Array(x) => x,
        Arg::Py(_) => match b {
            Arg::Array(y) => y,
            Arg::Py(_) => return false,
        },
    };
    let common = result_type(&[a.operand(), b.operand()]);
    first.dtype() != DType::Bool
        && [a, b]
            .into_iter()
            .any(|x| matches!(x, Arg::Array(x) if x.dtype() == common))
}

/// An integer operand's exact value, when the operation's result is an integer (in which
/// type it ran); None for other results.
fn exact(x: &Arg, result: &NdArray) -> Result<Option<i128>> {
    if !result.dtype().is_integer() {
        return Ok(None);
    }
    Ok(as_i128(x.to_array(result.dtype())?.item()?))
}

/// The OVERFLOW event unless `exact` (the true result) is what the wrapped `result` holds.
fn overflow_unless(exact: Option<i128>, result: &NdArray) -> FpStatus {
    let wrapped = result.item().ok().and_then(as_i128);
    match exact == wrapped {
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

    fn scalar(s: Scalar) -> Arg {
        Arg::Array(NdArray::from_scalar(s))
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
            assert_eq!(r.item().unwrap(), Scalar::Int8(-56));
        });
        assert_eq!(w, ["overflow encountered in scalar add"]);
        let w = warnings_of(|| {
            UnaryOp::Negative
                .call_on_scalar(&scalar(Scalar::UInt8(1)))
                .unwrap();
        });
        assert_eq!(w, ["overflow encountered in scalar negative"]);
        let w = warnings_of(|| {
            BinaryOp::Add.call(&a, &b, Out::default()).unwrap();
        });
        assert!(w.is_empty());
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
