//! det, slogdet, inv and solve through the partially pivoted LU factorization, as NumPy's
//! LAPACK getrf/gesv: a zero pivot is a singular matrix.

use crate::batch::{
    batch_shape, for_each_block, from_matrices, from_values, map_matrices, threads_from, Matrices,
};
use crate::gufunc::{broadcast_batch, SOLVE, SOLVE1};
use crate::matmul::cast;
use crate::types::{check_square, common_type, Scalar};
use faer::dyn_stack::{MemBuffer, MemStack};
use faer::linalg::lu::partial_pivoting::{factor, solve};
use faer::linalg::matmul::matmul as faer_matmul;
use faer::linalg::triangular_solve::{
    solve_unit_lower_triangular_in_place, solve_upper_triangular_in_place,
};
use faer::{Accum, Mat, MatMut, MatRef, Par};
use numoxide::{DType, Error, NdArray, Order, Result};

/// faer's threaded factorization and solves beat one core only from about this order
/// (measured here: 512 runs faster on one core, 1024 on two).
const FACTOR_PARALLEL_DIM: usize = 768;
/// Solves for this many right-hand sides or more split them over threads...
const MANY_RHS: usize = 32;
/// ...from this order.
const MANY_RHS_PARALLEL_DIM: usize = 128;

/// One matrix factored in place: `P A = L U`, L unit lower and U upper in `lu`.
struct Lu<T> {
    lu: Mat<T>,
    fwd: Vec<usize>,
    bwd: Vec<usize>,
    swaps: usize,
}

impl<T: Scalar> Lu<T> {
    fn new(a: MatRef<'_, T>, par: Par) -> Lu<T> {
        let mut lu = a.to_owned();
        let n = a.nrows();
        let par = threads_from(par, n, FACTOR_PARALLEL_DIM);
        let (mut fwd, mut bwd) = (vec![0usize; n], vec![0usize; n]);
        let scratch = factor::lu_in_place_scratch::<usize, T>(n, n, par, Default::default());
        let (info, _) = factor::lu_in_place(
            lu.as_mut(),
            &mut fwd,
            &mut bwd,
            par,
            MemStack::new(&mut MemBuffer::new(scratch)),
            Default::default(),
        );
        Lu {
            lu,
            fwd,
            bwd,
            swaps: info.transposition_count,
        }
    }

    /// LAPACK's test for a singular matrix: an exactly zero pivot.
    fn is_singular(&self) -> bool {
        (0..self.lu.nrows()).any(|i| self.lu[(i, i)] == T::from_real(0.0))
    }

    /// NumPy's slogdet from the factors: the sign (unit modulus) and log|det|.
    fn sign_logdet(&self) -> (T, f64) {
        if self.is_singular() {
            return (T::from_real(0.0), f64::NEG_INFINITY);
        }
        let mut sign = T::from_real(if self.swaps % 2 == 1 { -1.0 } else { 1.0 });
        let mut logdet = 0.0;
        for i in 0..self.lu.nrows() {
            let u = self.lu[(i, i)];
            sign = sign.times(u.unit());
            logdet += u.modulus().ln();
        }
        (sign, logdet)
    }

