//! matmul, dot, vdot, inner, outer, tensordot, kron, trace and the vector gufuncs.

use super::{finish, result, run, OutArg};
use crate::dtype::optional_dtype;
use crate::errors::IntoPy;
use crate::shaping::array_of;
use numoxide::promote::Casting;
use numoxide_linalg::{self as linalg, AxesItem, CoreAxes, Optimize, OutRule, VectorProduct};
use pyo3::exceptions::{PyDeprecationWarning, PyNotImplementedError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyTuple};
use std::ffi::CString;

fn no_out(out: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    match out.filter(|o| !o.is_none()) {
        Some(_) => Err(PyNotImplementedError::new_err(
            "out= is not supported for products yet",
        )),
        None => Ok(()),
    }
}

/// A gufunc's `axes=`/`axis=` (both given is NumPy's TypeError).
fn core_axes_arg(
    axes: Option<&Bound<'_, PyAny>>,
    axis: Option<&Bound<'_, PyAny>>,
) -> PyResult<CoreAxes> {
    let axes = axes.filter(|a| !a.is_none());
    let axis = axis.filter(|a| !a.is_none());
    match (axes, axis) {
        (Some(_), Some(_)) => Err(PyTypeError::new_err(
            "cannot specify both 'axis' and 'axes'",
        )),
        (None, None) => Ok(CoreAxes::Last),
        (None, Some(a)) => Ok(CoreAxes::Axis(a.extract()?)),
        (Some(list), None) => {
            let list = list
                .cast::<PyList>()
                .map_err(|_| PyTypeError::new_err("axes should be a list."))?;
            let items = list
                .iter()
                .map(|item| match item.extract::<isize>() {
                    Ok(i) => Ok(AxesItem::Int(i)),
                    Err(_) => Ok(AxesItem::Tuple(item.extract()?)),
                })
                .collect::<PyResult<_>>()?;
            Ok(CoreAxes::Axes(items))
        }
    }
}

fn casting_arg(casting: &str) -> PyResult<Casting> {
    Casting::parse(casting).ok_or_else(|| {
        PyValueError::new_err(format!(
            "casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe' (got '{casting}')"
        ))
    })
}

const NOT_UFUNC_OUT: &str = "return arrays must be of ArrayType";

#[pyfunction]
#[pyo3(signature = (x1, x2, /, out = None, *, casting = "same_kind", dtype = None, axes = None, axis = None))]
#[allow(clippy::too_many_arguments)]
pub fn matmul(
    py: Python<'_>,
    x1: &Bound<'_, PyAny>,
    x2: &Bound<'_, PyAny>,
    out: Option<&Bound<'_, PyAny>>,
    casting: &str,
    dtype: Option<&Bound<'_, PyAny>>,
    axes: Option<&Bound<'_, PyAny>>,
    axis: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let (a, b, dtype) = (array_of(x1)?, array_of(x2)?, optional_dtype(dtype)?);
    let casting = casting_arg(casting)?;
    let out = OutArg::parse(out, true, NOT_UFUNC_OUT)?;
    let core_axes = core_axes_arg(axes, axis)?;
    // A 1-d operand has one core axis, and the output loses the matching one.
    let core = [
        a.ndim().min(2),
        b.ndim().min(2),
        usize::from(a.ndim() > 1) + usize::from(b.ndim() > 1),
    ];
    let r = run(py, &[&a, &b], || {
        linalg::with_core_axes(linalg::MATMUL, &core, &core_axes, &[&a, &b], |ops| {
            linalg::matmul(&ops[0], &ops[1], dtype)
        })
    })?;
    let rule = OutRule::Gufunc {
        signature: linalg::MATMUL,
        core: core[2],
        casting,
    };
    finish(py, r, out, rule)
}

/// Defines a two-array product function `name(a, b)`.
macro_rules! pair_products {
    ($($name:ident),*) => {$(
        #[pyfunction]
        pub fn $name(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
            let (a, b) = (array_of(a)?, array_of(b)?);
            let r = run(py, &[&a, &b], || linalg::$name(&a, &b))?;
            result(py, r)
        }
    )*};
}
pair_products!(vdot, inner, kron);

#[pyfunction]
#[pyo3(signature = (a, b, out = None))]
pub fn dot(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let (a, b) = (array_of(a)?, array_of(b)?);
    let out = OutArg::parse(out, false, "'out' must be an array")?;
    let r = run(py, &[&a, &b], || linalg::dot(&a, &b))?;
    finish(py, r, out, OutRule::Dot)
}

