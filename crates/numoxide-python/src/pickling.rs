//! Pickling and copying: `__reduce__` of arrays, scalars and dtypes, and `ndarray.tobytes`,
//! so that `pickle`, `copy` and `multiprocessing` handle numoxide objects as NumPy's.

use crate::dtype::{dtype_from_py, PyDType};
use crate::errors::IntoPy;
use crate::ndarray::{like_order_arg, PyNdArray};
use crate::scalars::{to_builtin, ScalarBase};
use numoxide::{LikeOrder, NdArray, Order};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple, PyType};

/// The array's bytes laid out in `order`.
fn array_bytes<'py>(py: Python<'py>, a: &NdArray, order: Order) -> PyResult<Bound<'py, PyBytes>> {
    PyBytes::new_with(py, a.size() * a.itemsize(), |dst| {
        a.write_bytes(order, dst);
        Ok(())
    })
}

#[pymethods]
impl PyNdArray {
    /// The elements' raw bytes, laid out in `order` ('A': Fortran for a Fortran array).
    #[pyo3(signature = (order = "C"))]
    fn tobytes<'py>(&self, py: Python<'py>, order: &str) -> PyResult<Bound<'py, PyBytes>> {
        let order = match like_order_arg(order)? {
            LikeOrder::F => Order::F,
            LikeOrder::A if self.array.is_fortran() => Order::F,
            // NumPy reads 'K' as 'C' here.
            LikeOrder::A | LikeOrder::C | LikeOrder::K => Order::C,
        };
        array_bytes(py, &self.array, order)
    }

    /// Rebuilt from its bytes by `_array_from_bytes`; a Fortran-ordered array stays one.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let a = &self.array;
        let order = if a.is_fortran() { Order::F } else { Order::C };
        let rebuild = py
            .import("numoxide._numoxide")?
            .getattr("_array_from_bytes")?;
        let args = (
            array_bytes(py, a, order)?,
            a.dtype().name(),
            PyTuple::new(py, a.shape())?,
            order == Order::F,
        );
        (rebuild, args).into_pyobject(py)
    }
}

/// The array that `ndarray.__reduce__` describes.
#[pyfunction]
pub fn _array_from_bytes(
    data: &[u8],
    dtype: &Bound<'_, PyAny>,
    shape: Vec<usize>,
    fortran: bool,
) -> PyResult<PyNdArray> {
    let order = if fortran { Order::F } else { Order::C };
    let a = NdArray::from_bytes(data, dtype_from_py(dtype)?, &shape, order).py()?;
    Ok(PyNdArray::new(a))
}

#[pymethods]
impl ScalarBase {
    /// `type(self)(value)`: every stored scalar type takes its Python value back exactly.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let value = to_builtin(py, slf.borrow().value)?;
        (slf.get_type(), (value,)).into_pyobject(py)
    }
}

#[pymethods]
impl PyDType {
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyType>, (&'static str,))> {
        Ok((py.get_type::<PyDType>(), (self.dtype.name(),)))
    }
}
