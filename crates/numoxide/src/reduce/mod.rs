//! Reductions: sum, prod, max, min, any, all, argmax, argmin, mean, var, std, median and the
//! cumulative sum and product, bit for bit as NumPy 2.4 computes them.
//!
//! NumPy's float sums are not a plain left-to-right fold: the order of additions depends on
//! the memory layout (see `driver`) and inner runs are summed pairwise (see `pairwise`).
//! Every function here follows that order so the rounding, and therefore every bit, matches.
//! Full reductions return 0-d arrays; the Python layer turns them into scalars.

mod arg;
mod cumulative;
mod driver;
mod events;
mod folds;
#[cfg(test)]
mod oracle_cases;
mod pairwise;
mod stats;
#[cfg(test)]
mod tests;

pub use arg::{argmax, argmin};
pub use cumulative::{cumprod, cumsum};
pub use stats::{mean, median, std, var};

use crate::array::{copy_cast, NdArray};
use crate::dtype::DType;
use crate::error::{normalize_axis, Error, Result};
use crate::layout::{AxisSlice, Layout, Order};
use crate::scalar::Scalar;
use crate::with_dtype;
use driver::reduce_into;
use folds::{AllFold, AnyFold, MaxFold, MinFold, ProdFold, SumFold};

/// Which axes a reduction removes: one flag per axis, from NumPy's `axis` argument (None
/// means every axis; negative axes count from the end).
pub(crate) fn axis_flags(axis: Option<&[isize]>, ndim: usize) -> Result<Vec<bool>> {
    let Some(axes) = axis else {
        return Ok(vec![true; ndim]);
    };
    let mut flags = vec![false; ndim];
    for &ax in axes {
        let i = normalize_axis(ax, ndim)?;
        if flags[i] {
            return Err(Error::value("duplicate value in 'axis'"));
        }
        flags[i] = true;
    }
    Ok(flags)
}

/// The input's shape with each reduced axis set to 1 (the `keepdims=True` shape).
pub(crate) fn kept_shape(shape: &[usize], flags: &[bool]) -> Vec<usize> {
    shape
        .iter()
        .zip(flags)
        .map(|(&n, &r)| if r { 1 } else { n })
        .collect()
}

/// Views a C-contiguous result of the kept shape without the reduced axes unless `keepdims`.
pub(crate) fn finish(out: NdArray, flags: &[bool], keepdims: bool) -> NdArray {
    if keepdims {
        return out;
    }
    let shape: Vec<usize> = out
        .shape()
        .iter()
        .zip(flags)
        .filter(|(_, &r)| !r)
        .map(|(&n, _)| n)
        .collect();
    let layout = Layout::contiguous(&shape, out.itemsize(), Order::C);
    out.with_layout(layout)
}

/// The number of elements each output element reduces.
pub(crate) fn reduced_count(shape: &[usize], flags: &[bool]) -> usize {
    shape
        .iter()
        .zip(flags)
        .filter(|(_, &r)| r)
        .map(|(&n, _)| n)
        .product()
}

/// NumPy's default accumulator for sum and prod: bool and small integers widen to the
/// 64-bit integer of their signedness; other dtypes keep theirs.
pub(crate) fn sum_dtype(d: DType) -> DType {
    match d {
        DType::Bool | DType::Int8 | DType::Int16 | DType::Int32 => DType::Int64,
        DType::UInt8 | DType::UInt16 | DType::UInt32 => DType::UInt64,
        d => d,
    }
}

/// A new kept-shape result of `dtype` with every element `init`.
fn filled(a: &NdArray, flags: &[bool], dtype: DType, init: Scalar) -> Result<NdArray> {
    NdArray::full(&kept_shape(a.shape(), flags), init, dtype, Order::C)
}

/// NumPy's `sum`: pairwise for floats, in the accumulator dtype (`dtype` or the default).
pub fn sum(
    a: &NdArray,
    axis: Option<&[isize]>,
    dtype: Option<DType>,
    keepdims: bool,
) -> Result<NdArray> {
    let flags = axis_flags(axis, a.ndim())?;
    let dtype = dtype.unwrap_or_else(|| sum_dtype(a.dtype()));
    Ok(finish(sum_kept(a, &flags, dtype)?, &flags, keepdims))
}

/// The sum with reduced axes kept, in `dtype`: the building block of mean and var.
pub(crate) fn sum_kept(a: &NdArray, flags: &[bool], dtype: DType) -> Result<NdArray> {
    let out = filled(a, flags, dtype, Scalar::Bool(false))?;
    let (src, view, buffered) = cast_input(a, &out, dtype);
    with_dtype!(dtype, T => reduce_into::<T, T, _>(&src, &view, &SumFold, buffered));
    events::warn_reduce_events(a, &out, flags, false)?;
    Ok(out)
}

