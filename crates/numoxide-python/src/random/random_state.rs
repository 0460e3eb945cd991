//! `numoxide.random.RandomState`, the legacy API: seeding, `get_state`/`set_state` with the
//! cached Gaussian, uniform floats, masked-rejection integers, bytes, choice, shuffle and
//! permutation. The legacy distributions live in `legacy_distributions.rs`.

use super::bit_generators::{lock, new_bit_generator, PyBitGenerator, PyMt19937};
use super::generator::builtin_result;
use super::integers::{bounded_integers, integer_dtype, IntegersCall};
use super::permute::{self, ChoiceApi};
use super::{size_shape, Draw, DETACH_THRESHOLD};
use crate::convert::to_py_result;
use crate::dtype::dtype_from_py;
use crate::errors::IntoPy;
use numoxide::{DType, NdArray};
use numoxide_random::{with_bit_generator, AnyBitGenerator, BitGenerator};
use pyo3::exceptions::{PyDeprecationWarning, PyRuntimeWarning, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyTuple};
use std::sync::Mutex;

/// NumPy's `RandomState`: a bit generator (MT19937 unless given another) and the legacy
/// Gaussian cache that polar Box-Muller fills two values at a time.
#[pyclass(name = "RandomState", module = "numoxide.random", frozen, subclass)]
pub struct RandomState {
    bit_generator: Mutex<Py<PyBitGenerator>>,
    /// The second value of the last polar Box-Muller pair (`has_gauss`/`gauss` in the state).
    pub(crate) gauss: Mutex<Option<f64>>,
}

impl RandomState {
    /// The bit generator object.
    pub(crate) fn bit_generator(&self, py: Python<'_>) -> Py<PyBitGenerator> {
        lock(&self.bit_generator).clone_ref(py)
    }

    /// Runs `f` on the locked bit generator and the Gaussian cache with the GIL released
    /// (the interface the legacy distributions use).
    pub(crate) fn draw_legacy<R: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut AnyBitGenerator, &mut Option<f64>) -> R + Send,
    ) -> R {
        let bits = self.bit_generator(py);
        let bits = bits.get();
        py.detach(|| f(&mut bits.generator(), &mut lock(&self.gauss)))
    }

    fn with(bit_generator: Py<PyBitGenerator>) -> Self {
        RandomState {
            bit_generator: Mutex::new(bit_generator),
            gauss: Mutex::new(None),
        }
    }
}

impl Draw for RandomState {
    fn draw_bits<R: Send>(
        &self,
        py: Python<'_>,
        n: usize,
        f: impl FnOnce(&mut AnyBitGenerator) -> R + Send,
    ) -> R {
        if n >= DETACH_THRESHOLD {
            return self.draw_legacy(py, |g, _| f(g));
        }
        let bits = self.bit_generator(py);
        let result = f(&mut bits.get().generator());
        result
    }
}

/// A legacy `size` given as `rand(*args)`: no arguments is a single value.
fn args_size<'py>(args: &Bound<'py, PyTuple>) -> Option<Bound<'py, PyAny>> {
    (!args.is_empty()).then(|| args.clone().into_any())
}

