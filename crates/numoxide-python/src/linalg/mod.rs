//! Bindings of numoxide-linalg: the products at the top level of `numoxide`, the operators
//! `@` and `ndarray.dot`, and the `numoxide._linalg` submodule behind `numoxide.linalg`.

mod decompositions;
mod operators;
mod products;

use numoxide::NdArray;
use pyo3::prelude::*;

use crate::convert::to_py_result;
use crate::errors::IntoPy;

/// Inputs at least this many elements are worked on without the GIL.
const DETACH_ELEMENTS: usize = 4096;

/// Runs `f` (without the GIL when the inputs are large) and drops the floating-point
/// events of the ufuncs it used inside: linalg reports its own errors.
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
    result.py()
}

/// A result array, 0-d ones as NumPy scalars.
pub(crate) fn result(py: Python<'_>, a: NdArray) -> PyResult<Py<PyAny>> {
    to_py_result(py, a, true)
}

/// Adds the products to `numoxide._numoxide` and the `_linalg` submodule.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    products::register(m)?;
    let sub = PyModule::new(m.py(), "_linalg")?;
    decompositions::register(&sub)?;
    m.add_submodule(&sub)?;
    Ok(())
}
