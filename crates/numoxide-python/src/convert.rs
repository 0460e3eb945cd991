//! Python objects to arrays and back: nested sequences with NumPy's dtype inference, the
//! operands of ufuncs, and results that decay to scalars.

use crate::dtype::PyDType;
use crate::errors::IntoPy;
use crate::ndarray::PyNdArray;
use crate::scalars;
use numoxide::promote::{promote_types, PyValue};
use numoxide::ufunc::Arg;
use numoxide::{DType, NdArray, Order, Scalar};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PySequence, PyTuple};

/// One leaf of a nested sequence.
enum Leaf {
    Value(Scalar),
    Array(NdArray),
}

impl Leaf {
    fn dtype(&self) -> DType {
        match self {
            Leaf::Value(s) => s.dtype(),
            Leaf::Array(a) => a.dtype(),
        }
    }
}

/// A Python number as a typed value with the dtype NumPy gives it alone (int -> int64).
fn leaf_value(obj: &Bound<'_, PyAny>) -> PyResult<Option<Scalar>> {
    if let Some(s) = scalars::from_py(obj) {
        return Ok(Some(s));
    }
    match scalars::py_value(obj)? {
        Some(v) => v.to_scalar(v.default_dtype()).py().map(Some),
        None => Ok(None),
    }
}

fn is_sequence(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>()
}

/// Walks a nested sequence: its shape (checked rectangular) and its leaves in C order.
fn discover(
    obj: &Bound<'_, PyAny>,
    depth: usize,
    shape: &mut Vec<usize>,
    leaves: &mut Vec<Leaf>,
) -> PyResult<()> {
    let ragged = |depth: usize, shape: &[usize]| {
        PyValueError::new_err(format!(
            "setting an array element with a sequence. The requested array has an \
             inhomogeneous shape after {depth} dimensions. The detected shape was {} + \
             inhomogeneous part.",
            numoxide::array::shape_tuple(&shape[..depth])
        ))
    };
    let (sub_shape, leaf): (Vec<usize>, Option<Leaf>) = if let Ok(a) = obj.cast::<PyNdArray>() {
        let a = a.borrow().array.clone();
        (a.shape().to_vec(), Some(Leaf::Array(a)))
    } else if is_sequence(obj) {
        let seq = obj.cast::<PySequence>()?;
        let n = seq.len()?;
        if depth == shape.len() {
            shape.push(n);
        } else if shape[depth] != n {
            return Err(ragged(depth, shape));
        }
        for item in seq.try_iter()? {
            discover(&item?, depth + 1, shape, leaves)?;
        }
        if n == 0 && depth + 1 < shape.len() {
            return Err(ragged(depth + 1, shape));
        }
        return Ok(());
    } else if let Some(v) = leaf_value(obj)? {
        (vec![], Some(Leaf::Value(v)))
    } else if let Some(a) = from_array_interface(obj)? {
        (a.shape().to_vec(), Some(Leaf::Array(a)))
    } else if let Ok(arr) = obj.call_method0("__array__") {
        return discover(&arr, depth, shape, leaves);
    } else {
        return Err(PyTypeError::new_err(format!(
            "numoxide arrays hold numbers; cannot store an object of type {}",
            obj.get_type().name()?
        )));
    };
    // A leaf fixes the remaining dimensions, and they must agree with what came before.
    let expected: Vec<usize> = shape.iter().skip(depth).copied().collect();
    if leaves.is_empty() && shape.len() == depth {
        shape.extend(&sub_shape);
    } else if expected != sub_shape {
        return Err(ragged(depth.min(shape.len()), shape));
    }
    leaves.extend(leaf);
    Ok(())
}

