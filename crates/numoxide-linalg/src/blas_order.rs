//! The rounding of the OpenBLAS kernels behind NumPy's float64 products, reproduced.
//!
//! NumPy's `dot` and `matmul` hand float64 products to OpenBLAS; which kernel runs, and so the
//! order of the additions and where fused multiply-adds happen, depends on the shapes. Some
//! results must match NumPy's last bit (the samples of `multivariate_normal`, the rounding
//! events that steer [`crate::lapack_svd`]), so this module computes the products of the shapes
//! those callers need in the kernels' order. The orders are those of the x86-64 SkylakeX
//! kernels of OpenBLAS 0.3.31 (NumPy 2.4's wheels on an AVX-512 machine), checked bit for bit
//! against NumPy: `dgemv` (both orientations), `ddot` with strides, the small-matrix `dgemm`
//! kernel and the general `dgemm` kernel for inner dimensions below 32. On other machines
//! NumPy's own results differ in the last bits from one BLAS build to another.
//!
//! Matrices here are row-major slices; `n` is always the inner (summed) dimension.

use numoxide::parallel;

/// Output rows above which a product splits its rows over threads (each element is computed
/// by one thread in the same order, so the result does not depend on the split).
const PARALLEL_ROWS: usize = 4096;

/// OpenBLAS sends `dgemm` calls with `M * N * K` up to this to its small-matrix kernels.
const SMALL_GEMM_MAX_MNK: f64 = 1e6;

/// Which of OpenBLAS's three transposed-`dgemv` kernels sums a column: the matrix's columns
/// go four at a time through the first, then a pair through the second, then one through the
/// third.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GemvTKernel {
    /// Four FMA accumulators over the rows.
    Four,
    /// Two accumulators, multiply then add.
    Pair,
    /// Four accumulators, multiply then add.
    Single,
}

impl GemvTKernel {
    /// The kernel that handles column `j` of a matrix with `ncols` columns.
    pub(crate) fn for_column(j: usize, ncols: usize) -> GemvTKernel {
        let fours = ncols & !3;
        if j < fours {
            GemvTKernel::Four
        } else if j < fours + (ncols & 2) {
            GemvTKernel::Pair
        } else {
            GemvTKernel::Single
        }
    }
}

/// `sum_i col(i) * x[i]` as OpenBLAS's transposed `dgemv` computes one output (from zero).
///
/// The rows split into a multiple-of-four head, summed by the column's `kernel`, and a tail
/// of up to three rows added with FMAs.
pub(crate) fn gemv_t_dot(col: impl Fn(usize) -> f64, x: &[f64], kernel: GemvTKernel) -> f64 {
    let tail = x.len() & 3;
    let head = x.len() - tail;
    let mut y = 0.0;
    if head > 0 {
        let mut lanes = [0.0_f64; 4];
        match kernel {
            GemvTKernel::Four => {
                (0..head).for_each(|i| lanes[i % 4] = col(i).mul_add(x[i], lanes[i % 4]));
            }
            GemvTKernel::Pair => (0..head).for_each(|i| lanes[i % 2] += col(i) * x[i]),
            GemvTKernel::Single => (0..head).for_each(|i| lanes[i % 4] += col(i) * x[i]),
        }
        y += match kernel {
            GemvTKernel::Pair => lanes[0] + lanes[1],
            _ => (lanes[0] + lanes[2]) + (lanes[1] + lanes[3]),
        };
    }
    match tail {
        0 => {}
        1 => y = col(head).mul_add(x[head], y),
        _ => {
            let mut s = col(head).mul_add(x[head], col(head + 1) * x[head + 1]);
            if tail == 3 {
                s = col(head + 2).mul_add(x[head + 2], s);
            }
            y += s;
        }
    }
    y
}

/// How the `x` of a non-transposed `dgemv` is laid out: OpenBLAS takes its last two columns
/// through a pair kernel (with an FMA) only when `x` is contiguous.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum XStride {
    Unit,
    Strided,
}

/// One output of OpenBLAS's non-transposed `dgemv`: `y + alpha * sum_j a(j) * x[j]`, where
/// `in_head` says whether the row lies in the multiple-of-four head of the matrix's rows.
///
/// Head rows take the columns four at a time (an FMA chain per group, added to `y`), then a
/// pair (contiguous `x` only), then single columns without FMA; tail rows form one FMA chain
/// over all columns and add it at the end.
pub(crate) fn gemv_n_row(
    y: f64,
    alpha: f64,
    a: impl Fn(usize) -> f64,
    x: &[f64],
    in_head: bool,
    stride: XStride,
) -> f64 {
    let mut y = y;
    if !in_head {
        let t = x
            .iter()
            .enumerate()
            .fold(0.0, |t, (j, &xj)| a(j).mul_add(xj, t));
        return alpha.mul_add(t, y);
    }
    let fours = x.len() & !3;
    for g in (0..fours).step_by(4) {
        let mut s = a(g).mul_add(x[g], a(g + 1) * x[g + 1]);
        s = a(g + 2).mul_add(x[g + 2], s);
        s = a(g + 3).mul_add(x[g + 3], s);
        y = s.mul_add(alpha, y);
    }
    let mut j = fours;
    if stride == XStride::Unit && x.len() - fours >= 2 {
        let s = a(j).mul_add(x[j], a(j + 1) * x[j + 1]);
        y = s.mul_add(alpha, y);
        j += 2;
    }
    for (k, &xk) in x.iter().enumerate().skip(j) {
        y += a(k) * (xk * alpha);
    }
    y
}

