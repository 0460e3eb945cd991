//! Bounded integers for `Generator.integers` (Lemire) and `RandomState.randint` (masked):
//! NumPy's `_rand_<dtype>` with its bounds checks, messages, scalar and broadcast paths.

use super::{size_shape, Draw};
use crate::convert::{array_from_py, to_py_result};
use crate::errors::IntoPy;
use crate::ndarray::PyNdArray;
use crate::scalars;
use numoxide::{DType, Element, NdArray, Order};
use numoxide_random::bounded::{bounded_one, fill_bounded, gen_mask, FromBits, WordBuffer};
use numoxide_random::with_bit_generator;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyInt, PyList, PyTuple};

/// Runs `$body` with `$bits` the output width NumPy's kernels use for `$dtype` and `$t` its
/// Rust element type.
macro_rules! with_integer_dtype {
    ($dtype:expr, $bits:ident, $t:ident => $body:expr) => {
        match $dtype {
            DType::Bool => {
                const $bits: u32 = 1;
                type $t = bool;
                $body
            }
            DType::Int8 => {
                const $bits: u32 = 8;
                type $t = i8;
                $body
            }
            DType::UInt8 => {
                const $bits: u32 = 8;
                type $t = u8;
                $body
            }
            DType::Int16 => {
                const $bits: u32 = 16;
                type $t = i16;
                $body
            }
            DType::UInt16 => {
                const $bits: u32 = 16;
                type $t = u16;
                $body
            }
            DType::Int32 => {
                const $bits: u32 = 32;
                type $t = i32;
                $body
            }
            DType::UInt32 => {
                const $bits: u32 = 32;
                type $t = u32;
                $body
            }
            DType::Int64 => {
                const $bits: u32 = 64;
                type $t = i64;
                $body
            }
            _ => {
                const $bits: u32 = 64;
                type $t = u64;
                $body
            }
        }
    };
}

/// Whether `dtype` is one `integers`/`randint` draw.
pub(crate) fn is_integer_dtype(dtype: DType) -> bool {
    dtype == DType::Bool || dtype.is_integer()
}

/// The smallest and largest value of an integer dtype.
fn dtype_bounds(dtype: DType) -> (i128, i128) {
    match dtype {
        DType::Bool => (0, 1),
        DType::Int8 => (i8::MIN.into(), i8::MAX.into()),
        DType::UInt8 => (0, u8::MAX.into()),
        DType::Int16 => (i16::MIN.into(), i16::MAX.into()),
        DType::UInt16 => (0, u16::MAX.into()),
        DType::Int32 => (i32::MIN.into(), i32::MAX.into()),
        DType::UInt32 => (0, u32::MAX.into()),
        DType::Int64 => (i64::MIN.into(), i64::MAX.into()),
        _ => (0, u64::MAX.into()),
    }
}

/// NumPy's message when the range is empty (it names `high` alone when low is all zero).
fn bounds_error(closed: bool, low_is_zero: bool) -> PyErr {
    let text = match (low_is_zero, closed) {
        (true, true) => "high < 0",
        (true, false) => "high <= 0",
        (false, true) => "low > high",
        (false, false) => "low >= high",
    };
    PyValueError::new_err(text)
}

fn out_of_bounds(which: &str, dtype: DType) -> PyErr {
    PyValueError::new_err(format!("{which} is out of bounds for {dtype}"))
}

/// The arguments of one `integers`/`randint` call.
pub(crate) struct IntegersCall<'a, 'py> {
    pub low: &'a Bound<'py, PyAny>,
    pub high: &'a Bound<'py, PyAny>,
    pub size: Option<&'a Bound<'py, PyAny>>,
    pub dtype: DType,
    pub use_masked: bool,
    pub closed: bool,
}

/// Whether a bound is an array of one or more dimensions (the broadcast path).
fn is_array_bound(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return Ok(true);
    }
    Ok(obj.hasattr("ndim")? && obj.getattr("ndim")?.extract::<usize>()? > 0)
}

/// A scalar bound as Python's `int()` reads it.
fn scalar_bound(obj: &Bound<'_, PyAny>) -> PyResult<i128> {
    let value = obj.py().get_type::<PyInt>().call1((obj,))?;
    // Beyond i128 every dtype's bounds check fails anyway.
    Ok(value
        .extract::<i128>()
        .unwrap_or(if value.lt(0)? { i128::MIN } else { i128::MAX }))
}

/// The values of an array bound broadcast to `shape`, in C order, as integers (floats are
/// truncated, as NumPy's forced cast does).
fn array_bound_values(a: &NdArray, shape: &[usize]) -> PyResult<Vec<i128>> {
    let shape: Vec<isize> = shape.iter().map(|&d| d as isize).collect();
    let b = a.broadcast_to(&shape).py()?;
    Ok(match a.dtype() {
        DType::UInt64 => b
            .astype(DType::UInt64, Order::C)
            .to_vec::<u64>()
            .into_iter()
            .map(i128::from)
            .collect(),
        d if d.is_integer() || d == DType::Bool => b
            .astype(DType::Int64, Order::C)
            .to_vec::<i64>()
            .into_iter()
            .map(i128::from)
            .collect(),
        _ => b
            .astype(DType::Float64, Order::C)
            .to_vec::<f64>()
            .into_iter()
            .map(|f| f.trunc() as i128)
            .collect(),
    })
}