/// NumPy's `prod`: a left-to-right product per inner run, in the accumulator dtype.
pub fn prod(
    a: &NdArray,
    axis: Option<&[isize]>,
    dtype: Option<DType>,
    keepdims: bool,
) -> Result<NdArray> {
    let flags = axis_flags(axis, a.ndim())?;
    let dtype = dtype.unwrap_or_else(|| sum_dtype(a.dtype()));
    let out = filled(a, &flags, dtype, Scalar::Bool(true))?;
    let (src, view, buffered) = cast_input(a, &out, dtype);
    with_dtype!(dtype, T => reduce_into::<T, T, _>(&src, &view, &ProdFold, buffered));
    events::warn_reduce_events(a, &out, &flags, true)?;
    Ok(finish(out, &flags, keepdims))
}

/// The input converted to `dtype` in its own memory order, with the matching view of `out`,
/// and whether a conversion happened (NumPy then reduces buffer by buffer).
///
/// Converting up front keeps one reduction kernel per dtype instead of one per pair; the
/// copy has `a`'s axis order and stride signs, so it is walked in the same order.
fn cast_input(a: &NdArray, out: &NdArray, dtype: DType) -> (NdArray, NdArray, bool) {
    if a.dtype() == dtype {
        return (a.clone(), out.clone(), false);
    }
    let mut order: Vec<usize> = (0..a.ndim()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(a.strides()[i].unsigned_abs()));
    let shape: Vec<usize> = order.iter().map(|&i| a.shape()[i]).collect();
    let mut inverse = vec![0; order.len()];
    for (j, &i) in order.iter().enumerate() {
        inverse[i] = j;
    }
    let Ok(copy) = NdArray::for_overwrite(&shape, dtype, Order::C) else {
        // Too big to convert up front: fall back to a C-ordered conversion, same values.
        return (a.astype(dtype, Order::C), out.clone(), true);
    };
    let mut layout = copy.layout().permute(&inverse);
    // Negative strides stay negative so the copy is walked in the same order as `a`.
    for i in 0..a.ndim() {
        if a.strides()[i] < 0 {
            layout = layout.flip_axis(i);
        }
    }
    let copy = copy.with_layout(layout);
    copy_cast(a, &copy);
    (copy, out.clone(), true)
}

/// NumPy's `max` (`amax`): NaN propagates; an empty reduction is an error.
pub fn max(a: &NdArray, axis: Option<&[isize]>, keepdims: bool) -> Result<NdArray> {
    extreme(a, axis, keepdims, "maximum", true)
}

/// NumPy's `min` (`amin`): NaN propagates; an empty reduction is an error.
pub fn min(a: &NdArray, axis: Option<&[isize]>, keepdims: bool) -> Result<NdArray> {
    extreme(a, axis, keepdims, "minimum", false)
}

fn extreme(
    a: &NdArray,
    axis: Option<&[isize]>,
    keepdims: bool,
    name: &str,
    is_max: bool,
) -> Result<NdArray> {
    let flags = axis_flags(axis, a.ndim())?;
    if a.shape().iter().zip(&flags).any(|(&n, &r)| r && n == 0) {
        return Err(Error::value(format!(
            "zero-size array to reduction operation {name} which has no identity"
        )));
    }
    // No identity: start from the first element of each reduced slice, as NumPy does.
    let mut first = a.layout().clone();
    for (i, _) in flags.iter().enumerate().filter(|(_, &r)| r) {
        first = first.slice_axis(
            i,
            AxisSlice {
                start: 0,
                step: 1,
                len: 1,
            },
        );
    }
    let out = a.with_layout(first).copy(Order::C);
    with_dtype!(a.dtype(), T => if is_max {
        reduce_into::<T, T, _>(a, &out, &MaxFold, false)
    } else {
        reduce_into::<T, T, _>(a, &out, &MinFold, false)
    });
    Ok(finish(out, &flags, keepdims))
}

/// NumPy's `any`: whether some element is nonzero (NaN counts as nonzero).
pub fn any(a: &NdArray, axis: Option<&[isize]>, keepdims: bool) -> Result<NdArray> {
    logical(a, axis, keepdims, false)
}

/// NumPy's `all`: whether every element is nonzero (true for an empty slice).
pub fn all(a: &NdArray, axis: Option<&[isize]>, keepdims: bool) -> Result<NdArray> {
    logical(a, axis, keepdims, true)
}

fn logical(a: &NdArray, axis: Option<&[isize]>, keepdims: bool, is_all: bool) -> Result<NdArray> {
    let flags = axis_flags(axis, a.ndim())?;
    let out = filled(a, &flags, DType::Bool, Scalar::Bool(is_all))?;
    with_dtype!(a.dtype(), S => if is_all {
        reduce_into::<S, bool, _>(a, &out, &AllFold, false)
    } else {
        reduce_into::<S, bool, _>(a, &out, &AnyFold, false)
    });
    Ok(finish(out, &flags, keepdims))
}
