//! `numoxide.ndarray`: attributes, indexing, operators and conversions. Every method
//! converts its arguments, calls the core and converts the result.

use crate::convert::{array_from_py, py_dtype, to_arg, to_list, to_py_result};
use crate::dtype::{dtype_from_py, PyDType};
use crate::errors::IntoPy;
use crate::index::parse_key;
use crate::printing;
use crate::scalars;
use crate::ufuncs::{call_binary, call_divmod, call_unary};
use numoxide::index::Indexed;
use numoxide::promote::{can_cast, Casting};
use numoxide::ufunc::{Arg, BinaryOp, UnaryOp};
use numoxide::{LikeOrder, NdArray, Order};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

/// NumPy's `ndarray`.
#[pyclass(name = "ndarray", module = "numoxide", subclass, frozen)]
pub struct PyNdArray {
    pub array: NdArray,
    /// The array whose memory this one views (NumPy's `base`), None if it owns its data.
    pub base: Option<Py<PyAny>>,
}

impl PyNdArray {
    pub fn new(array: NdArray) -> Self {
        PyNdArray { array, base: None }
    }
}

/// A view of `slf`'s memory as a new Python array whose `base` is the memory's owner.
pub fn view_of(slf: &Bound<'_, PyNdArray>, array: NdArray) -> PyResult<Py<PyAny>> {
    let py = slf.py();
    let base = match &slf.borrow().base {
        Some(b) => b.clone_ref(py),
        None => slf.clone().into_any().unbind(),
    };
    Ok(Bound::new(
        py,
        PyNdArray {
            array,
            base: Some(base),
        },
    )?
    .into_any()
    .unbind())
}

pub fn order_arg(order: &str) -> PyResult<Order> {
    Ok(match like_order_arg(order)? {
        LikeOrder::F => Order::F,
        _ => Order::C,
    })
}

/// An `order=` for a new array made from another, where 'A' and 'K' follow the source.
pub fn like_order_arg(order: &str) -> PyResult<LikeOrder> {
    match order {
        "C" | "c" => Ok(LikeOrder::C),
        "F" | "f" => Ok(LikeOrder::F),
        "A" | "a" => Ok(LikeOrder::A),
        "K" | "k" => Ok(LikeOrder::K),
        _ => Err(PyValueError::new_err(format!(
            "order must be one of 'C', 'F', 'A', or 'K' (got '{order}')"
        ))),
    }
}

/// Defines the binary operators, their reflections and in-place forms.
macro_rules! binary_operators {
    ($($op:ident: $name:ident $rname:ident $iname:ident;)*) => {
        #[pymethods]
        impl PyNdArray {
            $(
                fn $name(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                    operator(slf, other, BinaryOp::$op, false)
                }
                fn $rname(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                    operator(slf, other, BinaryOp::$op, true)
                }
                fn $iname(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<()> {
                    in_place(slf, other, BinaryOp::$op)
                }
            )*
        }
    };
}

/// `a op= b`: the result is written into `a` under the same_kind casting rule.
fn in_place(slf: &Bound<'_, PyNdArray>, other: &Bound<'_, PyAny>, op: BinaryOp) -> PyResult<()> {
    let a = to_arg(slf.as_any())?;
    call_binary(
        slf.py(),
        op,
        a,
        to_arg(other)?,
        Some(slf.as_any()),
        Casting::SameKind,
    )?;
    Ok(())
}

/// The operands of a binary operator in call order, or None when `other` is not something
/// arrays operate with (the operator then returns NotImplemented).
fn operands<'a>(
    slf: &'a Bound<'_, PyNdArray>,
    other: &'a Bound<'_, PyAny>,
    reflected: bool,
) -> PyResult<Option<(Arg<'a>, Arg<'a>)>> {
    let Ok(other_arg) = to_arg(other) else {
        return Ok(None);
    };
    let me = to_arg(slf.as_any())?;
    Ok(Some(if reflected {
        (other_arg, me)
    } else {
        (me, other_arg)
    }))
}

fn operator(
    slf: &Bound<'_, PyNdArray>,
    other: &Bound<'_, PyAny>,
    op: BinaryOp,
    reflected: bool,
) -> PyResult<Py<PyAny>> {
    let py = slf.py();
    match operands(slf, other, reflected)? {
        Some((a, b)) => call_binary(py, op, a, b, None, Casting::SameKind),
        None => Ok(py.NotImplemented()),
    }
}