/// NumPy's `np.array(obj, dtype)` for numbers, nested lists and tuples, and arrays.
pub fn array_from_py(obj: &Bound<'_, PyAny>, dtype: Option<DType>) -> PyResult<NdArray> {
    if let Ok(a) = obj.cast::<PyNdArray>() {
        let a = &a.borrow().array;
        return Ok(a.astype(dtype.unwrap_or(a.dtype()), Order::C));
    }
    if let Some(a) = fast_flat_list(obj, dtype)? {
        return Ok(a);
    }
    let mut shape = Vec::new();
    let mut leaves = Vec::new();
    discover(obj, 0, &mut shape, &mut leaves)?;
    let dtype = dtype.unwrap_or_else(|| {
        leaves
            .iter()
            .map(Leaf::dtype)
            .reduce(promote_types)
            .unwrap_or(DType::Float64)
    });
    let out = NdArray::zeros(&shape, dtype, Order::C).py()?;
    if leaves.iter().all(|l| matches!(l, Leaf::Value(_))) {
        numoxide::with_dtype!(dtype, T => {
            let values: Vec<T> = leaves.iter().map(|l| match l {
                Leaf::Value(s) => s.to::<T>(),
                Leaf::Array(_) => unreachable!("all leaves are values"), // ok: checked just above
            }).collect();
            out.assign(&NdArray::from_vec(values, &shape).py()?).py()?;
        });
        return Ok(out);
    }
    // Leaves that are arrays fill consecutive blocks of the flat result.
    let mut at = 0;
    for leaf in leaves {
        let n = match &leaf {
            Leaf::Value(_) => 1,
            Leaf::Array(a) => a.size(),
        };
        let block = out.contiguous_range(at, at + n);
        match leaf {
            Leaf::Value(s) => block.fill(s).py()?,
            Leaf::Array(a) => block
                .assign(&a.copy(Order::C).contiguous_range(0, n))
                .py()?,
        }
        at += n;
    }
    Ok(out)
}

/// `np.array([1, 2, 3])` and `np.array([1.5, 2.5])` without the general walk: the common case
/// of a flat list of Python ints or floats, kept fast for small arrays.
fn fast_flat_list(obj: &Bound<'_, PyAny>, dtype: Option<DType>) -> PyResult<Option<NdArray>> {
    let Ok(list) = obj.cast::<PyList>() else {
        return Ok(None);
    };
    let first = match list.get_item(0) {
        Ok(f) => f,
        Err(_) => return Ok(None),
    };
    let n = list.len();
    let values = if first.is_exact_instance_of::<pyo3::types::PyInt>() {
        let mut v = Vec::with_capacity(n);
        for item in list.iter() {
            match item
                .is_exact_instance_of::<pyo3::types::PyInt>()
                .then(|| item.extract::<i64>())
            {
                Some(Ok(x)) => v.push(x),
                _ => return Ok(None),
            }
        }
        Some(NdArray::from_vec(v, &[n]))
    } else if first.is_exact_instance_of::<pyo3::types::PyFloat>() {
        let mut v = Vec::with_capacity(n);
        for item in list.iter() {
            match item.cast_exact::<pyo3::types::PyFloat>() {
                Ok(x) => v.push(x.value()),
                _ => return Ok(None),
            }
        }
        Some(NdArray::from_vec(v, &[n]))
    } else {
        None
    };
    match values {
        None => Ok(None),
        Some(a) => {
            let a = a.py()?;
            Ok(Some(match dtype {
                Some(d) if d != a.dtype() => a.astype(d, Order::C),
                _ => a,
            }))
        }
    }
}

/// A ufunc operand: arrays and NumPy scalars are strong, Python numbers weak (NEP 50).
/// Arrays are borrowed from their Python objects for as long as `obj` is held.
pub fn to_arg<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<Arg<'a>> {
    let array = |a: &'a Bound<'_, PyNdArray>| Arg::from(&a.get().array);
    // Exact types first: a subclass check walks the class hierarchy, which is long for
    // float64 scalars.
    if let Ok(a) = obj.cast_exact::<PyNdArray>() {
        return Ok(array(a));
    }
    if let Some(s) = scalars::from_py(obj) {
        return Ok(Arg::Scalar(s));
    }
    if let Ok(a) = obj.cast::<PyNdArray>() {
        return Ok(array(a));
    }
    if let Some(v) = scalars::py_value(obj)? {
        return Ok(Arg::Py(v));
    }
    Ok(Arg::from(array_from_py(obj, None)?))
}

