//! Joining arrays: `concatenate` and the stacking functions built on it. The result is
//! always a new array of the promoted dtype.

use super::view::{atleast_1d, atleast_2d, atleast_3d};
use crate::array::NdArray;
use crate::error::{normalize_axis, Error, Result};
use crate::layout::{AxisSlice, Order};
use crate::promote::promote_types;

/// NumPy's `concatenate`: the arrays joined along `axis`, or flattened and joined when
/// `axis` is `None`. The dtype is the promotion of all inputs' dtypes.
pub fn concatenate(arrays: &[NdArray], axis: Option<isize>) -> Result<NdArray> {
    let first = arrays
        .first()
        .ok_or_else(|| Error::value("need at least one array to concatenate"))?;
    let Some(axis) = axis else {
        let flat: Vec<NdArray> = arrays.iter().map(|a| a.ravel(Order::C)).collect();
        return concatenate(&flat, Some(0));
    };
    let ndim = first.ndim();
    if ndim == 0 {
        return Err(Error::value(
            "zero-dimensional arrays cannot be concatenated",
        ));
    }
    let axis = normalize_axis(axis, ndim)?;
    let mut shape = first.shape().to_vec();
    for (i, a) in arrays.iter().enumerate().skip(1) {
        if a.ndim() != ndim {
            return Err(Error::value(format!(
                "all the input arrays must have same number of dimensions, but the array at \
                 index 0 has {ndim} dimension(s) and the array at index {i} has {} dimension(s)",
                a.ndim()
            )));
        }
        for (d, (&want, &have)) in first.shape().iter().zip(a.shape()).enumerate() {
            if d != axis && want != have {
                return Err(Error::value(format!(
                    "all the input array dimensions except for the concatenation axis must \
                     match exactly, but along dimension {d}, the array at index 0 has size \
                     {want} and the array at index {i} has size {have}"
                )));
            }
        }
        shape[axis] = shape[axis]
            .checked_add(a.shape()[axis])
            .ok_or_else(|| Error::value("total number of elements too large to concatenate"))?;
    }
    let dtype = arrays.iter().map(|a| a.dtype()).reduce(promote_types);
    let out = NdArray::for_overwrite(&shape, dtype.unwrap_or(first.dtype()), Order::C)?;
    let mut start = 0;
    for a in arrays {
        let len = a.shape()[axis];
        let part = AxisSlice {
            start,
            step: 1,
            len,
        };
        out.with_layout(out.layout().slice_axis(axis, part))
            .assign(a)?;
        start += len;
    }
    Ok(out)
}

/// NumPy's `stack`: arrays of one shape joined along a new axis at `axis`.
pub fn stack(arrays: &[NdArray], axis: isize) -> Result<NdArray> {
    let first = arrays
        .first()
        .ok_or_else(|| Error::value("need at least one array to stack"))?;
    if arrays.iter().any(|a| a.shape() != first.shape()) {
        return Err(Error::value("all input arrays must have the same shape"));
    }
    let axis = normalize_axis(axis, first.ndim() + 1)?;
    let expanded: Vec<NdArray> = arrays
        .iter()
        .map(|a| a.with_layout(a.layout().insert_axis(axis)))
        .collect();
    concatenate(&expanded, Some(axis as isize))
}

/// NumPy's `vstack`: arrays seen as at least 2-d, joined along the first axis.
pub fn vstack(arrays: &[NdArray]) -> Result<NdArray> {
    let arrays: Vec<NdArray> = arrays.iter().map(atleast_2d).collect();
    concatenate(&arrays, Some(0))
}

/// NumPy's `hstack`: joined along the second axis, or the first for 1-d arrays.
pub fn hstack(arrays: &[NdArray]) -> Result<NdArray> {
    let arrays: Vec<NdArray> = arrays.iter().map(atleast_1d).collect();
    let axis = match arrays.first() {
        Some(a) if a.ndim() == 1 => 0,
        _ => 1,
    };
    concatenate(&arrays, Some(axis))
}

/// NumPy's `dstack`: arrays seen as at least 3-d, joined along the third axis.
pub fn dstack(arrays: &[NdArray]) -> Result<NdArray> {
    let arrays: Vec<NdArray> = arrays.iter().map(atleast_3d).collect();
    concatenate(&arrays, Some(2))
}

/// NumPy's `column_stack`: 1-d arrays become columns, then all join along the second axis.
pub fn column_stack(arrays: &[NdArray]) -> Result<NdArray> {
    let arrays: Vec<NdArray> = arrays
        .iter()
        .map(|a| match a.ndim() {
            0 | 1 => {
                let row = atleast_2d(a);
                row.with_layout(row.layout().transposed())
            }
            _ => a.clone(),
        })
        .collect();
    concatenate(&arrays, Some(1))
}
