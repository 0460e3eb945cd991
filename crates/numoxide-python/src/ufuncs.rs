//! NumPy's ufunc objects (`np.add`, `np.sqrt` ...) and the calls the array operators share.

use crate::convert::{to_arg, to_py_result};
use crate::errors::{warn_fp_events, IntoPy};
use crate::ndarray::PyNdArray;
use numoxide::promote::Casting;
use numoxide::ufunc::{Arg, BinaryOp, Out, UnaryOp};
use numoxide::NdArray;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

/// Above this many elements an operation releases the GIL.
pub const GIL_RELEASE_THRESHOLD: usize = 1 << 16;

fn arg_size(arg: &Arg) -> usize {
    match arg {
        Arg::Array(a) => a.size(),
        Arg::Scalar(_) | Arg::Py(_) => 1,
    }
}

/// The `out=` argument: an array, or a 1-tuple holding one.
fn out_array(out: Option<&Bound<'_, PyAny>>) -> PyResult<Option<NdArray>> {
    let Some(out) = out.filter(|o| !o.is_none()) else {
        return Ok(None);
    };
    let out = match out.cast::<PyTuple>() {
        Ok(t) if t.len() == 1 => t.get_item(0)?,
        _ => out.clone(),
    };
    match out.cast::<PyNdArray>() {
        Ok(a) => Ok(Some(a.borrow().array.clone())),
        Err(_) => Err(PyTypeError::new_err("return arrays must be of ArrayType")),
    }
}

fn casting_arg(casting: &str) -> PyResult<Casting> {
    Casting::parse(casting).ok_or_else(|| {
        PyValueError::new_err(format!(
            "casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe' (got '{casting}')"
        ))
    })
}

/// `op(a, b)` as NumPy's operators and ufunc calls do it; `out_obj` is returned as the
/// result when given.
pub fn call_binary(
    py: Python<'_>,
    op: BinaryOp,
    a: Arg,
    b: Arg,
    out_obj: Option<&Bound<'_, PyAny>>,
    casting: Casting,
) -> PyResult<Py<PyAny>> {
    let out = out_array(out_obj)?;
    // Detaching keeps the thread, so the floating-point events stay where we read them.
    let run = || {
        op.call(
            &a,
            &b,
            Out {
                array: out.as_ref(),
                casting,
            },
        )
    };
    let big = arg_size(&a).max(arg_size(&b)) > GIL_RELEASE_THRESHOLD;
    let result = if big { py.detach(run) } else { run() }.py()?;
    warn_fp_events(py, op.name())?;
    returned(py, result, out_obj)
}

/// What a ufunc call returns: the `out=` array when given, else the result (0-d as a scalar).
fn returned(
    py: Python<'_>,
    result: NdArray,
    out_obj: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    match out_obj.filter(|o| !o.is_none()) {
        Some(o) => Ok(match o.cast::<PyTuple>() {
            Ok(t) => t.get_item(0)?.unbind(),
            Err(_) => o.clone().unbind(),
        }),
        None => to_py_result(py, result, true),
    }
}

/// `op(a)`, likewise.
pub fn call_unary(
    py: Python<'_>,
    op: UnaryOp,
    a: Arg,
    out_obj: Option<&Bound<'_, PyAny>>,
    casting: Casting,
) -> PyResult<Py<PyAny>> {
    let out = out_array(out_obj)?;
    let run = || {
        op.call(
            &a,
            Out {
                array: out.as_ref(),
                casting,
            },
        )
    };
    let result = if arg_size(&a) > GIL_RELEASE_THRESHOLD {
        py.detach(run)
    } else {
        run()
    }
    .py()?;
    warn_fp_events(py, op.name())?;
    returned(py, result, out_obj)
}

