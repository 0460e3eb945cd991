//! The linear algebra of `numpy.random`'s `multivariate_normal`: from standard normals to
//! samples with a given mean and covariance, for both of NumPy's APIs.
//!
//! NumPy draws `z`, an `m x n` matrix of standard normals (one row per sample), factors the
//! covariance as `cov = A^T A` and returns `mean + z A`. Which factor, and so which samples,
//! depends on the API:
//!
//! - `RandomState` (legacy): `A = sqrt(s)[:, None] * vh` from `(u, s, vh) = svd(cov)`,
//!   product `numpy.dot(z, A)`, then `+= mean`.
//! - `Generator`: `A^T = u * sqrt(s)` from the SVD (`method='svd'`, the default),
//!   `u * sqrt(abs(w))` from `(w, u) = eigh(cov)` (`'eigh'`), or the Cholesky factor `L`
//!   (`'cholesky'`); samples `mean + z @ A`.
//!
//! Before the product the covariance is checked for positive semi-definiteness unless
//! `check_valid` is `'ignore'` (the Cholesky method never checks; its factorization fails
//! instead): with the SVD, `vh.T * s @ vh` must be close to `cov`; with `eigh`, no eigenvalue
//! may be below `-tol`.
//!
//! # Bit-identical to NumPy
//! The SVD's signs and the products' rounding decide the samples' last bits. The SVD is
//! [`crate::lapack_svd`] (LAPACK `dgesdd`'s choices), the Cholesky factor
//! [`crate::lapack_cholesky`] (OpenBLAS's `dpotrf`), the products follow OpenBLAS's kernels
//! ([`crate::blas_order`]). With NumPy 2.4 on OpenBLAS's SkylakeX kernels the samples are
//! identical for `n <= 25` with the SVD (both APIs) and for `n <= 31` with Cholesky. For
//! larger `n` the SVD's vectors may differ in sign from LAPACK's divide and conquer, so the
//! samples differ while having the same distribution. The `eigh` method uses faer's
//! symmetric eigensolver, which is as accurate as LAPACK's `dsyevd` but not identical: its
//! eigenvectors may differ in sign and last bits.

use crate::blas_order::{numpy_dot, numpy_matmul_transposed};
use crate::lapack_cholesky::cholesky_lower;
use crate::lapack_svd::{svd_square, Svd, LAPACK_EXACT_MAX_N};
use faer::{Mat, Par, Side};
use numoxide::{Error, Result};

/// How the `Generator` factors the covariance (its `method=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CovFactorization {
    /// `'svd'`: `u * sqrt(s)`.
    Svd,
    /// `'eigh'`: `u * sqrt(abs(w))`.
    Eigh,
    /// `'cholesky'`: the lower Cholesky factor.
    Cholesky,
}

impl CovFactorization {
    /// The `method=` argument, with NumPy's message for anything else.
    pub fn parse(method: &str) -> Result<CovFactorization> {
        match method {
            "svd" => Ok(CovFactorization::Svd),
            "eigh" => Ok(CovFactorization::Eigh),
            "cholesky" => Ok(CovFactorization::Cholesky),
            _ => Err(Error::value(
                "method must be one of {'eigh', 'svd', 'cholesky'}",
            )),
        }
    }
}

/// Which of NumPy's two recipes to follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MvnRecipe {
    /// `RandomState.multivariate_normal` (and `numpy.random.multivariate_normal`).
    Legacy,
    /// `Generator.multivariate_normal` with its `method=`.
    Generator(CovFactorization),
}

/// What [`multivariate_normal_transform`] returns.
#[derive(Clone, Debug, PartialEq)]
pub struct MvnSamples {
    /// The samples, row-major `m x n` (NumPy then reshapes them to `size + (n,)`).
    pub values: Vec<f64>,
    /// Whether the covariance passed the positive-semidefinite check; `None` when it was not
    /// checked (`check_valid='ignore'`, or the Cholesky method). `Some(false)` comes only with
    /// `check_valid='warn'`, where NumPy emits a RuntimeWarning with [`NOT_PSD_MESSAGE`].
    pub psd: Option<bool>,
}

/// NumPy's text for a covariance that fails the check (a RuntimeWarning with
/// `check_valid='warn'`, a ValueError with `'raise'`).
pub const NOT_PSD_MESSAGE: &str = "covariance is not symmetric positive-semidefinite.";

