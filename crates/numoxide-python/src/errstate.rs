//! NumPy's floating-point error state (`np.seterr`, `np.errstate`): the core's error modes
//! plus the `np.seterrcall` callback, kept in a `contextvars.ContextVar` as NumPy keeps it, so
//! that each thread and each asyncio task has its own. It is read only when an operation
//! raised events, so calls without events pay nothing for it.

use numoxide::fpstatus::{ErrMode, ErrModes, FpStatus, Warning};
use pyo3::exceptions::{
    PyFloatingPointError, PyNameError, PyRuntimeWarning, PyTypeError, PyValueError,
};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString};
use std::ffi::CString;

/// NumPy's default ufunc buffer size, in elements; kept for `np.getbufsize` only.
const DEFAULT_BUFSIZE: isize = 8192;

/// One error state: immutable, as a context variable's values should be.
#[pyclass(frozen, name = "_ErrState", module = "numoxide")]
pub struct ErrState {
    modes: ErrModes,
    bufsize: isize,
    call: Py<PyAny>,
}

static STATE_VAR: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The context variable holding the current `ErrState` (`numoxide._numoxide._errstate_var`).
pub fn state_var(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    let var = STATE_VAR.get_or_try_init(py, || {
        let default = ErrState {
            modes: ErrModes::default(),
            bufsize: DEFAULT_BUFSIZE,
            call: py.None(),
        };
        let kwargs = PyDict::new(py);
        kwargs.set_item("default", Bound::new(py, default)?)?;
        let var = py
            .import("contextvars")?
            .getattr("ContextVar")?
            .call(("numoxide_errstate",), Some(&kwargs))?;
        Ok::<_, PyErr>(var.unbind())
    })?;
    Ok(var.bind(py))
}

fn current(py: Python<'_>) -> PyResult<Bound<'_, ErrState>> {
    Ok(state_var(py)?
        .call_method0("get")?
        .cast_into::<ErrState>()?)
}

fn mode(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<ErrMode>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    let name = value.cast::<PyString>().ok().map(|s| s.to_string());
    let shown = value.repr()?.to_string();
    ErrMode::parse(name.as_deref(), &shown)
        .map(Some)
        .map_err(|e| PyValueError::new_err(e.message().to_string()))
}

/// The current state with the given changes (`np.seterr`'s arguments, a buffer size, and
/// `call` when given, which may be None): NumPy's `_make_extobj`.
#[pyfunction]
#[pyo3(signature = (*, all=None, divide=None, over=None, under=None, invalid=None, bufsize=None, **call))]
#[allow(clippy::too_many_arguments)]
pub fn _make_errstate<'py>(
    py: Python<'py>,
    all: Option<&Bound<'py, PyAny>>,
    divide: Option<&Bound<'py, PyAny>>,
    over: Option<&Bound<'py, PyAny>>,
    under: Option<&Bound<'py, PyAny>>,
    invalid: Option<&Bound<'py, PyAny>>,
    bufsize: Option<isize>,
    call: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, ErrState>> {
    let each = [mode(divide)?, mode(over)?, mode(under)?, mode(invalid)?];
    let all = mode(all)?;
    let bufsize = bufsize.filter(|&b| b >= 0);
    if let Some(b) = bufsize {
        let problem = match b {
            b if b > 10_000_000 => "is too big",
            b if b < 5 => "is too small",
            b if b % 16 != 0 => "is not a multiple of 16",
            _ => "",
        };
        if !problem.is_empty() {
            return Err(PyValueError::new_err(format!(
                "Buffer size, {b}, {problem}"
            )));
        }
    }
    let new_call = match call {
        Some(extra) => {
            if let Some((key, _)) = extra.iter().find(|(k, _)| k.to_string() != "call") {
                return Err(PyTypeError::new_err(format!(
                    "_make_errstate() got an unexpected keyword argument '{key}'"
                )));
            }
            extra.get_item("call")?
        }
        None => None,
    };
    if let Some(f) = new_call
        .as_ref()
        .filter(|f| !f.is_none() && !f.is_callable())
    {
        let write_is_callable = f.getattr("write").is_ok_and(|w| w.is_callable());
        if !write_is_callable {
            return Err(PyTypeError::new_err(
                "python object must be callable or have a callable write method",
            ));
        }
    }
    let old = current(py)?;
    let old = old.get();
    let state = ErrState {
        modes: old.modes.updated(all, each),
        bufsize: bufsize.filter(|&b| b > 0).unwrap_or(old.bufsize),
        call: new_call.map_or_else(|| old.call.clone_ref(py), Bound::unbind),
    };
    Bound::new(py, state)
}

/// The current state as NumPy's `_get_extobj_dict`: the four modes, `call` and `bufsize`.
#[pyfunction]
pub fn _errstate_dict(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let state = current(py)?;
    let state = state.get();
    let dict = PyDict::new(py);
    for (name, mode) in state.modes.entries() {
        dict.set_item(name, mode.name())?;
    }
    dict.set_item("call", state.call.bind(py))?;
    dict.set_item("bufsize", state.bufsize)?;
    Ok(dict)
}

/// Acts on the events an operation raised, as the current error state says: NumPy's
/// RuntimeWarning, FloatingPointError, callback, log object or print to stderr. Warnings
/// point `stacklevel` Python frames up (1: the caller of the operation).
pub fn handle_events(
    py: Python<'_>,
    events: FpStatus,
    operation: &str,
    stacklevel: i32,
) -> PyResult<()> {
    if events.is_empty() {
        return Ok(());
    }
    let state = current(py)?;
    let state = state.get();
    for handling in state.modes.handle(events, operation) {
        let message = handling.message;
        let callback = state.call.bind(py);
        let event = handling.event;
        match handling.mode {
            ErrMode::Ignore => {}
            ErrMode::Warn => {
                let category = py.get_type::<PyRuntimeWarning>();
                PyErr::warn(py, &category, &CString::new(message)?, stacklevel)?;
            }
            ErrMode::Raise => return Err(PyFloatingPointError::new_err(message)),
            ErrMode::Print => eprintln!("Warning: {message}"),
            ErrMode::Call if callback.is_none() => {
                return Err(PyNameError::new_err(format!(
                    "python callback specified for {event} (in  {operation}) but no function found."
                )))
            }
            ErrMode::Call => {
                callback.call1((event, events.bits()))?;
            }
            ErrMode::Log if callback.is_none() => {
                return Err(PyNameError::new_err(format!(
                "log specified for {event} (in {operation}) but no object with write method found."
            )))
            }
            ErrMode::Log => {
                callback.call_method1("write", (format!("Warning: {message}\n"),))?;
            }
        }
    }
    Ok(())
}

/// Emits the warnings an operation recorded in the core, oldest first, `stacklevel` frames up.
pub fn emit_warnings(py: Python<'_>, warnings: Vec<Warning>, stacklevel: i32) -> PyResult<()> {
    for warning in warnings {
        match warning {
            Warning::Events { events, operation } => {
                handle_events(py, events, &operation, stacklevel)?
            }
            Warning::Plain(text) => {
                let category = py.get_type::<PyRuntimeWarning>();
                PyErr::warn(py, &category, &CString::new(text)?, stacklevel)?;
            }
        }
    }
    Ok(())
}