#[pyfunction]
#[pyo3(signature = (a, b, out = None))]
pub fn outer(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    no_out(out)?;
    let (a, b) = (array_of(a)?, array_of(b)?);
    let r = run(py, &[&a, &b], || linalg::outer(&a, &b))?;
    result(py, r)
}

/// Defines the vector gufuncs `name(x1, x2, /, out=None, *, casting, dtype, axes, axis)`.
macro_rules! vector_products {
    ($($name:ident => $kind:ident, $signature:ident, $core:expr);*) => {$(
        #[pyfunction]
        #[pyo3(signature = (x1, x2, /, out = None, *, casting = "same_kind", dtype = None, axes = None, axis = None))]
        #[allow(clippy::too_many_arguments)]
        pub fn $name(
            py: Python<'_>,
            x1: &Bound<'_, PyAny>,
            x2: &Bound<'_, PyAny>,
            out: Option<&Bound<'_, PyAny>>,
            casting: &str,
            dtype: Option<&Bound<'_, PyAny>>,
            axes: Option<&Bound<'_, PyAny>>,
            axis: Option<&Bound<'_, PyAny>>,
        ) -> PyResult<Py<PyAny>> {
            let dtype = optional_dtype(dtype)?;
            let casting = casting_arg(casting)?;
            let out = OutArg::parse(out, true, NOT_UFUNC_OUT)?;
            let core_axes = core_axes_arg(axes, axis)?;
            let (mut a, mut b) = (array_of(x1)?, array_of(x2)?);
            if let Some(d) = dtype {
                a = a.astype(d, numoxide::Order::C);
                b = b.astype(d, numoxide::Order::C);
            }
            let core: [usize; 3] = $core;
            let r = run(py, &[&a, &b], || {
                linalg::with_core_axes(linalg::$signature, &core, &core_axes, &[&a, &b], |ops| {
                    VectorProduct::$kind.call(&ops[0], &ops[1])
                })
            })?;
            let rule = OutRule::Gufunc { signature: linalg::$signature, core: core[2], casting };
            finish(py, r, out, rule)
        }
    )*};
}
vector_products!(
    matvec => MatVec, MATVEC, [2, 1, 1];
    vecmat => VecMat, VECMAT, [1, 2, 1];
    vecdot => VecDot, VECDOT, [1, 1, 0]
);

/// The `axes` argument of tensordot: an int N (the last N axes of a with the first N of
/// b) or a pair of axis sequences (or single axes).
fn tensordot_axes(axes: &Bound<'_, PyAny>) -> PyResult<(Vec<isize>, Vec<isize>)> {
    if let Ok(n) = axes.extract::<isize>() {
        // NumPy's range(-n, 0) and range(0, n): empty for negative n.
        let n = n.max(0);
        return Ok(((-n..0).collect(), (0..n).collect()));
    }
    let pair: (Bound<'_, PyAny>, Bound<'_, PyAny>) = axes.extract()?;
    let side = |x: &Bound<'_, PyAny>| -> PyResult<Vec<isize>> {
        match x.extract::<isize>() {
            Ok(i) => Ok(vec![i]),
            Err(_) => x.extract(),
        }
    };
    Ok((side(&pair.0)?, side(&pair.1)?))
}

#[pyfunction]
#[pyo3(signature = (a, b, axes = None))]
pub fn tensordot(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    axes: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let (a, b) = (array_of(a)?, array_of(b)?);
    let (axes_a, axes_b) = match axes {
        Some(x) => tensordot_axes(x)?,
        None => (vec![-2, -1], vec![0, 1]),
    };
    let r = run(py, &[&a, &b], || {
        linalg::tensordot(&a, &b, &axes_a, &axes_b)
    })?;
    result(py, r)
}

#[pyfunction]
#[pyo3(signature = (a, offset = 0, axis1 = 0, axis2 = 1, dtype = None, out = None))]
pub fn trace(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    offset: isize,
    axis1: isize,
    axis2: isize,
    dtype: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    no_out(out)?;
    let (a, dtype) = (array_of(a)?, optional_dtype(dtype)?);
    let r = linalg::trace(&a, offset, axis1, axis2, dtype).py()?;
    result(py, r)
}

