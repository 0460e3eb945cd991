//! NumPy's scalar types (`np.float64(1.5)`, `np.int8(3)`, `np.True_`).
//!
//! The hierarchy is declared in `numoxide/_scalars.py`, because NumPy's needs multiple
//! inheritance (`float64` is a `floating` and a Python `float`); the concrete classes are made
//! here by `_scalar_class`. All but float64 and complex128 store their value in `_ScalarBase`,
//! defined here; those two are Python floats and complexes. Every operation on them is done by
//! the core.

use crate::errors::IntoPy;
use numoxide::element::c128;
use numoxide::promote::PyValue;
use numoxide::{DType, Scalar};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyComplex, PyDict, PyFloat, PyType};

/// The value inside every scalar object but float64 and complex128.
///
/// Not frozen only so that `to_py` can write the value into an instance it has just made;
/// nothing changes a scalar afterwards.
#[pyclass(name = "_ScalarBase", module = "numoxide", subclass)]
pub struct ScalarBase {
    pub value: Scalar,
}

struct Registry {
    /// The scalar class of each dtype, at `index_of(dtype)`.
    types: Vec<Py<PyType>>,
    true_: Py<PyAny>,
    false_: Py<PyAny>,
}

static REGISTRY: PyOnceLock<Registry> = PyOnceLock::new();

fn registry(py: Python<'_>) -> PyResult<&Registry> {
    REGISTRY.get_or_try_init(py, || {
        py.import("numoxide._scalars")?;
        Err(PyTypeError::new_err(
            "numoxide scalar types are not registered",
        ))
    })
}

/// A dtype's place in `Registry::types`: its discriminant, so that finding the class of a
/// scalar costs no search (`a[0]` does it on every call).
fn index_of(d: DType) -> usize {
    d as usize
}

/// Called once by `numoxide._scalars` with `{dtype name: class}`.
#[pyfunction]
pub fn _register_scalar_types(
    py: Python<'_>,
    classes: &Bound<'_, PyDict>,
) -> PyResult<(Py<PyAny>, Py<PyAny>)> {
    let mut dtypes = DType::ALL;
    dtypes.sort_by_key(|&d| index_of(d));
    let mut types = Vec::with_capacity(dtypes.len());
    for d in dtypes {
        let class = classes
            .get_item(d.name())?
            .ok_or_else(|| PyTypeError::new_err(format!("no scalar type for {d}")))?;
        types.push(class.cast_into::<PyType>()?.unbind());
    }
    let bool_type = types[index_of(DType::Bool)].bind(py);
    let true_ = new_stored(bool_type, Scalar::Bool(true))?.unbind();
    let false_ = new_stored(bool_type, Scalar::Bool(false))?.unbind();
    let out = (true_.clone_ref(py), false_.clone_ref(py));
    let _ = REGISTRY.set(
        py,
        Registry {
            types,
            true_,
            false_,
        },
    );
    Ok(out)
}

/// A concrete scalar class `numoxide.<name>` with `bases` (an abstract class of the hierarchy,
/// then `float`, `complex` or `_ScalarBase`, which gives the instances their layout), whose
/// operators are NumPy's scalar math (`scalar_operators`).
///
/// A class statement would do, but since Python 3.11 every class it makes is tracked by the
/// garbage collector, and a scalar is made for each `a[i]` and each reduction: tracking
/// costs a fifth of reading one element. Scalars hold no references, so classes made from a
/// type spec are not tracked.
#[pyfunction]
pub fn _scalar_class<'py>(
    bases: &Bound<'py, pyo3::types::PyTuple>,
    name: &str,
) -> PyResult<Bound<'py, PyType>> {
    let py = bases.py();
    let builtin_number =
        bases.contains(py.get_type::<PyFloat>())? || bases.contains(py.get_type::<PyComplex>())?;
    // Python 3.11 keeps pointing at the spec's name for the life of the class, and these
    // classes live as long as the process.
    let qualified =
        Box::leak(std::ffi::CString::new(format!("numoxide.{name}"))?.into_boxed_c_str());
    let slot = |slot, pfunc: *mut std::ffi::c_void| ffi::PyType_Slot { slot, pfunc };
    let mut slots = crate::scalar_operators::operator_slots();
    slots.push(slot(ffi::Py_tp_dealloc, scalar_dealloc as *mut _));
    if !builtin_number {
        // `_ScalarBase` is tracked (pyo3 tracks every class it makes), and a class inherits
        // tracking unless it has a traverse function of its own.
        slots.push(slot(ffi::Py_tp_traverse, traverse_nothing as *mut _));
        slots.push(slot(ffi::Py_tp_free, ffi::PyObject_Free as *mut _));
    }
    slots.push(slot(0, std::ptr::null_mut()));
    let mut spec = ffi::PyType_Spec {
        name: qualified.as_ptr(),
        basicsize: 0,
        itemsize: 0,
        flags: (ffi::Py_TPFLAGS_DEFAULT | ffi::Py_TPFLAGS_BASETYPE) as _,
        slots: slots.as_mut_ptr(),
    };
    // SAFETY: the spec and its slots are valid for the call (CPython copies the slots; the
    // name lives forever); the result is a new reference or NULL with an exception set.
    unsafe {
        let class = ffi::PyType_FromSpecWithBases(&mut spec, bases.as_ptr());
        Ok(Bound::from_owned_ptr_or_err(py, class)?.cast_into_unchecked())
    }
}