/// `sum_i x[i] * x[i]` as OpenBLAS's `ddot` computes it for strided vectors: two accumulators
/// fed pairwise sums of plain products over blocks of four, then FMAs for the rest.
pub(crate) fn ddot_strided_self(x: &[f64]) -> f64 {
    let fours = x.len() & !3;
    let (mut odd, mut even) = (0.0_f64, 0.0_f64);
    for b in x[..fours].chunks_exact(4) {
        odd += b[0] * b[0] + b[2] * b[2];
        even += b[1] * b[1] + b[3] * b[3];
    }
    for &v in &x[fours..] {
        odd = v.mul_add(v, odd);
    }
    odd + even
}

/// An `m x n` product filled one output row at a time by `row(j, out_row)`, the rows split
/// over threads when there are many.
fn rows_of_product(m: usize, n: usize, row: impl Fn(usize, &mut [f64]) + Sync) -> Vec<f64> {
    let mut out = vec![0.0; m * n];
    if n == 0 {
        return out;
    }
    if m >= PARALLEL_ROWS {
        parallel::for_each_item_mut(&mut out, n, &row);
    } else {
        out.chunks_mut(n).enumerate().for_each(|(j, r)| row(j, r));
    }
    out
}

/// One FMA chain from zero: the general `dgemm` kernel's order for inner dimensions that fit
/// one block.
fn fma_chain(n: usize, a: impl Fn(usize) -> f64, b: impl Fn(usize) -> f64) -> f64 {
    (0..n).fold(0.0, |acc, k| a(k).mul_add(b(k), acc))
}

/// `numpy.dot(x, b)` for a C-contiguous `x` (`m x n`) and a C-contiguous square `b`
/// (`n x n`), rounded as NumPy's BLAS call rounds it.
///
/// NumPy treats a one-element operand as a scalar (a direct product for a single output,
/// `axpy` onto zeros otherwise, so a zero comes out `+0`), a one-row `x` as a vector
/// (`dgemv`), and the rest as a matrix product (`dgemm`), which OpenBLAS computes transposed
/// to column-major: up to `M*N*K = 1e6` in its small-matrix kernel, beyond in its general
/// kernel. Both sum each output as one FMA chain, except that the small kernel sums the last
/// 1 to 4 output columns in eight lanes when the inner dimension is at least 16, and reduces
/// the lanes in one of two orders, depending on the block the output falls in.
pub(crate) fn numpy_dot(x: &[f64], m: usize, b: &[f64], n: usize) -> Vec<f64> {
    debug_assert_eq!((x.len(), b.len()), (m * n, n * n));
    if n == 1 {
        return x
            .iter()
            .map(|&v| if m == 1 { v * b[0] } else { 0.0 + v * b[0] })
            .collect();
    }
    if m == 1 {
        let head = n - (n & 3);
        return (0..n)
            .map(|i| gemv_n_row(0.0, 1.0, |k| b[k * n + i], x, i < head, XStride::Unit))
            .collect();
    }
    let small = (m as f64) * (n as f64) * (n as f64) <= SMALL_GEMM_MAX_MNK;
    // The small kernel takes the output columns (its rows) in blocks of 32, 16 and 8; of the
    // `rest`, up to four are summed dot-product style when the inner dimension is long.
    let blocked = n & !7;
    let rest = n - blocked;
    let lanes_from = if small && (1..=4).contains(&rest) && n >= 16 {
        blocked
    } else {
        n
    };
    let col_groups = m & !3;
    rows_of_product(m, n, |j, out| {
        let xr = &x[j * n..(j + 1) * n];
        for (i, o) in out.iter_mut().enumerate() {
            *o = if i < lanes_from {
                fma_chain(n, |k| xr[k], |k| b[k * n + i])
            } else {
                let mut l = [0.0_f64; 8];
                for (k, &xk) in xr.iter().enumerate() {
                    l[k % 8] = xk.mul_add(b[k * n + i], l[k % 8]);
                }
                // Four such columns together, or any of them in a group of four sample rows
                // (the kernel's columns), reduce through shuffles; the rest horizontally.
                if rest == 4 || j < col_groups {
                    ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]))
                } else {
                    ((l[0] + l[4]) + (l[2] + l[6])) + ((l[1] + l[5]) + (l[3] + l[7]))
                }
            };
        }
    })
}

/// `x @ f.T` (NumPy's `matmul`) for a C-contiguous `x` (`m x n`) and a C-contiguous square
/// `f` (`n x n`), rounded as NumPy's BLAS call rounds it.
///
/// A one-element product is NumPy's own loop (`0 + x*f`), a one-row `x` goes to the
/// transposed `dgemv`, and the rest to `dgemm` with `f` transposed, which OpenBLAS keeps out
/// of its small-matrix kernel for inner dimensions below 32: each output is one FMA chain.
/// (From 32 on, small products take a kernel whose order this does not reproduce.)
pub(crate) fn numpy_matmul_transposed(x: &[f64], m: usize, f: &[f64], n: usize) -> Vec<f64> {
    debug_assert_eq!((x.len(), f.len()), (m * n, n * n));
    if n == 1 {
        return x.iter().map(|&v| 0.0 + v * f[0]).collect();
    }
    if m == 1 {
        return (0..n)
            .map(|i| gemv_t_dot(|k| f[i * n + k], x, GemvTKernel::for_column(i, n)))
            .collect();
    }
    rows_of_product(m, n, |j, out| {
        let xr = &x[j * n..(j + 1) * n];
        for (i, o) in out.iter_mut().enumerate() {
            *o = fma_chain(n, |k| xr[k], |k| f[i * n + k]);
        }
    })
}
