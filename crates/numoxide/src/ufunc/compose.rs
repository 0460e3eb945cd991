//! Operations NumPy defines by composing ufuncs: `round` and `clip`.

use super::{Arg, BinaryOp, Out, UnaryOp};
use crate::array::NdArray;
use crate::dtype::Kind;
use crate::error::Result;
use crate::layout::Order;
use crate::promote::PyValue;

/// NumPy's `round(a, decimals)`: half to even, by scaling with 10**decimals, rounding and
/// scaling back (so `round(2.675, 2)` is 2.68, unlike Python's). Integers keep their dtype.
pub fn round(a: &NdArray, decimals: i64) -> Result<NdArray> {
    let kind = a.dtype().kind();
    if matches!(kind, Kind::Bool | Kind::Signed | Kind::Unsigned) {
        if decimals >= 0 {
            return Ok(a.copy(Order::C));
        }
        let as_float = round(&a.astype(crate::DType::Float64, Order::C), decimals)?;
        return Ok(as_float.astype(a.dtype(), Order::C));
    }
    let arg = Arg::from(a);
    if decimals == 0 {
        return UnaryOp::Rint.call(&arg, Out::default());
    }
    let scale = Arg::Py(PyValue::Float(10f64.powi(decimals.unsigned_abs() as i32)));
    let (into, back) = if decimals > 0 {
        (BinaryOp::Multiply, BinaryOp::Divide)
    } else {
        (BinaryOp::Divide, BinaryOp::Multiply)
    };
    let scaled = into.call(&arg, &scale, Out::default())?;
    let rounded = UnaryOp::Rint.call(&Arg::from(scaled), Out::default())?;
    back.call(&Arg::from(rounded), &scale, Out::default())
}

/// NumPy's `clip(a, a_min, a_max)`: `minimum(maximum(a, a_min), a_max)`, promoted as those
/// ufuncs promote (so a float bound makes an integer array float).
pub fn clip(a: &Arg, a_min: Option<&Arg>, a_max: Option<&Arg>) -> Result<NdArray> {
    let low = match a_min {
        Some(lo) => BinaryOp::Maximum.call(a, lo, Out::default())?,
        None => a.to_array_any()?,
    };
    match a_max {
        Some(hi) => BinaryOp::Minimum.call(&Arg::from(low), hi, Out::default()),
        None => Ok(low),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_is_half_to_even_after_scaling() {
        let a = NdArray::from_vec(vec![0.5, 1.5, 2.5, 2.675, -0.5], &[5]).unwrap();
        assert_eq!(
            round(&a, 0).unwrap().to_vec::<f64>(),
            vec![0.0, 2.0, 2.0, 3.0, -0.0]
        );
        assert_eq!(round(&a, 2).unwrap().to_vec::<f64>()[3], 2.68);
        let ints = NdArray::from_vec(vec![15i64, 25, -35], &[3]).unwrap();
        assert_eq!(round(&ints, -1).unwrap().to_vec::<i64>(), vec![20, 20, -40]);
    }

    #[test]
    fn clip_with_min_above_max_gives_max() {
        let a = Arg::from(NdArray::from_vec(vec![1i64, 2, 3], &[3]).unwrap());
        let r = clip(
            &a,
            Some(&Arg::Py(PyValue::Int(3))),
            Some(&Arg::Py(PyValue::Int(1))),
        )
        .unwrap();
        assert_eq!(r.to_vec::<i64>(), vec![1, 1, 1]);
    }
}
