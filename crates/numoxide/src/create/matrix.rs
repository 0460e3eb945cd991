//! Matrices around a diagonal: `eye`, `identity`, `tri`, `tril`, `triu`, `diag`, and the
//! `diagonal` view.

use crate::array::NdArray;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::layout::{broadcast_shapes, AxisSlice, Layout, Order};
use crate::scalar::Scalar;
use crate::shape::normalize_named;

/// A Python int as an array length; NumPy refuses negative ones.
fn length(n: isize) -> Result<usize> {
    usize::try_from(n).map_err(|_| Error::value("negative dimensions are not allowed"))
}

/// The layout of diagonal `offset` of the 2-d plane `axis1`, `axis2`, moved to the last
/// axis; the other axes keep their order.
fn diagonal_layout(l: &Layout, offset: isize, axis1: usize, axis2: usize) -> Layout {
    let (n1, n2) = (l.shape[axis1] as isize, l.shape[axis2] as isize);
    let (row, col) = if offset >= 0 {
        (0, offset)
    } else {
        (offset.saturating_neg(), 0)
    };
    let len = (n1 - row).min(n2.saturating_sub(col)).max(0) as usize;
    let mut out = l.clone();
    if len > 0 {
        let start = row * l.strides[axis1] + col * l.strides[axis2];
        out.offset = (l.offset as isize + start) as usize;
    }
    let stride = l.strides[axis1] + l.strides[axis2];
    let (hi, lo) = (axis1.max(axis2), axis1.min(axis2));
    out.shape.remove(hi);
    out.shape.remove(lo);
    out.strides.remove(hi);
    out.strides.remove(lo);
    out.shape.push(len);
    out.strides.push(stride);
    out
}

impl NdArray {
    /// NumPy's `diagonal(offset, axis1, axis2)`: a read-only view whose last axis runs
    /// along the diagonal, `offset` above (positive) or below (negative) the main one.
    pub fn diagonal(&self, offset: isize, axis1: isize, axis2: isize) -> Result<NdArray> {
        if self.ndim() < 2 {
            return Err(Error::value(
                "diag requires an array of at least two dimensions",
            ));
        }
        // NumPy parses the offset as a C int.
        if offset > i32::MAX as isize {
            return Err(Error::Overflow(
                "signed integer is greater than maximum".into(),
            ));
        }
        if offset < i32::MIN as isize {
            return Err(Error::Overflow(
                "signed integer is less than minimum".into(),
            ));
        }
        let a1 = normalize_named(axis1, self.ndim(), "axis1")?;
        let a2 = normalize_named(axis2, self.ndim(), "axis2")?;
        if a1 == a2 {
            return Err(Error::value("axis1 and axis2 cannot be the same"));
        }
        Ok(self
            .with_layout(diagonal_layout(self.layout(), offset, a1, a2))
            .read_only())
    }
}

/// NumPy's `eye(N, M, k, dtype, order)`: ones on diagonal `k`, zeros elsewhere.
pub fn eye(n: isize, m: Option<isize>, k: isize, dtype: DType, order: Order) -> Result<NdArray> {
    let shape = [length(n)?, length(m.unwrap_or(n))?];
    let out = NdArray::zeros(&shape, dtype, order)?;
    out.with_layout(diagonal_layout(out.layout(), k, 0, 1))
        .fill(Scalar::Bool(true))?;
    Ok(out)
}

/// NumPy's `identity(n, dtype)`: the `n`-by-`n` identity matrix.
pub fn identity(n: isize, dtype: DType) -> Result<NdArray> {
    eye(n, None, 0, dtype, Order::C)
}

