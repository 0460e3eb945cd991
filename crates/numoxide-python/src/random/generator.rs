//! `numoxide.random.Generator` and `default_rng`: the methods of this part (random,
//! integers, bytes, choice, shuffle, permutation, permuted, spawn); the distributions live in
//! `distributions.rs`.

use super::bit_generators::{new_bit_generator, PyBitGenerator};
use super::integers::{bounded_integers, integer_dtype, IntegersCall};
use super::permute::{self, ChoiceApi};
use super::seed_sequence::PySeedSequence;
use super::{Draw, DETACH_THRESHOLD};
use crate::dtype::dtype_from_py;
use numoxide::DType;
use numoxide_random::{AnyBitGenerator, Pcg64};
use pyo3::exceptions::PyAttributeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyInt, PyType};

/// NumPy's `Generator`: the sampling methods over one bit generator object.
#[pyclass(name = "Generator", module = "numoxide.random", frozen, subclass)]
pub struct Generator {
    bit_generator: Py<PyBitGenerator>,
}

impl Generator {
    /// Runs `f` on the locked bit generator with the GIL released (the interface the
    /// distributions use).
    pub(crate) fn draw<R: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut AnyBitGenerator) -> R + Send,
    ) -> R {
        let bits = self.bit_generator.get();
        py.detach(|| f(&mut bits.generator()))
    }

    fn wrapping(py: Python<'_>, bit_generator: &Bound<'_, PyAny>) -> PyResult<Self> {
        match bit_generator.cast::<PyBitGenerator>() {
            Ok(b) => Ok(Generator {
                bit_generator: b.clone().unbind(),
            }),
            Err(_) => {
                let _ = py;
                Err(PyAttributeError::new_err(format!(
                    "'{}' object has no attribute 'capsule'",
                    bit_generator.get_type().name()?
                )))
            }
        }
    }
}

impl Draw for Generator {
    fn draw_bits<R: Send>(
        &self,
        py: Python<'_>,
        n: usize,
        f: impl FnOnce(&mut AnyBitGenerator) -> R + Send,
    ) -> R {
        if n >= DETACH_THRESHOLD {
            self.draw(py, f)
        } else {
            f(&mut self.bit_generator.get().generator())
        }
    }
}

/// The dtype argument, defaulting to `default`.
fn dtype_or(dtype: Option<&Bound<'_, PyAny>>, default: DType) -> PyResult<DType> {
    dtype.map_or(Ok(default), dtype_from_py)
}

/// Whether `dtype` is the builtin `int` or `bool` type itself (NumPy then returns a Python
/// number for a single value).
pub(crate) fn is_builtin_number_type(dtype: Option<&Bound<'_, PyAny>>) -> bool {
    dtype.is_some_and(|d| {
        let py = d.py();
        d.is(py.get_type::<PyInt>()) || d.is(py.get_type::<PyBool>())
    })
}

/// A NumPy scalar result as the Python number `int(x)`/`bool(x)` when NumPy returns one.
pub(crate) fn builtin_result(
    py: Python<'_>,
    dtype: Option<&Bound<'_, PyAny>>,
    size_is_none: bool,
    value: Py<PyAny>,
) -> PyResult<Py<PyAny>> {
    let value = value.into_bound(py);
    let is_array = value.cast::<crate::ndarray::PyNdArray>().is_ok();
    match dtype {
        Some(d) if size_is_none && !is_array && is_builtin_number_type(Some(d)) => {
            Ok(d.call1((value,))?.unbind())
        }
        _ => Ok(value.unbind()),
    }
}

#[pymethods]
impl Generator {
    #[new]
    fn new(py: Python<'_>, bit_generator: &Bound<'_, PyAny>) -> PyResult<Self> {
        Self::wrapping(py, bit_generator)
    }

    /// The bit generator object this generator draws from (the same object each time).
    #[getter]
    fn bit_generator(&self, py: Python<'_>) -> Py<PyBitGenerator> {
        self.bit_generator.clone_ref(py)
    }

