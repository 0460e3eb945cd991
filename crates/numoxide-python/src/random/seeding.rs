//! Python seeds as 32-bit entropy words, with NumPy's rules (`_coerce_to_uint32_array`) and
//! its messages.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt, PyString};

/// Whether `obj` is an integer as NumPy's seeding sees one: a Python int or an integer
/// scalar (anything with `__index__` that is neither a float nor an array).
pub fn is_integer(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyInt>()
        || (!obj.is_instance_of::<PyFloat>()
            && !is_array(obj)
            && obj.hasattr("__index__").unwrap_or(false))
}

/// Whether `obj` is an array of one or more dimensions (ours or another library's; NumPy
/// scalars also have `ndim`, zero).
pub fn is_array(obj: &Bound<'_, PyAny>) -> bool {
    obj.hasattr("tolist").unwrap_or(false)
        && obj
            .getattr("ndim")
            .and_then(|n| n.extract::<usize>())
            .is_ok_and(|n| n > 0)
}

/// Whether `obj` is a float as NumPy's seeding sees one (Python float or inexact scalar).
fn is_inexact(obj: &Bound<'_, PyAny>) -> bool {
    if obj.is_instance_of::<PyFloat>() {
        return true;
    }
    let kind = obj
        .getattr("dtype")
        .and_then(|d| d.getattr("kind"))
        .and_then(|k| k.extract::<String>());
    !is_array(obj) && matches!(kind.as_deref(), Ok("f" | "c"))
}

/// The little-endian 32-bit words of a non-negative Python int (`[0]` for zero).
pub fn int_words(n: &Bound<'_, PyAny>) -> PyResult<Vec<u32>> {
    let n = n.call_method0("__index__")?;
    if n.lt(0)? {
        return Err(PyValueError::new_err("expected non-negative integer"));
    }
    let bits: usize = n.call_method0("bit_length")?.extract()?;
    let n_words = bits.div_ceil(32).max(1);
    let bytes: Vec<u8> = n
        .call_method1("to_bytes", (n_words * 4, "little"))?
        .extract()?;
    Ok(bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect())
}

/// `_coerce_to_uint32_array`: an int, a decimal or `0x` string, or a sequence of those
/// (nested ones flattened), as concatenated 32-bit words.
pub fn coerce_to_words(x: &Bound<'_, PyAny>) -> PyResult<Vec<u32>> {
    let py = x.py();
    if let Ok(s) = x.cast::<PyString>() {
        let text = s.to_str()?;
        let int = py.get_type::<PyInt>();
        let value = if let Some(hex) = text.strip_prefix("0x") {
            int.call1((hex, 16))?
        } else if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            int.call1((text,))?
        } else {
            return Err(PyValueError::new_err("unrecognized seed string"));
        };
        return int_words(&value);
    }
    if is_integer(x) {
        return int_words(x);
    }
    if is_inexact(x) {
        return Err(PyTypeError::new_err("seed must be integer"));
    }
    let items = if is_array(x) {
        x.call_method0("tolist")?
    } else {
        x.clone()
    };
    let mut words = Vec::new();
    // NumPy 2.4 flattens nested sequences.
    for item in items.try_iter()? {
        words.extend(coerce_to_words(&item?)?);
    }
    Ok(words)
}

/// Fresh entropy from the operating system, as a Python int of `bits` bits.
pub fn fresh_entropy(py: Python<'_>, bits: usize) -> PyResult<Bound<'_, PyAny>> {
    py.import("secrets")?.call_method1("randbits", (bits,))
}

/// An integer argument of any size reduced modulo 2**`bits` (NumPy's `wrap_int`).
fn wrapped<'py>(value: &Bound<'py, PyAny>, bits: u32) -> PyResult<Bound<'py, PyAny>> {
    let py = value.py();
    let mask = py.get_type::<PyInt>().call1((1,))?.lshift(bits)?.sub(1)?;
    let value = if value.is_instance_of::<PyBool>() {
        value.call_method0("__int__")?
    } else {
        value.call_method0("__index__")?
    };
    value.bitand(mask)
}

/// An integer argument modulo 2**`bits` (at most 128).
pub fn wrap_int(value: &Bound<'_, PyAny>, bits: u32) -> PyResult<u128> {
    wrapped(value, bits)?.extract()
}

/// An integer argument modulo 2**`bits`, as `N` little-endian 64-bit words.
pub fn wrap_int_words<const N: usize>(value: &Bound<'_, PyAny>, bits: u32) -> PyResult<[u64; N]> {
    let value = wrapped(value, bits)?;
    let mut out = [0u64; N];
    for (i, word) in out.iter_mut().enumerate() {
        *word = value.rshift(64 * i)?.bitand(u64::MAX)?.extract()?;
    }
    Ok(out)
}