/// An array result as Python sees it: a NumPy scalar when it is 0-d and `decay` is set.
pub fn to_py_result(py: Python<'_>, a: NdArray, decay: bool) -> PyResult<Py<PyAny>> {
    if decay && a.ndim() == 0 {
        return Ok(scalars::to_py(py, a.get(&[]))?.unbind());
    }
    Ok(PyNdArray::new(a).into_pyobject(py)?.into_any().unbind())
}

/// The dtype object for a core dtype.
pub fn py_dtype(d: DType) -> PyDType {
    PyDType { dtype: d }
}

/// `tolist()`: nested lists of Python numbers.
pub fn to_list<'py>(py: Python<'py>, a: &NdArray) -> PyResult<Bound<'py, PyAny>> {
    fn build<'py>(
        py: Python<'py>,
        a: &NdArray,
        index: &mut Vec<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if index.len() == a.ndim() {
            return scalars::to_builtin(py, a.get(index));
        }
        let n = a.shape()[index.len()];
        let list = PyList::empty(py);
        for i in 0..n {
            index.push(i);
            list.append(build(py, a, index)?)?;
            index.pop();
        }
        Ok(list.into_any())
    }
    build(py, a, &mut Vec::new())
}

/// A Python number stored into an array of `dtype` (`a[i] = v`, `a.fill(v)`): ints must fit,
/// floats truncate into integer arrays, NaN cannot become an integer, complex cannot become
/// real, as NumPy's item assignment rules say.
pub fn assignment_scalar(v: PyValue, dtype: DType) -> PyResult<Scalar> {
    match v {
        PyValue::Float(f) if dtype.is_integer() && f.is_nan() => {
            Err(PyValueError::new_err("cannot convert float NaN to integer"))
        }
        PyValue::Float(f) if dtype.is_integer() && f.is_infinite() => Err(
            pyo3::exceptions::PyOverflowError::new_err("cannot convert float infinity to integer"),
        ),
        PyValue::Complex(_) if !dtype.is_inexact() || dtype.kind() == numoxide::Kind::Float => {
            Err(PyTypeError::new_err(
                "float() argument must be a string or a real number, not 'complex'",
            ))
        }
        _ => v.to_scalar(dtype).py(),
    }
}

/// A view of another library's array through NumPy's `__array_interface__` (version 3),
/// keeping the exporting object alive for as long as the view lives.
fn from_array_interface(obj: &Bound<'_, PyAny>) -> PyResult<Option<NdArray>> {
    let Ok(iface) = obj.getattr("__array_interface__") else {
        return Ok(None);
    };
    let typestr: String = iface.get_item("typestr")?.extract()?;
    let dtype = DType::parse(&typestr)
        .filter(|_| !typestr.starts_with('>'))
        .ok_or_else(|| {
            PyTypeError::new_err(format!("unsupported array interface type {typestr}"))
        })?;
    let shape: Vec<usize> = iface.get_item("shape")?.extract()?;
    let (ptr, readonly): (usize, bool) = iface.get_item("data")?.extract()?;
    let strides: Option<Vec<isize>> = iface.get_item("strides")?.extract()?;
    let strides = strides.unwrap_or_else(|| {
        numoxide::layout::contiguous_strides(&shape, dtype.itemsize(), Order::C).to_vec()
    });
    let owner: Py<PyAny> = obj.clone().unbind();
    // SAFETY: the exporter promises `ptr` with these shape and strides addresses valid
    // elements for as long as the exporting object lives, which the owner guarantees.
    let a =
        unsafe { NdArray::from_foreign(ptr as *mut u8, &shape, &strides, dtype, Box::new(owner)) }
            .py()?;
    Ok(Some(if readonly { a.read_only() } else { a }))
}