/// The length `n` of the samples, after NumPy's checks of the shapes of `mean` and `cov`
/// (made before anything is drawn).
pub fn multivariate_normal_size(mean_shape: &[usize], cov_shape: &[usize]) -> Result<usize> {
    let [n] = mean_shape else {
        return Err(Error::value("mean must be 1 dimensional"));
    };
    if !matches!(cov_shape, [r, c] if r == c) {
        return Err(Error::value("cov must be 2 dimensional and square"));
    }
    if cov_shape[0] != *n {
        return Err(Error::value("mean and cov must have same length"));
    }
    Ok(*n)
}

/// The samples `mean + z A` of NumPy's `multivariate_normal` from the standard normals `z`
/// (row-major, `normals.len() / n` rows, drawn as NumPy draws them), the covariance `cov`
/// (row-major `n x n`, already float64) and the arguments `check_valid` and `tol`.
///
/// Errors as NumPy's, in its order: no columns (`n == 0`: NumPy cannot reshape the normals),
/// a failed factorization (LinAlgError), a `check_valid` other than `'warn'`, `'raise'` or
/// `'ignore'` (checked only when a check is due), and with `'raise'` a covariance that fails
/// the check.
/// A `cov` that is not `n x n`, or normals that do not fill whole rows, is a ValueError.
pub fn multivariate_normal_transform(
    normals: &[f64],
    mean: &[f64],
    cov: &[f64],
    recipe: MvnRecipe,
    check_valid: &str,
    tol: f64,
) -> Result<MvnSamples> {
    let n = mean.len();
    if n == 0 {
        return Err(Error::value(
            "cannot reshape array of size 0 into shape (0)",
        ));
    }
    if cov.len() != n * n {
        return Err(Error::value("cov must be 2 dimensional and square"));
    }
    if !normals.len().is_multiple_of(n) {
        return Err(Error::value(
            "the normals must fill whole rows of the mean's length",
        ));
    }
    let m = normals.len() / n;
    let method = match recipe {
        MvnRecipe::Legacy => CovFactorization::Svd,
        MvnRecipe::Generator(method) => method,
    };
    let factor = Factor::of(cov, n, method)?;
    let psd = if check_valid == "ignore" || method == CovFactorization::Cholesky {
        None
    } else if check_valid == "warn" || check_valid == "raise" {
        let psd = factor.passes_check(cov, n, tol);
        if !psd && check_valid == "raise" {
            return Err(Error::value(NOT_PSD_MESSAGE));
        }
        Some(psd)
    } else {
        return Err(Error::value(
            "check_valid must equal 'warn', 'raise', or 'ignore'",
        ));
    };
    let mut values = match (recipe, &factor) {
        (MvnRecipe::Legacy, Factor::Svd(svd)) => {
            // sqrt(s)[:, None] * vh: row k scaled by sqrt(s[k]).
            let a: Vec<f64> = (0..n * n)
                .map(|p| svd.s[p / n].sqrt() * svd.vh[p])
                .collect();
            numpy_dot(normals, m, &a, n)
        }
        _ => numpy_matmul_transposed(normals, m, &factor.generator_columns(n), n),
    };
    for row in values.chunks_exact_mut(n) {
        for (v, &mu) in row.iter_mut().zip(mean) {
            *v += mu;
        }
    }
    Ok(MvnSamples { values, psd })
}

/// A factorization of the covariance.
enum Factor {
    Svd(Svd),
    /// Eigenvalues (ascending) and eigenvectors as the columns of a row-major matrix.
    Eigh(Vec<f64>, Vec<f64>),
    /// The lower Cholesky factor, row-major.
    Cholesky(Vec<f64>),
}

impl Factor {
    fn of(cov: &[f64], n: usize, method: CovFactorization) -> Result<Factor> {
        match method {
            CovFactorization::Svd => svd_of(cov, n).map(Factor::Svd),
            CovFactorization::Eigh => {
                let (w, v) = eigh_lower(cov, n)?;
                Ok(Factor::Eigh(w, v))
            }
            CovFactorization::Cholesky => cholesky_lower(cov, n)
                .map(Factor::Cholesky)
                .map_err(|_| Error::LinAlg("Matrix is not positive definite".into())),
        }
    }

