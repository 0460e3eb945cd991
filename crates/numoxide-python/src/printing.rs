//! The process-wide print options and the module's printing functions.

use crate::convert::array_from_py;
use crate::ndarray::PyNdArray;
use crate::scalars;
use numoxide::print::{self, FloatMode, PrintOptions, Sign};
use numoxide::NdArray;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::sync::{Mutex, MutexGuard};

static OPTIONS: Mutex<Option<PrintOptions>> = Mutex::new(None);

fn options() -> MutexGuard<'static, Option<PrintOptions>> {
    // A panic while holding the lock cannot leave the options half-written; recover them.
    OPTIONS.lock().unwrap_or_else(|e| e.into_inner())
}

fn with_options<R>(f: impl FnOnce(&PrintOptions) -> R) -> R {
    let mut guard = options();
    f(guard.get_or_insert_with(PrintOptions::default))
}

/// `repr(a)` under the current options.
pub fn repr(a: &NdArray) -> String {
    with_options(|o| print::array_repr(a, o))
}

/// `str(a)` under the current options.
pub fn str(a: &NdArray) -> String {
    with_options(|o| print::array_str(a, o))
}

fn floatmode_name(m: FloatMode) -> &'static str {
    match m {
        FloatMode::Fixed => "fixed",
        FloatMode::Unique => "unique",
        FloatMode::MaxPrec => "maxprec",
        FloatMode::MaxPrecEqual => "maxprec_equal",
    }
}

/// `np.get_printoptions()`.
#[pyfunction]
pub fn get_printoptions(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    with_options(|o| {
        let d = PyDict::new(py);
        d.set_item("edgeitems", o.edgeitems)?;
        d.set_item("threshold", o.threshold)?;
        d.set_item("floatmode", floatmode_name(o.floatmode))?;
        d.set_item("precision", o.precision)?;
        d.set_item("suppress", o.suppress)?;
        d.set_item("linewidth", o.linewidth)?;
        d.set_item("nanstr", &o.nanstr)?;
        d.set_item("infstr", &o.infstr)?;
        let sign = match o.sign {
            Sign::Minus => "-",
            Sign::Plus => "+",
            Sign::Space => " ",
        };
        d.set_item("sign", sign)?;
        d.set_item("formatter", py.None())?;
        match &o.legacy {
            Some(l) => d.set_item("legacy", l)?,
            None => d.set_item("legacy", false)?,
        }
        d.set_item("override_repr", py.None())?;
        Ok(d)
    })
}

/// `np.set_printoptions(...)`: only the options given change.
#[pyfunction]
#[pyo3(signature = (precision = None, threshold = None, edgeitems = None, linewidth = None,
    suppress = None, nanstr = None, infstr = None, formatter = None, sign = None,
    floatmode = None, *, legacy = None, override_repr = None))]
#[allow(clippy::too_many_arguments)]
pub fn set_printoptions(
    precision: Option<usize>,
    threshold: Option<usize>,
    edgeitems: Option<usize>,
    linewidth: Option<usize>,
    suppress: Option<bool>,
    nanstr: Option<String>,
    infstr: Option<String>,
    formatter: Option<&Bound<'_, PyAny>>,
    sign: Option<&str>,
    floatmode: Option<&str>,
    legacy: Option<&Bound<'_, PyAny>>,
    override_repr: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    if formatter.is_some_and(|f| !f.is_none()) || override_repr.is_some_and(|f| !f.is_none()) {
        return Err(PyTypeError::new_err(
            "formatter and override_repr are not supported yet",
        ));
    }
    let sign = sign
        .map(|s| {
            s.chars()
                .next()
                .and_then(Sign::from_char)
                .filter(|_| s.len() == 1)
                .ok_or_else(|| PyValueError::new_err("sign option must be one of ' ', '+', or '-'"))
        })
        .transpose()?;
    let floatmode = floatmode
        .map(|m| {
            FloatMode::parse(m).ok_or_else(|| {
                PyValueError::new_err(
                    "floatmode option must be one of 'fixed', 'unique', 'maxprec', 'maxprec_equal'",
                )
            })
        })
        .transpose()?;
    let legacy = match legacy {
        None => None,
        Some(l) if l.is_none() => None,
        Some(l) if l.extract::<bool>().is_ok_and(|b| !b) => Some(None),
        Some(l) => Some(Some(l.extract::<String>()?)),
    };
    let mut guard = options();
    let o = guard.get_or_insert_with(PrintOptions::default);
    if let Some(v) = precision {
        o.precision = v;
    }
    if let Some(v) = threshold {
        o.threshold = v;
    }
    if let Some(v) = edgeitems {
        o.edgeitems = v;
    }
    if let Some(v) = linewidth {
        o.linewidth = v;
    }
    if let Some(v) = suppress {
        o.suppress = v;
    }
    if let Some(v) = nanstr {
        o.nanstr = v;
    }
    if let Some(v) = infstr {
        o.infstr = v;
    }
    if let Some(v) = sign {
        o.sign = v;
    }
    if let Some(v) = floatmode {
        o.floatmode = v;
    }
    if let Some(v) = legacy {
        o.legacy = v;
    }
    Ok(())
}

fn array_arg(obj: &Bound<'_, PyAny>) -> PyResult<NdArray> {
    match obj.cast::<PyNdArray>() {
        Ok(a) => Ok(a.borrow().array.clone()),
        Err(_) => array_from_py(obj, None),
    }
}

/// `np.array_repr(a)`.
#[pyfunction]
pub fn array_repr(a: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(repr(&array_arg(a)?))
}

/// `np.array_str(a)`.
#[pyfunction]
pub fn array_str(a: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(str(&array_arg(a)?))
}

/// `np.array2string(a, precision=None, separator=' ', prefix='')`.
#[pyfunction]
#[pyo3(signature = (a, max_line_width = None, precision = None, suppress_small = None, separator = " ", prefix = ""))]
pub fn array2string(
    a: &Bound<'_, PyAny>,
    max_line_width: Option<usize>,
    precision: Option<usize>,
    suppress_small: Option<bool>,
    separator: &str,
    prefix: &str,
) -> PyResult<String> {
    let a = array_arg(a)?;
    Ok(with_options(|o| {
        let mut o = o.clone();
        if let Some(v) = max_line_width {
            o.linewidth = v;
        }
        if let Some(v) = precision {
            o.precision = v;
        }
        if let Some(v) = suppress_small {
            o.suppress = v;
        }
        print::array2string(&a, &o, separator, prefix)
    }))
}

/// `repr` of a NumPy scalar object (used by the scalar classes).
#[pyfunction]
pub fn _scalar_repr(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let s = scalars::from_py(obj).ok_or_else(|| PyTypeError::new_err("not a numoxide scalar"))?;
    Ok(with_options(|o| print::scalar_repr(s, o)))
}

/// `str` of a NumPy scalar object.
#[pyfunction]
pub fn _scalar_str(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let s = scalars::from_py(obj).ok_or_else(|| PyTypeError::new_err("not a numoxide scalar"))?;
    Ok(with_options(|o| print::scalar_str(s, o)))
}
