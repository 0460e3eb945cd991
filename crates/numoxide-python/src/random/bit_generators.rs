//! `numoxide.random.BitGenerator` and its subclasses MT19937, PCG64, PCG64DXSM, Philox and
//! SFC64: construction from seeds, `state` dicts identical to NumPy's, `advance`, `jumped`,
//! `spawn` and `random_raw`.
//!
//! Every generator lives behind one mutex in the base class (NumPy's per-generator lock), so
//! a `Generator` and a `RandomState` sharing a bit generator draw one stream.

use super::seed_sequence::PySeedSequence;
use super::seeding::{wrap_int, wrap_int_words};
use crate::convert::to_py_result;
use crate::errors::IntoPy;
use numoxide::NdArray;
use numoxide_random::mt19937::STATE_LEN;
use numoxide_random::pcg64::Pcg;
use numoxide_random::{
    AnyBitGenerator, HalfCache, Mt19937, Pcg64, Pcg64Dxsm, Philox, SeedSequence, Sfc64,
};
use pyo3::exceptions::{PyNotImplementedError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use std::sync::{Mutex, MutexGuard};

/// NumPy's `BitGenerator` base class: the generator state and the seed sequence it came from.
#[pyclass(name = "BitGenerator", module = "numoxide.random", subclass, frozen)]
pub struct PyBitGenerator {
    core: Mutex<AnyBitGenerator>,
    seed_seq: Mutex<Option<Py<PyAny>>>,
}

/// Locks a mutex, recovering the data if a holder panicked (the state stays a valid state).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl PyBitGenerator {
    /// Exclusive access to the generator.
    pub(crate) fn generator(&self) -> MutexGuard<'_, AnyBitGenerator> {
        lock(&self.core)
    }

    fn seed_seq_object(&self, py: Python<'_>) -> Option<Py<PyAny>> {
        lock(&self.seed_seq).as_ref().map(|s| s.clone_ref(py))
    }

    /// Replaces the generator and its seed sequence (legacy re-seeding).
    pub(crate) fn reseed(&self, core: AnyBitGenerator, seed_seq: Option<Py<PyAny>>) {
        *self.generator() = core;
        *lock(&self.seed_seq) = seed_seq;
    }
}

/// `MT19937`.
#[pyclass(name = "MT19937", module = "numoxide.random", extends = PyBitGenerator, frozen)]
pub struct PyMt19937;
/// `PCG64`.
#[pyclass(name = "PCG64", module = "numoxide.random", extends = PyBitGenerator, frozen)]
pub struct PyPcg64;
/// `PCG64DXSM`.
#[pyclass(name = "PCG64DXSM", module = "numoxide.random", extends = PyBitGenerator, frozen)]
pub struct PyPcg64Dxsm;
/// `Philox`.
#[pyclass(name = "Philox", module = "numoxide.random", extends = PyBitGenerator, frozen)]
pub struct PyPhilox;
/// `SFC64`.
#[pyclass(name = "SFC64", module = "numoxide.random", extends = PyBitGenerator, frozen)]
pub struct PySfc64;

/// The seed sequence for a `seed` argument: the object itself if it is a SeedSequence, else
/// a new `SeedSequence(seed)`.
fn seed_sequence_of(
    py: Python<'_>,
    seed: Option<&Bound<'_, PyAny>>,
) -> PyResult<(SeedSequence, Py<PyAny>)> {
    if let Some(s) = seed {
        if let Ok(seq) = s.cast::<PySeedSequence>() {
            return Ok((seq.borrow().core.clone(), s.clone().unbind()));
        }
    }
    let seq = PySeedSequence::from_seed(py, seed)?;
    let core = seq.core.clone();
    Ok((core, Py::new(py, seq)?.into_any()))
}

fn base(core: AnyBitGenerator, seed_seq: Option<Py<PyAny>>) -> PyBitGenerator {
    PyBitGenerator {
        core: Mutex::new(core),
        seed_seq: Mutex::new(seed_seq),
    }
}