/// tp_dealloc of the scalar classes. float's and complex's own deallocators, written for
/// static classes, do not release the reference each instance of a heap class holds on its
/// class; pyo3's would take the untracked stored scalars off the collector's list, which
/// they are not on. A scalar owns nothing else to release.
///
/// # Safety
/// Called by Python on an instance whose last reference went away.
unsafe extern "C" fn scalar_dealloc(obj: *mut ffi::PyObject) {
    // SAFETY: `obj` is a dead instance of a heap class; its tp_free releases its memory.
    unsafe {
        let class = ffi::Py_TYPE(obj);
        if let Some(free) = (*class).tp_free {
            free(obj.cast());
        }
        ffi::Py_DECREF(class.cast());
    }
}

// `scalar_dealloc` frees stored scalars without dropping their value.
const _: () = assert!(!std::mem::needs_drop::<ScalarBase>());

/// tp_traverse of the stored scalar classes: their instances hold no Python references.
unsafe extern "C" fn traverse_nothing(
    _: *mut ffi::PyObject,
    _: ffi::visitproc,
    _: *mut std::ffi::c_void,
) -> std::ffi::c_int {
    0
}

/// The scalar class of a dtype (`np.float64` for float64).
pub fn type_of_dtype(py: Python<'_>, d: DType) -> PyResult<Bound<'_, PyType>> {
    Ok(registry(py)?.types[index_of(d)].bind(py).clone())
}

/// The dtype of a scalar class, if it is one of ours.
pub fn dtype_of_type(t: &Bound<'_, PyType>) -> Option<DType> {
    registered(t.py(), t.as_type_ptr())
}

/// The dtype whose registered scalar class is exactly `t`.
fn registered(py: Python<'_>, t: *mut ffi::PyTypeObject) -> Option<DType> {
    let reg = REGISTRY.get(py)?;
    DType::ALL
        .into_iter()
        .find(|&d| reg.types[index_of(d)].as_ptr() == t.cast())
}

/// The Python builtin number holding a scalar's value (what `.item()` returns).
pub fn to_builtin(py: Python<'_>, s: Scalar) -> PyResult<Bound<'_, PyAny>> {
    Ok(match s {
        Scalar::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Scalar::Int8(v) => v.into_pyobject(py)?.into_any(),
        Scalar::Int16(v) => v.into_pyobject(py)?.into_any(),
        Scalar::Int32(v) => v.into_pyobject(py)?.into_any(),
        Scalar::Int64(v) => v.into_pyobject(py)?.into_any(),
        Scalar::UInt8(v) => v.into_pyobject(py)?.into_any(),
        Scalar::UInt16(v) => v.into_pyobject(py)?.into_any(),
        Scalar::UInt32(v) => v.into_pyobject(py)?.into_any(),
        Scalar::UInt64(v) => v.into_pyobject(py)?.into_any(),
        Scalar::Float16(_) | Scalar::Float32(_) | Scalar::Float64(_) => {
            PyFloat::new(py, s.to_f64()).into_any()
        }
        Scalar::Complex64(_) | Scalar::Complex128(_) => {
            let c = s.to_c128();
            PyComplex::from_doubles(py, c.re, c.im).into_any()
        }
    })
}

/// A NumPy scalar object for `s` (`np.float64(2.5)`).
pub fn to_py(py: Python<'_>, s: Scalar) -> PyResult<Bound<'_, PyAny>> {
    let reg = registry(py)?;
    let class = reg.types[index_of(s.dtype())].bind(py);
    match s {
        Scalar::Bool(b) => Ok(if b { &reg.true_ } else { &reg.false_ }.bind(py).clone()),
        Scalar::Float64(v) => {
            // SAFETY: float64 subclasses float, so its instances are PyFloatObjects.
            unsafe { new_builtin_subclass(class, |o: *mut ffi::PyFloatObject| (*o).ob_fval = v) }
        }
        Scalar::Complex128(c) => {
            // SAFETY: complex128 subclasses complex, so its instances are PyComplexObjects.
            unsafe {
                new_builtin_subclass(class, |o: *mut ffi::PyComplexObject| {
                    (*o).cval = ffi::Py_complex {
                        real: c.re,
                        imag: c.im,
                    }
                })
            }
        }
        _ => new_stored(class, s),
    }
}

/// A new instance of `class`, one of the `_ScalarBase` subclasses, holding `s`: what
/// `_ScalarBase.__new__(class)` makes, without a call through Python or a Python number.
fn new_stored<'py>(class: &Bound<'py, PyType>, s: Scalar) -> PyResult<Bound<'py, PyAny>> {
    let py = class.py();
    let base = py.get_type::<ScalarBase>();
    // SAFETY: `class` subclasses `_ScalarBase`, whose tp_new (pyo3's, taking no required
    // arguments) builds instances of any subclass; it returns a new reference or NULL with
    // an exception set.
    let obj = unsafe {
        let tp_new = (*base.as_type_ptr())
            .tp_new
            .ok_or_else(|| PyTypeError::new_err("_ScalarBase cannot be instantiated"))?;
        let args = pyo3::types::PyTuple::empty(py);
        let obj = tp_new(class.as_type_ptr(), args.as_ptr(), std::ptr::null_mut());
        Bound::from_owned_ptr_or_err(py, obj)?
    };
    // SAFETY: `obj` is an instance of `class`, which subclasses `_ScalarBase`.
    unsafe { obj.cast_unchecked::<ScalarBase>() }
        .borrow_mut()
        .value = s;
    Ok(obj)
}

/// A new instance of `class`, a subclass of a builtin number type whose instances are `O`s,
/// with its value written by `init`: what the builtin's constructor does, without a call
/// through Python.
///
/// # Safety
/// Instances of `class` must have the memory layout `O`, and `init` must only write the value.
unsafe fn new_builtin_subclass<'py, O>(
    class: &Bound<'py, PyType>,
    init: impl FnOnce(*mut O),
) -> PyResult<Bound<'py, PyAny>> {
    let tp = class.as_type_ptr();
    // SAFETY: `tp` is a live type object; tp_alloc returns a zeroed instance of it, or NULL
    // with an exception set. The value is written before the object is shared.
    unsafe {
        let alloc = (*tp).tp_alloc.unwrap_or(ffi::PyType_GenericAlloc);
        let obj = alloc(tp, 0);
        if obj.is_null() {
            return Err(PyErr::fetch(class.py()));
        }
        init(obj as *mut O);
        Ok(Bound::from_owned_ptr(class.py(), obj))
    }
}

