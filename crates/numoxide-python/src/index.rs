//! Python index keys (`a[1, ::2, None, ...]`, `a[[0, 2]]`, `a[mask]`) as core index items.

use crate::convert::array_from_py;
use crate::ndarray::PyNdArray;
use crate::scalars;
use numoxide::index::IndexItem;
use numoxide::{DType, NdArray, Scalar};
use pyo3::exceptions::PyIndexError as IndexError;
use pyo3::prelude::*;
use pyo3::types::{PyEllipsis, PyList, PySlice, PyTuple};

fn invalid() -> PyErr {
    pyo3::exceptions::PyIndexError::new_err(
        "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or \
         boolean arrays are valid indices",
    )
}

fn item(obj: &Bound<'_, PyAny>) -> PyResult<IndexItem> {
    if obj.is_none() {
        return Ok(IndexItem::NewAxis);
    }
    if obj.is_instance_of::<PyEllipsis>() {
        return Ok(IndexItem::Ellipsis);
    }
    if let Ok(s) = obj.cast::<PySlice>() {
        let (mut start, mut stop, mut step) = (0, 0, 0);
        // SAFETY: `s` is a live slice object; PySlice_Unpack reads it (calling `__index__` on
        // its bounds, as Python does) and writes the three integers.
        if unsafe { pyo3::ffi::PySlice_Unpack(s.as_ptr(), &mut start, &mut stop, &mut step) } < 0 {
            return Err(PyErr::fetch(obj.py()));
        }
        return Ok(IndexItem::Slice {
            start: Some(start),
            stop: Some(stop),
            step: Some(step),
        });
    }
    if obj.is_instance_of::<pyo3::types::PyBool>() {
        let mask = NdArray::from_scalar(Scalar::Bool(obj.is_truthy()?));
        return Ok(IndexItem::Array(mask));
    }
    if obj.is_instance_of::<pyo3::types::PyInt>() {
        return Ok(IndexItem::Int(obj.extract::<isize>().map_err(|_| {
            IndexError::new_err("cannot fit 'int' into an index-sized integer")
        })?));
    }
    if let Some(s) = scalars::from_py(obj) {
        return match s.dtype() {
            DType::Bool => Ok(IndexItem::Array(NdArray::from_scalar(s))),
            d if d.is_integer() => Ok(IndexItem::Int(s.to::<i64>() as isize)),
            _ => Err(invalid()),
        };
    }
    if let Ok(a) = obj.cast::<PyNdArray>() {
        return Ok(IndexItem::Array(a.borrow().array.clone()));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let a = array_from_py(obj, None)?;
        // An empty list indexes with no positions (int64), as in NumPy.
        let a = if a.size() == 0 {
            a.astype(DType::Int64, numoxide::Order::C)
        } else {
            a
        };
        return Ok(IndexItem::Array(a));
    }
    if let Ok(i) = obj.call_method0("__index__") {
        return Ok(IndexItem::Int(i.extract::<isize>()?));
    }
    Err(invalid())
}

/// The items of an index key; a tuple is a list of items, anything else one item.
pub fn parse_key(key: &Bound<'_, PyAny>) -> PyResult<Vec<IndexItem>> {
    match key.cast::<PyTuple>() {
        Ok(t) => t.iter().map(|k| item(&k)).collect(),
        Err(_) => Ok(vec![item(key)?]),
    }
}
