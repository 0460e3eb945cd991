//! `numoxide.random`: the bit generators, `SeedSequence`, `Generator` and the legacy
//! `RandomState`, registered as the extension's `_random` submodule.
//!
//! Every sampling method reaches its bit generator through [`Draw`], which locks the
//! generator (NumPy's per-generator lock) and releases the GIL around the drawing.

mod bit_generators;
mod distributions;
mod generator;
mod integers;
mod legacy_distributions;
mod legacy_seed;
mod multivariate;
mod multivariate_normal;
mod params;
mod permute;
mod random_state;
mod seed_sequence;
mod seeding;
mod uniform;

pub(crate) use generator::Generator;
pub(crate) use random_state::RandomState;

use crate::functions::shape_arg;
use numoxide_random::AnyBitGenerator;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

/// Access to the bit generator behind a `Generator` or a `RandomState`, so that methods the
/// two share (integers, uniform floats, shuffles) are written once.
pub(crate) trait Draw {
    /// Runs `f` on the locked generator; the GIL is released when `n`, the number of values
    /// `f` draws, is large enough to pay for it.
    fn draw_bits<R: Send>(
        &self,
        py: Python<'_>,
        n: usize,
        f: impl FnOnce(&mut AnyBitGenerator) -> R + Send,
    ) -> R;
}

/// Draws below this count keep the GIL: releasing it costs more than they take.
pub(crate) const DETACH_THRESHOLD: usize = 4096;

/// A `size` argument as a shape: None stays None (one value, returned as a scalar). A
/// non-integer entry is NumPy's TypeError naming the entry's type.
pub(crate) fn size_shape(size: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<usize>>> {
    let Some(size) = size.filter(|s| !s.is_none()) else {
        return Ok(None);
    };
    if let Ok(items) = size.cast::<PyTuple>() {
        for item in items.iter() {
            if item.call_method0("__index__").is_err() {
                return Err(PyTypeError::new_err(format!(
                    "'{}' object cannot be interpreted as an integer",
                    item.get_type().name()?
                )));
            }
        }
    }
    shape_arg(size).map(Some)
}

/// Adds the `_random` submodule to the extension module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let sub = PyModule::new(m.py(), "_random")?;
    sub.add_class::<seed_sequence::PySeedSequence>()?;
    sub.add_class::<bit_generators::PyBitGenerator>()?;
    sub.add_class::<bit_generators::PyMt19937>()?;
    sub.add_class::<bit_generators::PyPcg64>()?;
    sub.add_class::<bit_generators::PyPcg64Dxsm>()?;
    sub.add_class::<bit_generators::PyPhilox>()?;
    sub.add_class::<bit_generators::PySfc64>()?;
    sub.add_class::<Generator>()?;
    sub.add_class::<RandomState>()?;
    sub.add_function(wrap_pyfunction!(generator::default_rng, &sub)?)?;
    m.add_submodule(&sub)
}