    /// NumPy's positive-semidefinite check: `allclose(vh.T * s @ vh, cov)` for the SVD,
    /// `not any(w < -tol)` for `eigh`.
    fn passes_check(&self, cov: &[f64], n: usize, tol: f64) -> bool {
        match self {
            Factor::Svd(svd) => {
                // (vh.T * s)[i, k] = vh[k, i] * s[k], then numpy.dot with vh.
                let scaled: Vec<f64> = (0..n * n)
                    .map(|p| svd.vh[(p % n) * n + p / n] * svd.s[p % n])
                    .collect();
                let back = numpy_dot(&scaled, n, &svd.vh, n);
                back.iter()
                    .zip(cov)
                    .all(|(&x, &y)| is_close(x, y, tol, tol))
            }
            Factor::Eigh(w, _) => !w.iter().any(|&v| v < -tol),
            Factor::Cholesky(_) => true,
        }
    }

    /// The Generator's factor `F` (row-major, samples are `mean + z @ F.T`).
    fn generator_columns(&self, n: usize) -> Vec<f64> {
        match self {
            Factor::Svd(svd) => (0..n * n).map(|p| svd.u[p] * svd.s[p % n].sqrt()).collect(),
            Factor::Eigh(w, v) => (0..n * n).map(|p| v[p] * w[p % n].abs().sqrt()).collect(),
            Factor::Cholesky(l) => l.clone(),
        }
    }
}

/// `numpy.isclose(x, y, rtol, atol)` for one pair: `|x - y| <= atol + rtol * |y|` with `y`
/// finite, or `x == y`.
fn is_close(x: f64, y: f64, rtol: f64, atol: f64) -> bool {
    ((x - y).abs() <= atol + rtol * y.abs() && y.is_finite()) || x == y
}

/// `numpy.linalg.svd(cov)`. LAPACK rejects a NaN ("SVD did not converge"); an infinity
/// passes its check and turns every singular value into NaN, which the samples inherit.
///
/// Up to `n = 25` the SVD is LAPACK's (signs included); beyond, LAPACK switches to divide and
/// conquer, whose signs [`svd_square`] does not follow either, so faer's faster SVD serves.
fn svd_of(cov: &[f64], n: usize) -> Result<Svd> {
    let failed = || Error::LinAlg("SVD did not converge".into());
    if cov.iter().any(|v| v.is_nan()) {
        return Err(failed());
    }
    if cov.iter().any(|v| v.is_infinite()) {
        return Ok(Svd {
            u: vec![f64::NAN; n * n],
            s: vec![f64::NAN; n],
            vh: vec![f64::NAN; n * n],
        });
    }
    if n <= LAPACK_EXACT_MAX_N {
        return svd_square(cov, n).ok_or_else(failed);
    }
    let svd = Mat::from_fn(n, n, |i, j| cov[i * n + j])
        .svd()
        .map_err(|_| failed())?;
    let (u, v) = (svd.U(), svd.V());
    Ok(Svd {
        u: (0..n * n).map(|p| u[(p / n, p % n)]).collect(),
        s: (0..n).map(|i| svd.S().column_vector()[i]).collect(),
        vh: (0..n * n).map(|p| v[(p % n, p / n)]).collect(),
    })
}

/// `numpy.linalg.eigh(cov)` (which reads the lower triangle): ascending eigenvalues and the
/// eigenvectors as columns (row-major). LAPACK turns a non-finite entry into NaN eigenpairs
/// (a 1x1 matrix is its own eigenvalue).
fn eigh_lower(cov: &[f64], n: usize) -> Result<(Vec<f64>, Vec<f64>)> {
    let lower = |i: usize, j: usize| {
        if i >= j {
            cov[i * n + j]
        } else {
            cov[j * n + i]
        }
    };
    if n == 1 {
        return Ok((vec![cov[0]], vec![1.0]));
    }
    if (0..n).any(|i| (0..=i).any(|j| !lower(i, j).is_finite())) {
        return Ok((vec![f64::NAN; n], vec![f64::NAN; n * n]));
    }
    let a = Mat::from_fn(n, n, lower);
    // One thread: faer's default would reach rayon's global pool, which a child made by
    // `fork` inherits without its threads.
    let (w, u) = crate::decomp::hermitian_eigen(a.as_ref(), Side::Lower, true, Par::Seq)
        .and_then(|(w, u)| Some((w, u?)))
        .ok_or_else(|| Error::LinAlg("Eigenvalues did not converge".into()))?;
    let v = (0..n * n).map(|p| u[(p / n, p % n)]).collect();
    Ok((w, v))
}

#[cfg(test)]
#[rustfmt::skip]
mod oracle_cases;
#[cfg(test)]
mod tests;