/// `divmod(a, b)`: both results of one ufunc call, its warnings reported once under its name.
pub fn call_divmod(
    py: Python<'_>,
    a: Arg,
    b: Arg,
    outs: [Option<Bound<'_, PyAny>>; 2],
    casting: Casting,
) -> PyResult<Py<PyAny>> {
    let [q_obj, r_obj] = outs;
    let (q_out, r_out) = (out_array(q_obj.as_ref())?, out_array(r_obj.as_ref())?);
    let run = || {
        let out = |array| Out { array, casting };
        numoxide::ufunc::divmod(&a, &b, out(q_out.as_ref()), out(r_out.as_ref()))
    };
    let big = arg_size(&a).max(arg_size(&b)) > GIL_RELEASE_THRESHOLD;
    let (q, r) = if big { py.detach(run) } else { run() }.py()?;
    warn_fp_events(py, "divmod")?;
    let q = returned(py, q, q_obj.as_ref())?;
    let r = returned(py, r, r_obj.as_ref())?;
    Ok(PyTuple::new(py, [q, r])?.into_any().unbind())
}

#[derive(Clone, Copy)]
enum Kind {
    Unary(UnaryOp),
    Binary(BinaryOp),
    DivMod,
}

/// A NumPy ufunc object.
#[pyclass(name = "ufunc", module = "numoxide", frozen)]
pub struct PyUfunc {
    kind: Kind,
}

impl PyUfunc {
    pub fn binary(op: BinaryOp) -> Self {
        PyUfunc {
            kind: Kind::Binary(op),
        }
    }

    pub fn unary(op: UnaryOp) -> Self {
        PyUfunc {
            kind: Kind::Unary(op),
        }
    }
}

#[pymethods]
impl PyUfunc {
    #[pyo3(signature = (*args, out = None, casting = "same_kind", **kwargs))]
    fn __call__(
        &self,
        py: Python<'_>,
        args: &Bound<'_, PyTuple>,
        out: Option<&Bound<'_, PyAny>>,
        casting: &str,
        kwargs: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        if let Some(kw) = kwargs {
            if let Some((key, _)) = kw.iter().next() {
                return Err(PyTypeError::new_err(format!(
                    "{}() got an unexpected keyword argument '{}'",
                    self.__name__(),
                    key
                )));
            }
        }
        let casting = casting_arg(casting)?;
        let (nin, nout) = (self.nin(), self.nout());
        let n = args.len();
        if n < nin || n > nin + nout {
            return Err(PyTypeError::new_err(format!(
                "{}() takes from {} to {} positional arguments but {} were given",
                self.__name__(),
                nin,
                nin + nout,
                n
            )));
        }
        let out = match (n > nin, out.filter(|o| !o.is_none())) {
            (true, Some(_)) => {
                return Err(PyTypeError::new_err(
                    "cannot specify 'out' as both a positional and keyword argument",
                ))
            }
            (true, None) => Some(args.get_slice(nin, n).into_any()),
            (false, out) => out.cloned(),
        };
        let inputs = args.as_slice();
        let input = |i: usize| to_arg(&inputs[i]);
        match self.kind {
            Kind::Binary(op) => call_binary(py, op, input(0)?, input(1)?, out.as_ref(), casting),
            Kind::Unary(op) => call_unary(py, op, input(0)?, out.as_ref(), casting),
            Kind::DivMod => {
                let outs = match &out {
                    None => [None, None],
                    Some(o) => match o.cast::<PyTuple>() {
                        Ok(t) if t.len() == 2 => [Some(t.get_item(0)?), Some(t.get_item(1)?)],
                        Ok(_) => {
                            return Err(PyValueError::new_err(
                                "The 'out' tuple must have exactly one entry per ufunc output",
                            ))
                        }
                        Err(_) => {
                            return Err(PyTypeError::new_err("'out' must be a tuple of arrays"))
                        }
                    },
                };
                call_divmod(py, input(0)?, input(1)?, outs, casting)
            }
        }
    }

    #[getter]
    fn __name__(&self) -> &'static str {
        match self.kind {
            Kind::Binary(op) => op.name(),
            Kind::Unary(op) => op.name(),
            Kind::DivMod => "divmod",
        }
    }

    #[getter]
    fn nin(&self) -> usize {
        match self.kind {
            Kind::Binary(_) | Kind::DivMod => 2,
            Kind::Unary(_) => 1,
        }
    }

    #[getter]
    fn nout(&self) -> usize {
        match self.kind {
            Kind::DivMod => 2,
            _ => 1,
        }
    }

    #[getter]
    fn nargs(&self) -> usize {
        self.nin() + self.nout()
    }

    fn __repr__(&self) -> String {
        format!("<ufunc '{}'>", self.__name__())
    }
}

/// Adds every ufunc to the module under NumPy's names and aliases.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    for op in BinaryOp::ALL {
        m.add(op.name(), PyUfunc::binary(op))?;
    }
    m.add("divmod", PyUfunc { kind: Kind::DivMod })?;
    let unary = [
        "negative",
        "positive",
        "absolute",
        "square",
        "reciprocal",
        "sign",
        "floor",
        "ceil",
        "trunc",
        "rint",
        "invert",
        "logical_not",
        "isnan",
        "isinf",
        "isfinite",
        "signbit",
        "sqrt",
        "cbrt",
        "exp",
        "exp2",
        "expm1",
        "log",
        "log2",
        "log10",
        "log1p",
        "sin",
        "cos",
        "tan",
        "arcsin",
        "arccos",
        "arctan",
        "sinh",
        "cosh",
        "tanh",
        "arcsinh",
        "arccosh",
        "arctanh",
        "deg2rad",
        "rad2deg",
    ];
    for name in unary {
        let op = UnaryOp::from_name(name).expect("every listed ufunc exists"); // ok: a fixed list, checked by the tests
        m.add(name, PyUfunc::unary(op))?;
    }
    for (alias, name) in [
        ("true_divide", "divide"),
        ("mod", "remainder"),
        ("abs", "absolute"),
        ("bitwise_not", "invert"),
        ("bitwise_invert", "invert"),
        ("bitwise_left_shift", "left_shift"),
        ("bitwise_right_shift", "right_shift"),
        ("pow", "power"),
        ("asin", "arcsin"),
        ("acos", "arccos"),
        ("atan", "arctan"),
        ("asinh", "arcsinh"),
        ("acosh", "arccosh"),
        ("atanh", "arctanh"),
        ("radians", "deg2rad"),
        ("degrees", "rad2deg"),
        ("fix", "trunc"),
    ] {
        m.add(alias, m.getattr(name)?)?;
    }
    Ok(())
}
