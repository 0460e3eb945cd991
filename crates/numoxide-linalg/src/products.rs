//! The products built on the stacked matrix product: dot, vdot, inner, outer, tensordot,
//! the vector gufuncs (matvec, vecmat, vecdot), kron and trace.

use crate::gufunc::{broadcast_batch, MATVEC, VECDOT, VECMAT};
use crate::matmul::{cast, stacked_product};
use numoxide::element::{c128, c64};
use numoxide::error::shape_str;
use numoxide::promote::promote_types;
use numoxide::reduce;
use numoxide::ufunc::{Arg, BinaryOp, Out};
use numoxide::{DType, Error, NdArray, Order, Result};

fn dims(shape: &[usize]) -> Vec<isize> {
    shape.iter().map(|&d| d as isize).collect()
}

/// `a` as a (rows, cols) matrix, C order (a view when possible).
fn as_matrix(a: &NdArray, rows: usize, cols: usize) -> Result<NdArray> {
    a.reshape(&[rows as isize, cols as isize], Order::C)
}

fn multiply(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    BinaryOp::Multiply.call(&Arg::from(a), &Arg::from(b), Out::default())
}

/// The complex conjugate of `a` (a itself for real dtypes).
pub(crate) fn conjugate(a: &NdArray) -> Result<NdArray> {
    Ok(match a.dtype() {
        DType::Complex64 => NdArray::from_vec(
            a.to_vec::<c64>().iter().map(|z| z.conj()).collect(),
            a.shape(),
        )?,
        DType::Complex128 => NdArray::from_vec(
            a.to_vec::<c128>().iter().map(|z| z.conj()).collect(),
            a.shape(),
        )?,
        _ => a.clone(),
    })
}

/// `(rows, k) @ (k, cols)` of two matrices in their common dtype, reshaped to `shape`.
fn matrix_product(a: &NdArray, b: &NdArray, shape: &[usize]) -> Result<NdArray> {
    let dtype = promote_types(a.dtype(), b.dtype());
    let out = stacked_product(&cast(a, dtype), &cast(b, dtype), &[])?;
    out.reshape(&dims(shape), Order::C)
}

/// NumPy's `dot`: a product for 0-d operands, else a sum over the last axis of `a` and the
/// second-to-last of `b` (the only axis of a 1-d `b`).
pub fn dot(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    if a.ndim() == 0 || b.ndim() == 0 {
        return multiply(a, b);
    }
    let k = a.shape()[a.ndim() - 1];
    let b_axis = b.ndim().saturating_sub(2);
    if b.shape()[b_axis] != k {
        return Err(Error::value(format!(
            "shapes {} and {} not aligned: {k} (dim {}) != {} (dim {b_axis})",
            shape_str(a.shape()),
            shape_str(b.shape()),
            a.ndim() - 1,
            b.shape()[b_axis]
        )));
    }
    let rows = a.shape()[..a.ndim() - 1].iter().product();
    let lhs = as_matrix(a, rows, k)?;
    let mut shape = a.shape()[..a.ndim() - 1].to_vec();
    let rhs = if b.ndim() == 1 {
        as_matrix(b, k, 1)?
    } else {
        // (..., k, m) -> (k, ..., m): the summed axis first, the rest in order.
        let moved = b.moveaxis(&[b_axis as isize], &[0])?;
        let cols = moved.shape()[1..].iter().product();
        shape.extend_from_slice(&moved.shape()[1..]);
        as_matrix(&moved, k, cols)?
    };
    matrix_product(&lhs, &rhs, &shape)
}

/// NumPy's `vdot`: the dot product of the flattened arrays, the first conjugated.
pub fn vdot(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    if a.size() != b.size() {
        return Err(Error::value(format!(
            "cannot reshape array of size {} into shape ({},)",
            b.size(),
            a.size()
        )));
    }
    let n = a.size();
    let lhs = as_matrix(&conjugate(&a.ravel(Order::C))?, 1, n)?;
    let rhs = as_matrix(&b.ravel(Order::C), n, 1)?;
    matrix_product(&lhs, &rhs, &[])
}