/// NumPy's `tri(N, M, k, dtype)`: ones at and below diagonal `k`. Negative sizes give
/// empty axes, as NumPy's `arange` would.
pub fn tri(n: isize, m: Option<isize>, k: isize, dtype: DType) -> Result<NdArray> {
    // NumPy builds the columns with `arange(-k, M - k)`, which converts its first two
    // values to C longs.
    let first = -(k as i128);
    let columns = m.unwrap_or(n).clamp(0, 2) as i128;
    if (first..first + columns).any(|v| i64::try_from(v).is_err()) {
        return Err(Error::Overflow(
            "Python int too large to convert to C long".into(),
        ));
    }
    let (n, m) = (n.max(0) as usize, m.unwrap_or(n).max(0) as usize);
    let out = NdArray::zeros(&[n, m], dtype, Order::C)?;
    // Row i has ones in columns 0..=i+k.
    for i in 0..n {
        let ones = (i as i128 + k as i128 + 1).clamp(0, m as i128) as usize;
        let row = out.layout().index_axis(0, i);
        let part = AxisSlice {
            start: 0,
            step: 1,
            len: ones,
        };
        out.with_layout(row.slice_axis(0, part))
            .fill(Scalar::Bool(true))?;
    }
    Ok(out)
}

/// Copies `a` into a new array of its dtype, shaped as `where(tri-mask, ...)` broadcasts,
/// then zeroes in each row of the last two axes the columns `zeroed(row, columns)` gives.
fn masked(a: &NdArray, zeroed: impl Fn(usize, usize) -> (usize, usize)) -> Result<NdArray> {
    let mask_shape: [usize; 2] = match a.shape() {
        [] => {
            return Err(Error::Type(
                "tri() missing 1 required positional argument: 'N'".into(),
            ))
        }
        [n] => [*n, *n],
        [.., r, c] => [*r, *c],
    };
    let shape = broadcast_shapes(&[a.shape(), &mask_shape])?;
    let out = NdArray::for_overwrite(&shape, a.dtype(), Order::C)?;
    out.assign(a)?;
    let (rows, cols) = (mask_shape[0], mask_shape[1]);
    let row_axis = shape.len() - 2;
    for i in 0..rows {
        let (start, end) = zeroed(i, cols);
        if start < end {
            let row = out.layout().index_axis(row_axis, i);
            let part = AxisSlice {
                start,
                step: 1,
                len: end - start,
            };
            out.with_layout(row.slice_axis(row_axis, part))
                .fill(Scalar::Bool(false))?;
        }
    }
    Ok(out)
}

/// The column `i + k` clamped to `0..=cols`.
fn column(i: usize, k: isize, cols: usize) -> usize {
    (i as i128 + k as i128).clamp(0, cols as i128) as usize
}

/// NumPy's `tril(a, k)`: a copy with elements above diagonal `k` zeroed (in the last two
/// axes; a 1-d array is treated as rows of a square matrix, as NumPy's broadcasting does).
pub fn tril(a: &NdArray, k: isize) -> Result<NdArray> {
    masked(a, |i, cols| (column(i, k.saturating_add(1), cols), cols))
}

/// NumPy's `triu(a, k)`: a copy with elements below diagonal `k` zeroed.
pub fn triu(a: &NdArray, k: isize) -> Result<NdArray> {
    masked(a, |i, cols| (0, column(i, k, cols)))
}

/// NumPy's `diag(v, k)`: for 1-d `v` a new square matrix with `v` on diagonal `k`; for 2-d
/// `v` its diagonal `k`, as a read-only view.
pub fn diag(v: &NdArray, k: isize) -> Result<NdArray> {
    match v.ndim() {
        1 => {
            let n = (v.size() as u128 + k.unsigned_abs() as u128).min(isize::MAX as u128);
            let out = NdArray::zeros(&[n as usize, n as usize], v.dtype(), Order::C)?;
            out.with_layout(diagonal_layout(out.layout(), k, 0, 1))
                .assign(v)?;
            Ok(out)
        }
        2 => v.diagonal(k, 0, 1),
        _ => Err(Error::value("Input must be 1- or 2-d.")),
    }
}
