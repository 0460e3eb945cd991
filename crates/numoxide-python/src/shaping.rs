//! Bindings of the core's shape manipulation and range/matrix creation functions, as module
//! functions and as ndarray methods. Results that share memory with the input come back as
//! views whose `base` is the memory's owner.

use crate::convert::{array_from_py, to_arg};
use crate::dtype::optional_dtype;
use crate::errors::IntoPy;
use crate::ndarray::{like_order_arg, order_arg, view_of, PyNdArray};
use crate::scalars;
use numoxide::create;
use numoxide::promote::{result_type, Operand, PyValue};
use numoxide::shape::{self as core_shape, Sections};
use numoxide::{DType, NdArray};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

/// An array argument as an owned core array (no copy for our arrays).
pub fn array_of(obj: &Bound<'_, PyAny>) -> PyResult<NdArray> {
    match obj.cast::<PyNdArray>() {
        Ok(a) => Ok(a.borrow().array.clone()),
        Err(_) => array_from_py(obj, None),
    }
}

/// A result of an operation on `source`: a view of it when they share memory.
fn wrap(source: &Bound<'_, PyAny>, result: NdArray) -> PyResult<Py<PyAny>> {
    if let Ok(src) = source.cast::<PyNdArray>() {
        if src.borrow().array.same_buffer(&result) {
            return view_of(src, result);
        }
    }
    Ok(PyNdArray::new(result)
        .into_pyobject(source.py())?
        .into_any()
        .unbind())
}

fn wrap_all(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    results: Vec<NdArray>,
) -> PyResult<Py<PyAny>> {
    let items = results
        .into_iter()
        .map(|r| wrap(source, r))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyList::new(py, items)?.into_any().unbind())
}

