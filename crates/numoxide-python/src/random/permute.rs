//! In-place shuffles and permutations of arrays and sequences, and `choice`, for both APIs.
//!
//! Draws come first (the partner of every position, in NumPy's order), then the moves are
//! applied, holding the GIL: the data cannot change under us while we write it.

use super::Draw;
use crate::convert::{array_from_py, to_py_result};
use crate::errors::IntoPy;
use crate::ndarray::PyNdArray;
use numoxide::error::normalize_axis;
use numoxide::index::{IndexItem, Indexed};
use numoxide::{DType, NdArray, Order};
use numoxide_random::sampling::fisher_yates_partners;
use numoxide_random::with_bit_generator;
use pyo3::exceptions::{PyIndexError, PyNotImplementedError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyInt, PyString};

/// The partners of positions `n - 1` down to 1 of a Fisher-Yates shuffle.
pub(crate) fn partners(owner: &impl Draw, py: Python<'_>, n: usize) -> Vec<usize> {
    owner.draw_bits(
        py,
        n,
        |g| with_bit_generator!(g, g => fisher_yates_partners(g, n, 1)),
    )
}

/// Swaps the elements of the 1-d (possibly strided) view `a` as `partners` says.
fn swap_elements(a: &NdArray, partners: &[usize]) {
    let n = a.shape()[0];
    let stride = a.strides()[0];
    let itemsize = a.itemsize();
    let base = a.base_ptr();
    if stride == 0 {
        return;
    }
    for (k, &j) in partners.iter().enumerate() {
        let i = n - 1 - k;
        if i != j {
            // SAFETY: i and j are distinct indices below the axis length, so both addresses
            // are elements of this writeable view, `itemsize` bytes each and disjoint (the
            // stride is non-zero and at least the item size); the GIL is held, so nothing
            // else touches the memory meanwhile.
            unsafe {
                std::ptr::swap_nonoverlapping(
                    base.offset(i as isize * stride),
                    base.offset(j as isize * stride),
                    itemsize,
                )
            };
        }
    }
}

/// The subarray `a[i]` as a view.
fn subarray(a: &NdArray, i: usize) -> PyResult<NdArray> {
    match a.index(&[IndexItem::Int(i as isize)]).py()? {
        Indexed::View(v) | Indexed::Element(v) | Indexed::Copy(v) => Ok(v),
    }
}

/// Swaps the subarrays along axis 0 of `a` as `partners` says.
fn swap_subarrays(a: &NdArray, partners: &[usize]) -> PyResult<()> {
    if a.ndim() == 1 {
        swap_elements(a, partners);
        return Ok(());
    }
    let n = a.shape()[0];
    for (k, &j) in partners.iter().enumerate() {
        let i = n - 1 - k;
        if i != j {
            let (xi, xj) = (subarray(a, i)?, subarray(a, j)?);
            let saved = xj.copy(Order::C);
            xj.assign(&xi).py()?;
            xi.assign(&saved).py()?;
        }
    }
    Ok(())
}

/// `shuffle(x, axis)`: arrays along `axis` (legacy: 0) in place, other sequences by item
/// assignment.
pub(crate) fn shuffle(owner: &impl Draw, x: &Bound<'_, PyAny>, axis: isize) -> PyResult<()> {
    let py = x.py();
    if let Ok(array) = x.cast::<PyNdArray>() {
        let a = array.borrow().array.clone();
        if !a.is_writeable() {
            return Err(PyValueError::new_err("array is read-only"));
        }
        if a.ndim() == 0 {
            return Err(PyTypeError::new_err("len() of unsized object"));
        }
        let axis = normalize_axis(axis, a.ndim()).py()?;
        if a.size() == 0 {
            return Ok(());
        }
        let a = a.swapaxes(0, axis as isize).py()?;
        let partners = partners(owner, py, a.shape()[0]);
        return swap_subarrays(&a, &partners);
    }
    if axis != 0 {
        return Err(PyNotImplementedError::new_err(
            "Axis argument is only supported on ndarray objects",
        ));
    }
    let n = x.len()?;
    for (k, j) in partners(owner, py, n).into_iter().enumerate() {
        let i = n - 1 - k;
        let (xi, xj) = (x.get_item(i)?, x.get_item(j)?);
        x.set_item(i, xj)?;
        x.set_item(j, xi)?;
    }
    Ok(())
}

