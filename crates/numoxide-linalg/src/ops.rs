//! Short names for the core's ufuncs and reductions, as the composite linalg functions
//! (norms, condition numbers) use them.

use numoxide::element::{c128, c64};
use numoxide::promote::PyValue;
use numoxide::reduce;
use numoxide::ufunc::{Arg, BinaryOp, Out, UnaryOp};
use numoxide::{DType, NdArray, Result};

pub(crate) fn unary(op: UnaryOp, x: &NdArray) -> Result<NdArray> {
    op.call(&Arg::from(x), Out::default())
}

pub(crate) fn binary(op: BinaryOp, x: &NdArray, y: &NdArray) -> Result<NdArray> {
    op.call(&Arg::from(x), &Arg::from(y), Out::default())
}

/// `x op v` with `v` a Python float (weak: the array's dtype wins).
pub(crate) fn with_float(op: BinaryOp, x: &NdArray, v: f64) -> Result<NdArray> {
    op.call(&Arg::from(x), &Arg::Py(PyValue::Float(v)), Out::default())
}

/// NumPy's `_assert_finite`: whether every element is finite.
pub(crate) fn all_finite(x: &NdArray) -> Result<bool> {
    let finite = unary(UnaryOp::IsFinite, x)?;
    Ok(reduce::all(&finite, None, false)?.get(&[]).is_truthy())
}

pub(crate) fn sum(x: &NdArray, axes: &[isize], keepdims: bool) -> Result<NdArray> {
    reduce::sum(x, Some(axes), None, keepdims)
}

pub(crate) fn max(x: &NdArray, axes: &[isize], keepdims: bool) -> Result<NdArray> {
    reduce::max(x, Some(axes), keepdims)
}

pub(crate) fn min(x: &NdArray, axes: &[isize], keepdims: bool) -> Result<NdArray> {
    reduce::min(x, Some(axes), keepdims)
}

/// NumPy's `(x.conj() * x).real`: squared moduli in the real dtype of `x`.
pub(crate) fn squared_modulus(x: &NdArray) -> Result<NdArray> {
    match x.dtype() {
        DType::Complex64 => NdArray::from_vec(
            x.to_vec::<c64>()
                .iter()
                .map(|z| z.re * z.re + z.im * z.im)
                .collect(),
            x.shape(),
        ),
        DType::Complex128 => NdArray::from_vec(
            x.to_vec::<c128>()
                .iter()
                .map(|z| z.re * z.re + z.im * z.im)
                .collect(),
            x.shape(),
        ),
        _ => binary(BinaryOp::Multiply, x, x),
    }
}