    fn perm(&self) -> faer::perm::PermRef<'_, usize> {
        faer::perm::PermRef::new_checked(&self.fwd, &self.bwd, self.fwd.len())
    }

    /// Overwrites `rhs` with `A^-1 rhs`.
    fn solve_in_place(&self, rhs: MatMut<'_, T>, par: Par) {
        let n = self.lu.nrows();
        if par != Par::Seq && n >= MANY_RHS_PARALLEL_DIM && rhs.ncols() >= MANY_RHS {
            // Many right-hand sides: each thread solves its own columns, with nothing to
            // share, which beats faer's threaded triangular solves.
            let parts = 2 * numoxide::parallel::threads();
            return for_each_block(rhs, parts, false, |_, block| {
                self.solve_in_place(block, Par::Seq)
            });
        }
        let par = threads_from(par, n, FACTOR_PARALLEL_DIM);
        let scratch = solve::solve_in_place_scratch::<usize, T>(self.lu.nrows(), rhs.ncols(), par);
        solve::solve_in_place(
            self.lu.as_ref(),
            self.lu.as_ref(),
            self.perm(),
            rhs,
            par,
            MemStack::new(&mut MemBuffer::new(scratch)),
        );
    }

    /// `A^-1 = U^-1 L^-1 P`. Column `j` of `L^-1` (unit lower triangular) is solved only from
    /// row `j` down, a third fewer operations than solving from the identity; each thread
    /// takes its own block of columns.
    fn inverse(&self, par: Par) -> Mat<T> {
        let n = self.lu.nrows();
        let lu = self.lu.as_ref();
        let solve = |start: usize, mut block: MatMut<'_, T>| {
            for j in 0..block.ncols() {
                block[(start + j, j)] = T::from_real(1.0);
            }
            let below = n - start;
            unit_lower_solve(
                lu.submatrix(start, start, below, below),
                block.as_mut().subrows_mut(start, below),
            );
            upper_solve(lu, block);
        };
        let mut z = Mat::<T>::zeros(n, n);
        if par != Par::Seq && n >= MANY_RHS_PARALLEL_DIM {
            // The first blocks cost the most; they are claimed first.
            for_each_block(z.as_mut(), 4 * numoxide::parallel::threads(), false, solve);
        } else {
            solve(0, z.as_mut());
        }
        // `A^-1 = Z P`: column k of `P` is the unit vector at row `bwd[k]`.
        take_columns(&mut z, &self.bwd);
        z
    }
}

/// Makes column `k` of `m` what column `from[k]` was, for a permutation `from`, in place
/// (one cycle at a time), so that a large inverse needs no second matrix.
fn take_columns<T: Scalar>(m: &mut Mat<T>, from: &[usize]) {
    let mut done = vec![false; from.len()];
    let (mut saved, mut moving) = (Vec::with_capacity(m.nrows()), Vec::with_capacity(m.nrows()));
    for start in 0..from.len() {
        if done[start] {
            continue;
        }
        saved.clear();
        saved.extend_from_slice(m.col_as_slice(start));
        let mut k = start;
        while from[k] != start {
            moving.clear();
            moving.extend_from_slice(m.col_as_slice(from[k]));
            m.col_as_slice_mut(k).copy_from_slice(&moving);
            done[k] = true;
            k = from[k];
        }
        m.col_as_slice_mut(k).copy_from_slice(&saved);
        done[k] = true;
    }
}

/// Below this order the triangular solves are faer's; above, they recurse on halves.
const SOLVE_BLOCK: usize = 64;

/// `rhs = L^-1 rhs` for the unit lower triangle of `lower`, on one thread, with most of the
/// work in matrix products: faer's own triangular solves with many right-hand sides run at a
/// fraction of its product's speed.
fn unit_lower_solve<T: Scalar>(lower: MatRef<'_, T>, rhs: MatMut<'_, T>) {
    let n = lower.nrows();
    if n <= SOLVE_BLOCK {
        return solve_unit_lower_triangular_in_place(lower, rhs, Par::Seq);
    }
    // [L11 0; L21 L22] [X1; X2] = [B1; B2]: X1 = L11^-1 B1, then X2 = L22^-1 (B2 - L21 X1).
    let h = n / 2;
    let (mut top, mut bottom) = rhs.split_at_row_mut(h);
    unit_lower_solve(lower.submatrix(0, 0, h, h), top.as_mut());
    let l21 = lower.submatrix(h, 0, n - h, h);
    faer_matmul(
        bottom.as_mut(),
        Accum::Add,
        l21,
        top.as_ref(),
        T::from_real(-1.0),
        Par::Seq,
    );
    unit_lower_solve(lower.submatrix(h, h, n - h, n - h), bottom);
}

