//! Bindings of the core's reductions, as module functions and ndarray methods. Full
//! reductions return NumPy scalars; the GIL is released for large inputs.

use crate::convert::to_py_result;
use crate::dtype::optional_dtype;
use crate::errors::IntoPy;
use crate::ndarray::PyNdArray;
use crate::shaping::array_of;
use crate::ufuncs::GIL_RELEASE_THRESHOLD;
use numoxide::{reduce, NdArray};
use pyo3::exceptions::PyNotImplementedError;
use pyo3::prelude::*;

/// An axis argument: None, an int or a tuple of ints.
fn axes(axis: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<isize>>> {
    match axis.filter(|a| !a.is_none()) {
        None => Ok(None),
        Some(a) => match a.extract::<isize>() {
            Ok(i) => Ok(Some(vec![i])),
            Err(_) => Ok(Some(a.extract()?)),
        },
    }
}

fn no_out(out: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
    match out.filter(|o| !o.is_none()) {
        Some(_) => Err(PyNotImplementedError::new_err(
            "out= is not supported for reductions yet",
        )),
        None => Ok(()),
    }
}

/// Runs a reduction (without the GIL when large), emits its RuntimeWarnings, and returns
/// the result with 0-d arrays as scalars.
fn run(
    py: Python<'_>,
    a: &NdArray,
    f: impl FnOnce(&NdArray) -> numoxide::Result<NdArray> + Send,
) -> PyResult<Py<PyAny>> {
    let result = if a.size() > GIL_RELEASE_THRESHOLD {
        py.detach(|| f(a))
    } else {
        f(a)
    };
    // The core words its warnings fully; the events of its inner ufuncs are part of them.
    numoxide::fpstatus::take();
    crate::errstate::emit_warnings(py, numoxide::fpstatus::take_warnings(), 1)?;
    to_py_result(py, result.py()?, true)
}

macro_rules! with_dtype_reductions {
    ($($name:ident),*) => {$(
        #[pyfunction]
        #[pyo3(signature = (a, axis = None, dtype = None, out = None, keepdims = false))]
        pub fn $name(py: Python<'_>, a: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>, dtype: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool) -> PyResult<Py<PyAny>> {
            no_out(out)?;
            let (axis, dtype) = (axes(axis)?, optional_dtype(dtype)?);
            run(py, &array_of(a)?, |x| reduce::$name(x, axis.as_deref(), dtype, keepdims))
        }
    )*};
}
with_dtype_reductions!(sum, prod, mean);

macro_rules! plain_reductions {
    ($($name:ident => $core:ident),*) => {$(
        #[pyfunction]
        #[pyo3(signature = (a, axis = None, out = None, keepdims = false))]
        pub fn $name(py: Python<'_>, a: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, keepdims: bool) -> PyResult<Py<PyAny>> {
            no_out(out)?;
            let axis = axes(axis)?;
            run(py, &array_of(a)?, |x| reduce::$core(x, axis.as_deref(), keepdims))
        }
    )*};
}
plain_reductions!(max => max, min => min, amax => max, amin => min, any => any, all => all, median => median);

macro_rules! spread_reductions {
    ($($name:ident $pyname:literal $core:ident),*) => {$(
        #[pyfunction]
        #[pyo3(name = $pyname, signature = (a, axis = None, dtype = None, out = None, ddof = 0.0, keepdims = false, *, correction = None))]
        #[allow(clippy::too_many_arguments)]
        pub fn $name(py: Python<'_>, a: &Bound<'_, PyAny>, axis: Option<&Bound<'_, PyAny>>, dtype: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>, ddof: f64, keepdims: bool, correction: Option<f64>) -> PyResult<Py<PyAny>> {
            no_out(out)?;
            let (axis, dtype) = (axes(axis)?, optional_dtype(dtype)?);
            let ddof = correction.unwrap_or(ddof);
            run(py, &array_of(a)?, |x| reduce::$core(x, axis.as_deref(), dtype, ddof, keepdims))
        }
    )*};
}
spread_reductions!(variance "var" var, std_deviation "std" std);

macro_rules! index_reductions {
    ($($name:ident),*) => {$(
        #[pyfunction]
        #[pyo3(signature = (a, axis = None, out = None, *, keepdims = false))]
        pub fn $name(py: Python<'_>, a: &Bound<'_, PyAny>, axis: Option<isize>, out: Option<&Bound<'_, PyAny>>, keepdims: bool) -> PyResult<Py<PyAny>> {
            no_out(out)?;
            run(py, &array_of(a)?, |x| reduce::$name(x, axis, keepdims))
        }
    )*};
}
index_reductions!(argmax, argmin);

macro_rules! cumulative {
    ($($name:ident),*) => {$(
        #[pyfunction]
        #[pyo3(signature = (a, axis = None, dtype = None, out = None))]
        pub fn $name(py: Python<'_>, a: &Bound<'_, PyAny>, axis: Option<isize>, dtype: Option<&Bound<'_, PyAny>>, out: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
            no_out(out)?;
            let dtype = optional_dtype(dtype)?;
            run(py, &array_of(a)?, |x| reduce::$name(x, axis, dtype))
        }
    )*};
}
cumulative!(cumsum, cumprod);

/// The same reductions as array methods (`a.sum(axis=0)`), delegating to the functions.
#[pymethods]
impl PyNdArray {
    #[pyo3(signature = (axis = None, dtype = None, out = None, keepdims = false))]
    fn sum(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        sum(slf.py(), slf.as_any(), axis, dtype, out, keepdims)
    }

    #[pyo3(signature = (axis = None, dtype = None, out = None, keepdims = false))]
    fn prod(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        prod(slf.py(), slf.as_any(), axis, dtype, out, keepdims)
    }

    #[pyo3(signature = (axis = None, dtype = None, out = None, keepdims = false))]
    fn mean(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        mean(slf.py(), slf.as_any(), axis, dtype, out, keepdims)
    }

    #[pyo3(signature = (axis = None, dtype = None, out = None, ddof = 0.0, keepdims = false, *, correction = None))]
    #[allow(clippy::too_many_arguments)]
    fn var(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        ddof: f64,
        keepdims: bool,
        correction: Option<f64>,
    ) -> PyResult<Py<PyAny>> {
        variance(
            slf.py(),
            slf.as_any(),
            axis,
            dtype,
            out,
            ddof,
            keepdims,
            correction,
        )
    }

    #[pyo3(signature = (axis = None, dtype = None, out = None, ddof = 0.0, keepdims = false, *, correction = None))]
    #[allow(clippy::too_many_arguments)]
    fn std(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        ddof: f64,
        keepdims: bool,
        correction: Option<f64>,
    ) -> PyResult<Py<PyAny>> {
        std_deviation(
            slf.py(),
            slf.as_any(),
            axis,
            dtype,
            out,
            ddof,
            keepdims,
            correction,
        )
    }

    #[pyo3(signature = (axis = None, out = None, keepdims = false))]
    fn max(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        max(slf.py(), slf.as_any(), axis, out, keepdims)
    }

    #[pyo3(signature = (axis = None, out = None, keepdims = false))]
    fn min(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        min(slf.py(), slf.as_any(), axis, out, keepdims)
    }

    #[pyo3(signature = (axis = None, out = None, keepdims = false))]
    fn any(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        any(slf.py(), slf.as_any(), axis, out, keepdims)
    }

    #[pyo3(signature = (axis = None, out = None, keepdims = false))]
    fn all(
        slf: &Bound<'_, Self>,
        axis: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        all(slf.py(), slf.as_any(), axis, out, keepdims)
    }

    #[pyo3(signature = (axis = None, out = None, *, keepdims = false))]
    fn argmax(
        slf: &Bound<'_, Self>,
        axis: Option<isize>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        argmax(slf.py(), slf.as_any(), axis, out, keepdims)
    }

    #[pyo3(signature = (axis = None, out = None, *, keepdims = false))]
    fn argmin(
        slf: &Bound<'_, Self>,
        axis: Option<isize>,
        out: Option<&Bound<'_, PyAny>>,
        keepdims: bool,
    ) -> PyResult<Py<PyAny>> {
        argmin(slf.py(), slf.as_any(), axis, out, keepdims)
    }

    #[pyo3(signature = (axis = None, dtype = None, out = None))]
    fn cumsum(
        slf: &Bound<'_, Self>,
        axis: Option<isize>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        cumsum(slf.py(), slf.as_any(), axis, dtype, out)
    }

    #[pyo3(signature = (axis = None, dtype = None, out = None))]
    fn cumprod(
        slf: &Bound<'_, Self>,
        axis: Option<isize>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        cumprod(slf.py(), slf.as_any(), axis, dtype, out)
    }
}

/// Adds the reduction functions to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(sum, m)?)?;
    m.add_function(wrap_pyfunction!(prod, m)?)?;
    m.add_function(wrap_pyfunction!(mean, m)?)?;
    m.add_function(wrap_pyfunction!(variance, m)?)?;
    m.add_function(wrap_pyfunction!(std_deviation, m)?)?;
    m.add_function(wrap_pyfunction!(max, m)?)?;
    m.add_function(wrap_pyfunction!(min, m)?)?;
    m.add_function(wrap_pyfunction!(amax, m)?)?;
    m.add_function(wrap_pyfunction!(amin, m)?)?;
    m.add_function(wrap_pyfunction!(any, m)?)?;
    m.add_function(wrap_pyfunction!(all, m)?)?;
    m.add_function(wrap_pyfunction!(median, m)?)?;
    m.add_function(wrap_pyfunction!(argmax, m)?)?;
    m.add_function(wrap_pyfunction!(argmin, m)?)?;
    m.add_function(wrap_pyfunction!(cumsum, m)?)?;
    m.add_function(wrap_pyfunction!(cumprod, m)?)?;
    Ok(())
}