#[pyfunction]
#[pyo3(signature = (a, b, axisa = -1, axisb = -1, axisc = -1, axis = None))]
pub fn cross(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    axisa: isize,
    axisb: isize,
    axisc: isize,
    axis: Option<isize>,
) -> PyResult<Py<PyAny>> {
    let (a, b) = (array_of(a)?, array_of(b)?);
    let (axisa, axisb, axisc) = match axis {
        Some(x) => (x, x, x),
        None => (axisa, axisb, axisc),
    };
    if linalg::cross_is_deprecated(&a, &b, axisa, axisb).py()? {
        let category = py.get_type::<PyDeprecationWarning>();
        PyErr::warn(
            py,
            &category,
            &CString::new(linalg::CROSS_2_VECTORS_DEPRECATED)?,
            1,
        )?;
    }
    let r = run(py, &[&a, &b], || linalg::cross(&a, &b, axisa, axisb, axisc))?;
    result(py, r)
}

/// A subscript sublist (NumPy's second calling form) as symbols: 0-25 are 'A'-'Z', 26-51
/// 'a'-'z' (NumPy's order, which decides the implicit output's order), Ellipsis is '...'.
fn sublist_letters(list: &Bound<'_, PyAny>) -> PyResult<String> {
    let mut text = String::new();
    for item in list.try_iter()? {
        let item = item?;
        if item.is(list.py().Ellipsis()) {
            text.push_str("...");
            continue;
        }
        let k: usize = item.extract()?;
        let letter = match k {
            0..=25 => (b'A' + k as u8) as char,
            26..=51 => (b'a' + (k - 26) as u8) as char,
            _ => {
                return Err(pyo3::exceptions::PyValueError::new_err(
                    "subscript is not within the valid range [0, 52)",
                ))
            }
        };
        text.push(letter);
    }
    Ok(text)
}

/// The subscripts and arrays of `einsum(subscripts, *operands)` or
/// `einsum(op0, sublist0, op1, sublist1, ..., [sublistout])`.
fn einsum_operands(operands: &Bound<'_, PyTuple>) -> PyResult<(String, Vec<numoxide::NdArray>)> {
    if operands.is_empty() {
        return Err(PyValueError::new_err("No input operands"));
    }
    let first = operands.get_item(0)?;
    if let Ok(s) = first.extract::<String>() {
        let arrays: Vec<_> = operands
            .iter()
            .skip(1)
            .map(|a| array_of(&a))
            .collect::<PyResult<_>>()?;
        return Ok((s, arrays));
    }
    let items: Vec<Bound<'_, PyAny>> = operands.iter().collect();
    let mut inputs = vec![];
    let mut arrays = vec![];
    for pair in items.chunks(2) {
        if let [op, sub] = pair {
            arrays.push(array_of(op)?);
            inputs.push(sublist_letters(sub)?);
        }
    }
    let mut text = inputs.join(",");
    if items.len() % 2 == 1 {
        text.push_str("->");
        text.push_str(&sublist_letters(&items[items.len() - 1])?);
    }
    Ok((text, arrays))
}

/// einsum's `optimize`: False/None, True, a path name, `(name, memory_limit)`, or an
/// explicit `['einsum_path', (0, 1), ...]`.
fn optimize_arg(optimize: Option<&Bound<'_, PyAny>>) -> PyResult<(Optimize, Option<i128>)> {
    let Some(o) = optimize.filter(|o| !o.is_none()) else {
        return Ok((Optimize::Off, None));
    };
    let named = |name: String| match name.as_str() {
        "greedy" => Optimize::Greedy,
        "optimal" => Optimize::Optimal,
        _ => Optimize::Named(name),
    };
    if let Ok(flag) = o.cast::<PyBool>() {
        let on = flag.is_true();
        return Ok((if on { Optimize::Greedy } else { Optimize::Off }, None));
    }
    if let Ok(name) = o.extract::<String>() {
        return Ok((named(name), None));
    }
    let not_understood = || {
        PyTypeError::new_err(format!(
            "Did not understand the path: {}",
            o.str().map(|s| s.to_string()).unwrap_or_default()
        ))
    };
    // NumPy takes len() first: its TypeError for objects without one.
    o.len()?;
    let items: Vec<Bound<'_, PyAny>> = match o.cast::<PyList>() {
        Ok(l) => l.iter().collect(),
        Err(_) => match o.cast::<PyTuple>() {
            Ok(t) => t.iter().collect(),
            Err(_) => return Err(not_understood()),
        },
    };
    if items
        .first()
        .is_some_and(|f| f.extract::<String>().is_ok_and(|s| s == "einsum_path"))
    {
        let steps = items[1..]
            .iter()
            .map(|step| step.extract::<Vec<isize>>())
            .collect::<PyResult<_>>()?;
        return Ok((Optimize::Explicit(steps), None));
    }
    if let [name, limit] = &items[..] {
        let is_number = limit.is_instance_of::<PyInt>() || limit.is_instance_of::<PyFloat>();
        if let (Ok(name), true) = (name.extract::<String>(), is_number) {
            let limit: i128 = limit.call_method0("__int__")?.extract()?;
            return Ok((named(name), Some(limit)));
        }
    }
    Err(not_understood())
}

