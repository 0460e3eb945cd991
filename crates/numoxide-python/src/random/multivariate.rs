//! The vector-valued distributions of both APIs: multinomial, Dirichlet and (for the
//! `Generator`) the multivariate hypergeometric. Each variate is one row of the output's last
//! axis; rows are drawn in C order.

use super::distributions::leading_shape;
use super::params::{
    array_result, broadcast, check_array, check_scalar, kahan_sum, Constraint, Kind, Param,
};
use super::{Generator, RandomState};
use crate::convert::array_from_py;
use crate::ndarray::PyNdArray;
use numoxide::DType;
use numoxide_random::distributions::discrete::{BinomialCache, BinomialKind};
use numoxide_random::distributions::legacy::Legacy;
use numoxide_random::distributions::multivariate as mv;
use numoxide_random::{with_bit_generator, AnyBitGenerator};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

/// A float64 array of exactly one dimension (NumPy's `PyArray_FROMANY(obj, NPY_DOUBLE, 1, 1)`).
fn vector(obj: &Bound<'_, PyAny>) -> PyResult<Vec<f64>> {
    let a = match obj.cast::<PyNdArray>() {
        Ok(a) => a.borrow().array.clone(),
        Err(_) => array_from_py(obj, Some(DType::Float64))?,
    };
    if a.ndim() > 1 {
        return Err(PyValueError::new_err(
            "setting an array element with a sequence. The requested array would exceed the \
             maximum number of dimension of 1.",
        ));
    }
    Ok(a.to_vec::<f64>())
}

/// `size` followed by one more axis of length `d`.
fn rows_shape(size: Option<&Bound<'_, PyAny>>, d: usize) -> PyResult<Vec<usize>> {
    let mut shape = leading_shape(size)?;
    shape.push(d);
    Ok(shape)
}

/// The probabilities of each row (all but the last) must not sum above 1.
fn check_pvals_sum(pvals: &[f64], d: usize, ndim: usize) -> PyResult<()> {
    for row in pvals.chunks(d.max(1)) {
        if kahan_sum(&row[..d.saturating_sub(1).min(row.len())]) > 1.0 + 1e-12 {
            let slice = if ndim == 1 { "[:-1]" } else { "[...,:-1]" };
            return Err(PyValueError::new_err(format!("sum(pvals{slice}) > 1.0")));
        }
    }
    Ok(())
}

/// Dirichlet's alpha: a 1-d sequence (its `len` is taken first, as NumPy does).
fn alpha_arg(alpha: &Bound<'_, PyAny>) -> PyResult<Vec<f64>> {
    alpha.len()?;
    vector(alpha)
}

#[pymethods]
impl Generator {
    #[pyo3(signature = (n, pvals, size = None))]
    fn multinomial(
        &self,
        py: Python<'_>,
        n: &Bound<'_, PyAny>,
        pvals: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let on = Param::convert(n, Kind::Int)?;
        let parr = match pvals.cast::<PyNdArray>() {
            Ok(a) => a.borrow().array.astype(DType::Float64, numoxide::Order::C),
            Err(_) => array_from_py(pvals, Some(DType::Float64))?,
        };
        let ndim = parr.ndim();
        let d = parr.shape().last().copied().unwrap_or(0);
        if d == 0 {
            return Err(PyValueError::new_err(
                "pvals must have at least 1 dimension and the last dimension of pvals must be \
                 greater than 0.",
            ));
        }
        let p = parr.to_vec::<f64>();
        check_array(&p, "pvals", Constraint::Bounded01)?;
        check_pvals_sum(&p, d, ndim)?;
        let ns = on.floats();
        if !on.is_scalar() || ndim > 1 {
            check_array(&ns, "n", Constraint::NonNegative)?;
            let row_shape = &parr.shape()[..ndim - 1];
            let it_shape = match size {
                None => broadcast(&[on.shape(), row_shape])?,
                Some(s) => {
                    let size = super::params::size_arg(s)?;
                    let joint = broadcast(&[on.shape(), row_shape, &size])?;
                    if joint != size {
                        return Err(PyValueError::new_err(format!(
                            "Output size {} is not compatible with broadcast dimensions of inputs {}.",
                            tuple_repr(&size),
                            tuple_repr(&joint)
                        )));
                    }
                    joint
                }
            };
            // Each variate's n and the index of its pvals row, over the broadcast shape.
            let n_values = Param::from_floats(ns, on.shape().to_vec()).values_over(&it_shape);
            let row_values = Param::from_floats(
                (0..p.len() / d).map(|r| r as f64).collect(),
                row_shape.to_vec(),
            )
            .values_over(&it_shape);
            let mut shape = it_shape.clone();
            shape.push(d);
            let out = self.draw(py, |bits: &mut AnyBitGenerator| {
                let mut out = vec![0i64; n_values.len() * d];
                let mut cache = BinomialCache::default();
                with_bit_generator!(bits, g => {
                    for ((row, &n), &r) in out.chunks_exact_mut(d).zip(&n_values).zip(&row_values) {
                        let r = r as usize;
                        mv::multinomial(g, n as i64, &p[r * d..(r + 1) * d], row, &mut cache, BinomialKind::Generator);
                    }
                });
                out
            });
            return array_result(py, out, &shape);
        }
        let shape = rows_shape(size, d)?;
        let ni = on.first_float() as i64;
        check_scalar(ni as f64, "n", Constraint::NonNegative)?;
        let rows: usize = shape.iter().product::<usize>() / d;
        let out = self.draw(py, |bits: &mut AnyBitGenerator| {
            let mut out = vec![0i64; rows * d];
            let mut cache = BinomialCache::default();
            with_bit_generator!(bits, g => {
                for row in out.chunks_exact_mut(d) {
                    mv::multinomial(g, ni, &p, row, &mut cache, BinomialKind::Generator);
                }
            });
            out
        });
        array_result(py, out, &shape)
    }

