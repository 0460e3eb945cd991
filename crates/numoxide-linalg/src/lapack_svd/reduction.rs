//! Householder reflectors: building them (`dlarfg`), applying them to a block
//! (`dlarf`), the reduction to bidiagonal form (`dgebd2`) and the products of
//! the reflectors into the singular vectors (`dormbr`).

use super::x87_norm::norm2;
use super::{Square, EPS, SAFE_MIN};
use crate::blas_order::{gemv_n_row, gemv_t_dot, GemvTKernel, XStride};

/// `sqrt(x^2 + y^2)` guarded against overflow, in LAPACK's `dlapy2` form.
fn pythag(x: f64, y: f64) -> f64 {
    let (xa, ya) = (x.abs(), y.abs());
    let w = xa.max(ya);
    let z = xa.min(ya);
    if z == 0.0 || w > f64::MAX {
        w
    } else {
        let q = z / w;
        w * (1.0 + q * q).sqrt()
    }
}

/// Builds an elementary reflector `H = I - tau * v * v^T` with `v = (1, x')`
/// such that `H * (alpha, x) = (beta, 0)` (LAPACK `dlarfg`).
///
/// On return `alpha` holds `beta`, `x` holds the tail of `v`, and `tau` is
/// returned. `beta` takes the sign opposite to `alpha`; this is the choice
/// that fixes the signs of everything downstream. If `x` is zero no
/// reflection is needed (`tau = 0`, `beta = alpha`, possibly negative).
pub(super) fn householder(alpha: &mut f64, x: &mut [f64]) -> f64 {
    if x.is_empty() {
        return 0.0;
    }
    let mut xnorm = norm2(x);
    if xnorm == 0.0 {
        return 0.0;
    }
    let mut beta = -pythag(*alpha, xnorm).copysign(*alpha);
    let tiny = SAFE_MIN / EPS;
    let mut rescalings = 0;
    if beta.abs() < tiny {
        // The norm may have lost accuracy to underflow: scale up and redo.
        let inv_tiny = 1.0 / tiny;
        loop {
            rescalings += 1;
            x.iter_mut().for_each(|v| *v *= inv_tiny);
            beta *= inv_tiny;
            *alpha *= inv_tiny;
            if beta.abs() >= tiny || rescalings >= 20 {
                break;
            }
        }
        xnorm = norm2(x);
        beta = -pythag(*alpha, xnorm).copysign(*alpha);
    }
    let tau = (beta - *alpha) / beta;
    let inv = 1.0 / (*alpha - beta);
    x.iter_mut().for_each(|v| *v *= inv);
    for _ in 0..rescalings {
        beta *= tiny;
    }
    *alpha = beta;
    tau
}

// Reflector application.
//
// Reflector application.
//
// LAPACK's `dlarf` forms `w = C^T v` (or `C v`) with `dgemv` and then applies
// the rank-1 update with `dger`. The convergence tests of the QR iteration
// compare tiny off-diagonal entries against thresholds, so a last-bit
// difference here can change the number of QR sweeps and with it the sign of
// a singular pair. To avoid that, the two products round exactly like the
// x86-64 OpenBLAS kernels NumPy ships (see `crate::blas_order`; `dger` is an
// FMA per entry); on other BLAS builds the results are still correct, only
// the last bits may differ.

/// Applies `H = I - tau v v^T` from the left to the block of `c` with rows
/// `r0..r0 + v.len()` and columns `c0..n` (LAPACK `dlarf`, side 'L').
///
/// Like LAPACK, trailing zeros of `v` and all-zero trailing columns are
/// skipped; this matters only for the sign of exact zeros, which in turn can
/// decide the sign of a later reflector.
fn reflect_left(c: &mut Square, r0: usize, c0: usize, v: &[f64], tau: f64) {
    let Some(v) = effective_reflector(v, tau) else {
        return;
    };
    let rows = r0..r0 + v.len();
    let len_c = (c0..c.n)
        .rposition(|col| rows.clone().any(|r| c.get(r, col) != 0.0))
        .map_or(0, |p| p + 1);
    let w: Vec<f64> = (0..len_c)
        .map(|j| {
            let kernel = GemvTKernel::for_column(j, len_c);
            gemv_t_dot(|i| c.get(r0 + i, c0 + j), v, kernel)
        })
        .collect();
    for (j, &wj) in w.iter().enumerate() {
        let factor = -tau * wj;
        for (i, &vi) in v.iter().enumerate() {
            let (r, col) = (r0 + i, c0 + j);
            c.set(r, col, factor.mul_add(vi, c.get(r, col)));
        }
    }
}

/// The reflector without its trailing zeros, or None when `H` is the identity (`tau` or
/// `v` zero), as LAPACK's `dlarf` trims it.
fn effective_reflector(v: &[f64], tau: f64) -> Option<&[f64]> {
    let last = v.iter().rposition(|&x| x != 0.0)?;
    (tau != 0.0).then(|| &v[..=last])
}