/// NumPy's `inner`: a sum over the last axes of both (a product for 0-d operands).
pub fn inner(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    if a.ndim() == 0 || b.ndim() == 0 {
        return multiply(a, b);
    }
    let (ka, kb) = (a.shape()[a.ndim() - 1], b.shape()[b.ndim() - 1]);
    if ka != kb {
        // NumPy reports it as dot's error with b's last axis moved second to last.
        let moved = b.moveaxis(&[-1], &[b.ndim().saturating_sub(2) as isize])?;
        return Err(Error::value(format!(
            "shapes {} and {} not aligned: {ka} (dim {}) != {kb} (dim {})",
            shape_str(a.shape()),
            shape_str(moved.shape()),
            a.ndim() - 1,
            b.ndim().saturating_sub(2)
        )));
    }
    let lead = |x: &NdArray| -> usize { x.shape()[..x.ndim() - 1].iter().product() };
    let lhs = as_matrix(a, lead(a), ka)?;
    let rhs = as_matrix(b, lead(b), kb)?.transpose(None)?;
    let mut shape = a.shape()[..a.ndim() - 1].to_vec();
    shape.extend_from_slice(&b.shape()[..b.ndim() - 1]);
    matrix_product(&lhs, &rhs, &shape)
}

/// NumPy's `outer`: every element of flattened `a` times every element of flattened `b`.
pub fn outer(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    let column = as_matrix(&a.ravel(Order::C), a.size(), 1)?;
    let row = as_matrix(&b.ravel(Order::C), 1, b.size())?;
    multiply(&column, &row)
}

/// The three vector gufuncs, each `x[..., None, :] @ y[..., :, None]` shaped differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VectorProduct {
    /// `(m,n),(n)->(m)`: a matrix times a vector.
    MatVec,
    /// `(n),(n,m)->(m)`: a conjugated vector times a matrix.
    VecMat,
    /// `(n),(n)->()`: the conjugated vector dot product.
    VecDot,
}

impl VectorProduct {
    /// Applies the gufunc, broadcasting batch axes, with NumPy's messages.
    pub fn call(self, x: &NdArray, y: &NdArray) -> Result<NdArray> {
        use VectorProduct::*;
        let (sig, core) = match self {
            MatVec => (MATVEC, [2, 1]),
            VecMat => (VECMAT, [1, 2]),
            VecDot => (VECDOT, [1, 1]),
        };
        for (i, (op, c)) in [x, y].into_iter().zip(core).enumerate() {
            if op.ndim() < c {
                return Err(sig.too_few_dims(i, op.ndim(), c));
            }
        }
        let last = |a: &NdArray, from_end: usize| a.shape()[a.ndim() - from_end];
        let (n, size, out_core) = match self {
            MatVec => (last(x, 1), last(y, 1), vec![last(x, 2)]),
            VecMat => (last(x, 1), last(y, 2), vec![last(y, 1)]),
            VecDot => (last(x, 1), last(y, 1), vec![]),
        };
        sig.check_input(1, 0, size, n)?;
        let batch = broadcast_batch(&[x.shape(), y.shape()], &core, &out_core)?;
        let dtype = promote_types(x.dtype(), y.dtype());
        let (lhs, rhs) = match self {
            MatVec => (x.clone(), y.expand_dims(&[-1])?),
            VecMat => (conjugate(x)?.expand_dims(&[-2])?, y.clone()),
            VecDot => (conjugate(x)?.expand_dims(&[-2])?, y.expand_dims(&[-1])?),
        };
        let out = stacked_product(&cast(&lhs, dtype), &cast(&rhs, dtype), &batch)?;
        let mut shape = dims(&batch);
        shape.extend(dims(&out_core));
        out.reshape(&shape, Order::C)
    }
}

/// NumPy's `tensordot`: sums over `axes_a` of `a` paired with `axes_b` of `b`, checked in
/// NumPy's order (count, then each pair's range and length, then duplicates).
pub fn tensordot(a: &NdArray, b: &NdArray, axes_a: &[isize], axes_b: &[isize]) -> Result<NdArray> {
    let mismatch = || Error::value("shape-mismatch for sum");
    if axes_a.len() != axes_b.len() {
        return Err(mismatch());
    }
    // Python's tuple indexing: -n..n is valid.
    let index = |axis: isize, x: &NdArray| -> Result<usize> {
        let n = x.ndim() as isize;
        match axis {
            i if (0..n).contains(&i) => Ok(i as usize),
            i if (-n..0).contains(&i) => Ok((i + n) as usize),
            _ => Err(Error::Index("tuple index out of range".into())),
        }
    };
    let mut sum_a = Vec::with_capacity(axes_a.len());
    let mut sum_b = Vec::with_capacity(axes_b.len());
    for (&i, &j) in axes_a.iter().zip(axes_b) {
        let (i, j) = (index(i, a)?, index(j, b)?);
        if a.shape()[i] != b.shape()[j] {
            return Err(mismatch());
        }
        sum_a.push(i);
        sum_b.push(j);
    }
    let has_duplicates = |v: &[usize]| v.iter().enumerate().any(|(k, x)| v[..k].contains(x));
    if has_duplicates(&sum_a) || has_duplicates(&sum_b) {
        return Err(Error::value("duplicate axes are not allowed in tensordot"));
    }
    let free_a: Vec<usize> = (0..a.ndim()).filter(|i| !sum_a.contains(i)).collect();
    let free_b: Vec<usize> = (0..b.ndim()).filter(|i| !sum_b.contains(i)).collect();
    let size =
        |x: &NdArray, axes: &[usize]| -> usize { axes.iter().map(|&i| x.shape()[i]).product() };
    let k = size(a, &sum_a);
    let perm = |first: &[usize], then: &[usize]| -> Vec<isize> {
        first.iter().chain(then).map(|&i| i as isize).collect()
    };
    let lhs = as_matrix(
        &a.transpose(Some(&perm(&free_a, &sum_a)))?,
        size(a, &free_a),
        k,
    )?;
    let rhs = as_matrix(
        &b.transpose(Some(&perm(&sum_b, &free_b)))?,
        k,
        size(b, &free_b),
    )?;
    let shape: Vec<usize> = free_a
        .iter()
        .map(|&i| a.shape()[i])
        .chain(free_b.iter().map(|&i| b.shape()[i]))
        .collect();
    matrix_product(&lhs, &rhs, &shape)
}