/// The value of a NumPy scalar object, or None if `obj` is not one.
pub fn from_py(obj: &Bound<'_, PyAny>) -> Option<Scalar> {
    let Some(dtype) = registered(obj.py(), obj.get_type_ptr()) else {
        return subclass_value(obj);
    };
    // SAFETY: `obj`'s type is exactly the registered class of this dtype: float64's and
    // complex128's instances are PyFloatObjects and PyComplexObjects (the classes subclass
    // float and complex), every other class subclasses `_ScalarBase`.
    unsafe {
        Some(match dtype {
            DType::Float64 => Scalar::Float64((*(obj.as_ptr() as *mut ffi::PyFloatObject)).ob_fval),
            DType::Complex128 => {
                let c = (*(obj.as_ptr() as *mut ffi::PyComplexObject)).cval;
                Scalar::Complex128(c128::new(c.real, c.imag))
            }
            _ => obj.cast_unchecked::<ScalarBase>().borrow().value,
        })
    }
}

/// The value of a float64 scalar or a Python float, of exactly those types.
pub fn exact_float(obj: &Bound<'_, PyAny>) -> Option<f64> {
    let float64 = REGISTRY.get(obj.py())?.types[index_of(DType::Float64)].as_ptr();
    let class = obj.get_type_ptr();
    let is_float = class.cast() == float64 || class == &raw mut ffi::PyFloat_Type;
    // SAFETY: instances of float and of float64 (a subclass adding no fields) are
    // PyFloatObjects.
    is_float.then(|| unsafe { (*(obj.as_ptr() as *mut ffi::PyFloatObject)).ob_fval })
}

