//! Module functions that create arrays or answer questions about dtypes and memory.

use crate::convert::{array_from_py, py_dtype};
use crate::dtype::{dtype_from_py, optional_dtype, PyDType};
use crate::errors::IntoPy;
use crate::ndarray::{like_order_arg, order_arg, PyNdArray};
use crate::scalars;
use numoxide::index::{IndexItem, Indexed};
use numoxide::promote::{self, Casting, Operand};
use numoxide::{DType, NdArray, Scalar};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// A shape argument: an int or a sequence of ints; negative sizes are NumPy's ValueError.
pub fn shape_arg(shape: &Bound<'_, PyAny>) -> PyResult<Vec<usize>> {
    let dims: Vec<i64> = match shape.extract::<i64>() {
        Ok(n) => vec![n],
        Err(_) => shape.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "'{}' object cannot be interpreted as an integer",
                shape
                    .get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ))
        })?,
    };
    if dims.iter().any(|&d| d < 0) {
        return Err(PyValueError::new_err("negative dimensions are not allowed"));
    }
    Ok(dims.into_iter().map(|d| d as usize).collect())
}

fn array_of(obj: &Bound<'_, PyAny>) -> PyResult<NdArray> {
    match obj.cast::<PyNdArray>() {
        Ok(a) => Ok(a.borrow().array.clone()),
        Err(_) => array_from_py(obj, None),
    }
}

/// `np.array(object, dtype=None, *, copy=True, order='K', ndmin=0)`.
#[pyfunction]
#[pyo3(signature = (object, dtype = None, *, copy = Some(true), order = "K", subok = false, ndmin = 0, like = None))]
#[allow(clippy::too_many_arguments)]
pub fn array(
    py: Python<'_>,
    object: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
    order: &str,
    subok: bool,
    ndmin: usize,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = (subok, like);
    let dtype = optional_dtype(dtype)?;
    if let Ok(a) = object.cast::<PyNdArray>() {
        let same = dtype.is_none_or(|d| d == a.borrow().array.dtype());
        if copy != Some(true) && same && ndmin <= a.borrow().array.ndim() {
            return Ok(a.clone().into_any().unbind());
        }
        if copy == Some(false) {
            return Err(PyValueError::new_err(
                "Unable to avoid copy while creating an array as requested.\n\
                 If using `np.array(obj, copy=False)` replace it with `np.asarray(obj)` to allow a copy when needed (no behavior change in NumPy 1.x).\n\
                 For more details, see https://numpy.org/devdocs/numpy_2_0_migration_guide.html#adapting-to-changes-in-the-copy-keyword.",
            ));
        }
    }
    let mut a = array_from_py(object, dtype)?;
    if order_arg(order)? == numoxide::Order::F {
        a = a.copy(numoxide::Order::F);
    }
    while a.ndim() < ndmin {
        a = match a.index(&[IndexItem::NewAxis, IndexItem::Ellipsis]).py()? {
            Indexed::View(v) | Indexed::Element(v) | Indexed::Copy(v) => v,
        };
    }
    Ok(PyNdArray::new(a).into_pyobject(py)?.into_any().unbind())
}

/// `np.asarray(a, dtype=None, order=None)`: no copy when `a` already fits.
#[pyfunction]
#[pyo3(signature = (a, dtype = None, order = None, *, device = None, copy = None, like = None))]
pub fn asarray(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: Option<&str>,
    device: Option<&Bound<'_, PyAny>>,
    copy: Option<bool>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = device;
    array(py, a, dtype, copy, order.unwrap_or("K"), false, 0, like)
}

fn filled(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    value: Scalar,
    dtype: DType,
    order: &str,
) -> PyResult<Py<PyAny>> {
    let shape = shape_arg(shape)?;
    let order = order_arg(order)?;
    let a = if value.is_truthy() {
        NdArray::full(&shape, value, dtype, order)
    } else {
        NdArray::zeros(&shape, dtype, order)
    }
    .py()?;
    Ok(PyNdArray::new(a).into_pyobject(py)?.into_any().unbind())
}

fn dtype_or_float(dtype: Option<&Bound<'_, PyAny>>) -> PyResult<DType> {
    Ok(optional_dtype(dtype)?.unwrap_or(DType::Float64))
}

/// `np.zeros(shape, dtype=float, order='C')`.
#[pyfunction]
#[pyo3(signature = (shape, dtype = None, order = "C", *, device = None, like = None))]
pub fn zeros(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = (device, like);
    filled(
        py,
        shape,
        Scalar::Bool(false),
        dtype_or_float(dtype)?,
        order,
    )
}

