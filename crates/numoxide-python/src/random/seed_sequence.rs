//! `numoxide.random.SeedSequence`.

use super::seeding::{coerce_to_words, fresh_entropy, is_array, is_integer};
use crate::convert::to_py_result;
use numoxide::NdArray;
use numoxide_random::seed_sequence::SeedSequence;
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyRange, PyTuple};

const DEFAULT_POOL_SIZE: usize = 4;

/// NumPy's `SeedSequence`: the entropy as given, and the hashed pool in the core.
#[pyclass(name = "SeedSequence", module = "numoxide.random")]
pub struct PySeedSequence {
    pub(crate) core: SeedSequence,
    entropy: Py<PyAny>,
}

impl PySeedSequence {
    /// A sequence for `seed` (None draws fresh entropy), as `SeedSequence(seed)`.
    pub(crate) fn from_seed(py: Python<'_>, seed: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        Self::build(py, seed, Vec::new(), DEFAULT_POOL_SIZE, 0)
    }

    fn build(
        py: Python<'_>,
        entropy: Option<&Bound<'_, PyAny>>,
        spawn_key: Vec<u64>,
        pool_size: usize,
        n_children_spawned: u64,
    ) -> PyResult<Self> {
        if pool_size < DEFAULT_POOL_SIZE {
            return Err(PyValueError::new_err(format!(
                "The size of the entropy pool should be at least {DEFAULT_POOL_SIZE}"
            )));
        }
        let entropy = match entropy {
            Some(e) if !e.is_none() => {
                let accepted = is_integer(e)
                    || e.is_instance_of::<PyList>()
                    || e.is_instance_of::<PyTuple>()
                    || e.is_instance_of::<PyRange>()
                    || is_array(e);
                if !accepted {
                    return Err(PyTypeError::new_err(format!(
                        "SeedSequence expects int or sequence of ints for entropy not {}",
                        e.str()?
                    )));
                }
                e.clone()
            }
            _ => fresh_entropy(py, pool_size * 32)?,
        };
        let words = coerce_to_words(&entropy)?;
        let core = SeedSequence::new(words, spawn_key, pool_size, n_children_spawned)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(PySeedSequence {
            core,
            entropy: entropy.unbind(),
        })
    }

    /// `n` children, as `spawn(n)`.
    pub(crate) fn spawn_children(&mut self, py: Python<'_>, n: i64) -> PyResult<Vec<Self>> {
        // NumPy 2.4 counts children in a C uint32.
        let n = u64::try_from(n)
            .map_err(|_| PyOverflowError::new_err("can't convert negative value to uint32_t"))?;
        Ok(self
            .core
            .spawn(n)
            .into_iter()
            .map(|core| PySeedSequence {
                core,
                entropy: self.entropy.clone_ref(py),
            })
            .collect())
    }
}

fn spawn_key_arg(key: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<u64>> {
    let Some(key) = key else {
        return Ok(Vec::new());
    };
    key.try_iter()?
        .map(|k| {
            k?.extract::<u64>().map_err(|_| {
                PyValueError::new_err("spawn_key entries must be integers in [0, 2**64)")
            })
        })
        .collect()
}

#[pymethods]
impl PySeedSequence {
    #[new]
    #[pyo3(signature = (entropy = None, *, spawn_key = None, pool_size = DEFAULT_POOL_SIZE, n_children_spawned = 0))]
    fn new(
        py: Python<'_>,
        entropy: Option<&Bound<'_, PyAny>>,
        spawn_key: Option<&Bound<'_, PyAny>>,
        pool_size: usize,
        n_children_spawned: u64,
    ) -> PyResult<Self> {
        Self::build(
            py,
            entropy,
            spawn_key_arg(spawn_key)?,
            pool_size,
            n_children_spawned,
        )
    }

    #[getter]
    fn entropy(&self, py: Python<'_>) -> Py<PyAny> {
        self.entropy.clone_ref(py)
    }

    #[getter]
    fn spawn_key<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.core.spawn_key())
    }

    #[getter]
    fn pool_size(&self) -> usize {
        self.core.pool_size()
    }

    #[getter]
    fn n_children_spawned(&self) -> u64 {
        self.core.n_children_spawned()
    }

    #[getter]
    fn pool(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let pool = self.core.pool().to_vec();
        let n = pool.len();
        words_array(py, pool, n)
    }

    #[getter]
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("entropy", self.entropy(py))?;
        d.set_item("spawn_key", self.spawn_key(py)?)?;
        d.set_item("pool_size", self.pool_size())?;
        d.set_item("n_children_spawned", self.n_children_spawned())?;
        Ok(d)
    }

    /// `generate_state(n_words, dtype=np.uint32)`.
    #[pyo3(signature = (n_words, dtype = None))]
    fn generate_state(
        &self,
        py: Python<'_>,
        n_words: usize,
        dtype: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let dtype = match dtype {
            Some(d) => crate::dtype::dtype_from_py(d).ok(),
            None => Some(numoxide::DType::UInt32),
        };
        match dtype {
            Some(numoxide::DType::UInt32) => {
                words_array(py, self.core.generate_state_u32(n_words), n_words)
            }
            Some(numoxide::DType::UInt64) => {
                let words = self.core.generate_state_u64(n_words);
                let array =
                    NdArray::from_vec(words, &[n_words]).map_err(crate::errors::to_py_err)?;
                to_py_result(py, array, false)
            }
            _ => Err(PyValueError::new_err("only support uint32 or uint64")),
        }
    }

    /// `spawn(n_children)`: children whose spawn keys extend this one's.
    fn spawn(&mut self, py: Python<'_>, n_children: i64) -> PyResult<Vec<Self>> {
        self.spawn_children(py, n_children)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut lines = vec![
            "SeedSequence(".to_string(),
            format!("    entropy={},", self.entropy.bind(py).repr()?),
        ];
        if !self.core.spawn_key().is_empty() {
            lines.push(format!("    spawn_key={},", self.spawn_key(py)?.repr()?));
        }
        if self.core.pool_size() != DEFAULT_POOL_SIZE {
            lines.push(format!("    pool_size={},", self.core.pool_size()));
        }
        if self.core.n_children_spawned() != 0 {
            lines.push(format!(
                "    n_children_spawned={},",
                self.core.n_children_spawned()
            ));
        }
        lines.push(")".to_string());
        Ok(lines.join("\n"))
    }
}

fn words_array(py: Python<'_>, words: Vec<u32>, n: usize) -> PyResult<Py<PyAny>> {
    let array = NdArray::from_vec(words, &[n]).map_err(crate::errors::to_py_err)?;
    to_py_result(py, array, false)
}
