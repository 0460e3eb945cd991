//! `numoxide._linalg`: numpy.linalg's functions. The Python module `numoxide.linalg` wraps
//! the tuples some of them return in NumPy's named result tuples.

use super::{result, run};
use crate::shaping::array_of;
use numoxide::{DType, NdArray};
use numoxide_linalg::{self as linalg, NormOrder, QrMode};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

/// Defines `name(a)` for the one-array functions returning one array.
macro_rules! one_array {
    ($($name:ident => $call:expr),* $(,)?) => {$(
        #[pyfunction]
        pub fn $name(py: Python<'_>, a: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
            let a = array_of(a)?;
            let f: fn(&NdArray) -> numoxide::Result<NdArray> = $call;
            let r = run(py, &[&a], || f(&a))?;
            result(py, r)
        }
    )*};
}
one_array! {
    det => linalg::det,
    inv => linalg::inv,
    eigvals => |a| Ok(linalg::eig(a, false)?.0),
    svdvals => |a| Ok(linalg::svd(a, false, false, false)?.0),
    matrix_transpose => linalg::matrix_transpose,
}

fn pair<'py>(py: Python<'py>, a: NdArray, b: NdArray) -> PyResult<Bound<'py, PyTuple>> {
    PyTuple::new(py, [result(py, a)?, result(py, b)?])
}

#[pyfunction]
pub fn slogdet<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyTuple>> {
    let a = array_of(a)?;
    let (sign, logdet) = run(py, &[&a], || linalg::slogdet(&a))?;
    pair(py, sign, logdet)
}

#[pyfunction]
pub fn solve(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let (a, b) = (array_of(a)?, array_of(b)?);
    let r = run(py, &[&a, &b], || linalg::solve(&a, &b))?;
    result(py, r)
}

#[pyfunction]
#[pyo3(signature = (a, /, *, upper = false))]
pub fn cholesky(py: Python<'_>, a: &Bound<'_, PyAny>, upper: bool) -> PyResult<Py<PyAny>> {
    let a = array_of(a)?;
    let r = run(py, &[&a], || linalg::cholesky(&a, upper))?;
    result(py, r)
}

/// `(Q, R)`, or R alone for mode 'r'.
#[pyfunction]
#[pyo3(signature = (a, mode = "reduced"))]
pub fn qr(py: Python<'_>, a: &Bound<'_, PyAny>, mode: &str) -> PyResult<Py<PyAny>> {
    let a = array_of(a)?;
    let mode = QrMode::parse(mode).map_err(crate::errors::to_py_err)?;
    let (q, r) = run(py, &[&a], || linalg::qr(&a, mode))?;
    match q {
        Some(q) => Ok(pair(py, q, r)?.into_any().unbind()),
        None => result(py, r),
    }
}

#[pyfunction]
#[pyo3(signature = (a, UPLO = "L"))]
#[allow(non_snake_case)]
pub fn eigh<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    UPLO: &str,
) -> PyResult<Bound<'py, PyTuple>> {
    let a = array_of(a)?;
    let (w, v) = run(py, &[&a], || linalg::eigh(&a, UPLO, true))?;
    let v = v.ok_or_else(|| PyTypeError::new_err("eigh computed no vectors"))?;
    pair(py, w, v)
}

#[pyfunction]
#[pyo3(signature = (a, UPLO = "L"))]
#[allow(non_snake_case)]
pub fn eigvalsh(py: Python<'_>, a: &Bound<'_, PyAny>, UPLO: &str) -> PyResult<Py<PyAny>> {
    let a = array_of(a)?;
    let (w, _) = run(py, &[&a], || linalg::eigh(&a, UPLO, false))?;
    result(py, w)
}

#[pyfunction]
pub fn eig<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyTuple>> {
    let a = array_of(a)?;
    let (w, v) = run(py, &[&a], || linalg::eig(&a, true))?;
    let v = v.ok_or_else(|| PyTypeError::new_err("eig computed no vectors"))?;
    pair(py, w, v)
}

/// `(U, S, Vh)`, or S alone without `compute_uv`.
#[pyfunction]
#[pyo3(signature = (a, full_matrices = true, compute_uv = true, hermitian = false))]
pub fn svd(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    full_matrices: bool,
    compute_uv: bool,
    hermitian: bool,
) -> PyResult<Py<PyAny>> {
    let a = array_of(a)?;
    let (s, uv) = run(py, &[&a], || {
        linalg::svd(&a, full_matrices, compute_uv, hermitian)
    })?;
    match uv {
        Some((u, vh)) => Ok(
            PyTuple::new(py, [result(py, u)?, result(py, s)?, result(py, vh)?])?
                .into_any()
                .unbind(),
        ),
        None => result(py, s),
    }
}

