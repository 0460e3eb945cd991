//! The factorizations: cholesky, qr, eigh/eigvalsh, svd/svdvals and eig/eigvals, on stacks
//! of matrices, computed in float64/complex128 and returned in NumPy's dtypes with NumPy's
//! conventions (ascending eigh eigenvalues, descending singular values, `Vh` not `V`,
//! unit-norm eigenvectors, eig real when every eigenvalue is).

use crate::batch::{batch_shape, from_matrices, from_vectors, map_matrices, threads_from};
use crate::hermitian_svd::svd_hermitian;
use crate::lu::with_compute_type;
use crate::matmul::cast;
use crate::types::{check_2d, check_square, common_type, LinalgTypes, Scalar};
use faer::diag::Diag;
use faer::dyn_stack::{MemBuffer, MemStack};
use faer::linalg::evd::{self, ComputeEigenvectors};
use faer::{Mat, MatRef, Par, Side};
use num_complex::Complex;
use numoxide::{DType, Error, NdArray, Result};

/// faer's threaded Hermitian eigensolver is slower than one core below about this order
/// (measured here: 256 ran faster on one core, 512 on two).
const EIGEN_PARALLEL_DIM: usize = 384;

/// The LinAlgError text of eigh and eig when the eigensolver fails.
pub(crate) const EIGENVALUES_FAILED: &str = "Eigenvalues did not converge";

/// The per-matrix results, or a LinAlgError with `error` when any matrix failed.
pub(crate) fn collect<R>(results: Vec<Option<R>>, error: &str) -> Result<Vec<R>> {
    results
        .into_iter()
        .collect::<Option<Vec<R>>>()
        .ok_or_else(|| Error::LinAlg(error.into()))
}

fn last_two(a: &NdArray) -> (usize, usize) {
    (a.shape()[a.ndim() - 2], a.shape()[a.ndim() - 1])
}

/// The conjugate transpose of a matrix, owned.
fn adjoint<T: Scalar>(m: MatRef<'_, T>) -> Mat<T> {
    Mat::from_fn(m.ncols(), m.nrows(), |i, j| m[(j, i)].conj())
}

/// NumPy's `cholesky`: the lower factor `L` with `A = L L^H` (read from the lower
/// triangle), or its conjugate transpose when `upper`.
pub fn cholesky(a: &NdArray, upper: bool) -> Result<NdArray> {
    check_square(a)?;
    let types = common_type(&[a])?;
    let x = cast(a, types.compute);
    let n = a.shape()[a.ndim() - 1];
    with_compute_type!(types.compute, T => {
        let factors = map_matrices::<T, _>(&x, |_, m, _| {
            if n == 0 {
                return Some(Mat::zeros(0, 0));
            }
            let l = m.llt(Side::Lower).ok()?.L().to_owned();
            Some(if upper { adjoint(l.as_ref()) } else { l })
        });
        let factors = collect(factors, "Matrix is not positive definite")?;
        Ok(cast(&from_matrices(&factors, batch_shape(a), n, n)?, types.result))
    })
}

/// What `qr` returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QrMode {
    /// Q (m, k) and R (k, n), k = min(m, n).
    Reduced,
    /// Q (m, m) and R (m, n).
    Complete,
    /// R (k, n) alone.
    R,
}

impl QrMode {
    pub fn parse(mode: &str) -> Result<QrMode> {
        match mode {
            "reduced" => Ok(QrMode::Reduced),
            "complete" => Ok(QrMode::Complete),
            "r" => Ok(QrMode::R),
            _ => Err(Error::value(format!("Unrecognized mode '{mode}'"))),
        }
    }
}

/// NumPy's `qr`: `(Q, R)`, or `(None, R)` in mode 'r'.
pub fn qr(a: &NdArray, mode: QrMode) -> Result<(Option<NdArray>, NdArray)> {
    check_2d(a)?;
    let types = common_type(&[a])?;
    let x = cast(a, types.compute);
    let (m, n) = last_two(a);
    let k = m.min(n);
    let batch = batch_shape(a);
    let (q_cols, r_rows) = if mode == QrMode::Complete {
        (m, m)
    } else {
        (k, k)
    };
    with_compute_type!(types.compute, T => {
        let pairs = map_matrices::<T, _>(&x, |_, a, _| {
            let qr = a.qr();
            let r = Mat::from_fn(r_rows, n, |i, j| if i <= j && i < k { qr.R()[(i, j)] } else { T::from_real(0.0) });
            let q = match mode {
                QrMode::Reduced => Some(qr.compute_thin_Q()),
                QrMode::Complete => Some(qr.compute_Q()),
                QrMode::R => None,
            };
            (q, r)
        });
        let (qs, rs): (Vec<Option<Mat<T>>>, Vec<Mat<T>>) = pairs.into_iter().unzip();
        let r = cast(&from_matrices(&rs, batch, r_rows, n)?, types.result);
        let q = match qs.into_iter().collect::<Option<Vec<_>>>() {
            Some(qs) => Some(cast(&from_matrices(&qs, batch, m, q_cols)?, types.result)),
            None => None,
        };
        Ok((q, r))
    })
}

