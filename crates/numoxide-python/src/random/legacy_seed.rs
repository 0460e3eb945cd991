//! `RandomState.seed(seed)`: MT19937 seeded the legacy way, with NumPy's checks.

use super::seed_sequence::PySeedSequence;
use numoxide_random::mt19937::STATE_LEN;
use numoxide_random::Mt19937;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyString};

const OUT_OF_RANGE: &str = "Seed must be between 0 and 2**32 - 1";

/// The legacy seeding of MT19937: None draws fresh entropy through a SeedSequence (keeping
/// the position, as NumPy does), an integer uses `init_genrand`, a 1-d sequence of integers
/// `init_by_array`.
pub fn legacy_mt19937(
    py: Python<'_>,
    seed: Option<&Bound<'_, PyAny>>,
    previous_pos: usize,
) -> PyResult<Mt19937> {
    let Some(seed) = seed.filter(|s| !s.is_none()) else {
        let seq = PySeedSequence::from_seed(py, None)?;
        let words = seq.core.generate_state_u32(STATE_LEN);
        let mut key = [0u32; STATE_LEN];
        key.copy_from_slice(&words);
        key[0] = 0x8000_0000;
        return Ok(Mt19937::from_state(key, previous_pos));
    };
    let seed = if seed.hasattr("squeeze")? {
        seed.call_method0("squeeze")?
    } else {
        seed.clone()
    };
    if let Ok(index) = seed.call_method0("__index__") {
        let value: i128 = index.extract().unwrap_or(i128::MAX);
        let value = u32::try_from(value).map_err(|_| PyValueError::new_err(OUT_OF_RANGE))?;
        return Ok(Mt19937::from_u32(value));
    }
    let listed = if seed.hasattr("tolist")? {
        seed.call_method0("tolist")?
    } else {
        seed.clone()
    };
    let is_scalar = !listed.hasattr("__len__")? || listed.is_instance_of::<PyString>();
    let items: Vec<Bound<'_, PyAny>> = if is_scalar {
        vec![listed]
    } else {
        listed.try_iter()?.collect::<PyResult<_>>()?
    };
    if items.is_empty() {
        return Err(PyValueError::new_err("Seed must be non-empty"));
    }
    let what = if is_scalar { "scalar" } else { "array data" };
    let unsafe_cast = |from: &str| {
        PyTypeError::new_err(format!(
            "Cannot cast {what} from dtype('{from}') to dtype('int64') according to the rule 'safe'"
        ))
    };
    if items.iter().any(|v| v.is_instance_of::<PyFloat>()) {
        return Err(unsafe_cast("float64"));
    }
    if let Some(text) = items.iter().find_map(|v| v.cast::<PyString>().ok()) {
        return Err(unsafe_cast(&format!("<U{}", text.len()?)));
    }
    if items.iter().any(|v| v.hasattr("__len__").unwrap_or(false)) {
        return Err(PyValueError::new_err("Seed array must be 1-d"));
    }
    let key = items
        .iter()
        .map(|v| {
            let value: i128 = v.extract().map_err(|_| unsafe_cast("O"))?;
            u32::try_from(value).map_err(|_| PyValueError::new_err(OUT_OF_RANGE))
        })
        .collect::<PyResult<Vec<u32>>>()?;
    Ok(Mt19937::from_key_array(&key))
}