/// `np.empty(shape, dtype=float, order='C')` (zero-filled: fresh pages are zero anyway).
#[pyfunction]
#[pyo3(signature = (shape, dtype = None, order = "C", *, device = None, like = None))]
pub fn empty(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    zeros(py, shape, dtype, order, device, like)
}

/// `np.ones(shape, dtype=float, order='C')`.
#[pyfunction]
#[pyo3(signature = (shape, dtype = None, order = "C", *, device = None, like = None))]
pub fn ones(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = (device, like);
    filled(py, shape, Scalar::Bool(true), dtype_or_float(dtype)?, order)
}

/// The value and dtype of a fill value: a NumPy scalar keeps its dtype, a Python number
/// takes its default dtype (`np.full(2, True)` is bool).
fn fill_value(v: &Bound<'_, PyAny>) -> PyResult<Scalar> {
    if let Some(s) = scalars::from_py(v) {
        return Ok(s);
    }
    match scalars::py_value(v)? {
        Some(p) => p.to_scalar(p.default_dtype()).py(),
        None => {
            let a = array_from_py(v, None)?;
            a.item().py()
        }
    }
}

/// `np.full(shape, fill_value, dtype=None, order='C')`.
#[pyfunction]
#[pyo3(signature = (shape, fill_value, dtype = None, order = "C", *, device = None, like = None))]
pub fn full(
    py: Python<'_>,
    shape: &Bound<'_, PyAny>,
    fill_value: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = (device, like);
    let value = self::fill_value(fill_value)?;
    let dtype = optional_dtype(dtype)?.unwrap_or(value.dtype());
    let shape = shape_arg(shape)?;
    let a = NdArray::full(&shape, value, dtype, order_arg(order)?).py()?;
    Ok(PyNdArray::new(a).into_pyobject(py)?.into_any().unbind())
}

/// The `*_like` functions: a new array with `prototype`'s shape, dtype and layout unless
/// given, every element `value` (zeros when None).
fn new_like(
    py: Python<'_>,
    prototype: &Bound<'_, PyAny>,
    value: Option<Scalar>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    shape: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let p = array_of(prototype)?;
    let shape = match shape {
        Some(s) if !s.is_none() => shape_arg(s)?,
        _ => p.shape().to_vec(),
    };
    let dtype = optional_dtype(dtype)?.unwrap_or(p.dtype());
    let a = p
        .new_like(&shape, dtype, like_order_arg(order)?, value.is_none())
        .py()?;
    if let Some(value) = value {
        a.fill(value).py()?;
    }
    Ok(PyNdArray::new(a).into_pyobject(py)?.into_any().unbind())
}

/// `np.zeros_like(a, dtype=None, order='K', shape=None)`.
#[pyfunction]
#[pyo3(signature = (prototype, dtype = None, order = "K", subok = true, shape = None, *, device = None))]
pub fn zeros_like(
    py: Python<'_>,
    prototype: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    subok: bool,
    shape: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = (subok, device);
    new_like(py, prototype, None, dtype, order, shape)
}

/// `np.empty_like(...)`: zeros, as every new buffer starts.
#[pyfunction]
#[pyo3(signature = (prototype, dtype = None, order = "K", subok = true, shape = None, *, device = None))]
pub fn empty_like(
    py: Python<'_>,
    prototype: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    subok: bool,
    shape: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = (subok, device);
    new_like(py, prototype, None, dtype, order, shape)
}

/// `np.ones_like(...)`.
#[pyfunction]
#[pyo3(signature = (a, dtype = None, order = "K", subok = true, shape = None, *, device = None))]
pub fn ones_like(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    subok: bool,
    shape: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = (subok, device);
    new_like(py, a, Some(Scalar::Bool(true)), dtype, order, shape)
}

/// `np.full_like(a, fill_value, dtype=None, ...)`: the value is cast to the result's dtype.
#[pyfunction]
#[pyo3(signature = (a, fill_value, dtype = None, order = "K", subok = true, shape = None, *, device = None))]
#[allow(clippy::too_many_arguments)]
pub fn full_like(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    fill_value: &Bound<'_, PyAny>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    subok: bool,
    shape: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = (subok, device);
    let value = self::fill_value(fill_value)?;
    new_like(py, a, Some(value), dtype, order, shape)
}

