//! `multivariate_normal` of both APIs. The bindings take NumPy's arguments apart in NumPy's
//! order, draw the standard normals as `standard_normal` draws them, and leave the linear
//! algebra (factorization, check, product) to
//! [`numoxide_linalg::multivariate_normal_transform`].

use super::params::{array_result, size_arg};
use super::{Generator, RandomState};
use crate::convert::array_from_py;
use crate::errors::{to_py_err, IntoPy};
use crate::ndarray::PyNdArray;
use numoxide::{DType, Error, Kind, NdArray};
use numoxide_linalg::{
    multivariate_normal_size, multivariate_normal_transform, CovFactorization, MvnRecipe,
    NOT_PSD_MESSAGE,
};
use numoxide_random::distributions::legacy::{self, Legacy};
use numoxide_random::distributions::ziggurat;
use numoxide_random::{with_bit_generator, AnyBitGenerator};
use pyo3::exceptions::{PyRuntimeWarning, PyTypeError};
use pyo3::prelude::*;
use std::ffi::CString;

/// `numpy.array(obj)`: an array keeping the object's dtype.
fn as_array(obj: &Bound<'_, PyAny>) -> PyResult<NdArray> {
    match obj.cast::<PyNdArray>() {
        Ok(a) => Ok(a.borrow().array.clone()),
        Err(_) => array_from_py(obj, None),
    }
}

/// The values of an array as float64 (`astype(np.double)`; a complex array keeps its real
/// parts).
fn float_values(a: &NdArray) -> Vec<f64> {
    a.astype(DType::Float64, numoxide::Order::C).to_vec::<f64>()
}

/// The leading shape NumPy builds from `size`: none for None, `[size]` for an integer, else
/// `list(size[:])` (which fails for an object that cannot be sliced).
fn leading_shape(size: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<usize>> {
    let Some(size) = size.filter(|s| !s.is_none()) else {
        return Ok(Vec::new());
    };
    if size.extract::<i64>().is_err() && !size.hasattr("__getitem__")? {
        return Err(PyTypeError::new_err(format!(
            "'{}' object is unsliceable",
            size.get_type().name()?
        )));
    }
    size_arg(size)
}

/// The output's shape `size + (n,)`, after NumPy's checks of mean, cov and size, in its
/// order.
fn output_shape(
    mean: &NdArray,
    cov: &NdArray,
    size: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<usize>> {
    let n = multivariate_normal_size(mean.shape(), cov.shape()).py()?;
    let mut shape = leading_shape(size)?;
    shape.push(n);
    Ok(shape)
}

/// NumPy's `check_valid`, which it compares with three names: any other object (None
/// included) is invalid, as an unknown string is.
struct CheckValid(String);

impl<'a, 'py> FromPyObject<'a, 'py> for CheckValid {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(CheckValid(obj.extract::<String>().unwrap_or_default()))
    }
}

/// The transform of float64 copies of `mean` and `cov`, with NumPy's warning for a
/// covariance that fails the check.
fn transform(
    py: Python<'_>,
    normals: &[f64],
    mean: &NdArray,
    cov: &NdArray,
    recipe: MvnRecipe,
    check_valid: &str,
    tol: f64,
) -> PyResult<Vec<f64>> {
    let (mean, cov) = (float_values(mean), float_values(cov));
    let samples = py
        .detach(|| multivariate_normal_transform(normals, &mean, &cov, recipe, check_valid, tol))
        .py()?;
    if samples.psd == Some(false) {
        let category = py.get_type::<PyRuntimeWarning>();
        PyErr::warn(py, &category, &CString::new(NOT_PSD_MESSAGE)?, 1)?;
    }
    Ok(samples.values)
}

#[pymethods]
impl Generator {
    #[pyo3(
        signature = (mean, cov, size = None, check_valid = CheckValid("warn".into()), tol = 1e-8, *, method = "svd"),
        text_signature = "($self, mean, cov, size=None, check_valid=\"warn\", tol=1e-8, *, method=\"svd\")"
    )]
    #[allow(clippy::too_many_arguments)]
    fn multivariate_normal(
        &self,
        py: Python<'_>,
        mean: &Bound<'_, PyAny>,
        cov: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
        check_valid: CheckValid,
        tol: f64,
        method: &str,
    ) -> PyResult<Py<PyAny>> {
        let method = CovFactorization::parse(method).py()?;
        let (mean, cov) = (as_array(mean)?, as_array(cov)?);
        if mean.dtype().kind() == Kind::Complex || cov.dtype().kind() == Kind::Complex {
            return Err(PyTypeError::new_err("mean and cov must not be complex"));
        }
        let shape = output_shape(&mean, &cov, size)?;
        let len = shape.iter().product();
        let normals = self.draw(py, |bits: &mut AnyBitGenerator| {
            with_bit_generator!(bits, g => {
                (0..len).map(|_| ziggurat::standard_normal(g)).collect::<Vec<f64>>()
            })
        });
        let values = transform(
            py,
            &normals,
            &mean,
            &cov,
            MvnRecipe::Generator(method),
            &check_valid.0,
            tol,
        )?;
        array_result(py, values, &shape)
    }
}

#[pymethods]
impl RandomState {
    #[pyo3(
        signature = (mean, cov, size = None, check_valid = CheckValid("warn".into()), tol = 1e-8),
        text_signature = "($self, mean, cov, size=None, check_valid=\"warn\", tol=1e-8)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn multivariate_normal(
        &self,
        py: Python<'_>,
        mean: &Bound<'_, PyAny>,
        cov: &Bound<'_, PyAny>,
        size: Option<&Bound<'_, PyAny>>,
        check_valid: CheckValid,
        tol: f64,
    ) -> PyResult<Py<PyAny>> {
        let (mean, cov) = (as_array(mean)?, as_array(cov)?);
        let shape = output_shape(&mean, &cov, size)?;
        let len = shape.iter().product();
        let normals =
            self.draw_legacy(py, |bits: &mut AnyBitGenerator, gauss: &mut Option<f64>| {
                with_bit_generator!(bits, concrete => {
                    let mut g = Legacy::new(concrete, gauss);
                    (0..len).map(|_| legacy::gauss(&mut g)).collect::<Vec<f64>>()
                })
            });
        if cov.dtype().kind() == Kind::Complex {
            // NumPy's `cov.astype(np.double)` keeps the real parts, with a ComplexWarning.
            let category = py
                .import("numoxide.exceptions")?
                .getattr("ComplexWarning")?;
            let message = c"Casting complex values to real discards the imaginary part";
            PyErr::warn(py, &category, message, 1)?;
        }
        let values = transform(
            py,
            &normals,
            &mean,
            &cov,
            MvnRecipe::Legacy,
            &check_valid.0,
            tol,
        )?;
        if mean.dtype().kind() == Kind::Complex {
            // `x += mean` cannot store complex sums in the float64 samples.
            return Err(to_py_err(Error::UFuncOutputCasting(
                "Cannot cast ufunc 'add' output from dtype('complex128') to dtype('float64') \
                 with casting rule 'same_kind'"
                    .into(),
            )));
        }
        array_result(py, values, &shape)
    }
}