/// A new Python object of the subclass matching `core`.
pub(crate) fn new_bit_generator(
    py: Python<'_>,
    core: AnyBitGenerator,
    seed_seq: Option<Py<PyAny>>,
) -> PyResult<Py<PyBitGenerator>> {
    let init = PyClassInitializer::from(base(core.clone(), seed_seq));
    let object = match core {
        AnyBitGenerator::Mt19937(_) => Bound::new(py, init.add_subclass(PyMt19937))?.into_any(),
        AnyBitGenerator::Pcg64(_) => Bound::new(py, init.add_subclass(PyPcg64))?.into_any(),
        AnyBitGenerator::Pcg64Dxsm(_) => Bound::new(py, init.add_subclass(PyPcg64Dxsm))?.into_any(),
        AnyBitGenerator::Philox(_) => Bound::new(py, init.add_subclass(PyPhilox))?.into_any(),
        AnyBitGenerator::Sfc64(_) => Bound::new(py, init.add_subclass(PySfc64))?.into_any(),
    };
    Ok(object.cast_into::<PyBitGenerator>()?.unbind())
}

/// A generator of the same kind as `like`, seeded from `seq` as that class's constructor
/// seeds.
fn seeded_like(like: &AnyBitGenerator, seq: &SeedSequence) -> AnyBitGenerator {
    match like {
        AnyBitGenerator::Mt19937(_) => {
            AnyBitGenerator::Mt19937(Box::new(Mt19937::from_seed_sequence(seq)))
        }
        AnyBitGenerator::Pcg64(_) => AnyBitGenerator::Pcg64(Pcg64::from_seed_sequence(seq)),
        AnyBitGenerator::Pcg64Dxsm(_) => {
            AnyBitGenerator::Pcg64Dxsm(Pcg64Dxsm::from_seed_sequence(seq))
        }
        AnyBitGenerator::Philox(_) => {
            AnyBitGenerator::Philox(Philox::from_seed_sequence(seq, [0; 4]))
        }
        AnyBitGenerator::Sfc64(_) => AnyBitGenerator::Sfc64(Sfc64::from_seed_sequence(seq)),
    }
}

/// A fresh, randomly seeded sequence object, as `self.__class__()` creates for `jumped`.
fn fresh_seed_seq(py: Python<'_>) -> PyResult<Py<PyAny>> {
    Ok(Py::new(py, PySeedSequence::from_seed(py, None)?)?.into_any())
}

