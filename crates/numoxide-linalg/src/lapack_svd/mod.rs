//! Singular value decomposition of a real square matrix that follows the
//! same sequence of algorithms as reference LAPACK's `dgesdd` with
//! `JOBZ = 'A'` (the routine behind `numpy.linalg.svd`).
//!
//! Singular vectors are only unique up to sign (and, for repeated singular
//! values, up to a rotation inside the repeated subspace). Code that must
//! reproduce NumPy's numbers bit for bit (e.g.
//! `numpy.random.multivariate_normal`, which feeds `vh` straight into the
//! samples) therefore needs the *same* choices LAPACK makes, not merely a
//! correct SVD. This module reproduces them for square matrices:
//!
//! 1. If the largest entry is outside `[2^-459, 2^459]` the matrix is scaled
//!    (as `dgesdd` does) and the singular values are unscaled at the end.
//! 2. Householder bidiagonalisation to upper bidiagonal form, one column
//!    reflector then one row reflector per step (`dgebd2`; `dgebrd` only
//!    switches to its blocked variant for `n > 128`). The reflector
//!    convention is `beta = -sign(alpha) * ||(alpha, x)||`.
//! 3. For `n <= 25` `dbdsdc` hands the bidiagonal matrix to `dlasdq`, which
//!    runs the implicit zero-shift / shifted QR iteration of `dbdsqr`
//!    (Demmel–Kahan), makes the singular values positive by negating rows of
//!    `Vᵀ`, and sorts them. `dlasdq` then re-sorts ascending and `dbdsdc`
//!    re-sorts descending; both passes are reproduced because for tied
//!    singular values they permute the vectors.
//! 4. The left reflectors are applied to `U` and the right reflectors to
//!    `Vᵀ` (`dormbr`, unblocked for `n <= 32`).
//!
//! For `n > 25` LAPACK's `dbdsdc` switches to divide and conquer. This module
//! still uses the QR iteration there: the decomposition is correct to working
//! precision, but the signs of the singular vectors are not guaranteed to
//! match NumPy.
//!
//! Signs are decided by rounding-level events (how many QR sweeps a
//! convergence test allows, the sign of a noise-level singular value), so the
//! BLAS-level arithmetic is reproduced too: `dnrm2` in x87 extended precision
//! ([`x87_norm`]), and the summation order / FMA use of OpenBLAS's x86-64
//! SkylakeX `dgemv`, `dger` and `drot` kernels ([`crate::blas_order`]).
//! Against NumPy 2.4 (OpenBLAS 0.3.31, SkylakeX kernels) results are
//! bit-identical for `n <= 25`, including matrices with repeated or zero
//! singular values. With another BLAS the decomposition is equally accurate
//! but near-degenerate cases may pick different signs.
//!
//! The steps live in [`reduction`] (reflectors, bidiagonalisation, applying
//! the reflectors to the vectors) and [`qr_sweeps`] (rotations, the 2x2
//! problems, the bidiagonal QR iteration and the sorts).

mod qr_sweeps;
mod reduction;
#[cfg(test)]
mod tests;
mod x87_norm;

use qr_sweeps::{bidiagonal_qr, selection_sort};
use reduction::{apply_left_reflectors, apply_right_reflectors, bidiagonalize, Bidiagonal};

/// Largest `n` for which the sign choices match LAPACK's `dgesdd` exactly
/// (LAPACK's `SMLSIZ` for `dbdsdc`).
pub(crate) const LAPACK_EXACT_MAX_N: usize = 25;

/// Unit roundoff, `2^-53` (LAPACK's "epsilon").
const EPS: f64 = f64::EPSILON * 0.5;
/// Smallest positive normal number (LAPACK's "safe minimum").
const SAFE_MIN: f64 = f64::MIN_POSITIVE;

/// The factors of `a = u * diag(s) * vh`, row-major.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Svd {
    /// `n x n` orthogonal, the left singular vectors as columns.
    pub(crate) u: Vec<f64>,
    /// The singular values, non-increasing.
    pub(crate) s: Vec<f64>,
    /// `n x n` orthogonal, the right singular vectors as rows.
    pub(crate) vh: Vec<f64>,
}