/// `rhs = U^-1 rhs` for the upper triangle of `upper`, as `unit_lower_solve`.
fn upper_solve<T: Scalar>(upper: MatRef<'_, T>, rhs: MatMut<'_, T>) {
    let n = upper.nrows();
    if n <= SOLVE_BLOCK {
        return solve_upper_triangular_in_place(upper, rhs, Par::Seq);
    }
    // [U11 U12; 0 U22] [X1; X2] = [B1; B2]: X2 = U22^-1 B2, then X1 = U11^-1 (B1 - U12 X2).
    let h = n / 2;
    let (mut top, mut bottom) = rhs.split_at_row_mut(h);
    upper_solve(upper.submatrix(h, h, n - h, n - h), bottom.as_mut());
    let u12 = upper.submatrix(0, h, h, n - h);
    faer_matmul(
        top.as_mut(),
        Accum::Add,
        u12,
        bottom.as_ref(),
        T::from_real(-1.0),
        Par::Seq,
    );
    upper_solve(upper.submatrix(0, 0, h, h), top);
}

fn singular() -> Error {
    Error::LinAlg("Singular matrix".into())
}

/// Runs `$body` with `$T` the compute type (f64 or complex128) of `$dtype`.
macro_rules! with_compute_type {
    ($dtype:expr, $T:ident => $body:expr) => {
        match $dtype {
            DType::Complex128 => {
                type $T = ::num_complex::Complex<f64>;
                $body
            }
            _ => {
                type $T = f64;
                $body
            }
        }
    };
}
pub(crate) use with_compute_type;

/// NumPy's `slogdet`: (sign, log|det|) per matrix of the stack.
pub fn slogdet(a: &NdArray) -> Result<(NdArray, NdArray)> {
    check_square(a)?;
    let types = common_type(&[a])?;
    let x = cast(a, types.compute);
    let batch = batch_shape(a);
    with_compute_type!(types.compute, T => {
        let pairs = map_matrices::<T, _>(&x, |_, m, par| Lu::new(m, par).sign_logdet());
        let (signs, logs): (Vec<T>, Vec<f64>) = pairs.into_iter().unzip();
        Ok((
            cast(&from_values(signs, batch)?, types.result),
            cast(&from_values(logs, batch)?, types.real_result()),
        ))
    })
}

/// NumPy's `det`: `sign * exp(log|det|)` from the LU factors, as NumPy computes it.
pub fn det(a: &NdArray) -> Result<NdArray> {
    check_square(a)?;
    let types = common_type(&[a])?;
    let x = cast(a, types.compute);
    let batch = batch_shape(a);
    with_compute_type!(types.compute, T => {
        let dets = map_matrices::<T, _>(&x, |_, m, par| {
            let (sign, logdet) = Lu::new(m, par).sign_logdet();
            sign.scale(logdet.exp())
        });
        Ok(cast(&from_values(dets, batch)?, types.result))
    })
}

/// NumPy's `inv`, with "Singular matrix" for a zero pivot.
pub fn inv(a: &NdArray) -> Result<NdArray> {
    inverse_stack(a, false)
}

/// `inv` without the error: a singular matrix's inverse is all NaN, as NumPy's inner
/// gufunc leaves it when the error is ignored (what `cond` relies on).
pub(crate) fn inverse_or_nan(a: &NdArray) -> Result<NdArray> {
    inverse_stack(a, true)
}

fn inverse_stack(a: &NdArray, nan_when_singular: bool) -> Result<NdArray> {
    check_square(a)?;
    let types = common_type(&[a])?;
    let x = cast(a, types.compute);
    let n = a.shape()[a.ndim() - 1];
    with_compute_type!(types.compute, T => {
        let inverses = map_matrices::<T, _>(&x, |_, m, par| {
            let lu = Lu::new(m, par);
            if !lu.is_singular() {
                Some(lu.inverse(par))
            } else if nan_when_singular {
                Some(Mat::from_fn(n, n, |_, _| T::from_real(f64::NAN)))
            } else {
                None
            }
        });
        let inverses: Vec<Mat<T>> = inverses.into_iter().collect::<Option<_>>().ok_or_else(singular)?;
        Ok(cast(&from_matrices(&inverses, batch_shape(a), n, n)?, types.result))
    })
}