fn arange_i64(n: i64) -> PyResult<NdArray> {
    NdArray::from_vec((0..n.max(0)).collect::<Vec<i64>>(), &[n.max(0) as usize]).py()
}

fn array_arg(x: &Bound<'_, PyAny>) -> PyResult<(NdArray, bool)> {
    match x.cast::<PyNdArray>() {
        Ok(a) => Ok((a.borrow().array.clone(), true)),
        Err(_) => Ok((array_from_py(x, None)?, false)),
    }
}

/// Whether `x` is an integer for `permutation` (a Python int or an integer scalar).
fn integer_arg(x: &Bound<'_, PyAny>) -> Option<i64> {
    if x.is_instance_of::<PyInt>() {
        return x.extract().ok();
    }
    crate::scalars::from_py(x)
        .filter(|s| s.dtype().is_integer())
        .map(|s| s.to::<i64>())
}

/// `a` gathered at `idx` along `axis` (`a[:, ..., idx]`).
fn take_along(a: &NdArray, idx: NdArray, axis: usize) -> PyResult<NdArray> {
    let mut items: Vec<IndexItem> = (0..axis)
        .map(|_| IndexItem::Slice {
            start: None,
            stop: None,
            step: None,
        })
        .collect();
    items.push(IndexItem::Array(idx));
    match a.index(&items).py()? {
        Indexed::View(v) | Indexed::Element(v) | Indexed::Copy(v) => Ok(v),
    }
}

/// `permutation(x, axis)`: a shuffled copy, or a shuffled `arange(x)` for an integer.
/// `legacy` selects RandomState's checks (axis 0 only, IndexError for 0-d input).
pub(crate) fn permutation(
    owner: &impl Draw,
    x: &Bound<'_, PyAny>,
    axis: isize,
    legacy: bool,
) -> PyResult<Py<PyAny>> {
    let py = x.py();
    if let Some(n) = integer_arg(x) {
        let a = arange_i64(n)?;
        let p = partners(owner, py, a.size());
        swap_elements(&a, &p);
        return to_py_result(py, a, false);
    }
    let (a, is_ours) = array_arg(x)?;
    if legacy && a.ndim() < 1 {
        return Err(PyIndexError::new_err(
            "x must be an integer or at least 1-dimensional",
        ));
    }
    let axis = normalize_axis(axis, a.ndim()).py()?;
    if a.ndim() == 1 {
        let a = if is_ours { a.copy(Order::C) } else { a };
        let p = partners(owner, py, a.size());
        swap_elements(&a, &p);
        return to_py_result(py, a, false);
    }
    let n = a.shape()[axis];
    let idx = arange_i64(n as i64)?;
    let p = partners(owner, py, n);
    swap_elements(&idx, &p);
    to_py_result(py, take_along(&a, idx, axis)?, false)
}

/// `Generator.permuted(x, axis=None, out=None)`.
pub(crate) fn permuted(
    owner: &impl Draw,
    py: Python<'_>,
    x: &Bound<'_, PyAny>,
    axis: Option<isize>,
    out: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let (a, _) = array_arg(x)?;
    let (out_object, target) = match out.filter(|o| !o.is_none()) {
        None => {
            // NumPy's `copy(order='K')`: an F-ordered input stays F-ordered.
            let order = if a.is_f_contiguous() && !a.is_c_contiguous() {
                Order::F
            } else {
                Order::C
            };
            let copy = a.copy(order);
            let object = to_py_result(py, copy.clone(), false)?;
            (object, copy)
        }
        Some(o) => {
            let t = o
                .cast::<PyNdArray>()
                .map_err(|_| PyTypeError::new_err("out must be a numpy array"))?
                .borrow()
                .array
                .clone();
            if !t.is_writeable() {
                return Err(PyValueError::new_err("out is read-only"));
            }
            if t.shape() != a.shape() {
                return Err(PyValueError::new_err("out must have the same shape as x"));
            }
            if !numoxide::promote::can_cast(a.dtype(), t.dtype(), numoxide::promote::Casting::Safe)
            {
                return Err(PyTypeError::new_err(format!(
                    "Cannot cast array data from dtype('{}') to dtype('{}') according to the rule 'safe'",
                    a.dtype(),
                    t.dtype()
                )));
            }
            t.assign(&a).py()?;
            (o.clone().unbind(), t)
        }
    };
    match axis {
        None => shuffle_flat(owner, py, &target)?,
        Some(axis) => {
            let ax = normalize_axis(axis, target.ndim()).py()?;
            let lanes = target.moveaxis(&[ax as isize], &[-1]).py()?;
            let outer: Vec<usize> = lanes.shape()[..lanes.ndim() - 1].to_vec();
            let len = lanes.shape()[lanes.ndim() - 1];
            let mut index = vec![0usize; outer.len()];
            let count: usize = outer.iter().product();
            for _ in 0..count {
                let items: Vec<IndexItem> =
                    index.iter().map(|&i| IndexItem::Int(i as isize)).collect();
                let lane = match lanes.index(&items).py()? {
                    Indexed::View(v) | Indexed::Element(v) | Indexed::Copy(v) => v,
                };
                let p = partners(owner, py, len);
                swap_elements(&lane, &p);
                // Next lane in C order.
                for d in (0..outer.len()).rev() {
                    index[d] += 1;
                    if index[d] < outer[d] {
                        break;
                    }
                    index[d] = 0;
                }
            }
        }
    }
    Ok(out_object)
}