/// Which triangle of a Hermitian matrix is read.
fn side(uplo: &str) -> Result<Side> {
    match uplo {
        "L" | "l" => Ok(Side::Lower),
        "U" | "u" => Ok(Side::Upper),
        _ => Err(Error::value("UPLO argument must be 'L' or 'U'")),
    }
}

/// The Hermitian matrix whose `side` triangle is `m`'s, the diagonal taken real (LAPACK
/// reads only that triangle and ignores the diagonal's imaginary parts).
fn hermitian_from<T: Scalar>(m: MatRef<'_, T>, side: Side) -> Mat<T> {
    Mat::from_fn(m.nrows(), m.ncols(), |i, j| {
        let stored = match side {
            Side::Lower => i >= j,
            Side::Upper => i <= j,
        };
        if i == j {
            T::from_real(m[(i, i)].real())
        } else if stored {
            m[(i, j)]
        } else {
            m[(j, i)].conj()
        }
    })
}

/// One matrix's ascending real eigenvalues and, with `vectors`, its unit eigenvectors as
/// columns, reading only the `side` triangle of `m` (square); None when faer fails.
pub(crate) fn hermitian_eigen<T: Scalar>(
    m: MatRef<'_, T>,
    side: Side,
    vectors: bool,
    par: Par,
) -> Option<(Vec<f64>, Option<Mat<T>>)> {
    let n = m.nrows();
    if n == 0 {
        return Some((vec![], vectors.then(|| Mat::zeros(0, 0))));
    }
    let m = hermitian_from(m, side);
    let par = threads_from(par, n, EIGEN_PARALLEL_DIM);
    let compute = if vectors {
        ComputeEigenvectors::Yes
    } else {
        ComputeEigenvectors::No
    };
    let mut w = Diag::<T>::zeros(n);
    let mut u = vectors.then(|| Mat::<T>::zeros(n, n));
    let scratch = evd::self_adjoint_evd_scratch::<T>(n, compute, par, Default::default());
    evd::self_adjoint_evd(
        m.as_ref(),
        w.as_mut(),
        u.as_mut().map(|u| u.as_mut()),
        par,
        MemStack::new(&mut MemBuffer::new(scratch)),
        Default::default(),
    )
    .ok()?;
    let w = (0..n).map(|i| w.column_vector()[i].real()).collect();
    Some((w, u))
}

/// NumPy's `eigh` (`vectors`) or `eigvalsh`: ascending real eigenvalues and the unit
/// eigenvectors as columns, reading one triangle.
pub fn eigh(a: &NdArray, uplo: &str, vectors: bool) -> Result<(NdArray, Option<NdArray>)> {
    check_square(a)?;
    let side = side(uplo)?;
    let types = common_type(&[a])?;
    let x = cast(a, types.compute);
    let n = a.shape()[a.ndim() - 1];
    let batch = batch_shape(a);
    with_compute_type!(types.compute, T => {
        let results = map_matrices::<T, _>(&x, |_, m, par| hermitian_eigen(m, side, vectors, par));
        let results = collect(results, EIGENVALUES_FAILED)?;
        let (ws, vs): (Vec<Vec<f64>>, Vec<Option<Mat<T>>>) = results.into_iter().unzip();
        let w = cast(&from_vectors(ws, batch, n)?, types.real_result());
        let v = match vs.into_iter().collect::<Option<Vec<_>>>() {
            Some(vs) if vectors => Some(cast(&from_matrices(&vs, batch, n, n)?, types.result)),
            _ => None,
        };
        Ok((w, v))
    })
}

/// NumPy's `svd`: `(U, S, Vh)` with descending singular values (`full_matrices` gives
/// square U and Vh), or `S` alone when `compute_uv` is false; `hermitian` reads the SVD
/// off eigh of the lower triangle instead (see `hermitian_svd`).
pub fn svd(
    a: &NdArray,
    full_matrices: bool,
    compute_uv: bool,
    hermitian: bool,
) -> Result<(NdArray, Option<(NdArray, NdArray)>)> {
    if hermitian {
        return svd_hermitian(a, compute_uv);
    }
    check_2d(a)?;
    let types = common_type(&[a])?;
    let x = cast(a, types.compute);
    let (m, n) = last_two(a);
    let k = m.min(n);
    let batch = batch_shape(a);
    let (u_cols, v_rows) = if full_matrices { (m, n) } else { (k, k) };
    with_compute_type!(types.compute, T => {
        let results = map_matrices::<T, _>(&x, |_, mat, _| {
            if k == 0 {
                // No singular values: U and Vh are identities (of zero size when thin).
                let uv = (Mat::identity(m, u_cols), Mat::identity(v_rows, n));
                return Some((vec![], compute_uv.then_some(uv)));
            }
            if !compute_uv {
                return Some((mat.singular_values().ok()?, None));
            }
            let svd = if full_matrices { mat.svd() } else { mat.thin_svd() }.ok()?;
            let s: Vec<f64> = (0..k).map(|i| svd.S().column_vector()[i].real()).collect();
            Some((s, Some((svd.U().to_owned(), adjoint(svd.V())))))
        });
        let results = collect(results, "SVD did not converge")?;
        stack_svd(results, batch, types, compute_uv, [k, m, u_cols, v_rows, n])
    })
}