fn divmod_operator(
    slf: &Bound<'_, PyNdArray>,
    other: &Bound<'_, PyAny>,
    reflected: bool,
) -> PyResult<Py<PyAny>> {
    let py = slf.py();
    match operands(slf, other, reflected)? {
        Some((a, b)) => call_divmod(py, a, b, [None, None], Casting::SameKind),
        None => Ok(py.NotImplemented()),
    }
}

binary_operators! {
    Add: __add__ __radd__ __iadd__;
    Subtract: __sub__ __rsub__ __isub__;
    Multiply: __mul__ __rmul__ __imul__;
    Divide: __truediv__ __rtruediv__ __itruediv__;
    FloorDivide: __floordiv__ __rfloordiv__ __ifloordiv__;
    Remainder: __mod__ __rmod__ __imod__;
    BitwiseAnd: __and__ __rand__ __iand__;
    BitwiseOr: __or__ __ror__ __ior__;
    BitwiseXor: __xor__ __rxor__ __ixor__;
    LeftShift: __lshift__ __rlshift__ __ilshift__;
    RightShift: __rshift__ __rrshift__ __irshift__;
}

#[pymethods]
impl PyNdArray {
    #[getter]
    fn shape<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.array.shape())
    }

    #[getter]
    fn ndim(&self) -> usize {
        self.array.ndim()
    }

    #[getter]
    fn size(&self) -> usize {
        self.array.size()
    }

    #[getter]
    fn dtype(&self) -> PyDType {
        py_dtype(self.array.dtype())
    }

    #[getter]
    fn itemsize(&self) -> usize {
        self.array.itemsize()
    }

    #[getter]
    fn nbytes(&self) -> usize {
        self.array.size() * self.array.itemsize()
    }

    #[getter]
    fn strides<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.array.strides())
    }

    #[getter]
    fn base(&self, py: Python<'_>) -> Option<Py<PyAny>> {
        self.base.as_ref().map(|b| b.clone_ref(py))
    }

    #[getter]
    fn flags(slf: &Bound<'_, Self>) -> Flags {
        Flags {
            array: slf.clone().unbind(),
        }
    }

    fn __len__(&self) -> PyResult<usize> {
        self.array
            .shape()
            .first()
            .copied()
            .ok_or_else(|| PyTypeError::new_err("len() of unsized object"))
    }

    fn __getitem__(slf: &Bound<'_, Self>, key: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let this = slf.borrow();
        // Fast path: one integer on a 1-d array, the most common scalar read.
        if this.array.ndim() == 1 && key.is_exact_instance_of::<pyo3::types::PyInt>() {
            if let Ok(i) = key.extract::<isize>() {
                let n = this.array.shape()[0];
                let j = numoxide::index::normalize_index(i, 0, n).py()?;
                return Ok(scalars::to_py(py, this.array.get(&[j]))?.unbind());
            }
        }
        let items = parse_key(key)?;
        match this.array.index(&items).py()? {
            Indexed::Element(e) => Ok(scalars::to_py(py, e.get(&[]))?.unbind()),
            Indexed::View(v) => {
                drop(this);
                view_of(slf, v)
            }
            Indexed::Copy(c) => to_py_result(py, c, false),
        }
    }

    fn __setitem__(&self, key: &Bound<'_, PyAny>, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let items = parse_key(key)?;
        let value = match scalars::py_value(value)? {
            // Python numbers are range-checked against the array's dtype.
            Some(v) => {
                NdArray::from_scalar(crate::convert::assignment_scalar(v, self.array.dtype())?)
            }
            None => match value.cast::<PyNdArray>() {
                Ok(a) => a.borrow().array.clone(),
                Err(_) => array_from_py(value, None)?,
            },
        };
        self.array.index_assign(&items, &value).py()
    }

    fn __iter__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let n = slf.borrow().__len__()?;
        let items = (0..n)
            .map(|i| Self::__getitem__(slf, &i.into_pyobject(py)?.into_any()))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(pyo3::types::PyList::new(py, items)?
            .try_iter()?
            .into_any()
            .unbind())
    }

    fn __repr__(&self) -> String {
        printing::repr(&self.array)
    }

    fn __str__(&self) -> String {
        printing::str(&self.array)
    }

    fn __format__(&self, py: Python<'_>, spec: &str) -> PyResult<Py<PyAny>> {
        if self.array.ndim() == 0 {
            let v = scalars::to_builtin(py, self.array.get(&[]))?;
            return Ok(v.call_method1("__format__", (spec,))?.unbind());
        }
        if spec.is_empty() {
            return Ok(self.__str__().into_pyobject(py)?.into_any().unbind());
        }
        Err(PyTypeError::new_err(
            "unsupported format string passed to numoxide.ndarray.__format__",
        ))
    }

    fn __bool__(&self) -> PyResult<bool> {
        match self.array.size() {
            1 => Ok(self.array.item().py()?.is_truthy()),
            0 => Err(PyValueError::new_err(
                "The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.",
            )),
            _ => Err(PyValueError::new_err(
                "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
            )),
        }
    }

    fn __float__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let s = self.zero_dim_scalar()?;
        Ok(scalars::to_py(py, s)?.call_method0("__float__")?.unbind())
    }

    fn __int__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let s = self.zero_dim_scalar()?;
        Ok(scalars::to_py(py, s)?.call_method0("__int__")?.unbind())
    }

    fn __complex__(&self) -> PyResult<num_complex::Complex<f64>> {
        Ok(self.zero_dim_scalar()?.to_c128())
    }

    fn __index__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        if self.array.ndim() != 0 || !(self.array.dtype().is_integer()) {
            return Err(PyTypeError::new_err(
                "only integer scalar arrays can be converted to a scalar index",
            ));
        }
        Ok(scalars::to_builtin(py, self.array.get(&[]))?.unbind())
    }

    fn __neg__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        call_unary(
            slf.py(),
            UnaryOp::Negative,
            to_arg(slf.as_any())?,
            None,
            Casting::SameKind,
        )
    }

    fn __pos__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        call_unary(
            slf.py(),
            UnaryOp::Positive,
            to_arg(slf.as_any())?,
            None,
            Casting::SameKind,
        )
    }

    fn __abs__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        call_unary(
            slf.py(),
            UnaryOp::Absolute,
            to_arg(slf.as_any())?,
            None,
            Casting::SameKind,
        )
    }

    fn __invert__(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        call_unary(
            slf.py(),
            UnaryOp::Invert,
            to_arg(slf.as_any())?,
            None,
            Casting::SameKind,
        )
    }

    fn __pow__(
        slf: &Bound<'_, Self>,
        other: &Bound<'_, PyAny>,
        _modulo: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        operator(slf, other, BinaryOp::Power, false)
    }

    fn __rpow__(
        slf: &Bound<'_, Self>,
        other: &Bound<'_, PyAny>,
        _modulo: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        operator(slf, other, BinaryOp::Power, true)
    }

    fn __ipow__(
        slf: &Bound<'_, Self>,
        other: &Bound<'_, PyAny>,
        _modulo: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        in_place(slf, other, BinaryOp::Power)
    }

    fn __divmod__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        divmod_operator(slf, other, false)
    }

    fn __rdivmod__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        divmod_operator(slf, other, true)
    }

    fn __eq__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        operator(slf, other, BinaryOp::Equal, false)
    }

    fn __ne__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        operator(slf, other, BinaryOp::NotEqual, false)
    }

    fn __lt__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        operator(slf, other, BinaryOp::Less, false)
    }

    fn __le__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        operator(slf, other, BinaryOp::LessEqual, false)
    }

    fn __gt__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        operator(slf, other, BinaryOp::Greater, false)
    }

    fn __ge__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        operator(slf, other, BinaryOp::GreaterEqual, false)
    }

    #[pyo3(signature = (order = "C"))]
    fn copy(&self, order: &str) -> PyResult<PyNdArray> {
        Ok(PyNdArray::new(self.array.copy(like_order_arg(order)?)))
    }

    /// `copy.copy(a)`: a copy that keeps the array's memory order, as `a.copy('K')`.
    fn __copy__(&self) -> PyNdArray {
        PyNdArray::new(self.array.copy(LikeOrder::K))
    }

    #[pyo3(signature = (_memo = None))]
    fn __deepcopy__(&self, _memo: Option<&Bound<'_, PyAny>>) -> PyNdArray {
        self.__copy__()
    }

    #[pyo3(signature = (dtype, order = "K", casting = "unsafe", subok = true, copy = true))]
    fn astype(
        slf: &Bound<'_, Self>,
        dtype: &Bound<'_, PyAny>,
        order: &str,
        casting: &str,
        subok: bool,
        copy: bool,
    ) -> PyResult<Py<PyAny>> {
        let _ = subok;
        let this = slf.borrow();
        let d = dtype_from_py(dtype)?;
        let rule = Casting::parse(casting).ok_or_else(|| {
            PyValueError::new_err(
                "casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe'",
            )
        })?;
        if !can_cast(this.array.dtype(), d, rule) {
            return Err(PyTypeError::new_err(format!(
                "Cannot cast array data from dtype('{}') to dtype('{}') according to the rule '{}'",
                this.array.dtype(),
                d,
                casting
            )));
        }
        if !copy && d == this.array.dtype() {
            return Ok(slf.clone().into_any().unbind());
        }
        Ok(PyNdArray::new(this.array.astype(d, like_order_arg(order)?))
            .into_pyobject(slf.py())?
            .into_any()
            .unbind())
    }

    fn tolist<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_list(py, &self.array)
    }

    #[pyo3(signature = (*args))]
    fn item<'py>(
        &self,
        py: Python<'py>,
        args: &Bound<'py, PyTuple>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let s = match args.len() {
            0 => self.array.item().py()?,
            _ => {
                let items = parse_key(args.as_any())?;
                match self.array.index(&items).py()? {
                    Indexed::Element(e) => e.get(&[]),
                    _ => {
                        return Err(PyValueError::new_err(
                            "incorrect number of indices for array",
                        ))
                    }
                }
            }
        };
        scalars::to_builtin(py, s)
    }

    fn fill(&self, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let s = match scalars::from_py(value) {
            Some(s) => s,
            None => match scalars::py_value(value)? {
                Some(v) => crate::convert::assignment_scalar(v, self.array.dtype())?,
                None => return Err(PyTypeError::new_err("fill value must be a number")),
            },
        };
        self.array.fill(s).py()
    }

    /// NumPy's array interface, so other libraries (NumPy included) can view our memory.
    #[getter]
    fn __array_interface__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("shape", self.shape(py)?)?;
        d.set_item("typestr", self.array.dtype().typestr())?;
        d.set_item(
            "data",
            (self.array.base_ptr() as usize, !self.array.is_writeable()),
        )?;
        d.set_item("strides", self.strides(py)?)?;
        d.set_item("version", 3)?;
        Ok(d)
    }
}