#[pymethods]
impl RandomState {
    #[new]
    #[pyo3(signature = (seed = None))]
    fn new(py: Python<'_>, seed: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        if let Some(bits) = seed.and_then(|s| s.cast::<PyBitGenerator>().ok()) {
            return Ok(Self::with(bits.clone().unbind()));
        }
        let core =
            super::legacy_seed::legacy_mt19937(py, seed, numoxide_random::mt19937::STATE_LEN)?;
        let bits = new_bit_generator(py, AnyBitGenerator::Mt19937(Box::new(core)), None)?;
        Ok(Self::with(bits))
    }

    fn __str__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let bits = slf.get().bit_generator(slf.py()).into_bound(slf.py());
        Ok(format!(
            "{}({})",
            slf.get_type().name()?,
            bits.get_type().name()?
        ))
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let id = slf.as_ptr() as usize;
        Ok(format!("{} at 0x{id:X}", Self::__str__(slf)?))
    }

    /// The bit generator (NumPy's private `_bit_generator`).
    #[getter]
    fn _bit_generator(&self, py: Python<'_>) -> Py<PyBitGenerator> {
        self.bit_generator(py)
    }

    /// Replaces the bit generator and clears the Gaussian cache (`set_bit_generator`).
    fn _initialize_bit_generator(&self, bit_generator: &Bound<'_, PyBitGenerator>) {
        *lock(&self.bit_generator) = bit_generator.clone().unbind();
        *lock(&self.gauss) = None;
    }

    /// `seed(seed=None)`: legacy MT19937 seeding.
    #[pyo3(signature = (seed = None))]
    fn seed(&self, py: Python<'_>, seed: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        let bits = self.bit_generator(py).into_bound(py);
        let mt = bits
            .cast::<PyMt19937>()
            .map_err(|_| PyTypeError::new_err("can only re-seed a MT19937 BitGenerator"))?;
        mt.call_method1("_legacy_seeding", (seed,))?;
        *lock(&self.gauss) = None;
        Ok(())
    }

    /// `get_state(legacy=True)`: the legacy tuple, or the bit generator's dict with the
    /// Gaussian cache added.
    #[pyo3(signature = (legacy = true))]
    fn get_state(&self, py: Python<'_>, legacy: bool) -> PyResult<Py<PyAny>> {
        let bits = self.bit_generator(py).into_bound(py);
        let state = bits.getattr("state")?.cast_into::<PyDict>()?;
        let gauss = *lock(&self.gauss);
        state.set_item("has_gauss", i32::from(gauss.is_some()))?;
        state.set_item("gauss", gauss.unwrap_or(0.0))?;
        let mut legacy = legacy;
        if legacy && bits.cast::<PyMt19937>().is_err() {
            PyErr::warn(
                py,
                &py.get_type::<PyRuntimeWarning>(),
                c"get_state and legacy can only be used with the MT19937 BitGenerator. To silence this warning, set `legacy` to False.",
                1,
            )?;
            legacy = false;
        }
        if !legacy {
            return Ok(state.into_any().unbind());
        }
        let inner = state
            .get_item("state")?
            .ok_or_else(|| PyValueError::new_err("state"))?;
        let tuple = PyTuple::new(
            py,
            [
                state
                    .get_item("bit_generator")?
                    .ok_or_else(|| PyValueError::new_err("state"))?,
                inner.get_item("key")?,
                inner.get_item("pos")?,
                state
                    .get_item("has_gauss")?
                    .ok_or_else(|| PyValueError::new_err("state"))?,
                state
                    .get_item("gauss")?
                    .ok_or_else(|| PyValueError::new_err("state"))?,
            ],
        )?;
        Ok(tuple.into_any().unbind())
    }

    /// `set_state(state)`: a legacy tuple or a state dict, with the Gaussian cache.
    fn set_state(&self, py: Python<'_>, state: &Bound<'_, PyAny>) -> PyResult<()> {
        let st = if let Ok(d) = state.cast::<PyDict>() {
            if !d.contains("bit_generator")? || !d.contains("state")? {
                return Err(PyValueError::new_err("state dictionary is not valid."));
            }
            d.clone()
        } else {
            if !(state.is_instance_of::<PyTuple>() || state.is_instance_of::<PyList>()) {
                return Err(PyTypeError::new_err("state must be a dict or a tuple."));
            }
            if state.get_item(0)?.ne("MT19937")? {
                return Err(PyValueError::new_err(
                    "set_state can only be used with legacy MT19937 state instances.",
                ));
            }
            let d = PyDict::new(py);
            d.set_item("bit_generator", state.get_item(0)?)?;
            let inner = PyDict::new(py);
            inner.set_item("key", state.get_item(1)?)?;
            inner.set_item("pos", state.get_item(2)?)?;
            d.set_item("state", inner)?;
            if state.len()? > 3 {
                d.set_item("has_gauss", state.get_item(3)?)?;
                d.set_item("gauss", state.get_item(4)?)?;
            }
            d
        };
        let gauss: f64 = match st.get_item("gauss")? {
            Some(g) => g.extract()?,
            None => 0.0,
        };
        let has_gauss: i64 = match st.get_item("has_gauss")? {
            Some(h) => h.extract()?,
            None => 0,
        };
        self.bit_generator(py).bind(py).setattr("state", &st)?;
        *lock(&self.gauss) = (has_gauss != 0).then_some(gauss);
        Ok(())
    }

    /// `random_sample(size=None)`.
    #[pyo3(signature = (size = None))]
    fn random_sample(
        &self,
        py: Python<'_>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        super::uniform::random_floats(self, py, size, DType::Float64, None)
    }

    /// `random(size=None)`, an alias of `random_sample`.
    #[pyo3(signature = (size = None))]
    fn random(&self, py: Python<'_>, size: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
        self.random_sample(py, size)
    }

    /// `rand(d0, d1, ...)`.
    #[pyo3(signature = (*args))]
    fn rand(&self, py: Python<'_>, args: &Bound<'_, PyTuple>) -> PyResult<Py<PyAny>> {
        let size = args_size(args);
        self.random_sample(py, size.as_ref())
    }

    /// `randint(low, high=None, size=None, dtype=int)`.
    #[pyo3(signature = (low, high = None, size = None, dtype = None))]
    fn randint(
        &self,
        py: Python<'_>,
        low: &Bound<'_, PyAny>,
        high: Option<&Bound<'_, PyAny>>,
        size: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let zero = 0i64.into_pyobject(py)?.into_any();
        let (low, high) = match high.filter(|h| !h.is_none()) {
            Some(h) => (low, h),
            None => (&zero, low),
        };
        // The default is the builtin int: a single value comes back as a Python int.
        let int_type = py.get_type::<pyo3::types::PyInt>().into_any();
        let dtype = dtype.unwrap_or(&int_type);
        let resolved = integer_dtype(dtype_from_py(dtype)?, "randint")?;
        let value = bounded_integers(
            self,
            py,
            IntegersCall {
                low,
                high,
                size,
                dtype: resolved,
                use_masked: true,
                closed: false,
            },
        )?;
        builtin_result(py, Some(dtype), size.is_none_or(|s| s.is_none()), value)
    }

    /// `random_integers(low, high=None, size=None)` (deprecated, as in NumPy).
    #[pyo3(signature = (low, high = None, size = None))]
    fn random_integers(
        &self,
        py: Python<'_>,
        low: &Bound<'_, PyAny>,
        high: Option<&Bound<'_, PyAny>>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let (low, high, message) = match high.filter(|h| !h.is_none()) {
            None => (
                1i64.into_pyobject(py)?.into_any(),
                low.clone(),
                format!(
                    "This function is deprecated. Please call randint(1, {} + 1) instead",
                    low.str()?
                ),
            ),
            Some(h) => (
                low.clone(),
                h.clone(),
                format!(
                    "This function is deprecated. Please call randint({}, {} + 1) instead",
                    low.str()?,
                    h.str()?
                ),
            ),
        };
        let message = std::ffi::CString::new(message)?;
        PyErr::warn(py, &py.get_type::<PyDeprecationWarning>(), &message, 1)?;
        let high = py.get_type::<pyo3::types::PyInt>().call1((high,))?.add(1)?;
        let dtype = "l".into_pyobject(py)?.into_any();
        self.randint(py, &low, Some(&high), size, Some(&dtype))
    }

    /// `tomaxint(size=None)`: non-negative int64 values, the top 63 bits of 64-bit draws.
    #[pyo3(signature = (size = None))]
    fn tomaxint(&self, py: Python<'_>, size: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
        let Some(shape) = size_shape(size)? else {
            let value = self.draw_bits(py, 1, |g| (g.next_u64() >> 1) as i64);
            return Ok(value.into_pyobject(py)?.into_any().unbind());
        };
        let array = NdArray::from_fill::<i64>(&shape, |out| {
            self.draw_bits(py, out.len(), |g| {
                with_bit_generator!(g, g => out.iter_mut().for_each(|x| *x = (g.next_u64() >> 1) as i64))
            })
        })
        .py()?;
        to_py_result(py, array, false)
    }

    /// `bytes(length)`.
    fn bytes<'py>(&self, py: Python<'py>, length: isize) -> PyResult<Bound<'py, PyBytes>> {
        let data = permute::random_bytes(self, py, length)?;
        Ok(PyBytes::new(py, &data))
    }

    /// `choice(a, size=None, replace=True, p=None)`.
    #[pyo3(signature = (a, size = None, replace = true, p = None))]
    fn choice(
        &self,
        py: Python<'_>,
        a: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
        replace: bool,
        p: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        permute::choice(self, py, a, size, replace, p, ChoiceApi::Legacy)
    }

    /// `shuffle(x)`: along the first axis.
    fn shuffle(&self, x: &Bound<'_, PyAny>) -> PyResult<()> {
        permute::shuffle(self, x, 0)
    }

    /// `permutation(x)`.
    fn permutation(&self, x: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        permute::permutation(self, x, 0, true)
    }
}