    #[pyo3(signature = (alpha, size = None))]
    fn dirichlet(
        &self,
        py: Python<'_>,
        alpha: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let alpha = alpha_arg(alpha)?;
        if alpha.iter().any(|&a| a < 0.0) {
            return Err(PyValueError::new_err("alpha < 0"));
        }
        let k = alpha.len();
        let shape = rows_shape(size, k)?;
        let total: usize = shape.iter().product();
        let small = k > 0
            && alpha.iter().copied().fold(f64::NEG_INFINITY, f64::max) < 0.1
            && !alpha.iter().any(|a| a.is_nan());
        let out = self.draw(py, |bits: &mut AnyBitGenerator| {
            let mut out = vec![0.0; total];
            if k > 0 {
                with_bit_generator!(bits, g => {
                    if small {
                        let tails = mv::alpha_tail_sums(&alpha);
                        for row in out.chunks_exact_mut(k) {
                            mv::dirichlet_by_stick_breaking(g, &alpha, &tails, row);
                        }
                    } else {
                        for row in out.chunks_exact_mut(k) {
                            mv::dirichlet_by_gammas(g, &alpha, row);
                        }
                    }
                });
            }
            out
        });
        array_result(py, out, &shape)
    }

    #[pyo3(signature = (colors, nsample, size = None, method = "marginals"))]
    fn multivariate_hypergeometric(
        &self,
        py: Python<'_>,
        colors: &Bound<'_, PyAny>,
        nsample: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
        method: &str,
    ) -> PyResult<Py<PyAny>> {
        if method != "count" && method != "marginals" {
            return Err(PyValueError::new_err(
                "method must be \"count\" or \"marginals\".",
            ));
        }
        let nsample: i128 = nsample
            .call_method0("__index__")
            .and_then(|i| i.extract())
            .map_err(|_| PyValueError::new_err("nsample must be an integer"))?;
        if nsample < 0 {
            return Err(PyValueError::new_err("nsample must be nonnegative."));
        }
        if nsample > i64::MAX as i128 {
            return Err(PyValueError::new_err(format!(
                "nsample must not exceed {}",
                i64::MAX
            )));
        }
        let colors = colors_arg(colors)?;
        let total = colors
            .iter()
            .try_fold(0i64, |acc, &c| acc.checked_add(c))
            .ok_or_else(|| {
                PyValueError::new_err(format!(
                    "sum(colors) must not exceed the maximum value of a 64 bit signed integer ({})",
                    i64::MAX
                ))
            })?;
        if method == "marginals" && total >= 1_000_000_000 {
            return Err(PyValueError::new_err(
                "When method is \"marginals\", sum(colors) must be less than 1000000000.",
            ));
        }
        let max_index = i64::MAX / std::mem::size_of::<usize>() as i64;
        if method == "count" && total > max_index {
            return Err(PyValueError::new_err(format!(
                "When method is 'count', sum(colors) must not exceed {max_index}"
            )));
        }
        let nsample = nsample as i64;
        if nsample > total {
            return Err(PyValueError::new_err("nsample > sum(colors)"));
        }
        let shape = rows_shape(size, colors.len())?;
        let len: usize = shape.iter().product();
        let count = method == "count";
        let out = self.draw(py, |bits: &mut AnyBitGenerator| {
            let mut out = vec![0i64; len];
            with_bit_generator!(bits, g => {
                if count {
                    mv::multivariate_hypergeometric_count(g, total, &colors, nsample, &mut out);
                } else {
                    mv::multivariate_hypergeometric_marginals(g, total, &colors, nsample, &mut out);
                }
            });
            out
        });
        array_result(py, out, &shape)
    }
}