/// Shuffles every element of `a` as one sequence: in memory order when `a` is contiguous,
/// else in C order (NumPy shuffles a C-ordered copy and writes it back).
fn shuffle_flat(owner: &impl Draw, py: Python<'_>, a: &NdArray) -> PyResult<()> {
    if a.size() == 0 {
        return Ok(());
    }
    let order = if a.is_c_contiguous() || a.ndim() <= 1 {
        Some(Order::C)
    } else if a.is_f_contiguous() {
        Some(Order::F)
    } else {
        None
    };
    let p = partners(owner, py, a.size());
    match order {
        Some(order) => {
            let flat = a.reshape_view(&[-1], order).py()?;
            swap_elements(&flat, &p);
        }
        None => {
            let copy = a.copy(Order::C);
            swap_elements(&copy.reshape_view(&[-1], Order::C).py()?, &p);
            a.assign(&copy).py()?;
        }
    }
    Ok(())
}

/// Which API's `choice` runs: their messages and index sampling differ.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChoiceApi {
    Legacy,
    Generator { axis: isize, shuffle: bool },
}

/// The `choice` messages of one API.
struct ChoiceText {
    not_integer: &'static str,
    not_positive: &'static str,
    empty: &'static str,
    p_ndim: &'static str,
    p_size: &'static str,
    p_nan: &'static str,
    p_negative: &'static str,
    p_sum: &'static str,
    too_large: &'static str,
    negative: &'static str,
}

const LEGACY_TEXT: ChoiceText = ChoiceText {
    not_integer: "a must be 1-dimensional or an integer",
    not_positive: "a must be greater than 0 unless no samples are taken",
    empty: "'a' cannot be empty unless no samples are taken",
    p_ndim: "'p' must be 1-dimensional",
    p_size: "'a' and 'p' must have same size",
    p_nan: "probabilities contain NaN",
    p_negative: "probabilities are not non-negative",
    p_sum: "probabilities do not sum to 1",
    too_large: "Cannot take a larger sample than population when 'replace=False'",
    negative: "Negative dimensions are not allowed",
};

const GENERATOR_TEXT: ChoiceText = ChoiceText {
    not_integer: "",
    not_positive: "a must be a positive integer unless no samples are taken",
    empty: "a cannot be empty unless no samples are taken",
    p_ndim: "p must be 1-dimensional",
    p_size: "a and p must have same size",
    p_nan: "Probabilities contain NaN",
    p_negative: "Probabilities are not non-negative",
    p_sum: "Probabilities do not sum to 1. See Notes section of docstring for more information.",
    too_large: "Cannot take a larger sample than population when replace is False",
    negative: "negative dimensions are not allowed",
};

