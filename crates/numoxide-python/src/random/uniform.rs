//! Uniform doubles and floats in [0, 1): `Generator.random` and `RandomState.random_sample`,
//! written straight into the output.

use super::{size_shape, Draw};
use crate::convert::to_py_result;
use crate::errors::IntoPy;
use crate::ndarray::PyNdArray;
use numoxide::{DType, Element, NdArray};
use numoxide_random::{with_bit_generator, AnyBitGenerator, BitGenerator};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

/// An element type the uniform fill produces.
trait UniformFloat: Element {
    fn draw<G: BitGenerator>(g: &mut G) -> Self;
}

impl UniformFloat for f64 {
    #[inline]
    fn draw<G: BitGenerator>(g: &mut G) -> Self {
        g.next_f64()
    }
}

impl UniformFloat for f32 {
    #[inline]
    fn draw<G: BitGenerator>(g: &mut G) -> Self {
        g.next_f32()
    }
}

fn fill<T: UniformFloat>(g: &mut AnyBitGenerator, out: &mut [T]) {
    with_bit_generator!(g, g => out.iter_mut().for_each(|x| *x = T::draw(g)));
}

/// `out=` checks of NumPy's `check_output`, for an output of `dtype`.
fn checked_out(
    out: &Bound<'_, PyAny>,
    dtype: DType,
    size: Option<&Bound<'_, PyAny>>,
) -> PyResult<NdArray> {
    let array = out
        .cast::<PyNdArray>()
        .map_err(|_| {
            PyTypeError::new_err(format!(
                "Cannot convert {} to numpy.ndarray",
                out.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ))
        })?
        .borrow()
        .array
        .clone();
    let contiguous = array.is_c_contiguous() || array.is_f_contiguous();
    if !contiguous || !array.is_writeable() {
        return Err(PyValueError::new_err(
            "Supplied output array must be contiguous, writable, aligned, and in machine byte-order.",
        ));
    }
    if array.dtype() != dtype {
        return Err(PyTypeError::new_err(format!(
            "Supplied output array has the wrong type. Expected {dtype}, got {}",
            array.dtype()
        )));
    }
    if let Some(shape) = size_shape(size)? {
        if shape != array.shape() {
            return Err(PyValueError::new_err(
                "size must match out.shape when used together",
            ));
        }
    }
    Ok(array)
}

fn random_of<T: UniformFloat>(
    owner: &impl Draw,
    py: Python<'_>,
    size: Option<&Bound<'_, PyAny>>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>>
where
    f64: From<T>,
{
    if let Some(out) = out.filter(|o| !o.is_none()) {
        let array = checked_out(out, T::DTYPE, size)?;
        array
            .fill_contiguous::<T>(|slice| {
                owner.draw_bits(py, slice.len(), |g| fill(g, slice));
            })
            .py()?;
        return Ok(out.clone().unbind());
    }
    let Some(shape) = size_shape(size)? else {
        let value = owner.draw_bits(py, 1, |g| with_bit_generator!(g, g => T::draw(g)));
        return Ok(f64::from(value).into_pyobject(py)?.into_any().unbind());
    };
    let array = NdArray::from_fill::<T>(&shape, |slice| {
        owner.draw_bits(py, slice.len(), |g| fill(g, slice));
    })
    .py()?;
    to_py_result(py, array, false)
}

/// Uniform values in [0, 1) of `dtype` (float64 or float32): a Python float when `size` and
/// `out` are None, else an array (or `out`, filled).
pub(crate) fn random_floats(
    owner: &impl Draw,
    py: Python<'_>,
    size: Option<&Bound<'_, PyAny>>,
    dtype: DType,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    match dtype {
        DType::Float64 => random_of::<f64>(owner, py, size, out),
        DType::Float32 => random_of::<f32>(owner, py, size, out),
        other => Err(PyTypeError::new_err(format!(
            "Unsupported dtype dtype('{other}') for random"
        ))),
    }
}