/// `colors`: a 1-d sequence of nonnegative integers.
fn colors_arg(colors: &Bound<'_, PyAny>) -> PyResult<Vec<i64>> {
    let invalid = || {
        PyValueError::new_err(format!(
            "colors must be a one-dimensional sequence of nonnegative integers not exceeding {}.",
            i64::MAX
        ))
    };
    let a = match colors.cast::<PyNdArray>() {
        Ok(a) => a.borrow().array.clone(),
        Err(_) => array_from_py(colors, None).map_err(|_| invalid())?,
    };
    let integral = matches!(
        a.dtype().kind(),
        numoxide::Kind::Signed | numoxide::Kind::Unsigned | numoxide::Kind::Bool
    );
    if a.ndim() != 1 || (a.size() > 0 && !integral) {
        return Err(invalid());
    }
    let values = a.to_vec::<i64>();
    if values.iter().any(|&c| c < 0) {
        return Err(invalid());
    }
    Ok(values)
}

fn tuple_repr(shape: &[usize]) -> String {
    match shape {
        [d] => format!("({d},)"),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[pymethods]
impl RandomState {
    #[pyo3(signature = (n, pvals, size = None))]
    fn multinomial(
        &self,
        py: Python<'_>,
        n: i64,
        pvals: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let is_sequence = pvals
            .cast::<PyNdArray>()
            .map(|a| a.borrow().array.ndim() > 0)
            .unwrap_or_else(|_| pvals.len().is_ok());
        if !is_sequence {
            return Err(PyTypeError::new_err("pvals must be a 1-d sequence"));
        }
        let p = vector(pvals)?;
        let d = p.len();
        check_array(&p, "pvals", Constraint::Bounded01)?;
        if d > 0 {
            check_pvals_sum(&p, d, 1)?;
        }
        let shape = rows_shape(size, d)?;
        check_scalar(n as f64, "n", Constraint::NonNegative)?;
        let rows = (shape.iter().product::<usize>())
            .checked_div(d)
            .unwrap_or(0);
        let out = self.draw_legacy(
            py,
            |bits: &mut AnyBitGenerator, _gauss: &mut Option<f64>| {
                let mut out = vec![0i64; rows * d];
                let mut cache = BinomialCache::default();
                with_bit_generator!(bits, g => {
                    // NumPy 2.4's legacy multinomial calls the current binomial.
                    for row in out.chunks_exact_mut(d.max(1)) {
                        mv::multinomial(g, n, &p, row, &mut cache, BinomialKind::Generator);
                    }
                });
                out
            },
        );
        array_result(py, out, &shape)
    }

    #[pyo3(signature = (alpha, size = None))]
    fn dirichlet(
        &self,
        py: Python<'_>,
        alpha: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let alpha = alpha_arg(alpha)?;
        if alpha.iter().any(|&a| a <= 0.0) {
            return Err(PyValueError::new_err("alpha <= 0"));
        }
        let k = alpha.len();
        let shape = rows_shape(size, k)?;
        let total: usize = shape.iter().product();
        let out = self.draw_legacy(py, |bits: &mut AnyBitGenerator, gauss: &mut Option<f64>| {
            let mut out = vec![0.0; total];
            if k > 0 {
                with_bit_generator!(bits, g => {
                    let mut state = Legacy::new(g, gauss);
                    for row in out.chunks_exact_mut(k) {
                        mv::dirichlet_by_gammas(&mut state, &alpha, row);
                    }
                });
            }
            out
        });
        array_result(py, out, &shape)
    }
}