/// The value of an instance of a Python subclass of a scalar class.
fn subclass_value(obj: &Bound<'_, PyAny>) -> Option<Scalar> {
    let class = obj.get_type_ptr();
    // Python's own numbers, the commonest operands that are not scalars, end the search at
    // once.
    let builtin = [
        &raw mut ffi::PyFloat_Type,
        &raw mut ffi::PyLong_Type,
        &raw mut ffi::PyComplex_Type,
        &raw mut ffi::PyBool_Type,
    ];
    if builtin.contains(&class) {
        return None;
    }
    if let Ok(b) = obj.cast::<ScalarBase>() {
        return Some(b.borrow().value);
    }
    let types = &REGISTRY.get(obj.py())?.types;
    // SAFETY: both are live type objects.
    let subclass_of =
        |d: DType| unsafe { ffi::PyType_IsSubtype(class, types[index_of(d)].as_ptr().cast()) != 0 };
    if subclass_of(DType::Float64) {
        Some(Scalar::Float64(obj.extract().ok()?))
    } else if subclass_of(DType::Complex128) {
        let c: num_complex::Complex<f64> = obj.extract().ok()?;
        Some(Scalar::Complex128(c128::new(c.re, c.im)))
    } else {
        None
    }
}

/// A Python bool, int, float or complex as a weak NEP 50 value.
pub fn py_value(obj: &Bound<'_, PyAny>) -> PyResult<Option<PyValue>> {
    if let Ok(b) = obj.cast_exact::<pyo3::types::PyBool>() {
        return Ok(Some(PyValue::Bool(b.is_true())));
    }
    if obj.is_instance_of::<pyo3::types::PyInt>() {
        return match obj.extract::<i128>() {
            Ok(v) => Ok(Some(PyValue::Int(v))),
            Err(_) => Err(pyo3::exceptions::PyOverflowError::new_err(
                "Python int too large to convert to C long",
            )),
        };
    }
    if obj.is_instance_of::<PyFloat>() {
        return Ok(Some(PyValue::Float(obj.extract::<f64>()?)));
    }
    if obj.is_instance_of::<PyComplex>() {
        let c = obj.extract::<num_complex::Complex<f64>>()?;
        return Ok(Some(PyValue::Complex(c128::new(c.re, c.im))));
    }
    Ok(None)
}

#[pymethods]
impl ScalarBase {
    #[new]
    #[pyo3(signature = (dtype = None, value = None))]
    fn new(dtype: Option<&str>, value: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        // No dtype is `new_stored`'s call, made per scalar result: nothing to parse.
        let d = match dtype {
            None => DType::Bool,
            Some(name) => {
                DType::parse(name).ok_or_else(|| PyTypeError::new_err("unknown scalar type"))?
            }
        };
        let value = match value {
            None => Scalar::Bool(false).cast(d),
            Some(v) => {
                if let Some(s) = from_py(v) {
                    s.cast(d)
                } else if let Some(p) = py_value(v)? {
                    // np.int8(300) is an OverflowError, like int8_array + 300.
                    p.to_scalar(d).py()?
                } else if let Ok(s) = v.str() {
                    let text = s.to_string();
                    let parsed: f64 = text.trim().parse().map_err(|_| {
                        PyValueError::new_err(format!(
                            "could not convert string to float: '{text}'"
                        ))
                    })?;
                    Scalar::Float64(parsed).cast(d)
                } else {
                    return Err(PyTypeError::new_err("cannot make a scalar from this value"));
                }
            }
        };
        Ok(ScalarBase { value })
    }

    /// The value as a Python number.
    fn item<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_builtin(py, self.value)
    }

    fn __float__(&self) -> f64 {
        self.value.to_f64()
    }

    fn __int__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self.value.dtype().kind() {
            numoxide::Kind::Float | numoxide::Kind::Complex => {
                let f = self.value.to_f64();
                if f.is_nan() {
                    return Err(PyValueError::new_err("cannot convert float NaN to integer"));
                }
                PyFloat::new(py, f).call_method0("__int__")
            }
            _ => to_builtin(py, self.value),
        }
    }

    fn __index__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        if self.value.dtype().is_integer() || self.value.dtype() == DType::Bool {
            to_builtin(py, self.value)
        } else {
            Err(PyTypeError::new_err(format!(
                "'numpy.{}' object cannot be interpreted as an integer",
                self.value.dtype()
            )))
        }
    }

    fn __complex__(&self) -> num_complex::Complex<f64> {
        self.value.to_c128()
    }

    fn __bool__(&self) -> bool {
        self.value.is_truthy()
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        to_builtin(py, self.value)?.hash()
    }
}