/// The `ord` argument: None, a string, or a number.
fn norm_order(ord: Option<&Bound<'_, PyAny>>) -> PyResult<NormOrder> {
    match ord.filter(|o| !o.is_none()) {
        None => Ok(NormOrder::Default),
        Some(o) => match o.extract::<String>() {
            Ok(s) => Ok(NormOrder::Name(s)),
            Err(_) => Ok(NormOrder::Number(o.extract::<f64>()?)),
        },
    }
}

/// An axis argument: None, an int or a tuple of ints.
fn axes(axis: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<isize>>> {
    match axis.filter(|a| !a.is_none()) {
        None => Ok(None),
        Some(a) => match a.extract::<isize>() {
            Ok(i) => Ok(Some(vec![i])),
            Err(_) => a.extract::<Vec<isize>>().map(Some).map_err(|_| {
                PyTypeError::new_err("'axis' must be None, an integer or a tuple of integers")
            }),
        },
    }
}

#[pyfunction]
#[pyo3(signature = (x, ord = None, axis = None, keepdims = false))]
pub fn norm(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    ord: Option<&Bound<'_, PyAny>>,
    axis: Option<&Bound<'_, PyAny>>,
    keepdims: bool,
) -> PyResult<Py<PyAny>> {
    let (x, ord, axis) = (array_of(x)?, norm_order(ord)?, axes(axis)?);
    let r = run(py, &[&x], || {
        linalg::norm(&x, &ord, axis.as_deref(), keepdims)
    })?;
    result(py, r)
}

#[pyfunction]
#[pyo3(signature = (x, /, *, axis = None, keepdims = false, ord = 2.0))]
pub fn vector_norm(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axis: Option<&Bound<'_, PyAny>>,
    keepdims: bool,
    ord: f64,
) -> PyResult<Py<PyAny>> {
    let (x, axis) = (array_of(x)?, axes(axis)?);
    let r = run(py, &[&x], || {
        linalg::vector_norm(&x, ord, axis.as_deref(), keepdims)
    })?;
    result(py, r)
}

#[pyfunction]
#[pyo3(signature = (x, /, *, keepdims = false, ord = None))]
pub fn matrix_norm(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    keepdims: bool,
    ord: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let x = array_of(x)?;
    let ord = match ord {
        None => NormOrder::Name("fro".into()),
        o => norm_order(o)?,
    };
    let r = run(py, &[&x], || linalg::matrix_norm(&x, &ord, keepdims))?;
    result(py, r)
}

#[pyfunction]
#[pyo3(signature = (x, p = None))]
pub fn cond(
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    p: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let (x, p) = (array_of(x)?, norm_order(p)?);
    let r = run(py, &[&x], || linalg::cond(&x, &p))?;
    result(py, r)
}

#[pyfunction]
#[pyo3(signature = (A, tol = None, hermitian = false, *, rtol = None))]
#[allow(non_snake_case)]
pub fn matrix_rank(
    py: Python<'_>,
    A: &Bound<'_, PyAny>,
    tol: Option<f64>,
    hermitian: bool,
    rtol: Option<f64>,
) -> PyResult<Py<PyAny>> {
    let a = array_of(A)?;
    let r = run(py, &[&a], || linalg::matrix_rank(&a, tol, rtol, hermitian))?;
    result(py, r)
}

/// `pinv(a, rcond=None, hermitian=False, *, rtol=<unset>)`: rcond wins; an unset rtol
/// means 1e-15, `rtol=None` means max(m, n) * eps.
#[pyfunction]
#[pyo3(signature = (a, rcond = None, hermitian = false, **kwargs))]
pub fn pinv(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    rcond: Option<f64>,
    hermitian: bool,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    let a = array_of(a)?;
    let rtol = match kwargs {
        Some(k) => k.get_item("rtol")?,
        None => None,
    };
    let rcond = match (rcond, rtol) {
        (Some(r), _) => r,
        (None, None) => 1e-15,
        (None, Some(r)) if r.is_none() => {
            // NumPy asks finfo(a.dtype), which refuses integers and bool.
            let eps = match a.dtype() {
                DType::Float32 | DType::Complex64 => f32::EPSILON as f64,
                DType::Float16 => half::f16::EPSILON.to_f64(),
                DType::Float64 | DType::Complex128 => f64::EPSILON,
                d => {
                    return Err(pyo3::exceptions::PyValueError::new_err(format!(
                        "data type <class 'numpy.{}'> not inexact",
                        d.name()
                    )))
                }
            };
            let n = a.ndim();
            let big = if n >= 2 {
                a.shape()[n - 1].max(a.shape()[n - 2])
            } else {
                0
            };
            big as f64 * eps
        }
        (None, Some(r)) => r.extract::<f64>()?,
    };
    let r = run(py, &[&a], || linalg::pinv(&a, rcond, hermitian))?;
    result(py, r)
}

/// `(x, residuals, rank, s)`.
#[pyfunction]
#[pyo3(signature = (a, b, rcond = None))]
pub fn lstsq<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    b: &Bound<'py, PyAny>,
    rcond: Option<f64>,
) -> PyResult<Bound<'py, PyTuple>> {
    let (a, b) = (array_of(a)?, array_of(b)?);
    let r = run(py, &[&a, &b], || linalg::lstsq(&a, &b, rcond))?;
    let rank = NdArray::from_vec(vec![r.rank], &[]).map_err(crate::errors::to_py_err)?;
    PyTuple::new(
        py,
        [
            result(py, r.x)?,
            result(py, r.residuals)?,
            result(py, rank)?,
            result(py, r.singular_values)?,
        ],
    )
}