impl PyNdArray {
    /// The element of a 0-d array, for `float(a)` and friends (NumPy 2.4 refuses others).
    fn zero_dim_scalar(&self) -> PyResult<numoxide::Scalar> {
        if self.array.ndim() != 0 {
            return Err(PyTypeError::new_err(
                "only 0-dimensional arrays can be converted to Python scalars",
            ));
        }
        Ok(self.array.get(&[]))
    }
}

/// `a.flags`: the array's memory-layout flags.
#[pyclass(name = "flagsobj", module = "numoxide")]
pub struct Flags {
    array: Py<PyNdArray>,
}

#[pymethods]
impl Flags {
    #[getter]
    fn c_contiguous(&self, py: Python<'_>) -> bool {
        self.array.borrow(py).array.is_c_contiguous()
    }

    #[getter]
    fn f_contiguous(&self, py: Python<'_>) -> bool {
        self.array.borrow(py).array.is_f_contiguous()
    }

    #[getter]
    fn owndata(&self, py: Python<'_>) -> bool {
        self.array.borrow(py).base.is_none()
    }

    #[getter]
    fn writeable(&self, py: Python<'_>) -> bool {
        self.array.borrow(py).array.is_writeable()
    }

    #[setter]
    fn set_writeable(&self, value: bool) -> PyResult<()> {
        let a = self.array.get();
        if value && !a.array.is_writeable() && a.base.is_some() {
            return Err(PyValueError::new_err(
                "cannot set WRITEABLE flag to True of this array",
            ));
        }
        a.array.set_writeable(value);
        Ok(())
    }

    #[getter]
    fn aligned(&self) -> bool {
        true
    }

    fn __getitem__(&self, py: Python<'_>, key: &str) -> PyResult<bool> {
        match key {
            "C_CONTIGUOUS" | "C" | "CONTIGUOUS" => Ok(self.c_contiguous(py)),
            "F_CONTIGUOUS" | "F" | "FORTRAN" => Ok(self.f_contiguous(py)),
            "OWNDATA" | "O" => Ok(self.owndata(py)),
            "WRITEABLE" | "W" => Ok(self.writeable(py)),
            "ALIGNED" | "A" => Ok(true),
            _ => Err(pyo3::exceptions::PyKeyError::new_err(format!(
                "Unknown flag {key}"
            ))),
        }
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let b = |v: bool| if v { "True" } else { "False" };
        format!(
            "  C_CONTIGUOUS : {}\n  F_CONTIGUOUS : {}\n  OWNDATA : {}\n  WRITEABLE : {}\n  ALIGNED : True\n  WRITEBACKIFCOPY : False\n",
            b(self.c_contiguous(py)),
            b(self.f_contiguous(py)),
            b(self.owndata(py)),
            b(self.writeable(py)),
        )
    }
}