/// The integers of a list, tuple or array (ours or NumPy's).
fn ints(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u64>> {
    let list = if obj.hasattr("tolist")? {
        obj.call_method0("tolist")?
    } else {
        obj.clone()
    };
    list.extract()
}

/// Exactly `N` integers of type `T` from a state entry.
fn fixed<const N: usize, T: TryFrom<u64> + Copy + Default>(
    obj: &Bound<'_, PyAny>,
    what: &str,
) -> PyResult<[T; N]> {
    let bad = || PyValueError::new_err(format!("{what} must have {N} elements in range"));
    let values = ints(obj)?
        .into_iter()
        .map(|v| T::try_from(v).map_err(|_| bad()))
        .collect::<PyResult<Vec<T>>>()?;
    values.try_into().map_err(|_| bad())
}

fn u64_array(py: Python<'_>, words: &[u64]) -> PyResult<Py<PyAny>> {
    to_py_result(
        py,
        NdArray::from_vec(words.to_vec(), &[words.len()]).py()?,
        false,
    )
}

/// NumPy's `int_to_array(value, name, bits, 64)`: an int split into little-endian 64-bit
/// words, or an array of exactly `N` words.
fn int_to_words<const N: usize>(value: &Bound<'_, PyAny>, name: &str) -> PyResult<[u64; N]> {
    let bits = 64 * N;
    let is_array_form = value.hasattr("__len__")?
        || (value.hasattr("ndim")? && value.getattr("ndim")?.extract::<usize>()? > 0);
    if is_array_form {
        return ints(value)?.try_into().map_err(|_| {
            PyValueError::new_err(format!(
                "{name} must have {N} elements when using array form"
            ))
        });
    }
    let value = value.call_method0("__int__")?;
    let upper = value
        .py()
        .get_type::<pyo3::types::PyInt>()
        .call1((1,))?
        .lshift(bits)?;
    if value.lt(0)? || value.ge(upper)? {
        return Err(PyValueError::new_err(format!(
            "{name} must be positive and less than 2**{bits}."
        )));
    }
    let mut out = [0u64; N];
    for (i, word) in out.iter_mut().enumerate() {
        *word = value.rshift(64 * i)?.bitand(u64::MAX)?.extract()?;
    }
    Ok(out)
}

fn cache_items(d: &Bound<'_, PyDict>, cache: HalfCache) -> PyResult<()> {
    d.set_item("has_uint32", i32::from(cache.has_uint32))?;
    d.set_item("uinteger", cache.uinteger)
}

fn cache_of(d: &Bound<'_, PyAny>) -> PyResult<HalfCache> {
    Ok(HalfCache {
        has_uint32: d.get_item("has_uint32")?.extract::<i64>()? != 0,
        uinteger: d.get_item("uinteger")?.extract()?,
    })
}

/// The `state` dict of a generator, as NumPy builds it.
fn state_dict<'py>(py: Python<'py>, g: &AnyBitGenerator) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("bit_generator", g.name())?;
    let inner = PyDict::new(py);
    match g {
        AnyBitGenerator::Mt19937(mt) => {
            let key = NdArray::from_vec(mt.key().to_vec(), &[STATE_LEN]).py()?;
            inner.set_item("key", to_py_result(py, key, false)?)?;
            inner.set_item("pos", mt.pos())?;
            d.set_item("state", inner)?;
        }
        AnyBitGenerator::Pcg64(p) => pcg_items(&d, &inner, p)?,
        AnyBitGenerator::Pcg64Dxsm(p) => pcg_items(&d, &inner, p)?,
        AnyBitGenerator::Philox(p) => {
            inner.set_item("counter", u64_array(py, &p.counter())?)?;
            inner.set_item("key", u64_array(py, &p.key())?)?;
            d.set_item("state", inner)?;
            d.set_item("buffer", u64_array(py, &p.buffer())?)?;
            d.set_item("buffer_pos", p.buffer_pos())?;
            cache_items(&d, p.cache())?;
        }
        AnyBitGenerator::Sfc64(s) => {
            inner.set_item("state", u64_array(py, &s.words())?)?;
            d.set_item("state", inner)?;
            cache_items(&d, s.cache())?;
        }
    }
    Ok(d)
}

fn pcg_items<V: numoxide_random::pcg64::PcgVariant>(
    d: &Bound<'_, PyDict>,
    inner: &Bound<'_, PyDict>,
    p: &Pcg<V>,
) -> PyResult<()> {
    inner.set_item("state", p.state())?;
    inner.set_item("inc", p.inc())?;
    d.set_item("state", inner)?;
    cache_items(d, p.cache())
}