/// `einsum(subscripts, *operands)` or `einsum(op0, sublist0, op1, sublist1, ..., [out])`;
/// with `optimize`, contracted in `einsum_path`'s order.
#[pyfunction]
#[pyo3(signature = (*operands, out = None, dtype = None, order = "K", casting = "safe", optimize = None))]
pub fn einsum(
    py: Python<'_>,
    operands: &Bound<'_, PyTuple>,
    out: Option<&Bound<'_, PyAny>>,
    dtype: Option<&Bound<'_, PyAny>>,
    order: &str,
    casting: &str,
    optimize: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let _ = order;
    let dtype = optional_dtype(dtype)?;
    let casting = casting_arg(casting)?;
    let out = OutArg::parse(out, false, "'out' must be an array")?;
    let (optimize, memory_limit) = optimize_arg(optimize)?;
    let (subscripts, arrays) = einsum_operands(operands)?;
    let refs: Vec<&numoxide::NdArray> = arrays.iter().collect();
    let r = run(py, &refs, || {
        linalg::einsum_optimized(&subscripts, &arrays, dtype, &optimize, memory_limit)
    })?;
    let rule = OutRule::Einsum {
        operands: arrays.len(),
        casting,
    };
    finish(py, r, out, rule)
}

/// `einsum_path(subscripts, *operands, optimize='greedy')`: NumPy's contraction order and
/// its printed report.
#[pyfunction]
#[pyo3(signature = (*operands, **kwargs))]
pub fn einsum_path<'py>(
    py: Python<'py>,
    operands: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<(Bound<'py, PyList>, String)> {
    // A keyword, not a default: `optimize=None` means no optimization, its absence greedy.
    let mut optimize = None;
    for (key, value) in kwargs.into_iter().flatten() {
        match key.extract::<String>()?.as_str() {
            "optimize" => optimize = Some(value),
            other => {
                return Err(PyTypeError::new_err(format!(
                    "einsum_path() got an unexpected keyword argument '{other}'"
                )))
            }
        }
    }
    let optimize = optimize.as_ref();
    let (choice, memory_limit) = match optimize {
        None => (Optimize::Greedy, None),
        Some(o) => optimize_arg(Some(o))?,
    };
    let (subscripts, arrays) = einsum_operands(operands)?;
    let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape()).collect();
    let plan = linalg::einsum_path(&subscripts, &shapes, &choice, memory_limit).py()?;
    let report = plan.report().py()?;
    let path = PyList::new(py, ["einsum_path"])?;
    match optimize {
        // An explicit path comes back as given.
        Some(o) if matches!(choice, Optimize::Explicit(_)) => {
            for step in o.try_iter()?.skip(1) {
                path.append(step?)?;
            }
        }
        _ => {
            for step in &plan.path {
                path.append(PyTuple::new(py, step)?)?;
            }
        }
    }
    Ok((path, report))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(einsum, m)?)?;
    m.add_function(wrap_pyfunction!(einsum_path, m)?)?;
    m.add_function(wrap_pyfunction!(cross, m)?)?;
    m.add_function(wrap_pyfunction!(matmul, m)?)?;
    m.add_function(wrap_pyfunction!(dot, m)?)?;
    m.add_function(wrap_pyfunction!(vdot, m)?)?;
    m.add_function(wrap_pyfunction!(inner, m)?)?;
    m.add_function(wrap_pyfunction!(outer, m)?)?;
    m.add_function(wrap_pyfunction!(kron, m)?)?;
    m.add_function(wrap_pyfunction!(tensordot, m)?)?;
    m.add_function(wrap_pyfunction!(trace, m)?)?;
    m.add_function(wrap_pyfunction!(matvec, m)?)?;
    m.add_function(wrap_pyfunction!(vecmat, m)?)?;
    m.add_function(wrap_pyfunction!(vecdot, m)?)?;
    Ok(())
}