/// An axis argument: None, an int or a sequence of ints.
fn axes_arg(axis: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<isize>>> {
    match axis {
        None => Ok(None),
        Some(a) if a.is_none() => Ok(None),
        Some(a) => match a.extract::<isize>() {
            Ok(i) => Ok(Some(vec![i])),
            Err(_) => Ok(Some(a.extract::<Vec<isize>>()?)),
        },
    }
}

/// A shape given as separate ints or one sequence (`reshape(2, 3)` or `reshape((2, 3))`).
fn shape_args(args: &Bound<'_, PyTuple>) -> PyResult<Vec<isize>> {
    if args.len() == 1 {
        let a = args.get_item(0)?;
        if let Ok(i) = a.extract::<isize>() {
            return Ok(vec![i]);
        }
        return a.extract();
    }
    args.extract()
}

fn arrays_arg(seq: &Bound<'_, PyAny>) -> PyResult<Vec<NdArray>> {
    seq.try_iter()?.map(|a| array_of(&a?)).collect()
}

#[pymethods]
impl PyNdArray {
    #[pyo3(signature = (*shape, order = "C", copy = None))]
    fn reshape(
        slf: &Bound<'_, Self>,
        shape: &Bound<'_, PyTuple>,
        order: &str,
        copy: Option<bool>,
    ) -> PyResult<Py<PyAny>> {
        let shape = shape_args(shape)?;
        let a = slf.borrow().array.clone();
        let order = a.reshape_order(like_order_arg(order)?).py()?;
        let r = match copy {
            Some(false) => a.reshape_view(&shape, order),
            Some(true) => a.reshape(&shape, order).map(|r| r.copy(order)),
            None => a.reshape(&shape, order),
        }
        .py()?;
        wrap(slf.as_any(), r)
    }

    #[pyo3(signature = (order = "C"))]
    fn ravel(slf: &Bound<'_, Self>, order: &str) -> PyResult<Py<PyAny>> {
        let r = slf.borrow().array.ravel(like_order_arg(order)?);
        wrap(slf.as_any(), r)
    }

    #[pyo3(signature = (order = "C"))]
    fn flatten(&self, order: &str) -> PyResult<PyNdArray> {
        Ok(PyNdArray::new(self.array.flatten(like_order_arg(order)?)))
    }

    #[getter(T)]
    fn transposed(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let r = slf.borrow().array.transpose(None).py()?;
        wrap(slf.as_any(), r)
    }

    #[getter(mT)]
    fn matrix_transposed(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let r = slf.borrow().array.swapaxes(-1, -2).py()?;
        wrap(slf.as_any(), r)
    }

    #[pyo3(signature = (*axes))]
    fn transpose(slf: &Bound<'_, Self>, axes: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
        let axes = match axes.len() {
            0 => None,
            1 => axes_arg(Some(&axes.get_item(0)?))?,
            _ => Some(axes.extract()?),
        };
        let r = slf.borrow().array.transpose(axes.as_deref()).py()?;
        wrap(slf.as_any(), r)
    }

    fn swapaxes(slf: &Bound<'_, Self>, axis1: isize, axis2: isize) -> PyResult<Py<PyAny>> {
        let r = slf.borrow().array.swapaxes(axis1, axis2).py()?;
        wrap(slf.as_any(), r)
    }

    #[pyo3(signature = (axis = None))]
    fn squeeze(slf: &Bound<'_, Self>, axis: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
        let r = slf
            .borrow()
            .array
            .squeeze(axes_arg(axis)?.as_deref())
            .py()?;
        wrap(slf.as_any(), r)
    }

    #[pyo3(signature = (offset = 0, axis1 = 0, axis2 = 1))]
    fn diagonal(
        slf: &Bound<'_, Self>,
        offset: isize,
        axis1: isize,
        axis2: isize,
    ) -> PyResult<Py<PyAny>> {
        let r = slf.borrow().array.diagonal(offset, axis1, axis2).py()?;
        wrap(slf.as_any(), r)
    }
}

#[pyfunction]
#[pyo3(signature = (a, shape, order = "C", *, copy = None))]
pub fn reshape(
    a: &Bound<'_, PyAny>,
    shape: &Bound<'_, PyAny>,
    order: &str,
    copy: Option<bool>,
) -> PyResult<Py<PyAny>> {
    let shape: Vec<isize> = match shape.extract::<isize>() {
        Ok(i) => vec![i],
        Err(_) => shape.extract()?,
    };
    let x = array_of(a)?;
    let order = x.reshape_order(like_order_arg(order)?).py()?;
    let r = if copy == Some(false) {
        x.reshape_view(&shape, order)
    } else {
        x.reshape(&shape, order)
    }
    .py()?;
    wrap(a, r)
}

#[pyfunction]
#[pyo3(signature = (a, order = "C"))]
pub fn ravel(a: &Bound<'_, PyAny>, order: &str) -> PyResult<Py<PyAny>> {
    let r = array_of(a)?.ravel(like_order_arg(order)?);
    wrap(a, r)
}

#[pyfunction]
#[pyo3(signature = (a, axes = None))]
pub fn transpose(a: &Bound<'_, PyAny>, axes: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
    let r = array_of(a)?.transpose(axes_arg(axes)?.as_deref()).py()?;
    wrap(a, r)
}

#[pyfunction]
pub fn permute_dims(a: &Bound<'_, PyAny>, axes: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    transpose(a, Some(axes))
}

#[pyfunction]
pub fn matrix_transpose(x: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let r = array_of(x)?.swapaxes(-1, -2).py()?;
    wrap(x, r)
}

#[pyfunction]
pub fn swapaxes(a: &Bound<'_, PyAny>, axis1: isize, axis2: isize) -> PyResult<Py<PyAny>> {
    let r = array_of(a)?.swapaxes(axis1, axis2).py()?;
    wrap(a, r)
}

#[pyfunction]
pub fn moveaxis(
    a: &Bound<'_, PyAny>,
    source: &Bound<'_, PyAny>,
    destination: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let (s, d) = (
        axes_arg(Some(source))?.unwrap_or_default(),
        axes_arg(Some(destination))?.unwrap_or_default(),
    );
    let r = array_of(a)?.moveaxis(&s, &d).py()?;
    wrap(a, r)
}

#[pyfunction]
#[pyo3(signature = (a, axis = None))]
pub fn squeeze(a: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
    let r = array_of(a)?.squeeze(axes_arg(axis)?.as_deref()).py()?;
    wrap(a, r)
}

#[pyfunction]
pub fn expand_dims(a: &Bound<'_, PyAny>, axis: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let r = array_of(a)?
        .expand_dims(&axes_arg(Some(axis))?.unwrap_or_default())
        .py()?;
    wrap(a, r)
}

#[pyfunction]
#[pyo3(signature = (m, axis = None))]
pub fn flip(m: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
    let r = array_of(m)?.flip(axes_arg(axis)?.as_deref()).py()?;
    wrap(m, r)
}

#[pyfunction]
#[pyo3(signature = (array, shape, subok = false))]
pub fn broadcast_to(
    array: &Bound<'_, PyAny>,
    shape: &Bound<'_, PyAny>,
    subok: bool,
) -> PyResult<Py<PyAny>> {
    let _ = subok;
    let shape: Vec<isize> = match shape.extract::<isize>() {
        Ok(i) => vec![i],
        Err(_) => shape.extract()?,
    };
    let r = array_of(array)?.broadcast_to(&shape).py()?;
    wrap(array, r)
}

#[pyfunction]
#[pyo3(signature = (*args, subok = false))]
pub fn broadcast_arrays(
    py: Python<'_>,
    args: &Bound<'_, PyTuple>,
    subok: bool,
) -> PyResult<Py<PyAny>> {
    let _ = subok;
    let arrays = arrays_arg(args.as_any())?;
    let results = core_shape::broadcast_arrays(&arrays).py()?;
    let items = results
        .into_iter()
        .zip(args.iter())
        .map(|(r, src)| wrap(&src, r))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyTuple::new(py, items)?.into_any().unbind())
}

