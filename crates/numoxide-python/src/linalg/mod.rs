//! Bindings of numoxide-linalg: the products at the top level of `numoxide`, the operators
//! `@` and `ndarray.dot`, and the `numoxide._linalg` submodule behind `numoxide.linalg`.

mod decompositions;
mod operators;
mod products;

use numoxide::NdArray;
use numoxide_linalg::OutRule;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::convert::to_py_result;
use crate::errors::IntoPy;

/// Inputs at least this many elements are worked on without the GIL.
const DETACH_ELEMENTS: usize = 4096;

/// Runs `f` (without the GIL when the inputs are large) and drops the floating-point
/// events and warnings of the ufuncs and reductions it used inside: linalg reports its own
/// errors.
pub(crate) fn run<R: Send>(
    py: Python<'_>,
    inputs: &[&NdArray],
    f: impl FnOnce() -> numoxide::Result<R> + Send,
) -> PyResult<R> {
    let size: usize = inputs.iter().map(|a| a.size()).sum();
    let result = if size >= DETACH_ELEMENTS {
        py.detach(f)
    } else {
        f()
    };
    numoxide::fpstatus::take();
    numoxide::fpstatus::take_warnings();
    result.py()
}

/// A result array, 0-d ones as NumPy scalars.
pub(crate) fn result(py: Python<'_>, a: NdArray) -> PyResult<Py<PyAny>> {
    to_py_result(py, a, true)
}

/// A caller's `out=`: the object to return and its array. Gufuncs take it as ufuncs do
/// (also inside a 1-tuple); `not_array` is the TypeError text for anything else.
pub(crate) struct OutArg<'py> {
    object: Bound<'py, PyAny>,
    array: NdArray,
}

impl<'py> OutArg<'py> {
    pub(crate) fn parse(
        out: Option<&Bound<'py, PyAny>>,
        tuple_allowed: bool,
        not_array: &str,
    ) -> PyResult<Option<OutArg<'py>>> {
        let Some(out) = out.filter(|o| !o.is_none()) else {
            return Ok(None);
        };
        let object = match out.cast::<PyTuple>() {
            Ok(t) if tuple_allowed && t.len() == 1 => t.get_item(0)?,
            _ => out.clone(),
        };
        match object.cast::<crate::ndarray::PyNdArray>() {
            Ok(a) => {
                let array = a.borrow().array.clone();
                Ok(Some(OutArg { object, array }))
            }
            Err(_) => Err(PyTypeError::new_err(not_array.to_string())),
        }
    }
}

/// A product's result: written into `out` by `rule` and `out` returned, or the result
/// itself (0-d as a scalar). `dot` returns a 0-d `out` as a scalar too, as NumPy's does.
pub(crate) fn finish(
    py: Python<'_>,
    r: NdArray,
    out: Option<OutArg<'_>>,
    rule: OutRule,
) -> PyResult<Py<PyAny>> {
    let Some(out) = out else {
        return result(py, r);
    };
    numoxide_linalg::write_out(&r, &out.array, rule).py()?;
    if matches!(rule, OutRule::Dot) && out.array.ndim() == 0 {
        return result(py, out.array);
    }
    Ok(out.object.unbind())
}

/// Adds the products to `numoxide._numoxide` and the `_linalg` submodule.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    products::register(m)?;
    let sub = PyModule::new(m.py(), "_linalg")?;
    decompositions::register(&sub)?;
    m.add_submodule(&sub)?;
    Ok(())
}