    fn __str__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let bits = slf.get().bit_generator.bind(slf.py()).get_type().name()?;
        Ok(format!("{}({bits})", slf.get_type().name()?))
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let id = slf.as_ptr() as usize;
        Ok(format!("{} at 0x{id:X}", Self::__str__(slf)?))
    }

    /// `random(size=None, dtype=np.float64, out=None)`.
    #[pyo3(signature = (size = None, dtype = None, out = None))]
    fn random(
        &self,
        py: Python<'_>,
        size: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let dtype = dtype_or(dtype, DType::Float64)?;
        super::uniform::random_floats(self, py, size, dtype, out)
    }

    /// `integers(low, high=None, size=None, dtype=np.int64, endpoint=False)`.
    #[pyo3(signature = (low, high = None, size = None, dtype = None, endpoint = false))]
    fn integers(
        &self,
        py: Python<'_>,
        low: &Bound<'_, PyAny>,
        high: Option<&Bound<'_, PyAny>>,
        size: Option<&Bound<'_, PyAny>>,
        dtype: Option<&Bound<'_, PyAny>>,
        endpoint: bool,
    ) -> PyResult<Py<PyAny>> {
        let zero = 0i64.into_pyobject(py)?.into_any();
        let (low, high) = match high.filter(|h| !h.is_none()) {
            Some(h) => (low, h),
            None => (&zero, low),
        };
        let resolved = integer_dtype(dtype_or(dtype, DType::Int64)?, "integers")?;
        let value = bounded_integers(
            self,
            py,
            IntegersCall {
                low,
                high,
                size,
                dtype: resolved,
                use_masked: false,
                closed: endpoint,
            },
        )?;
        builtin_result(py, dtype, size.is_none_or(|s| s.is_none()), value)
    }

    /// `bytes(length)`.
    fn bytes<'py>(&self, py: Python<'py>, length: isize) -> PyResult<Bound<'py, PyBytes>> {
        let data = permute::random_bytes(self, py, length)?;
        Ok(PyBytes::new(py, &data))
    }

    /// `choice(a, size=None, replace=True, p=None, axis=0, shuffle=True)`.
    #[pyo3(signature = (a, size = None, replace = true, p = None, axis = 0, shuffle = true))]
    #[allow(clippy::too_many_arguments)]
    fn choice(
        &self,
        py: Python<'_>,
        a: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
        replace: bool,
        p: Option<&Bound<'_, PyAny>>,
        axis: isize,
        shuffle: bool,
    ) -> PyResult<Py<PyAny>> {
        permute::choice(
            self,
            py,
            a,
            size,
            replace,
            p,
            ChoiceApi::Generator { axis, shuffle },
        )
    }

    /// `shuffle(x, axis=0)`.
    #[pyo3(signature = (x, axis = 0))]
    fn shuffle(&self, x: &Bound<'_, PyAny>, axis: isize) -> PyResult<()> {
        permute::shuffle(self, x, axis)
    }

    /// `permutation(x, axis=0)`.
    #[pyo3(signature = (x, axis = 0))]
    fn permutation(&self, x: &Bound<'_, PyAny>, axis: isize) -> PyResult<Py<PyAny>> {
        permute::permutation(self, x, axis, false)
    }

    /// `permuted(x, *, axis=None, out=None)`.
    #[pyo3(signature = (x, *, axis = None, out = None))]
    fn permuted(
        &self,
        py: Python<'_>,
        x: &Bound<'_, PyAny>,
        axis: Option<isize>,
        out: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        permute::permuted(self, py, x, axis, out)
    }

    /// `spawn(n_children)`: generators over children of the bit generator's seed sequence.
    fn spawn(slf: &Bound<'_, Self>, n_children: i64) -> PyResult<Vec<Py<PyAny>>> {
        let py = slf.py();
        let class: Bound<'_, PyType> = slf.get_type();
        let children = slf
            .get()
            .bit_generator
            .bind(py)
            .call_method1("spawn", (n_children,))?;
        children
            .try_iter()?
            .map(|child| Ok(class.call1((child?,))?.unbind()))
            .collect()
    }
}

/// `default_rng(seed=None)`: a Generator over PCG64, or the given Generator, or one over the
/// given bit generator.
#[pyfunction]
#[pyo3(signature = (seed = None))]
pub fn default_rng(py: Python<'_>, seed: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
    if let Some(s) = seed {
        if s.cast::<PyBitGenerator>().is_ok() {
            return Ok(Py::new(py, Generator::wrapping(py, s)?)?.into_any());
        }
        if s.cast::<Generator>().is_ok() {
            return Ok(s.clone().unbind());
        }
        if let Ok(rs) = s.cast::<super::RandomState>() {
            let bits = rs.get().bit_generator(py);
            return Ok(Py::new(py, Generator::wrapping(py, bits.bind(py).as_any())?)?.into_any());
        }
    }
    let seq_object = match seed {
        Some(s) if s.cast::<PySeedSequence>().is_ok() => s.clone().unbind(),
        _ => Py::new(py, PySeedSequence::from_seed(py, seed)?)?.into_any(),
    };
    let core = seq_object
        .bind(py)
        .cast::<PySeedSequence>()?
        .borrow()
        .core
        .clone();
    let bits = new_bit_generator(
        py,
        AnyBitGenerator::Pcg64(Pcg64::from_seed_sequence(&core)),
        Some(seq_object),
    )?;
    Ok(Py::new(
        py,
        Generator {
            bit_generator: bits,
        },
    )?
    .into_any())
}
