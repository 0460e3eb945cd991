//! The lower Cholesky factor as `numpy.linalg.cholesky` computes it: LAPACK's `dpotrf` in
//! OpenBLAS, which for `n <= 32` runs its unblocked left-looking loop (`potf2`). Each column
//! takes a dot product of the row so far, a `dgemv` update of the column below the diagonal
//! and a scaling by the reciprocal of the pivot; with those three rounded as OpenBLAS's
//! kernels round them ([`crate::blas_order`]) the factor is NumPy's bit for bit for
//! `n <= 32`. Larger matrices take OpenBLAS's blocked algorithm, whose rounding this does not
//! follow (the factor is as accurate, not identical).
//!
//! Like LAPACK, only the lower triangle is read, and a pivot that is not positive stops the
//! factorization; a NaN compares false, so it runs on and fills the rest with NaN (NumPy
//! returns that factor without an error).

use crate::blas_order::{ddot_strided_self, gemv_n_row, XStride};

/// The row-major lower factor `l` of the symmetric matrix whose lower triangle `a`
/// (row-major `n x n`) holds, with `a = l l^T`; its upper triangle is zero.
///
/// `Err(j)` when the pivot of column `j` is not positive (NumPy's "Matrix is not positive
/// definite").
///
/// # Panics
/// Panics if `a.len() != n * n`.
pub(crate) fn cholesky_lower(a: &[f64], n: usize) -> Result<Vec<f64>, usize> {
    assert_eq!(
        a.len(),
        n * n,
        "cholesky_lower: matrix must have n*n entries"
    );
    let mut l = vec![0.0; n * n];
    for r in 0..n {
        l[r * n..=r * n + r].copy_from_slice(&a[r * n..=r * n + r]);
    }
    for j in 0..n {
        let row: Vec<f64> = l[j * n..j * n + j].to_vec();
        let pivot = l[j * n + j] - ddot_strided_self(&row);
        // `!(pivot > 0)` would also stop at NaN; LAPACK's test does not.
        if pivot <= 0.0 {
            return Err(j);
        }
        let pivot = pivot.sqrt();
        l[j * n + j] = pivot;
        let below = n - j - 1;
        if below == 0 {
            continue;
        }
        // The column below the pivot minus (rows below) x (row j), as `dgemv` with the
        // row as a strided x; rows of the multiple-of-four head go through its kernels.
        let head = below - below % 4;
        for (k, r) in (j + 1..n).enumerate() {
            let y = l[r * n + j];
            let updated = gemv_n_row(y, -1.0, |c| l[r * n + c], &row, k < head, XStride::Strided);
            l[r * n + j] = updated;
        }
        let scale = 1.0 / pivot;
        for r in j + 1..n {
            l[r * n + j] *= scale;
        }
    }
    Ok(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn product_llt(l: &[f64], n: usize) -> Vec<f64> {
        let mut out = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                out[i * n + j] = (0..n).map(|k| l[i * n + k] * l[j * n + k]).sum();
            }
        }
        out
    }

    #[test]
    fn factor_reproduces_the_matrix() {
        for n in 1..40 {
            // a = b b^T + n I with b a fixed pseudo-random matrix.
            let b: Vec<f64> = (0..n * n)
                .map(|k| ((k * 7919 % 101) as f64 - 50.0) / 37.0)
                .collect();
            let mut a = product_llt(&b, n);
            for i in 0..n {
                a[i * n + i] += n as f64;
            }
            let l = cholesky_lower(&a, n).unwrap();
            for r in 0..n {
                assert!(l[r * n + r] > 0.0);
                assert!(l[r * n + r + 1..(r + 1) * n].iter().all(|&v| v == 0.0));
            }
            let back = product_llt(&l, n);
            let scale = a.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
            for (x, y) in back.iter().zip(&a) {
                assert!((x - y).abs() <= 1e-13 * scale, "n = {n}: {x} vs {y}");
            }
        }
    }

    #[test]
    fn reads_the_lower_triangle_only() {
        let l = cholesky_lower(&[4.0, f64::NAN, 2.0, 5.0], 2).unwrap();
        assert_eq!(l, vec![2.0, 0.0, 1.0, 2.0]);
    }

    #[test]
    fn stops_at_the_first_non_positive_pivot() {
        assert_eq!(cholesky_lower(&[1.0, 0.0, 2.0, 1.0], 2), Err(1));
        assert_eq!(cholesky_lower(&[0.0], 1), Err(0));
        assert_eq!(cholesky_lower(&[-1.0, 0.0, 0.0, 1.0], 2), Err(0));
        assert_eq!(cholesky_lower(&[1.0, 0.0, f64::INFINITY, 1.0], 2), Err(1));
    }

    #[test]
    fn nan_runs_through_as_in_lapack() {
        let l = cholesky_lower(&[1.0, 0.0, f64::NAN, 1.0], 2).unwrap();
        assert_eq!(l[0], 1.0);
        assert!(l[2].is_nan() && l[3].is_nan());
        assert!(cholesky_lower(&[f64::NAN], 1).unwrap()[0].is_nan());
        assert_eq!(cholesky_lower(&[f64::INFINITY], 1), Ok(vec![f64::INFINITY]));
    }
}