/// The generator a `state` value describes, for a generator currently like `current`,
/// with NumPy's checks and messages.
fn from_state_value(
    current: &AnyBitGenerator,
    value: &Bound<'_, PyAny>,
) -> PyResult<AnyBitGenerator> {
    let name = current.name();
    let value = match (current, value.cast::<PyTuple>()) {
        (AnyBitGenerator::Mt19937(_), Ok(t)) => {
            let legacy = t.len() == 3 || t.len() == 5;
            if !legacy || t.get_item(0)?.ne("MT19937")? {
                return Err(PyValueError::new_err("state is not a legacy MT19937 state"));
            }
            let d = PyDict::new(value.py());
            d.set_item("bit_generator", "MT19937")?;
            let inner = PyDict::new(value.py());
            inner.set_item("key", t.get_item(1)?)?;
            inner.set_item("pos", t.get_item(2)?)?;
            d.set_item("state", inner)?;
            d.into_any()
        }
        _ => value.clone(),
    };
    let Ok(d) = value.cast::<PyDict>() else {
        return Err(PyTypeError::new_err("state must be a dict"));
    };
    let given = d.get_item("bit_generator")?;
    if given.is_none_or(|g| g.ne(name).unwrap_or(true)) {
        let message = match current {
            // NumPy's SFC64 message lacks the f-string prefix and prints the braces.
            AnyBitGenerator::Sfc64(_) => {
                "state must be for a {self.__class__.__name__} RNG".to_string()
            }
            AnyBitGenerator::Pcg64(_) | AnyBitGenerator::Pcg64Dxsm(_) => {
                format!("state must be for a {name} RNG")
            }
            _ => format!("state must be for a {name} PRNG"),
        };
        return Err(PyValueError::new_err(message));
    }
    let state = d.as_any().get_item("state")?;
    Ok(match current {
        AnyBitGenerator::Mt19937(_) => {
            let key = fixed::<STATE_LEN, u32>(&state.get_item("key")?, "key")?;
            let pos: usize = state.get_item("pos")?.extract()?;
            AnyBitGenerator::Mt19937(Box::new(Mt19937::from_state(key, pos)))
        }
        AnyBitGenerator::Pcg64(_) => AnyBitGenerator::Pcg64(pcg_from_state(&state, d.as_any())?),
        AnyBitGenerator::Pcg64Dxsm(_) => {
            AnyBitGenerator::Pcg64Dxsm(pcg_from_state(&state, d.as_any())?)
        }
        AnyBitGenerator::Philox(_) => AnyBitGenerator::Philox(Philox::from_state(
            fixed(&state.get_item("counter")?, "counter")?,
            fixed(&state.get_item("key")?, "key")?,
            fixed(&d.as_any().get_item("buffer")?, "buffer")?,
            d.as_any().get_item("buffer_pos")?.extract()?,
            cache_of(d.as_any())?,
        )),
        AnyBitGenerator::Sfc64(_) => AnyBitGenerator::Sfc64(Sfc64::from_state(
            fixed(&state.get_item("state")?, "state")?,
            cache_of(d.as_any())?,
        )),
    })
}

fn pcg_from_state<V: numoxide_random::pcg64::PcgVariant>(
    state: &Bound<'_, PyAny>,
    d: &Bound<'_, PyAny>,
) -> PyResult<Pcg<V>> {
    let mask = |v: Bound<'_, PyAny>| wrap_int(&v, 128);
    Ok(Pcg::from_state(
        mask(state.get_item("state")?)?,
        mask(state.get_item("inc")?)?,
        cache_of(d)?,
    ))
}

#[pymethods]
impl PyBitGenerator {
    #[new]
    #[pyo3(signature = (seed = None))]
    fn new(seed: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let _ = seed;
        Err(PyNotImplementedError::new_err(
            "BitGenerator is a base class and cannot be instantized",
        ))
    }

