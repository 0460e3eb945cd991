//! The operators of NumPy's scalar types (`x * y`, `2 - x`, `-x`, `x < y`): NumPy's scalar
//! math when every operand is a scalar or a Python number, the ufunc otherwise.
//!
//! They are installed on `generic` as method descriptors, the kind of attribute that
//! Python's number and comparison slots call directly with the instance, so an operator
//! costs no Python frame and no argument tuple.

use crate::convert::to_arg;
use crate::errors::IntoPy;
use crate::errstate::emit_warnings;
use crate::scalars;
use crate::ufuncs::{call_binary, call_divmod, call_unary};
use numoxide::promote::Casting;
use numoxide::scalar::Scalar;
use numoxide::ufunc::{divmod_on_scalars, Arg, BinaryOp, UnaryOp};
use pyo3::exceptions::{PySystemError, PyTypeError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyTuple, PyType};
use std::ffi::CStr;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// What a binary operator computes.
#[derive(Clone, Copy)]
enum Binary {
    Op(BinaryOp),
    DivMod,
}

/// `a op b`, or NotImplemented where NumPy's scalars give way: an operand no array can hold
/// (None, another library's object), so that its own reflected operator runs.
fn binary(
    py: Python<'_>,
    what: Binary,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    fn operand<'a>(py: Python<'_>, x: &'a Bound<'_, PyAny>) -> PyResult<Option<Arg<'a>>> {
        match to_arg(x) {
            Err(e) if e.is_instance_of::<PyTypeError>(py) => Ok(None),
            r => r.map(Some),
        }
    }
    if let (Binary::Op(op), Some(x), Some(y)) =
        (what, scalars::exact_float(a), scalars::exact_float(b))
    {
        if let Some(r) = op.on_float64s(x, y) {
            return Ok(scalars::to_py(py, r)?.unbind());
        }
    }
    let (Some(a), Some(b)) = (operand(py, a)?, operand(py, b)?) else {
        return Ok(py.NotImplemented());
    };
    let scalars = !matches!(a, Arg::Array(_)) && !matches!(b, Arg::Array(_));
    let value = |s: Scalar| Ok::<_, PyErr>(scalars::to_py(py, s)?.unbind());
    let returned = match what {
        Binary::Op(op) if scalars => match op.call_on_scalars(&a, &b).py()? {
            Some(r) => value(r)?,
            None => return Ok(py.NotImplemented()),
        },
        Binary::DivMod if scalars => match divmod_on_scalars(&a, &b).py()? {
            Some((q, r)) => PyTuple::new(py, [value(q)?, value(r)?])?
                .into_any()
                .unbind(),
            None => return Ok(py.NotImplemented()),
        },
        Binary::Op(op) => return call_binary(py, op, a, b, None, Casting::SameKind),
        Binary::DivMod => return call_divmod(py, a, b, [None, None], Casting::SameKind),
    };
    emit_warnings(py, numoxide::fpstatus::take_warnings(), 1)?;
    Ok(returned)
}

/// `op a`.
fn unary(py: Python<'_>, op: UnaryOp, a: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let a = to_arg(a)?;
    if matches!(a, Arg::Array(_)) {
        return call_unary(py, op, a, None, Casting::SameKind);
    }
    let returned = scalars::to_py(py, op.call_on_scalar(&a).py()?)?.unbind();
    emit_warnings(py, numoxide::fpstatus::take_warnings(), 1)?;
    Ok(returned)
}

/// Runs an operator for Python: a new reference, or NULL with the exception set (a panic
/// becomes a SystemError rather than unwinding into the interpreter).
///
/// # Safety
/// `operands` are live objects.
unsafe fn slot<const N: usize>(
    operands: [*mut ffi::PyObject; N],
    f: impl FnOnce(Python<'_>, [Bound<'_, PyAny>; N]) -> PyResult<Py<PyAny>>,
) -> *mut ffi::PyObject {
    // Python calls the operators with the GIL held; `attach` records that for pyo3, so that
    // references dropped here are released at once rather than deferred.
    Python::attach(|py| {
        // SAFETY: the operands are borrowed references that outlive the call.
        let operands = operands.map(|p| unsafe { Bound::from_borrowed_ptr(py, p) });
        let result = catch_unwind(AssertUnwindSafe(|| f(py, operands))).unwrap_or_else(|_| {
            Err(PySystemError::new_err(
                "numoxide panicked in a scalar operator",
            ))
        });
        match result {
            Ok(obj) => obj.into_ptr(),
            Err(e) => {
                e.restore(py);
                std::ptr::null_mut()
            }
        }
    })
}

/// One entry of `OPERATORS`: name, function, convention and a docstring holding the signature.
macro_rules! operator {
    ($name:ident, $flags:expr, $signature:literal) => {
        (
            cstr(concat!(stringify!($name), "\0")),
            $name,
            $flags,
            cstr(concat!(stringify!($name), $signature, "\n--\n\n\0")),
        )
    };
}