macro_rules! at_least {
    ($($name:ident),*) => {$(
        #[pyfunction]
        #[pyo3(signature = (*arys))]
        pub fn $name(py: Python<'_>, arys: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
            let items = arys
                .iter()
                .map(|a| wrap(&a, core_shape::$name(&array_of(&a)?)))
                .collect::<PyResult<Vec<_>>>()?;
            if items.len() == 1 {
                return Ok(items.into_iter().next().expect("one item")); // ok: len is 1
            }
            Ok(PyTuple::new(py, items)?.into_any().unbind())
        }
    )*};
}
at_least!(atleast_1d, atleast_2d, atleast_3d);

#[pyfunction]
#[pyo3(signature = (arrays, axis = Some(0), out = None, *, dtype = None, casting = "same_kind"))]
pub fn concatenate(
    arrays: &Bound<'_, PyAny>,
    axis: Option<isize>,
    out: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    casting: &str,
) -> PyResult<PyNdArray> {
    let _ = casting;
    if out.is_some_and(|o| !o.is_none()) {
        return Err(PyTypeError::new_err(
            "concatenate(out=...) is not supported yet",
        ));
    }
    let mut r = core_shape::concatenate(&arrays_arg(arrays)?, axis).py()?;
    if let Some(d) = optional_dtype(dtype)? {
        r = r.astype(d, numoxide::Order::C);
    }
    Ok(PyNdArray::new(r))
}

#[pyfunction]
#[pyo3(signature = (x, /, *, axis = 0))]
pub fn concat(x: &Bound<'_, PyAny>, axis: Option<isize>) -> PyResult<PyNdArray> {
    concatenate(x, axis, None, None, "same_kind")
}

#[pyfunction]
#[pyo3(signature = (arrays, axis = 0, out = None, *, dtype = None, casting = "same_kind"))]
pub fn stack(
    arrays: &Bound<'_, PyAny>,
    axis: isize,
    out: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    casting: &str,
) -> PyResult<PyNdArray> {
    let _ = (out, casting);
    let mut r = core_shape::stack(&arrays_arg(arrays)?, axis).py()?;
    if let Some(d) = optional_dtype(dtype)? {
        r = r.astype(d, numoxide::Order::C);
    }
    Ok(PyNdArray::new(r))
}

macro_rules! stackers {
    ($($name:ident),*) => {$(
        #[pyfunction]
        #[pyo3(signature = (tup, *, dtype = None, casting = "same_kind"))]
        pub fn $name(tup: &Bound<'_, PyAny>, dtype: Option<&Bound<'_, PyAny>>, casting: &str) -> PyResult<PyNdArray> {
            let _ = casting;
            let mut r = core_shape::$name(&arrays_arg(tup)?).py()?;
            if let Some(d) = optional_dtype(dtype)? {
                r = r.astype(d, numoxide::Order::C);
            }
            Ok(PyNdArray::new(r))
        }
    )*};
}
stackers!(vstack, hstack, dstack, column_stack);