fn as_array(obj: &Bound<'_, PyAny>) -> PyResult<NdArray> {
    match obj.cast::<PyNdArray>() {
        Ok(a) => Ok(a.borrow().array.clone()),
        Err(_) => array_from_py(obj, None),
    }
}

/// `integers`/`randint`: a scalar (NumPy scalar of `dtype`) when `size` is None and both
/// bounds are scalars, else an array.
pub(crate) fn bounded_integers(
    owner: &impl Draw,
    py: Python<'_>,
    call: IntegersCall<'_, '_>,
) -> PyResult<Py<PyAny>> {
    let shape = size_shape(call.size)?;
    if let Some(shape) = &shape {
        if shape.contains(&0) {
            return to_py_result(py, NdArray::zeros(shape, call.dtype, Order::C).py()?, false);
        }
    }
    if is_array_bound(call.low)? || is_array_bound(call.high)? {
        return broadcast_integers(owner, py, &call, shape);
    }
    let (lb, ub) = dtype_bounds(call.dtype);
    let low = scalar_bound(call.low)?;
    let high = scalar_bound(call.high)? - i128::from(!call.closed);
    if low < lb {
        return Err(out_of_bounds("low", call.dtype));
    }
    if high > ub {
        return Err(out_of_bounds("high", call.dtype));
    }
    if low > high {
        return Err(bounds_error(call.closed, low == 0));
    }
    let rng = (high - low) as u64;
    let off = low as u64;
    let masked = call.use_masked;
    let Some(shape) = shape else {
        let bits = owner.draw_bits(py, 1, |g| {
            with_integer_dtype!(call.dtype, BITS, T => {
                let mut one = [T::from_bits(0)];
                with_bit_generator!(g, g => fill_bounded::<BITS, _, T>(g, off, rng, masked, &mut one));
                one[0].into_scalar()
            })
        });
        return Ok(scalars::to_py(py, bits)?.unbind());
    };
    let array = with_integer_dtype!(call.dtype, BITS, T => NdArray::from_fill::<T>(&shape, |out| {
        owner.draw_bits(py, out.len(), |g| {
            with_bit_generator!(g, g => fill_bounded::<BITS, _, T>(g, off, rng, masked, out))
        })
    }))
    .py()?;
    to_py_result(py, array, false)
}

/// The broadcast path: per-element bounds, one 32-bit buffer across the whole call.
fn broadcast_integers(
    owner: &impl Draw,
    py: Python<'_>,
    call: &IntegersCall<'_, '_>,
    shape: Option<Vec<usize>>,
) -> PyResult<Py<PyAny>> {
    let (low_a, high_a) = (as_array(call.low)?, as_array(call.high)?);
    let bounds_shape = NdArray::broadcast_shape(&[&low_a, &high_a]).py()?;
    let shape = match shape {
        Some(s) => s,
        None => bounds_shape,
    };
    let lows = array_bound_values(&low_a, &shape)?;
    let highs: Vec<i128> = array_bound_values(&high_a, &shape)?
        .into_iter()
        .map(|h| h - i128::from(!call.closed))
        .collect();
    let (lb, ub) = dtype_bounds(call.dtype);
    if lows.iter().any(|&l| l < lb) {
        return Err(out_of_bounds("low", call.dtype));
    }
    if highs.iter().any(|&h| h > ub) {
        return Err(out_of_bounds("high", call.dtype));
    }
    if lows.iter().zip(&highs).any(|(l, h)| l > h) {
        return Err(bounds_error(call.closed, lows.iter().all(|&l| l == 0)));
    }
    let masked = call.use_masked;
    let array = with_integer_dtype!(call.dtype, BITS, T => NdArray::from_fill::<T>(&shape, |out| {
        owner.draw_bits(py, out.len(), |g| with_bit_generator!(g, g => {
            let mut buf = WordBuffer::default();
            for ((slot, &l), &h) in out.iter_mut().zip(&lows).zip(&highs) {
                let rng = (h - l) as u64;
                let value = bounded_one::<BITS, _>(g, l as u64, rng, gen_mask(rng), masked, &mut buf);
                *slot = T::from_bits(value);
            }
        }))
    }))
    .py()?;
    to_py_result(py, array, false)
}

/// The dtype argument of `integers`/`randint`, or NumPy's TypeError naming `method`.
pub(crate) fn integer_dtype(dtype: DType, method: &str) -> PyResult<DType> {
    if is_integer_dtype(dtype) {
        Ok(dtype)
    } else {
        Err(PyTypeError::new_err(format!(
            "Unsupported dtype dtype('{dtype}') for {method}"
        )))
    }
}