/// One matrix's singular values, and its U and Vh when they were asked for.
pub(crate) type SvdParts<T> = (Vec<f64>, Option<(Mat<T>, Mat<T>)>);

/// The SVD's arrays from each matrix's parts, stacked over `batch` in NumPy's dtypes: `k`
/// singular values and, with `compute_uv`, U of `m x u_cols` and Vh of `v_rows x n`.
pub(crate) fn stack_svd<T: Scalar>(
    parts: Vec<SvdParts<T>>,
    batch: &[usize],
    types: LinalgTypes,
    compute_uv: bool,
    [k, m, u_cols, v_rows, n]: [usize; 5],
) -> Result<(NdArray, Option<(NdArray, NdArray)>)> {
    let (ss, uvs): (Vec<_>, Vec<_>) = parts.into_iter().unzip();
    let s = cast(&from_vectors(ss, batch, k)?, types.real_result());
    if !compute_uv {
        return Ok((s, None));
    }
    let (us, vhs): (Vec<Mat<T>>, Vec<Mat<T>>) = uvs.into_iter().flatten().unzip();
    let u = cast(&from_matrices(&us, batch, m, u_cols)?, types.result);
    let vh = cast(&from_matrices(&vhs, batch, v_rows, n)?, types.result);
    Ok((s, Some((u, vh))))
}

/// A unit eigenvector with its largest component real, as LAPACK's geev returns them.
fn normalized(v: Vec<Complex<f64>>) -> Vec<Complex<f64>> {
    let norm = v.iter().map(|z| z.norm_sqr()).sum::<f64>().sqrt();
    let largest = v.iter().copied().fold(Complex::new(0.0, 0.0), |best, z| {
        if z.norm_sqr() > best.norm_sqr() {
            z
        } else {
            best
        }
    });
    let phase = if largest.norm() > 0.0 {
        largest.conj() / largest.norm()
    } else {
        Complex::new(1.0, 0.0)
    };
    v.into_iter().map(|z| z * phase / norm).collect()
}

/// NumPy's `eig` (`vectors`) or `eigvals`: eigenvalues and unit eigenvectors (columns) of a
/// general matrix. Real input gives a real result when every eigenvalue is real.
pub fn eig(a: &NdArray, vectors: bool) -> Result<(NdArray, Option<NdArray>)> {
    check_square(a)?;
    let types = common_type(&[a])?;
    let x = cast(a, types.compute);
    if !crate::ops::all_finite(&x)? {
        return Err(Error::LinAlg("Array must not contain infs or NaNs".into()));
    }
    let n = a.shape()[a.ndim() - 1];
    let batch = batch_shape(a);
    let results = with_compute_type!(types.compute, T => {
        map_matrices::<T, _>(&x, |_, m, _| {
            if n == 0 {
                return Some((vec![], vectors.then(Vec::new)));
            }
            let evd = m.eigen().ok()?;
            let w: Vec<Complex<f64>> = (0..n).map(|i| evd.S().column_vector()[i]).collect();
            let v = vectors.then(|| {
                (0..n).map(|j| normalized((0..n).map(|i| evd.U()[(i, j)]).collect())).collect::<Vec<_>>()
            });
            Some((w, v))
        })
    });
    let results = collect(results, EIGENVALUES_FAILED)?;
    let all_real = types.compute == DType::Float64
        && results.iter().all(|(w, _)| w.iter().all(|z| z.im == 0.0));
    let complex_result = match types.result {
        DType::Float32 | DType::Complex64 => DType::Complex64,
        _ => DType::Complex128,
    };
    let out_dtype = if all_real {
        types.result
    } else {
        complex_result
    };
    let (ws, vs): (Vec<_>, Vec<_>) = results.into_iter().unzip();
    let w = cast(&from_vectors(ws, batch, n)?, out_dtype);
    let v = match vs.into_iter().collect::<Option<Vec<_>>>() {
        Some(vs) if vectors => {
            let mats: Vec<Mat<Complex<f64>>> = vs
                .into_iter()
                .map(|cols| Mat::from_fn(n, n, |i, j| cols[j][i]))
                .collect();
            Some(cast(&from_matrices(&mats, batch, n, n)?, out_dtype))
        }
        _ => None,
    };
    Ok((w, v))
}