/// Defines each operator's C function and the table that names them.
macro_rules! operators {
    (
        binary { $($name:ident $rname:ident => $what:expr;)* }
        compare { $($cname:ident => $cop:expr;)* }
        unary { $($uname:ident => $uop:expr;)* }
    ) => {
        $(
            unsafe extern "C" fn $name(x: *mut ffi::PyObject, y: *mut ffi::PyObject) -> *mut ffi::PyObject {
                // SAFETY: called by Python with two live operands.
                unsafe { slot([x, y], |py, [x, y]| binary(py, $what, &x, &y)) }
            }
            unsafe extern "C" fn $rname(x: *mut ffi::PyObject, y: *mut ffi::PyObject) -> *mut ffi::PyObject {
                // SAFETY: as above.
                unsafe { slot([x, y], |py, [x, y]| binary(py, $what, &y, &x)) }
            }
        )*
        $(
            unsafe extern "C" fn $cname(x: *mut ffi::PyObject, y: *mut ffi::PyObject) -> *mut ffi::PyObject {
                // SAFETY: as above.
                unsafe { slot([x, y], |py, [x, y]| binary(py, Binary::Op($cop), &x, &y)) }
            }
        )*
        $(
            unsafe extern "C" fn $uname(x: *mut ffi::PyObject, _: *mut ffi::PyObject) -> *mut ffi::PyObject {
                // SAFETY: called by Python with a live operand.
                unsafe { slot([x], |py, [x]| unary(py, $uop, &x)) }
            }
        )*

        /// Each operator's Python name, C function, calling convention and docstring (whose
        /// first line is the text signature `inspect` reads).
        const OPERATORS: &[(&CStr, ffi::PyCFunction, i32, &CStr)] = &[
            $(operator!($name, ffi::METH_O, "($self, other, /)"),
              operator!($rname, ffi::METH_O, "($self, other, /)"),)*
            $(operator!($cname, ffi::METH_O, "($self, other, /)"),)*
            $(operator!($uname, ffi::METH_NOARGS, "($self, /)"),)*
        ];
    };
}

/// A NUL-terminated string as a C string, at compile time.
const fn cstr(text: &'static str) -> &'static CStr {
    match CStr::from_bytes_with_nul(text.as_bytes()) {
        Ok(c) => c,
        Err(_) => panic!("operator strings end in NUL"), // ok: const-evaluated; fails the build
    }
}

operators! {
    binary {
        __add__ __radd__ => Binary::Op(BinaryOp::Add);
        __sub__ __rsub__ => Binary::Op(BinaryOp::Subtract);
        __mul__ __rmul__ => Binary::Op(BinaryOp::Multiply);
        __truediv__ __rtruediv__ => Binary::Op(BinaryOp::Divide);
        __floordiv__ __rfloordiv__ => Binary::Op(BinaryOp::FloorDivide);
        __mod__ __rmod__ => Binary::Op(BinaryOp::Remainder);
        __pow__ __rpow__ => Binary::Op(BinaryOp::Power);
        __and__ __rand__ => Binary::Op(BinaryOp::BitwiseAnd);
        __or__ __ror__ => Binary::Op(BinaryOp::BitwiseOr);
        __xor__ __rxor__ => Binary::Op(BinaryOp::BitwiseXor);
        __lshift__ __rlshift__ => Binary::Op(BinaryOp::LeftShift);
        __rshift__ __rrshift__ => Binary::Op(BinaryOp::RightShift);
        __divmod__ __rdivmod__ => Binary::DivMod;
    }
    compare {
        __eq__ => BinaryOp::Equal;
        __ne__ => BinaryOp::NotEqual;
        __lt__ => BinaryOp::Less;
        __le__ => BinaryOp::LessEqual;
        __gt__ => BinaryOp::Greater;
        __ge__ => BinaryOp::GreaterEqual;
    }
    unary {
        __neg__ => UnaryOp::Negative;
        __pos__ => UnaryOp::Positive;
        __abs__ => UnaryOp::Absolute;
        __invert__ => UnaryOp::Invert;
    }
}

/// Installs the operators on `generic`; `numoxide._scalars` calls this once.
#[pyfunction]
pub fn _install_scalar_operators(generic: &Bound<'_, PyType>) -> PyResult<()> {
    let py = generic.py();
    for &(name, function, flags, doc) in OPERATORS {
        // A descriptor keeps a pointer to its method entry, so each entry lives for good
        // (the module is initialized once per process).
        let entry = Box::leak(Box::new(ffi::PyMethodDef {
            ml_name: name.as_ptr(),
            ml_meth: ffi::PyMethodDefPointer {
                PyCFunction: function,
            },
            ml_flags: flags,
            ml_doc: doc.as_ptr(),
        }));
        // SAFETY: `generic` is a live type and `entry` outlives the descriptor.
        let descriptor = unsafe {
            Bound::from_owned_ptr_or_err(py, ffi::PyDescr_NewMethod(generic.as_type_ptr(), entry))?
        };
        generic.setattr(name.to_string_lossy().as_ref(), descriptor)?;
    }
    Ok(())
}