    /// The generator's state as NumPy's dict.
    #[getter]
    fn get_state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let g = self.generator().clone();
        state_dict(py, &g)
    }

    #[setter]
    fn set_state(&self, value: &Bound<'_, PyAny>) -> PyResult<()> {
        let current = self.generator().clone();
        let next = from_state_value(&current, value)?;
        *self.generator() = next;
        Ok(())
    }

    /// The seed sequence this generator was made from (None after legacy seeding).
    #[getter]
    fn seed_seq(&self, py: Python<'_>) -> Option<Py<PyAny>> {
        self.seed_seq_object(py)
    }

    /// `spawn(n_children)`: new generators of this kind from children of the seed sequence.
    fn spawn(&self, py: Python<'_>, n_children: i64) -> PyResult<Vec<Py<PyBitGenerator>>> {
        let seq = self
            .seed_seq_object(py)
            .and_then(|s| s.into_bound(py).cast_into::<PySeedSequence>().ok())
            .ok_or_else(|| {
                PyTypeError::new_err("The underlying SeedSequence does not implement spawning.")
            })?;
        let children = seq.borrow_mut().spawn_children(py, n_children)?;
        let like = self.generator().clone();
        children
            .into_iter()
            .map(|child| {
                let core = seeded_like(&like, &child.core);
                new_bit_generator(py, core, Some(Py::new(py, child)?.into_any()))
            })
            .collect()
    }

    /// `random_raw(size=None, output=True)`: raw outputs as uint64.
    #[pyo3(signature = (size = None, output = true))]
    fn random_raw(
        &self,
        py: Python<'_>,
        size: Option<&Bound<'_, PyAny>>,
        output: bool,
    ) -> PyResult<Py<PyAny>> {
        let Some(shape) = super::size_shape(size)? else {
            let value = self.generator().next_raw();
            return Ok(if output {
                value.into_pyobject(py)?.into_any().unbind()
            } else {
                py.None()
            });
        };
        let array = NdArray::from_fill::<u64>(&shape, |out| {
            py.detach(|| {
                let mut g = self.generator();
                out.iter_mut().for_each(|x| *x = g.next_raw());
            })
        })
        .py()?;
        if output {
            to_py_result(py, array, false)
        } else {
            Ok(py.None())
        }
    }
}

/// `advance(delta)` for the generators that have it: moves `slf` and returns it.
fn advance_any(slf: &Bound<'_, PyBitGenerator>, delta: &Bound<'_, PyAny>) -> PyResult<()> {
    let base = slf.get();
    let mut g = base.generator();
    match &mut *g {
        AnyBitGenerator::Pcg64(p) => p.advance(wrap_int(delta, 128)?),
        AnyBitGenerator::Pcg64Dxsm(p) => p.advance(wrap_int(delta, 128)?),
        AnyBitGenerator::Philox(p) => {
            let step = wrap_int_words::<4>(delta, 256)?;
            p.advance(step)
        }
        _ => return Err(PyNotImplementedError::new_err("advance")),
    }
    Ok(())
}

/// `jumped(jumps=1)`: a new generator of the same kind, jumped ahead, with a fresh seed
/// sequence as NumPy's `self.__class__()` gets.
fn jumped_any(
    slf: &Bound<'_, PyBitGenerator>,
    jumps: &Bound<'_, PyAny>,
) -> PyResult<Py<PyBitGenerator>> {
    let py = slf.py();
    let current = slf.get().generator().clone();
    let jumped = match current {
        AnyBitGenerator::Pcg64(p) => AnyBitGenerator::Pcg64(p.jumped(wrap_int(jumps, 128)?)),
        AnyBitGenerator::Pcg64Dxsm(p) => {
            AnyBitGenerator::Pcg64Dxsm(p.jumped(wrap_int(jumps, 128)?))
        }
        AnyBitGenerator::Philox(p) => AnyBitGenerator::Philox(p.jumped(wrap_int(jumps, 128)?)),
        AnyBitGenerator::Mt19937(mt) => {
            // NumPy loops `range(jumps)`: a negative count jumps nothing.
            let count = jumps.extract::<i64>()?.max(0) as u64;
            AnyBitGenerator::Mt19937(Box::new(py.detach(|| mt.jumped(count))))
        }
        AnyBitGenerator::Sfc64(_) => {
            return Err(PyNotImplementedError::new_err(
                "jumped is not implemented for SFC64",
            ))
        }
    };
    new_bit_generator(py, jumped, Some(fresh_seed_seq(py)?))
}

#[pymethods]
impl PyMt19937 {
    #[new]
    #[pyo3(signature = (seed = None))]
    fn new(py: Python<'_>, seed: Option<&Bound<'_, PyAny>>) -> PyResult<PyClassInitializer<Self>> {
        let (seq, object) = seed_sequence_of(py, seed)?;
        let core = AnyBitGenerator::Mt19937(Box::new(Mt19937::from_seed_sequence(&seq)));
        Ok(PyClassInitializer::from(base(core, Some(object))).add_subclass(PyMt19937))
    }

