//! `round`/`around` and `clip`, as functions and methods (compositions of ufuncs in the core).

use crate::convert::{to_arg, to_py_result};
use crate::errors::{warn_fp_events, IntoPy};
use crate::ndarray::PyNdArray;
use crate::shaping::array_of;
use numoxide::ufunc::{compose, Arg};
use pyo3::exceptions::PyNotImplementedError;
use pyo3::prelude::*;

fn no_out(out: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    match out.filter(|o| !o.is_none()) {
        Some(_) => Err(PyNotImplementedError::new_err(
            "out= is not supported here yet",
        )),
        None => Ok(()),
    }
}

/// `np.round(a, decimals=0)`: half to even after scaling by 10**decimals.
#[pyfunction]
#[pyo3(signature = (a, decimals = 0, out = None))]
pub fn round(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    decimals: i64,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    no_out(out)?;
    let x = array_of(a)?;
    let r = compose::round(&x, decimals).py()?;
    warn_fp_events(py, "multiply")?;
    to_py_result(py, r, x.ndim() == 0 && !a.is_instance_of::<PyNdArray>())
}

/// `np.clip(a, a_min, a_max)`.
#[pyfunction]
#[pyo3(signature = (a, a_min = None, a_max = None, out = None))]
pub fn clip(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    a_min: Option<&Bound<'_, PyAny>>,
    a_max: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    no_out(out)?;
    let bound = |b: Option<&Bound<'_, PyAny>>| {
        b.filter(|b| !b.is_none())
            .map(|b| to_arg(b).map(Arg::into_owned))
            .transpose()
    };
    let (lo, hi) = (bound(a_min)?, bound(a_max)?);
    let r = compose::clip(&to_arg(a)?, lo.as_ref(), hi.as_ref()).py()?;
    warn_fp_events(py, "clip")?;
    to_py_result(py, r, true)
}

#[pymethods]
impl PyNdArray {
    #[pyo3(name = "round", signature = (decimals = 0, out = None))]
    fn round_method(
        slf: &Bound<'_, Self>,
        decimals: i64,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        round(slf.py(), slf.as_any(), decimals, out)
    }

    #[pyo3(name = "clip", signature = (min = None, max = None, out = None))]
    fn clip_method(
        slf: &Bound<'_, Self>,
        min: Option<&Bound<'_, PyAny>>,
        max: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        clip(slf.py(), slf.as_any(), min, max, out)
    }
}

/// Adds `round`, `around` and `clip` to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(round, m)?)?;
    m.add("around", m.getattr("round")?)?;
    m.add_function(wrap_pyfunction!(clip, m)?)?;
    Ok(())
}