/// NumPy 2's `solve`: `b` is a vector (or a stack of them) only when it is 1-d; otherwise
/// its last two axes are the right-hand sides.
pub fn solve(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    check_square(a)?;
    let types = common_type(&[a, b])?;
    let m = a.shape()[a.ndim() - 1];
    let vector = b.ndim() == 1;
    let (sig, core_b) = if vector { (SOLVE1, 1) } else { (SOLVE, 2) };
    if b.ndim() < core_b {
        return Err(sig.too_few_dims(1, b.ndim(), core_b));
    }
    sig.check_input(1, 0, b.shape()[b.ndim() - core_b], m)?;
    let cols = if vector { 1 } else { b.shape()[b.ndim() - 1] };
    let out_core: Vec<usize> = if vector { vec![m] } else { vec![m, cols] };
    let batch = broadcast_batch(&[a.shape(), b.shape()], &[2, core_b], &out_core)?;
    let b2 = if vector {
        b.expand_dims(&[-1])?
    } else {
        b.clone()
    };
    let shape = |core: [usize; 2]| -> Vec<isize> {
        batch.iter().chain(&core).map(|&d| d as isize).collect()
    };
    let a_full = cast(&a.broadcast_to(&shape([m, m]))?, types.compute);
    let rhs = Matrices::new(&cast(&b2, types.compute), &batch);
    let out = with_compute_type!(types.compute, T => {
        let solutions = map_matrices::<T, _>(&a_full, |i, a, par| {
            let lu = Lu::new(a, par);
            if lu.is_singular() {
                return None;
            }
            let mut x = rhs.get::<T>(i).to_owned();
            lu.solve_in_place(x.as_mut(), par);
            Some(x)
        });
        let solutions: Vec<Mat<T>> = solutions.into_iter().collect::<Option<_>>().ok_or_else(singular)?;
        from_matrices(&solutions, &batch, m, cols)?
    });
    let out = cast(&out, types.result);
    let mut final_shape = shape([m, cols]);
    if vector {
        final_shape.pop();
    }
    out.reshape(&final_shape, Order::C)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arr(v: &[f64], shape: &[usize]) -> NdArray {
        NdArray::from_vec(v.to_vec(), shape).unwrap()
    }

    #[test]
    fn det_matches_numpys_rounding() {
        let d = det(&arr(&[1.0, 2.0, 3.0, 4.0], &[2, 2])).unwrap();
        assert_eq!(d.to_vec::<f64>(), vec![-2.0000000000000004]);
    }

    #[test]
    fn empty_matrices_have_unit_determinant() {
        let a = arr(&[], &[0, 0]);
        assert_eq!(det(&a).unwrap().to_vec::<f64>(), vec![1.0]);
        assert_eq!(inv(&a).unwrap().shape(), &[0, 0]);
        assert_eq!(solve(&a, &arr(&[], &[0])).unwrap().shape(), &[0]);
    }

    #[test]
    fn singular_matrices_are_refused() {
        let a = arr(&[1.0, 2.0, 2.0, 4.0], &[2, 2]);
        assert_eq!(
            inv(&a).unwrap_err(),
            Error::LinAlg("Singular matrix".into())
        );
        assert_eq!(det(&a).unwrap().to_vec::<f64>(), vec![0.0]);
    }

    #[test]
    fn solve_and_inverse_agree() {
        let a = arr(&[4.0, 1.0, 2.0, 3.0], &[2, 2]);
        let b = arr(&[1.0, 2.0], &[2]);
        let x = solve(&a, &b).unwrap().to_vec::<f64>();
        let ai = inv(&a).unwrap().to_vec::<f64>();
        let y = [ai[0] + 2.0 * ai[1], ai[2] + 2.0 * ai[3]];
        assert!((x[0] - y[0]).abs() < 1e-15 && (x[1] - y[1]).abs() < 1e-15);
    }
}