#[pyfunction]
pub fn matrix_power(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    n: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let a = array_of(a)?;
    let n: i64 = n
        .call_method0("__index__")
        .and_then(|i| i.extract())
        .map_err(|_| PyTypeError::new_err("exponent must be an integer"))?;
    let r = run(py, &[&a], || linalg::matrix_power(&a, n))?;
    result(py, r)
}

#[pyfunction]
#[pyo3(signature = (arrays, *, out = None))]
pub fn multi_dot(
    py: Python<'_>,
    arrays: &Bound<'_, PyAny>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    if out.is_some_and(|o| !o.is_none()) {
        return Err(pyo3::exceptions::PyNotImplementedError::new_err(
            "out= is not supported for multi_dot yet",
        ));
    }
    let arrays: Vec<NdArray> = arrays
        .try_iter()?
        .map(|a| array_of(&a?))
        .collect::<PyResult<_>>()?;
    let refs: Vec<&NdArray> = arrays.iter().collect();
    let r = run(py, &refs, || linalg::multi_dot(&arrays))?;
    result(py, r)
}

#[pyfunction]
#[pyo3(signature = (a, ind = 2))]
pub fn tensorinv(py: Python<'_>, a: &Bound<'_, PyAny>, ind: usize) -> PyResult<Py<PyAny>> {
    let a = array_of(a)?;
    let r = run(py, &[&a], || linalg::tensorinv(&a, ind))?;
    result(py, r)
}

#[pyfunction]
#[pyo3(signature = (a, b, axes = None))]
pub fn tensorsolve(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    axes: Option<Vec<isize>>,
) -> PyResult<Py<PyAny>> {
    let (a, b) = (array_of(a)?, array_of(b)?);
    let r = run(py, &[&a, &b], || {
        linalg::tensorsolve(&a, &b, axes.as_deref())
    })?;
    result(py, r)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(det, m)?)?;
    m.add_function(wrap_pyfunction!(slogdet, m)?)?;
    m.add_function(wrap_pyfunction!(inv, m)?)?;
    m.add_function(wrap_pyfunction!(solve, m)?)?;
    m.add_function(wrap_pyfunction!(cholesky, m)?)?;
    m.add_function(wrap_pyfunction!(qr, m)?)?;
    m.add_function(wrap_pyfunction!(eigh, m)?)?;
    m.add_function(wrap_pyfunction!(eigvalsh, m)?)?;
    m.add_function(wrap_pyfunction!(eig, m)?)?;
    m.add_function(wrap_pyfunction!(eigvals, m)?)?;
    m.add_function(wrap_pyfunction!(svd, m)?)?;
    m.add_function(wrap_pyfunction!(svdvals, m)?)?;
    m.add_function(wrap_pyfunction!(norm, m)?)?;
    m.add_function(wrap_pyfunction!(vector_norm, m)?)?;
    m.add_function(wrap_pyfunction!(matrix_norm, m)?)?;
    m.add_function(wrap_pyfunction!(cond, m)?)?;
    m.add_function(wrap_pyfunction!(matrix_rank, m)?)?;
    m.add_function(wrap_pyfunction!(pinv, m)?)?;
    m.add_function(wrap_pyfunction!(lstsq, m)?)?;
    m.add_function(wrap_pyfunction!(matrix_power, m)?)?;
    m.add_function(wrap_pyfunction!(multi_dot, m)?)?;
    m.add_function(wrap_pyfunction!(tensorinv, m)?)?;
    m.add_function(wrap_pyfunction!(tensorsolve, m)?)?;
    m.add_function(wrap_pyfunction!(matrix_transpose, m)?)?;
    Ok(())
}