/// The `size` of `choice`, negative entries kept (their error comes later, as NumPy's).
fn choice_dims(size: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<i64>>> {
    match size.filter(|s| !s.is_none()) {
        None => Ok(None),
        Some(s) => match s.extract::<i64>() {
            Ok(n) => Ok(Some(vec![n])),
            Err(_) => Ok(Some(s.extract()?)),
        },
    }
}

/// Validated probabilities: float64 values and NumPy's checks.
fn probabilities(p: &Bound<'_, PyAny>, pop_size: i64, text: &ChoiceText) -> PyResult<Vec<f64>> {
    let mut atol = f64::EPSILON.sqrt();
    let (pa, _) = array_arg(p)?;
    if p.cast::<PyNdArray>().is_ok() && pa.dtype() == DType::Float32 {
        atol = atol.max(f64::from(f32::EPSILON).sqrt());
    }
    if pa.ndim() != 1 {
        return Err(PyValueError::new_err(text.p_ndim));
    }
    if pa.size() as i64 != pop_size {
        return Err(PyValueError::new_err(text.p_size));
    }
    let values = pa.astype(DType::Float64, Order::C).to_vec::<f64>();
    let sum = numoxide_random::sampling::kahan_sum(&values);
    if sum.is_nan() {
        return Err(PyValueError::new_err(text.p_nan));
    }
    if values.iter().any(|&v| v < 0.0) {
        return Err(PyValueError::new_err(text.p_negative));
    }
    if (sum - 1.0).abs() > atol {
        return Err(PyValueError::new_err(text.p_sum));
    }
    Ok(values)
}

/// `choice(a, size, replace, p)` of either API.
pub(crate) fn choice(
    owner: &impl Draw,
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    size: Option<&Bound<'_, PyAny>>,
    replace: bool,
    p: Option<&Bound<'_, PyAny>>,
    api: ChoiceApi,
) -> PyResult<Py<PyAny>> {
    let text = match api {
        ChoiceApi::Legacy => &LEGACY_TEXT,
        ChoiceApi::Generator { .. } => &GENERATOR_TEXT,
    };
    let axis = match api {
        ChoiceApi::Legacy => 0,
        ChoiceApi::Generator { axis, .. } => axis,
    };
    let dims = choice_dims(size)?;
    let n_samples: i64 = dims.as_ref().map_or(1, |d| d.iter().product());
    // A string is a 0-d array of NumPy's str dtype: never an integer.
    let arr = if a.is_instance_of::<PyString>() {
        NdArray::from_scalar(numoxide::Scalar::Float64(f64::NAN))
    } else {
        array_arg(a)?.0
    };
    let (pop_size, axis) = if arr.ndim() == 0 {
        let item = arr.get(&[]);
        let pop = match item.dtype().is_integer() || item.dtype() == DType::Bool {
            true => item.to::<i64>(),
            false => {
                let message = match api {
                    ChoiceApi::Legacy => text.not_integer.to_string(),
                    ChoiceApi::Generator { .. } => format!(
                        "a must be a sequence or an integer, not {}",
                        a.get_type().repr()?
                    ),
                };
                return Err(PyValueError::new_err(message));
            }
        };
        if pop <= 0 && n_samples != 0 {
            return Err(PyValueError::new_err(text.not_positive));
        }
        (pop, 0)
    } else {
        if api == ChoiceApi::Legacy && arr.ndim() != 1 {
            return Err(PyValueError::new_err("a must be 1-dimensional"));
        }
        let axis = normalize_axis(axis, arr.ndim()).py()?;
        let pop = arr.shape()[axis] as i64;
        if pop == 0 && n_samples != 0 {
            return Err(PyValueError::new_err(text.empty));
        }
        (pop, axis)
    };
    let p = match p.filter(|p| !p.is_none()) {
        Some(p) => Some(probabilities(p, pop_size, text)?),
        None => None,
    };
    let shape: Vec<usize> = match &dims {
        Some(d) if d.iter().all(|&x| x >= 0) => d.iter().map(|&x| x as usize).collect(),
        // With replacement the negative size reaches the output's allocation.
        Some(_) if replace => {
            return Err(PyValueError::new_err("negative dimensions are not allowed"))
        }
        Some(_) if n_samples > pop_size => return Err(PyValueError::new_err(text.too_large)),
        Some(_) => return Err(PyValueError::new_err(text.negative)),
        None => Vec::new(),
    };
    let n = shape.iter().product::<usize>();
    let idx: Vec<i64> =
        if replace {
            match &p {
            Some(p) => owner.draw_bits(py, n, |g| {
                with_bit_generator!(g, g => numoxide_random::sampling::choice_with_p(g, p, n))
            }),
            None => replacement_indices(owner, py, pop_size, n, api),
        }
        } else {
            if n as i64 > pop_size {
                return Err(PyValueError::new_err(text.too_large));
            }
            match &p {
                Some(p) => {
                    if (p.iter().filter(|&&v| v > 0.0).count() as i64) < n as i64 {
                        return Err(PyValueError::new_err(
                            "Fewer non-zero entries in p than size",
                        ));
                    }
                    owner.draw_bits(py, n, |g| {
                        with_bit_generator!(g, g => {
                            numoxide_random::sampling::choice_with_p_without_replacement(g, p, n)
                        })
                    })
                }
                None => distinct_indices(owner, py, pop_size as u64, n as u64, api),
            }
        };
    let scalar = dims.is_none();
    if arr.ndim() == 0 {
        if scalar {
            return Ok(idx[0].into_pyobject(py)?.into_any().unbind());
        }
        return to_py_result(py, NdArray::from_vec(idx, &shape).py()?, false);
    }
    if scalar {
        return take_one(py, &arr, idx[0], axis);
    }
    let idx_array = NdArray::from_vec(idx, &shape).py()?;
    if shape.is_empty() && arr.ndim() == 1 {
        // size=() asks for a 0-d array, not the scalar a[idx] would be.
        let picked = take_along(&arr, idx_array, axis)?;
        return to_py_result(py, picked.copy(Order::C), false);
    }
    to_py_result(py, take_along(&arr, idx_array, axis)?, false)
}

/// `a.take(i, axis)` for one index: a scalar from a 1-d array, else a subarray.
fn take_one(py: Python<'_>, a: &NdArray, i: i64, axis: usize) -> PyResult<Py<PyAny>> {
    let mut items: Vec<IndexItem> = (0..axis)
        .map(|_| IndexItem::Slice {
            start: None,
            stop: None,
            step: None,
        })
        .collect();
    items.push(IndexItem::Int(i as isize));
    match a.index(&items).py()? {
        Indexed::Element(v) => to_py_result(py, v, true),
        Indexed::View(v) | Indexed::Copy(v) => to_py_result(py, v.copy(Order::C), false),
    }
}

/// Indices drawn with replacement: `integers(0, pop_size)` (Lemire) or the legacy
/// `randint(0, pop_size)` (masked).
fn replacement_indices(
    owner: &impl Draw,
    py: Python<'_>,
    pop_size: i64,
    n: usize,
    api: ChoiceApi,
) -> Vec<i64> {
    let masked = api == ChoiceApi::Legacy;
    let rng = (pop_size.max(1) - 1) as u64;
    let mut out = vec![0i64; n];
    owner.draw_bits(py, n, |g| {
        with_bit_generator!(g, g => numoxide_random::bounded::fill_bounded::<64, _, i64>(g, 0, rng, masked, &mut out))
    });
    out
}

/// Distinct indices: Generator's Floyd/tail-shuffle sampler, or the legacy
/// `permutation(pop_size)[:n]`.
fn distinct_indices(
    owner: &impl Draw,
    py: Python<'_>,
    pop_size: u64,
    n: u64,
    api: ChoiceApi,
) -> Vec<i64> {
    match api {
        ChoiceApi::Generator { shuffle, .. } => owner.draw_bits(py, n as usize, |g| {
            with_bit_generator!(g, g => {
                numoxide_random::sampling::choice_without_replacement(g, pop_size, n, shuffle)
            })
        }),
        ChoiceApi::Legacy => {
            let mut all: Vec<i64> = (0..pop_size as i64).collect();
            owner.draw_bits(py, all.len(), |g| {
                with_bit_generator!(g, g => numoxide_random::sampling::shuffle_slice(g, &mut all))
            });
            all.truncate(n as usize);
            all
        }
    }
}

/// `bytes(length)`: little-endian 32-bit draws, sliced `[:length]`. The word count is NumPy's
/// C arithmetic, `(length - 1) / 4 + 1` truncating, so `bytes(0)` still draws one word.
pub(crate) fn random_bytes(owner: &impl Draw, py: Python<'_>, length: isize) -> PyResult<Vec<u8>> {
    let words = (length - 1) / 4 + 1;
    let words = usize::try_from(words)
        .map_err(|_| PyValueError::new_err("negative dimensions are not allowed"))?;
    let mut out: Vec<u8> = owner.draw_bits(py, words, |g| {
        with_bit_generator!(g, g => (0..words)
            .flat_map(|_| numoxide_random::BitGenerator::next_u32(g).to_le_bytes())
            .collect())
    });
    let keep = if length >= 0 {
        (length as usize).min(out.len())
    } else {
        out.len().saturating_sub(length.unsigned_abs())
    };
    out.truncate(keep);
    Ok(out)
}