/// Applies `H = I - tau v v^T` from the right to the block of `c` with rows
/// `r0..n` and columns `c0..c0 + v.len()` (LAPACK `dlarf`, side 'R').
///
/// `w = C v` is accumulated like OpenBLAS's non-transposed `dgemv` with a
/// strided `x` (the reflector is a matrix row).
fn reflect_right(c: &mut Square, r0: usize, c0: usize, v: &[f64], tau: f64) {
    let Some(v) = effective_reflector(v, tau) else {
        return;
    };
    let cols = c0..c0 + v.len();
    let len_r = (r0..c.n)
        .rposition(|row| cols.clone().any(|col| c.get(row, col) != 0.0))
        .map_or(0, |p| p + 1);
    let head = len_r - (len_r & 3);
    let w: Vec<f64> = (0..len_r)
        .map(|i| {
            let a = |j: usize| c.get(r0 + i, c0 + j);
            gemv_n_row(0.0, 1.0, a, v, i < head, XStride::Strided)
        })
        .collect();
    for (j, &vj) in v.iter().enumerate() {
        let factor = -tau * vj;
        for (i, &wi) in w.iter().enumerate() {
            let (r, col) = (r0 + i, c0 + j);
            c.set(r, col, factor.mul_add(wi, c.get(r, col)));
        }
    }
}

/// Result of the bidiagonal reduction; the reflector vectors themselves
/// stay in the reduced matrix (below the diagonal for the left ones, right
/// of the superdiagonal for the right ones).
pub(super) struct Bidiagonal {
    pub(super) d: Vec<f64>,
    pub(super) e: Vec<f64>,
    pub(super) tau_q: Vec<f64>,
    pub(super) tau_p: Vec<f64>,
}

/// Reduces `a` to upper bidiagonal form `Q^T a P = B` with alternating
/// column and row Householder reflectors (LAPACK `dgebd2` for `m == n`).
pub(super) fn bidiagonalize(a: &mut Square) -> Bidiagonal {
    let n = a.n;
    let mut d = vec![0.0; n];
    let mut e = vec![0.0; n.saturating_sub(1)];
    let mut tau_q = vec![0.0; n];
    let mut tau_p = vec![0.0; n];
    for i in 0..n {
        // Annihilate a[i+1.., i].
        let mut alpha = a.get(i, i);
        let mut tail: Vec<f64> = (i + 1..n).map(|r| a.get(r, i)).collect();
        tau_q[i] = householder(&mut alpha, &mut tail);
        d[i] = alpha;
        a.set(i, i, alpha);
        for (k, &t) in tail.iter().enumerate() {
            a.set(i + 1 + k, i, t);
        }
        if i + 1 == n {
            break;
        }
        let mut v = Vec::with_capacity(n - i);
        v.push(1.0);
        v.extend_from_slice(&tail);
        reflect_left(a, i, i + 1, &v, tau_q[i]);

        // Annihilate a[i, i+2..].
        let mut alpha = a.get(i, i + 1);
        let mut tail: Vec<f64> = (i + 2..n).map(|c| a.get(i, c)).collect();
        tau_p[i] = householder(&mut alpha, &mut tail);
        e[i] = alpha;
        a.set(i, i + 1, alpha);
        for (k, &t) in tail.iter().enumerate() {
            a.set(i, i + 2 + k, t);
        }
        let mut v = Vec::with_capacity(n - i - 1);
        v.push(1.0);
        v.extend_from_slice(&tail);
        reflect_right(a, i + 1, i + 1, &v, tau_p[i]);
    }
    Bidiagonal { d, e, tau_q, tau_p }
}

/// `U <- Q U` where `Q = H(0) H(1) ... H(n-1)` is stored in the columns of
/// the reduced matrix (LAPACK `dormbr('Q', 'L', 'N')`, applied last-first).
pub(super) fn apply_left_reflectors(reduced: &Square, tau_q: &[f64], u: &mut Square) {
    let n = reduced.n;
    for i in (0..n).rev() {
        let mut v = Vec::with_capacity(n - i);
        v.push(1.0);
        v.extend((i + 1..n).map(|r| reduced.get(r, i)));
        reflect_left(u, i, 0, &v, tau_q[i]);
    }
}

/// `VT <- VT P^T` where `P = G(0) ... G(n-2)` is stored in the rows of the
/// reduced matrix (LAPACK `dormbr('P', 'R', 'T')`, applied last-first).
pub(super) fn apply_right_reflectors(reduced: &Square, tau_p: &[f64], vt: &mut Square) {
    let n = reduced.n;
    for i in (0..n.saturating_sub(1)).rev() {
        let mut v = Vec::with_capacity(n - i - 1);
        v.push(1.0);
        v.extend((i + 2..n).map(|c| reduced.get(i, c)));
        reflect_right(vt, 0, i + 1, &v, tau_p[i]);
    }
}
