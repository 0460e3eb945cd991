//! `numoxide.dtype` and the conversion of every dtype spelling NumPy accepts.

use crate::scalars;
use numoxide::DType;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyComplex, PyFloat, PyInt, PyString, PyType};

/// NumPy's `dtype` object: a thin handle on a core `DType`.
#[pyclass(name = "dtype", module = "numoxide", frozen)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PyDType {
    pub dtype: DType,
}

/// The dtype an argument names: a dtype, a name or code (`'f8'`, `'float32'`), a Python
/// type (`float`), a scalar type (`np.int32`), or None (float64).
pub fn dtype_from_py(obj: &Bound<'_, PyAny>) -> PyResult<DType> {
    if obj.is_none() {
        return Ok(DType::Float64);
    }
    if let Ok(d) = obj.cast::<PyDType>() {
        return Ok(d.get().dtype);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let s = s.to_cow()?;
        return DType::parse(&s)
            .ok_or_else(|| PyTypeError::new_err(format!("data type '{s}' not understood")));
    }
    if let Ok(t) = obj.cast::<PyType>() {
        if t.is(obj.py().get_type::<PyBool>()) {
            return Ok(DType::Bool);
        }
        if t.is(obj.py().get_type::<PyInt>()) {
            return Ok(DType::Int64);
        }
        if t.is(obj.py().get_type::<PyFloat>()) {
            return Ok(DType::Float64);
        }
        if t.is(obj.py().get_type::<PyComplex>()) {
            return Ok(DType::Complex128);
        }
        if let Some(d) = scalars::dtype_of_type(t) {
            return Ok(d);
        }
    }
    if let Ok(d) = obj.getattr("dtype") {
        if let Ok(d) = d.cast::<PyDType>() {
            return Ok(d.get().dtype);
        }
    }
    Err(PyTypeError::new_err(format!(
        "Cannot interpret '{}' as a data type",
        obj.repr()?
    )))
}

/// An optional dtype argument.
pub fn optional_dtype(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<DType>> {
    match obj {
        Some(o) if !o.is_none() => dtype_from_py(o).map(Some),
        _ => Ok(None),
    }
}

#[pymethods]
impl PyDType {
    #[new]
    #[pyo3(signature = (dtype, align = false, copy = false))]
    fn new(dtype: &Bound<'_, PyAny>, align: bool, copy: bool) -> PyResult<Self> {
        let _ = (align, copy);
        Ok(PyDType {
            dtype: dtype_from_py(dtype)?,
        })
    }

    #[getter]
    fn name(&self) -> &'static str {
        self.dtype.name()
    }

    #[getter]
    fn kind(&self) -> char {
        self.dtype.kind().code()
    }

    #[getter]
    fn char(&self) -> char {
        self.dtype.char()
    }

    #[getter]
    fn str(&self) -> String {
        self.dtype.typestr()
    }

    #[getter]
    fn descr(&self) -> Vec<(&'static str, String)> {
        vec![("", self.dtype.typestr())]
    }

    #[getter]
    fn itemsize(&self) -> usize {
        self.dtype.itemsize()
    }

    #[getter]
    fn alignment(&self) -> usize {
        self.dtype.itemsize().clamp(1, 8)
    }

    #[getter]
    fn byteorder(&self) -> &'static str {
        if self.dtype.itemsize() == 1 {
            "|"
        } else {
            "="
        }
    }

    #[getter]
    fn ndim(&self) -> usize {
        0
    }

    #[getter]
    fn shape(&self) {}

    #[getter]
    fn num(&self) -> usize {
        DType::ALL
            .iter()
            .position(|d| *d == self.dtype)
            .unwrap_or(0)
    }

    #[getter]
    fn isnative(&self) -> bool {
        true
    }

    #[getter]
    fn r#type<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyType>> {
        scalars::type_of_dtype(py, self.dtype)
    }

    fn __repr__(&self) -> String {
        format!("dtype('{}')", self.dtype.name())
    }

    fn __str__(&self) -> &'static str {
        self.dtype.name()
    }

    /// `np.dtype('f8') == 'float64'` and `== np.float64` are true, as in NumPy.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        dtype_from_py(other).is_ok_and(|d| d == self.dtype)
    }

    fn __ne__(&self, other: &Bound<'_, PyAny>) -> bool {
        !self.__eq__(other)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.dtype.hash(&mut h);
        h.finish()
    }
}