fn split_with(
    py: Python<'_>,
    ary: &Bound<'_, PyAny>,
    indices_or_sections: &Bound<'_, PyAny>,
    axis: isize,
    f: fn(&NdArray, Sections<'_>, isize) -> numoxide::Result<Vec<NdArray>>,
) -> PyResult<Py<PyAny>> {
    let a = array_of(ary)?;
    let parts = match indices_or_sections.extract::<isize>() {
        Ok(n) => f(&a, Sections::Count(n), axis),
        Err(_) => {
            let idx: Vec<isize> = indices_or_sections.extract()?;
            f(&a, Sections::Indices(&idx), axis)
        }
    }
    .py()?;
    wrap_all(py, ary, parts)
}

#[pyfunction]
#[pyo3(signature = (ary, indices_or_sections, axis = 0))]
pub fn split(
    py: Python<'_>,
    ary: &Bound<'_, PyAny>,
    indices_or_sections: &Bound<'_, PyAny>,
    axis: isize,
) -> PyResult<Py<PyAny>> {
    split_with(py, ary, indices_or_sections, axis, core_shape::split)
}

#[pyfunction]
#[pyo3(signature = (ary, indices_or_sections, axis = 0))]
pub fn array_split(
    py: Python<'_>,
    ary: &Bound<'_, PyAny>,
    indices_or_sections: &Bound<'_, PyAny>,
    axis: isize,
) -> PyResult<Py<PyAny>> {
    split_with(py, ary, indices_or_sections, axis, core_shape::array_split)
}

/// A Python number (or NumPy scalar) for arange's bounds, with its promotion operand.
fn number_arg(obj: &Bound<'_, PyAny>) -> PyResult<(PyValue, Operand)> {
    if let Some(s) = scalars::from_py(obj) {
        let v = match s.dtype().kind() {
            numoxide::Kind::Bool | numoxide::Kind::Signed | numoxide::Kind::Unsigned => {
                PyValue::Int(s.to::<i64>() as i128)
            }
            numoxide::Kind::Float => PyValue::Float(s.to_f64()),
            numoxide::Kind::Complex => PyValue::Complex(s.to_c128()),
        };
        return Ok((v, Operand::Strong(s.dtype())));
    }
    let v = scalars::py_value(obj)?.ok_or_else(|| {
        PyTypeError::new_err(format!(
            "unsupported type for arange: '{}'",
            obj.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })?;
    // NumPy types a Python int by its default dtype here (strong), as np.asarray would.
    Ok((v, Operand::Strong(v.default_dtype())))
}

#[pyfunction]
#[pyo3(signature = (start_or_stop, stop = None, step = None, dtype = None, *, device = None, like = None))]
pub fn arange(
    start_or_stop: &Bound<'_, PyAny>,
    stop: Option<&Bound<'_, PyAny>>,
    step: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    device: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyNdArray> {
    let _ = (device, like);
    let (start, stop) = match stop.filter(|s| !s.is_none()) {
        Some(stop) => (number_arg(start_or_stop)?, number_arg(stop)?),
        None => (
            (PyValue::Int(0), Operand::Strong(DType::Int64)),
            number_arg(start_or_stop)?,
        ),
    };
    let step = match step.filter(|s| !s.is_none()) {
        Some(s) => Some(number_arg(s)?),
        None => None,
    };
    let mut ops = vec![start.1, stop.1];
    ops.extend(step.map(|s| s.1));
    let dt = match optional_dtype(dtype)? {
        Some(d) => d,
        None => result_type(&ops),
    };
    let step = step.map(|s| s.0).unwrap_or(PyValue::Int(1));
    Ok(PyNdArray::new(
        create::arange(start.0, stop.0, step, dt).py()?,
    ))
}

#[pyfunction]
#[pyo3(signature = (start, stop, num = 50, endpoint = true, retstep = false, dtype = None, axis = 0, *, device = None))]
#[allow(clippy::too_many_arguments)]
pub fn linspace(
    py: Python<'_>,
    start: &Bound<'_, PyAny>,
    stop: &Bound<'_, PyAny>,
    num: isize,
    endpoint: bool,
    retstep: bool,
    dtype: Option<&Bound<'_, PyAny>>,
    axis: isize,
    device: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = device;
    let (y, step) = create::linspace(
        &to_arg(start)?,
        &to_arg(stop)?,
        num,
        endpoint,
        optional_dtype(dtype)?,
        axis,
    )
    .py()?;
    let y = PyNdArray::new(y).into_pyobject(py)?.into_any().unbind();
    if !retstep {
        return Ok(y);
    }
    let step = crate::convert::to_py_result(py, step, true)?;
    Ok(PyTuple::new(py, [y, step])?.into_any().unbind())
}

#[pyfunction]
#[pyo3(signature = (N, M = None, k = 0, dtype = None, order = "C", *, device = None, like = None))]
#[allow(non_snake_case, clippy::too_many_arguments)]
pub fn eye(
    N: isize,
    M: Option<isize>,
    k: isize,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    device: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyNdArray> {
    let _ = (device, like);
    let d = optional_dtype(dtype)?.unwrap_or(DType::Float64);
    Ok(PyNdArray::new(
        create::eye(N, M, k, d, order_arg(order)?).py()?,
    ))
}

#[pyfunction]
#[pyo3(signature = (n, dtype = None, *, like = None))]
pub fn identity(
    n: isize,
    dtype: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyNdArray> {
    let _ = like;
    Ok(PyNdArray::new(
        create::identity(n, optional_dtype(dtype)?.unwrap_or(DType::Float64)).py()?,
    ))
}

#[pyfunction]
#[pyo3(signature = (N, M = None, k = 0, dtype = None, *, like = None))]
#[allow(non_snake_case)]
pub fn tri(
    N: isize,
    M: Option<isize>,
    k: isize,
    dtype: Option<&Bound<'_, PyAny>>,
    like: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyNdArray> {
    let _ = like;
    Ok(PyNdArray::new(
        create::tri(N, M, k, optional_dtype(dtype)?.unwrap_or(DType::Float64)).py()?,
    ))
}

#[pyfunction]
#[pyo3(signature = (m, k = 0))]
pub fn tril(m: &Bound<'_, PyAny>, k: isize) -> PyResult<PyNdArray> {
    Ok(PyNdArray::new(create::tril(&array_of(m)?, k).py()?))
}

#[pyfunction]
#[pyo3(signature = (m, k = 0))]
pub fn triu(m: &Bound<'_, PyAny>, k: isize) -> PyResult<PyNdArray> {
    Ok(PyNdArray::new(create::triu(&array_of(m)?, k).py()?))
}

#[pyfunction]
#[pyo3(signature = (v, k = 0))]
pub fn diag(v: &Bound<'_, PyAny>, k: isize) -> PyResult<Py<PyAny>> {
    let r = create::diag(&array_of(v)?, k).py()?;
    wrap(v, r)
}

#[pyfunction]
#[pyo3(signature = (a, offset = 0, axis1 = 0, axis2 = 1))]
pub fn diagonal(
    a: &Bound<'_, PyAny>,
    offset: isize,
    axis1: isize,
    axis2: isize,
) -> PyResult<Py<PyAny>> {
    let r = array_of(a)?.diagonal(offset, axis1, axis2).py()?;
    wrap(a, r)
}

/// Adds this module's functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(reshape, m)?)?;
    m.add_function(wrap_pyfunction!(ravel, m)?)?;
    m.add_function(wrap_pyfunction!(transpose, m)?)?;
    m.add_function(wrap_pyfunction!(permute_dims, m)?)?;
    m.add_function(wrap_pyfunction!(matrix_transpose, m)?)?;
    m.add_function(wrap_pyfunction!(swapaxes, m)?)?;
    m.add_function(wrap_pyfunction!(moveaxis, m)?)?;
    m.add_function(wrap_pyfunction!(squeeze, m)?)?;
    m.add_function(wrap_pyfunction!(expand_dims, m)?)?;
    m.add_function(wrap_pyfunction!(flip, m)?)?;
    m.add_function(wrap_pyfunction!(broadcast_to, m)?)?;
    m.add_function(wrap_pyfunction!(broadcast_arrays, m)?)?;
    m.add_function(wrap_pyfunction!(atleast_1d, m)?)?;
    m.add_function(wrap_pyfunction!(atleast_2d, m)?)?;
    m.add_function(wrap_pyfunction!(atleast_3d, m)?)?;
    m.add_function(wrap_pyfunction!(concatenate, m)?)?;
    m.add_function(wrap_pyfunction!(concat, m)?)?;
    m.add_function(wrap_pyfunction!(stack, m)?)?;
    m.add_function(wrap_pyfunction!(vstack, m)?)?;
    m.add_function(wrap_pyfunction!(hstack, m)?)?;
    m.add_function(wrap_pyfunction!(dstack, m)?)?;
    m.add_function(wrap_pyfunction!(column_stack, m)?)?;
    m.add_function(wrap_pyfunction!(split, m)?)?;
    m.add_function(wrap_pyfunction!(array_split, m)?)?;
    m.add_function(wrap_pyfunction!(arange, m)?)?;
    m.add_function(wrap_pyfunction!(linspace, m)?)?;
    m.add_function(wrap_pyfunction!(eye, m)?)?;
    m.add_function(wrap_pyfunction!(identity, m)?)?;
    m.add_function(wrap_pyfunction!(tri, m)?)?;
    m.add_function(wrap_pyfunction!(tril, m)?)?;
    m.add_function(wrap_pyfunction!(triu, m)?)?;
    m.add_function(wrap_pyfunction!(diag, m)?)?;
    m.add_function(wrap_pyfunction!(diagonal, m)?)?;
    Ok(())
}