/// `np.copy(a, order='K')`.
#[pyfunction]
#[pyo3(signature = (a, order = "K", subok = false))]
pub fn copy(py: Python<'_>, a: &Bound<'_, PyAny>, order: &str, subok: bool) -> PyResult<Py<PyAny>> {
    let _ = subok;
    let a = array_of(a)?.copy(like_order_arg(order)?);
    Ok(PyNdArray::new(a).into_pyobject(py)?.into_any().unbind())
}

/// `np.shares_memory(a, b)`; exact for the views numoxide makes whose extents overlap.
#[pyfunction]
#[pyo3(signature = (a, b, max_work = None))]
pub fn shares_memory(
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    max_work: Option<i64>,
) -> PyResult<bool> {
    let _ = max_work;
    Ok(array_of(a)?.shares_memory(&array_of(b)?))
}

/// `np.may_share_memory(a, b)`: the memory extents overlap.
#[pyfunction]
#[pyo3(signature = (a, b, max_work = None))]
pub fn may_share_memory(
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    max_work: Option<i64>,
) -> PyResult<bool> {
    let _ = max_work;
    Ok(array_of(a)?.may_share_memory(&array_of(b)?))
}

/// A promotion operand: arrays and dtypes are strong, Python numbers weak.
fn operand(obj: &Bound<'_, PyAny>) -> PyResult<Operand> {
    if let Ok(a) = obj.cast::<PyNdArray>() {
        return Ok(Operand::Strong(a.borrow().array.dtype()));
    }
    if let Some(s) = scalars::from_py(obj) {
        return Ok(Operand::Strong(s.dtype()));
    }
    if let Some(v) = scalars::py_value(obj)? {
        return Ok(Operand::Weak(v));
    }
    Ok(Operand::Strong(dtype_from_py(obj)?))
}

/// `np.result_type(*arrays_and_dtypes)` under NEP 50.
#[pyfunction]
#[pyo3(signature = (*arrays_and_dtypes))]
pub fn result_type(arrays_and_dtypes: &Bound<'_, PyTuple>) -> PyResult<PyDType> {
    if arrays_and_dtypes.is_empty() {
        return Err(PyValueError::new_err(
            "at least one array or dtype is required",
        ));
    }
    let ops = arrays_and_dtypes
        .iter()
        .map(|o| operand(&o))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(py_dtype(promote::result_type(&ops)))
}

/// `np.promote_types(type1, type2)`.
#[pyfunction]
pub fn promote_types(type1: &Bound<'_, PyAny>, type2: &Bound<'_, PyAny>) -> PyResult<PyDType> {
    Ok(py_dtype(promote::promote_types(
        dtype_from_py(type1)?,
        dtype_from_py(type2)?,
    )))
}

/// `np.can_cast(from_, to, casting='safe')`.
#[pyfunction]
#[pyo3(signature = (from_, to, casting = "safe"))]
pub fn can_cast(from_: &Bound<'_, PyAny>, to: &Bound<'_, PyAny>, casting: &str) -> PyResult<bool> {
    let rule = Casting::parse(casting).ok_or_else(|| {
        PyValueError::new_err(
            "casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe'",
        )
    })?;
    let from = match operand(from_)? {
        Operand::Strong(d) => d,
        Operand::Weak(_) => {
            return Err(PyTypeError::new_err(
                "can_cast() does not support Python ints, floats, and complex because the result used to depend on the value.\nThis change was part of adopting NEP 50, we may explicitly allow them again in the future.",
            ))
        }
    };
    Ok(promote::can_cast(from, dtype_from_py(to)?, rule))
}

/// `np.isscalar(x)`.
#[pyfunction]
pub fn isscalar(x: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(scalars::from_py(x).is_some()
        || scalars::py_value(x).ok().flatten().is_some()
        || x.is_instance_of::<pyo3::types::PyString>()
        || x.is_instance_of::<pyo3::types::PyBytes>())
}

/// `np.ndim(a)`, `np.shape(a)`, `np.size(a)` for anything array-like.
#[pyfunction]
pub fn ndim(a: &Bound<'_, PyAny>) -> PyResult<usize> {
    Ok(array_of(a)?.ndim())
}

#[pyfunction]
pub fn shape<'py>(py: Python<'py>, a: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyTuple>> {
    PyTuple::new(py, array_of(a)?.shape())
}

#[pyfunction]
#[pyo3(signature = (a, axis = None))]
pub fn size(a: &Bound<'_, PyAny>, axis: Option<isize>) -> PyResult<usize> {
    let a = array_of(a)?;
    match axis {
        None => Ok(a.size()),
        Some(ax) => Ok(a.shape()[numoxide::error::normalize_axis(ax, a.ndim()).py()?]),
    }
}
