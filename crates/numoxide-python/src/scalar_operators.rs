//! The operators of NumPy's scalar types (`x * y`, `2 - x`, `-x`, `x < y`): NumPy's scalar
//! math when every operand is a scalar or a Python number, the ufunc otherwise.
//!
//! They are the number and comparison slots of every scalar class (`operator_slots`, which
//! `_scalar_class` puts in each class's type spec), so Python calls them directly, as it
//! calls NumPy's: no attribute lookup, no Python frame, no argument tuple.

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
use pyo3::types::PyTuple;
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

/// The Python comparison a `tp_richcompare` code names.
fn comparison(code: std::ffi::c_int) -> Option<BinaryOp> {
    Some(match code {
        ffi::Py_LT => BinaryOp::Less,
        ffi::Py_LE => BinaryOp::LessEqual,
        ffi::Py_EQ => BinaryOp::Equal,
        ffi::Py_NE => BinaryOp::NotEqual,
        ffi::Py_GT => BinaryOp::Greater,
        ffi::Py_GE => BinaryOp::GreaterEqual,
        _ => None?,
    })
}

/// Defines `operator_slots`: a C function per slot, around `binary` or `unary`. Python calls
/// a binary number slot with the operands in the expression's order, whichever of them is
/// the scalar, so one function serves `x + 1` and `1 + x`.
macro_rules! operator_slots {
    (
        binary { $($slot:ident => $what:expr;)* }
        unary { $($uslot:ident => $uop:expr;)* }
    ) => {
        /// The operator slots of a scalar class's type spec.
        pub fn operator_slots() -> Vec<ffi::PyType_Slot> {
            let entry = |slot, pfunc: *mut std::ffi::c_void| ffi::PyType_Slot { slot, pfunc };
            vec![
                $({
                    unsafe extern "C" fn f(x: *mut ffi::PyObject, y: *mut ffi::PyObject) -> *mut ffi::PyObject {
                        // SAFETY: called by Python with two live operands.
                        unsafe { slot([x, y], |py, [x, y]| binary(py, $what, &x, &y)) }
                    }
                    entry(ffi::$slot, f as *mut _)
                },)*
                $({
                    unsafe extern "C" fn f(x: *mut ffi::PyObject) -> *mut ffi::PyObject {
                        // SAFETY: called by Python with a live operand.
                        unsafe { slot([x], |py, [x]| unary(py, $uop, &x)) }
                    }
                    entry(ffi::$uslot, f as *mut _)
                },)*
                entry(ffi::Py_nb_power, power as *mut _),
                entry(ffi::Py_tp_richcompare, richcompare as *mut _),
            ]
        }
    };
}

operator_slots! {
    binary {
        Py_nb_add => Binary::Op(BinaryOp::Add);
        Py_nb_subtract => Binary::Op(BinaryOp::Subtract);
        Py_nb_multiply => Binary::Op(BinaryOp::Multiply);
        Py_nb_true_divide => Binary::Op(BinaryOp::Divide);
        Py_nb_floor_divide => Binary::Op(BinaryOp::FloorDivide);
        Py_nb_remainder => Binary::Op(BinaryOp::Remainder);
        Py_nb_and => Binary::Op(BinaryOp::BitwiseAnd);
        Py_nb_or => Binary::Op(BinaryOp::BitwiseOr);
        Py_nb_xor => Binary::Op(BinaryOp::BitwiseXor);
        Py_nb_lshift => Binary::Op(BinaryOp::LeftShift);
        Py_nb_rshift => Binary::Op(BinaryOp::RightShift);
        Py_nb_divmod => Binary::DivMod;
    }
    unary {
        Py_nb_negative => UnaryOp::Negative;
        Py_nb_positive => UnaryOp::Positive;
        Py_nb_absolute => UnaryOp::Absolute;
        Py_nb_invert => UnaryOp::Invert;
    }
}

/// `x ** y`; three-argument `pow` gives way, as NumPy's scalars do.
unsafe extern "C" fn power(
    x: *mut ffi::PyObject,
    y: *mut ffi::PyObject,
    modulus: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: called by Python with three live operands (the third None for `x ** y`).
    unsafe {
        slot([x, y, modulus], |py, [x, y, modulus]| {
            match modulus.is_none() {
                true => binary(py, Binary::Op(BinaryOp::Power), &x, &y),
                false => Ok(py.NotImplemented()),
            }
        })
    }
}

/// `x < y` and the other comparisons.
unsafe extern "C" fn richcompare(
    x: *mut ffi::PyObject,
    y: *mut ffi::PyObject,
    code: std::ffi::c_int,
) -> *mut ffi::PyObject {
    // SAFETY: called by Python with two live operands.
    unsafe {
        slot([x, y], |py, [x, y]| match comparison(code) {
            Some(op) => binary(py, Binary::Op(op), &x, &y),
            None => Ok(py.NotImplemented()),
        })
    }
}
