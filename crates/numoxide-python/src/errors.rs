//! Core errors become the exceptions NumPy raises, with NumPy's messages.

use numoxide::Error;
use pyo3::exceptions::{
    PyIndexError, PyKeyError, PyMemoryError, PyOverflowError, PyRuntimeError, PyTypeError,
    PyValueError, PyZeroDivisionError,
};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

/// The exception classes defined in `numoxide.exceptions` (they need multiple inheritance,
/// e.g. AxisError is both a ValueError and an IndexError, which Rust cannot declare).
struct ExceptionTypes {
    axis: Py<PyAny>,
    ufunc_type: Py<PyAny>,
    ufunc_output_casting: Py<PyAny>,
    linalg: Py<PyAny>,
}

static TYPES: PyOnceLock<ExceptionTypes> = PyOnceLock::new();

fn types(py: Python<'_>) -> PyResult<&ExceptionTypes> {
    TYPES.get_or_try_init(py, || {
        let m = py.import("numoxide.exceptions")?;
        Ok(ExceptionTypes {
            axis: m.getattr("AxisError")?.unbind(),
            ufunc_type: m.getattr("UFuncTypeError")?.unbind(),
            ufunc_output_casting: m.getattr("_UFuncOutputCastingError")?.unbind(),
            linalg: m.getattr("LinAlgError")?.unbind(),
        })
    })
}

fn raise(py: Python<'_>, class: &Py<PyAny>, message: &str) -> PyErr {
    match class.bind(py).call1((message,)) {
        Ok(instance) => PyErr::from_value(instance),
        Err(e) => e,
    }
}

/// The Python exception for a core error.
pub fn to_py_err(e: Error) -> PyErr {
    let message = e.message().to_string();
    match e {
        Error::Value(_) => PyValueError::new_err(message),
        Error::Index(_) => PyIndexError::new_err(message),
        Error::Type(_) => PyTypeError::new_err(message),
        Error::Overflow(_) => PyOverflowError::new_err(message),
        Error::Memory(_) => PyMemoryError::new_err(message),
        Error::ZeroDivision(_) => PyZeroDivisionError::new_err(message),
        Error::Key(_) => PyKeyError::new_err(message),
        Error::Runtime(_) => PyRuntimeError::new_err(message),
        Error::Axis(_) | Error::UFuncType(_) | Error::UFuncOutputCasting(_) | Error::LinAlg(_) => {
            Python::attach(|py| {
                let types = match types(py) {
                    Ok(t) => t,
                    Err(err) => return err,
                };
                let class = match e {
                    Error::Axis(_) => &types.axis,
                    Error::LinAlg(_) => &types.linalg,
                    Error::UFuncType(_) => &types.ufunc_type,
                    _ => &types.ufunc_output_casting,
                };
                raise(py, class, &message)
            })
        }
    }
}

/// `Result` of the core, as a `PyResult`.
pub trait IntoPy<T> {
    fn py(self) -> PyResult<T>;
}

impl<T> IntoPy<T> for numoxide::Result<T> {
    fn py(self) -> PyResult<T> {
        self.map_err(to_py_err)
    }
}

/// Acts on the floating-point events the last operation raised, as the error state says.
pub fn warn_fp_events(py: Python<'_>, ufunc_name: &str) -> PyResult<()> {
    crate::errstate::handle_events(py, numoxide::fpstatus::take(), ufunc_name, 1)
}