    /// `_legacy_seeding(seed)`: seeds as the legacy `RandomState.seed` does.
    fn _legacy_seeding(slf: &Bound<'_, Self>, seed: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        let py = slf.py();
        let base = slf.as_super().get();
        let previous_pos = match &*base.generator() {
            AnyBitGenerator::Mt19937(mt) => mt.pos(),
            _ => STATE_LEN,
        };
        let core = super::legacy_seed::legacy_mt19937(py, seed, previous_pos)?;
        base.reseed(AnyBitGenerator::Mt19937(Box::new(core)), None);
        Ok(())
    }
}

macro_rules! seeded_constructor {
    ($class:ident, $variant:ident, $core:ty) => {
        #[pymethods]
        impl $class {
            #[new]
            #[pyo3(signature = (seed = None))]
            fn new(
                py: Python<'_>,
                seed: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<PyClassInitializer<Self>> {
                let (seq, object) = seed_sequence_of(py, seed)?;
                let core = AnyBitGenerator::$variant(<$core>::from_seed_sequence(&seq));
                Ok(PyClassInitializer::from(base(core, Some(object))).add_subclass($class))
            }
        }
    };
}
seeded_constructor!(PyPcg64, Pcg64, Pcg64);
seeded_constructor!(PyPcg64Dxsm, Pcg64Dxsm, Pcg64Dxsm);
seeded_constructor!(PySfc64, Sfc64, Sfc64);

macro_rules! advance_and_jump {
    ($($class:ident),*) => {$(
        #[pymethods]
        impl $class {
            /// `advance(delta)`: as if `delta` outputs had been drawn; returns self.
            fn advance<'py>(
                slf: Bound<'py, Self>,
                delta: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, Self>> {
                advance_any(slf.as_super(), delta)?;
                Ok(slf)
            }

            /// `jumped(jumps=1)`: a new generator far ahead in the stream.
            #[pyo3(signature = (jumps = None))]
            fn jumped(
                slf: &Bound<'_, Self>,
                jumps: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<Py<PyBitGenerator>> {
                let one = 1i64.into_pyobject(slf.py())?.into_any();
                jumped_any(slf.as_super(), jumps.unwrap_or(&one))
            }
        }
    )*};
}
advance_and_jump!(PyPcg64, PyPcg64Dxsm, PyPhilox);

#[pymethods]
impl PyMt19937 {
    /// `jumped(jumps=1)`: a new generator 2**128 * `jumps` steps ahead.
    #[pyo3(signature = (jumps = None))]
    fn jumped(
        slf: &Bound<'_, Self>,
        jumps: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyBitGenerator>> {
        let one = 1i64.into_pyobject(slf.py())?.into_any();
        jumped_any(slf.as_super(), jumps.unwrap_or(&one))
    }
}

#[pymethods]
impl PyPhilox {
    #[new]
    #[pyo3(signature = (seed = None, counter = None, key = None))]
    fn new(
        py: Python<'_>,
        seed: Option<&Bound<'_, PyAny>>,
        counter: Option<&Bound<'_, PyAny>>,
        key: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyClassInitializer<Self>> {
        if seed.is_some_and(|s| !s.is_none()) && key.is_some_and(|k| !k.is_none()) {
            return Err(PyValueError::new_err("seed and key cannot be both used"));
        }
        let counter = match counter.filter(|c| !c.is_none()) {
            Some(c) => int_to_words::<4>(c, "counter")?,
            None => [0; 4],
        };
        let (core, seed_seq) = match key.filter(|k| !k.is_none()) {
            Some(k) => (
                Philox::from_key(counter, int_to_words::<2>(k, "key")?),
                None,
            ),
            None => {
                let (seq, object) = seed_sequence_of(py, seed)?;
                (Philox::from_seed_sequence(&seq, counter), Some(object))
            }
        };
        Ok(
            PyClassInitializer::from(base(AnyBitGenerator::Philox(core), seed_seq))
                .add_subclass(PyPhilox),
        )
    }
}
