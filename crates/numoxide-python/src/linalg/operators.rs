//! `a @ b`, `b @ a`, `a @= b`, `a.dot(b)` and `a.trace()` on ndarray (a pymethods block of
//! its own, next to the class's others).

use super::{result, run};
use crate::dtype::optional_dtype;
use crate::errors::IntoPy;
use crate::ndarray::PyNdArray;
use crate::shaping::array_of;
use numoxide::promote::{can_cast, Casting};
use numoxide::Error;
use numoxide_linalg as linalg;
use pyo3::prelude::*;

/// `a @ b`, or NotImplemented when `other` is no array-like.
fn matmul_operator(
    slf: &Bound<'_, PyNdArray>,
    other: &Bound<'_, PyAny>,
    reflected: bool,
) -> PyResult<Py<PyAny>> {
    let py = slf.py();
    let Ok(other) = array_of(other) else {
        return Ok(py.NotImplemented());
    };
    let me = slf.borrow().array.clone();
    let (a, b) = if reflected { (other, me) } else { (me, other) };
    let r = run(py, &[&a, &b], || linalg::matmul(&a, &b, None))?;
    result(py, r)
}

#[pymethods]
impl PyNdArray {
    fn __matmul__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        matmul_operator(slf, other, false)
    }

    fn __rmatmul__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        matmul_operator(slf, other, true)
    }

    /// `a @= b`: the product must keep a's shape and cast to its dtype (same_kind).
    fn __imatmul__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = slf.py();
        let a = slf.borrow().array.clone();
        let b = array_of(other)?;
        let product = run(py, &[&a, &b], || linalg::matmul(&a, &b, None))?;
        if product.shape() != a.shape() {
            let sig = linalg::Signature {
                name: "matmul",
                text: "(n?,k),(k,m?)->(n?,m?)",
            };
            let (n, ours, theirs) = (a.ndim(), a.shape(), product.shape());
            let dim = if ours[n - 1] != theirs[n - 1] { 1 } else { 0 };
            let e = sig.mismatch(
                "Output operand 0",
                dim,
                ours[n - 2 + dim],
                theirs[n - 2 + dim],
            );
            return Err(e).py();
        }
        if !can_cast(product.dtype(), a.dtype(), Casting::SameKind) {
            return Err(Error::UFuncOutputCasting(format!(
                "Cannot cast ufunc 'matmul' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'",
                product.dtype(),
                a.dtype()
            )))
            .py();
        }
        a.assign(&product).py()
    }

    #[pyo3(signature = (b, out = None))]
    fn dot(
        slf: &Bound<'_, Self>,
        b: &Bound<'_, PyAny>,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        super::products::dot(slf.py(), slf.as_any(), b, out)
    }

    #[pyo3(signature = (offset = 0, axis1 = 0, axis2 = 1, dtype = None, out = None))]
    fn trace(
        slf: &Bound<'_, Self>,
        offset: isize,
        axis1: isize,
        axis2: isize,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let _ = optional_dtype(dtype)?;
        super::products::trace(slf.py(), slf.as_any(), offset, axis1, axis2, dtype, out)
    }
}