/// NumPy's `kron`: the Kronecker product, block (i, j, ...) being `a[i, j, ...] * b`.
pub fn kron(a: &NdArray, b: &NdArray) -> Result<NdArray> {
    let nd = a.ndim().max(b.ndim());
    let padded = |x: &NdArray| -> Vec<usize> {
        std::iter::repeat_n(1, nd - x.ndim())
            .chain(x.shape().iter().copied())
            .collect()
    };
    let (sa, sb) = (padded(a), padded(b));
    // a as (a0, 1, a1, 1, ...) and b as (1, b0, 1, b1, ...): their product interleaves.
    let interleave = |x: &NdArray, own: &[usize], first: bool| -> Result<NdArray> {
        let shape: Vec<isize> = own
            .iter()
            .flat_map(|&d| {
                if first {
                    [d as isize, 1]
                } else {
                    [1, d as isize]
                }
            })
            .collect();
        x.reshape(&shape, Order::C)
    };
    let product = multiply(&interleave(a, &sa, true)?, &interleave(b, &sb, false)?)?;
    let shape: Vec<isize> = sa
        .iter()
        .zip(&sb)
        .map(|(&x, &y)| (x * y) as isize)
        .collect();
    product.reshape(&shape, Order::C)
}

/// NumPy's `trace`: the sums along diagonals (`offset`, `axis1`, `axis2`), in `dtype` or
/// the sum's default accumulator.
pub fn trace(
    a: &NdArray,
    offset: isize,
    axis1: isize,
    axis2: isize,
    dtype: Option<DType>,
) -> Result<NdArray> {
    let diagonal = a.diagonal(offset, axis1, axis2)?;
    reduce::sum(&diagonal, Some(&[-1]), dtype, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::ints;

    #[test]
    fn dot_of_nd_arrays_sums_the_right_axes() {
        let a = ints(24, &[2, 3, 4]);
        let b = ints(40, &[5, 4, 2]);
        let r = dot(&a, &b).unwrap();
        assert_eq!(r.shape(), &[2, 3, 5, 2]);
        // r[1, 2, 3, 1] = sum_k a[1, 2, k] * b[3, k, 1]
        let expect: i64 = (0..4).map(|k| (20 + k) * (24 + 2 * k + 1)).sum();
        assert_eq!(r.get(&[1, 2, 3, 1]), numoxide::Scalar::Int64(expect));
    }

    #[test]
    fn dot_mismatch_message() {
        let a = ints(6, &[2, 3]);
        let e = dot(&a, &a).unwrap_err();
        assert_eq!(
            e.message(),
            "shapes (2,3) and (2,3) not aligned: 3 (dim 1) != 2 (dim 0)"
        );
    }

    #[test]
    fn kron_interleaves_blocks() {
        let a = ints(2, &[2]);
        let b = ints(3, &[3]);
        assert_eq!(
            kron(&a, &b).unwrap().to_vec::<i64>(),
            vec![0, 0, 0, 0, 1, 2]
        );
    }

    #[test]
    fn tensordot_of_empty_sums_is_an_outer_product() {
        let a = ints(2, &[2]);
        let r = tensordot(&a, &a, &[], &[]).unwrap();
        assert_eq!(r.to_vec::<i64>(), vec![0, 0, 0, 1]);
    }
}
