//! NumPy's `svd(a, hermitian=True)`: the SVD of a Hermitian matrix read off its
//! eigendecomposition, singular values |w| in descending order.
//!
//! NumPy does not check that the input is Hermitian: eigh reads the lower triangle only
//! (UPLO='L'), so any square matrix is taken as the Hermitian matrix that its lower
//! triangle and the real part of its diagonal define.

use crate::batch::{batch_shape, map_matrices};
use crate::decomp::{collect, hermitian_eigen, stack_svd, EIGENVALUES_FAILED};
use crate::lu::with_compute_type;
use crate::matmul::cast;
use crate::types::{check_square, common_type, Scalar};
use faer::{Mat, MatRef, Side};
use numoxide::{DType, NdArray, Result};

/// The order in which eigenvalues `w` become singular values: |w| descending. NumPy
/// reverses an ascending argsort, so equal moduli come later index first, as reversing a
/// stable sort gives. (NumPy's SIMD argsort, e.g. on AVX-512, is not stable, so for
/// exactly equal moduli its order can differ: a freedom of the SVD itself.) NaN sorts
/// last in the ascending sort, hence first here, as in NumPy.
fn descending_modulus_order(w: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..w.len()).collect();
    order.sort_by(|&i, &j| w[i].abs().total_cmp(&w[j].abs()));
    order.reverse();
    order
}

/// One matrix's U and Vh from its eigenvectors `v` (columns) and eigenvalues `w`, given
/// the singular-value order: U holds the eigenvectors in that order and Vh = (U sign(w))^H,
/// since the singular values drop the eigenvalues' signs. The sign is copysign's, so -0.0
/// counts as negative, as in NumPy.
fn u_and_vh<T: Scalar>(w: &[f64], order: &[usize], v: MatRef<'_, T>) -> (Mat<T>, Mat<T>) {
    let n = w.len();
    let u = Mat::from_fn(n, n, |i, j| v[(i, order[j])]);
    let vh = Mat::from_fn(n, n, |i, j| {
        u[(j, i)].scale(1f64.copysign(w[order[i]])).conj()
    });
    (u, vh)
}