/// The SVD of a square `n x n` matrix `a` given in row-major order, with the
/// signs `numpy.linalg.svd` (LAPACK `dgesdd`) chooses for `n <= 25`.
///
/// Returns `None` if `a` contains a non-finite value or the QR iteration
/// fails to converge.
///
/// # Panics
/// Panics if `a.len() != n * n`.
pub(crate) fn svd_square(a: &[f64], n: usize) -> Option<Svd> {
    assert_eq!(a.len(), n * n, "svd_square: matrix must have n*n entries");
    if n == 0 {
        return Some(Svd {
            u: Vec::new(),
            s: Vec::new(),
            vh: Vec::new(),
        });
    }
    if a.iter().any(|x| !x.is_finite()) {
        return None;
    }
    let mut work = Square::from_row_major(a, n);

    // Keep the entries away from overflow/underflow during the reduction.
    let small = SAFE_MIN.sqrt() / f64::EPSILON;
    let big = 1.0 / small;
    let max_abs = work.data.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
    let scaled_to = if max_abs > 0.0 && max_abs < small {
        Some(small)
    } else if max_abs > big {
        Some(big)
    } else {
        None
    };
    if let Some(target) = scaled_to {
        rescale(&mut work.data, max_abs, target);
    }

    let Bidiagonal {
        mut d,
        mut e,
        tau_q,
        tau_p,
    } = bidiagonalize(&mut work);

    let mut u = Square::identity(n);
    let mut vt = Square::identity(n);
    if n == 1 {
        // LAPACK treats the 1x1 case directly: the sign goes into U.
        u.set(0, 0, 1.0_f64.copysign(d[0]));
        d[0] = d[0].abs();
    } else {
        if !bidiagonal_qr(&mut d, &mut e, &mut vt, &mut u) {
            return None;
        }
        // `dlasdq` sorts ascending after `dbdsqr` sorted descending, then
        // `dbdsdc` sorts descending again. Only ties are affected, but those
        // are exactly the cases where the vector order is observable.
        selection_sort(&mut d, &mut u, &mut vt, |cand, best| cand < best);
        selection_sort(&mut d, &mut u, &mut vt, |cand, best| cand > best);
    }

    apply_left_reflectors(&work, &tau_q, &mut u);
    apply_right_reflectors(&work, &tau_p, &mut vt);

    if let Some(target) = scaled_to {
        rescale(&mut d, target, max_abs);
    }
    Some(Svd {
        u: u.to_row_major(),
        s: d,
        vh: vt.to_row_major(),
    })
}

/// Dense square matrix stored column-major, the layout the LAPACK
/// algorithms are written for (reflectors live in columns and rows of it).
#[derive(Clone, Debug)]
struct Square {
    n: usize,
    data: Vec<f64>,
}

impl Square {
    fn identity(n: usize) -> Self {
        let mut data = vec![0.0; n * n];
        for i in 0..n {
            data[i * n + i] = 1.0;
        }
        Square { n, data }
    }

    fn from_row_major(a: &[f64], n: usize) -> Self {
        let mut data = vec![0.0; n * n];
        for r in 0..n {
            for c in 0..n {
                data[c * n + r] = a[r * n + c];
            }
        }
        Square { n, data }
    }

    fn to_row_major(&self) -> Vec<f64> {
        let n = self.n;
        let mut out = vec![0.0; n * n];
        for r in 0..n {
            for c in 0..n {
                out[r * n + c] = self.get(r, c);
            }
        }
        out
    }

    #[inline]
    fn get(&self, r: usize, c: usize) -> f64 {
        self.data[c * self.n + r]
    }

    #[inline]
    fn set(&mut self, r: usize, c: usize, v: f64) {
        self.data[c * self.n + r] = v;
    }

    fn swap_rows(&mut self, a: usize, b: usize) {
        for c in 0..self.n {
            self.data.swap(c * self.n + a, c * self.n + b);
        }
    }

    fn swap_cols(&mut self, a: usize, b: usize) {
        for r in 0..self.n {
            self.data.swap(a * self.n + r, b * self.n + r);
        }
    }
}

/// Multiplies `values` by `to / from` without intermediate overflow or
/// underflow, stepping by the safe minimum when the ratio is extreme
/// (the `dlascl` recipe, so the scaled numbers round identically).
fn rescale(values: &mut [f64], from: f64, to: f64) {
    let small = SAFE_MIN;
    let big = 1.0 / small;
    let (mut from, mut to) = (from, to);
    loop {
        let from_small = from * small;
        let (factor, done);
        if from_small == from {
            // `from` is infinite.
            factor = to / from;
            done = true;
        } else {
            let to_big = to / big;
            if to_big == to {
                // `to` is zero or infinite and is itself the factor.
                factor = to;
                done = true;
                from = 1.0;
            } else if from_small.abs() > to.abs() && to != 0.0 {
                factor = small;
                done = false;
                from = from_small;
            } else if to_big.abs() > from.abs() {
                factor = big;
                done = false;
                to = to_big;
            } else {
                factor = to / from;
                done = true;
                if factor == 1.0 {
                    return;
                }
            }
        }
        for v in values.iter_mut() {
            *v *= factor;
        }
        if done {
            return;
        }
    }
}