/// NumPy's `svd(a, hermitian=True)`: `(U, S, Vh)` through eigh, U and Vh square whatever
/// `full_matrices` says, or S alone through eigvalsh without `compute_uv`.
pub(crate) fn svd_hermitian(
    a: &NdArray,
    compute_uv: bool,
) -> Result<(NdArray, Option<(NdArray, NdArray)>)> {
    check_square(a)?;
    let types = common_type(&[a])?;
    let x = cast(a, types.compute);
    let n = a.shape()[a.ndim() - 1];
    let batch = batch_shape(a);
    with_compute_type!(types.compute, T => {
        let results = map_matrices::<T, _>(&x, |_, m, par| {
            let (w, v) = hermitian_eigen(m, Side::Lower, compute_uv, par)?;
            let order = descending_modulus_order(&w);
            let s: Vec<f64> = order.iter().map(|&k| w[k].abs()).collect();
            Some((s, v.map(|v| u_and_vh(&w, &order, v.as_ref()))))
        });
        let results = collect(results, EIGENVALUES_FAILED)?;
        stack_svd(results, batch, types, compute_uv, [n; 5])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::misc::{matrix_rank, pinv};
    use numoxide::Error;

    fn arr(v: &[f64], shape: &[usize]) -> NdArray {
        NdArray::from_vec(v.to_vec(), shape).unwrap()
    }

    fn assert_close(got: &[f64], want: &[f64]) {
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() < 1e-12, "{got:?} != {want:?}");
        }
    }

    /// (U * s) @ Vh for one n x n matrix given as flat row-major values.
    fn reconstruct(u: &[f64], s: &[f64], vh: &[f64]) -> Vec<f64> {
        let n = s.len();
        (0..n * n)
            .map(|ij| {
                (0..n)
                    .map(|k| u[ij / n * n + k] * s[k] * vh[k * n + ij % n])
                    .sum()
            })
            .collect()
    }

    #[test]
    fn singular_values_are_moduli_descending_ties_later_index_first() {
        // eigh's ascending -2, -1, 1, 2 become 2 (index 3), 2 (index 0), 1, 1, as NumPy's.
        assert_eq!(
            descending_modulus_order(&[-2.0, -1.0, 1.0, 2.0]),
            [3, 0, 2, 1]
        );
        assert_eq!(descending_modulus_order(&[f64::NAN, 1.0]), [0, 1]);
    }

    #[test]
    fn signs_of_eigenvalues_move_into_vh() {
        let a = arr(&[1.0, 0.0, 0.0, 0.0, -1.0, 0.0, 0.0, 0.0, -3.0], &[3, 3]);
        let (s, uv) = svd_hermitian(&a, true).unwrap();
        let (u, vh) = uv.unwrap();
        assert_close(&s.to_vec::<f64>(), &[3.0, 1.0, 1.0]);
        let (u, vh) = (u.to_vec::<f64>(), vh.to_vec::<f64>());
        assert_close(
            &reconstruct(&u, &s.to_vec::<f64>(), &vh),
            &a.to_vec::<f64>(),
        );
        // Vh's first row is minus U's first column: the eigenvalue -3 lost its sign.
        assert_close(&[vh[0], vh[1], vh[2]], &[-u[0], -u[3], -u[6]]);
    }

    #[test]
    fn only_the_lower_triangle_is_read() {
        let lower = arr(&[2.0, 99.0, 1.0, 3.0], &[2, 2]);
        let hermitian = arr(&[2.0, 1.0, 1.0, 3.0], &[2, 2]);
        let (s, uv) = svd_hermitian(&lower, true).unwrap();
        let (want, _) = svd_hermitian(&hermitian, false).unwrap();
        assert_close(&s.to_vec::<f64>(), &want.to_vec::<f64>());
        let (u, vh) = uv.unwrap();
        let recon = reconstruct(&u.to_vec::<f64>(), &s.to_vec::<f64>(), &vh.to_vec::<f64>());
        assert_close(&recon, &hermitian.to_vec::<f64>());
        let inverse = pinv(&lower, 1e-15, true).unwrap().to_vec::<f64>();
        assert_close(&inverse, &[0.6, -0.2, -0.2, 0.4]);
    }

    #[test]
    fn singular_matrices_have_rank_and_pseudo_inverse_of_their_range() {
        // diag(2, 0, -4): rank 2, pseudo-inverse diag(1/2, 0, -1/4).
        let a = arr(&[2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -4.0], &[3, 3]);
        assert_eq!(
            matrix_rank(&a, None, None, true).unwrap().to_vec::<i64>(),
            [2]
        );
        let inverse = pinv(&a, 1e-15, true).unwrap().to_vec::<f64>();
        assert_close(&inverse, &[0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -0.25]);
    }

    #[test]
    fn non_square_input_fails_eighs_check() {
        let a = arr(&[1.0; 6], &[2, 3]);
        let square = Error::LinAlg("Last 2 dimensions of the array must be square".into());
        assert_eq!(svd_hermitian(&a, true).unwrap_err(), square);
        assert_eq!(pinv(&a, 1e-15, true).unwrap_err(), square);
    }

    #[test]
    fn single_precision_in_single_precision_out() {
        let a = cast(&arr(&[1.0, 2.0, 2.0, 1.0], &[1, 2, 2]), DType::Float32);
        let (s, uv) = svd_hermitian(&a, true).unwrap();
        let (u, vh) = uv.unwrap();
        assert_eq!(
            (s.dtype(), u.dtype(), vh.dtype()),
            (DType::Float32, DType::Float32, DType::Float32)
        );
        assert_eq!((s.shape(), u.shape()), (&[1, 2][..], &[1, 2, 2][..]));
        assert_close(&s.to_vec::<f64>(), &[3.0, 1.0]);
    }
}
