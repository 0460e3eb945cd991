//! Axis arguments as NumPy's `normalize_axis_tuple` checks them.

use crate::error::{normalize_axis, Error, Result};

/// Normalizes every axis against `ndim`; the AxisError message gets `prefix: ` when given,
/// and a repeated axis is a ValueError with `repeated` as its message.
pub(crate) fn normalize_axes(
    axes: &[isize],
    ndim: usize,
    prefix: Option<&str>,
    repeated: &str,
) -> Result<Vec<usize>> {
    let mut out = Vec::with_capacity(axes.len());
    for &a in axes {
        let a = normalize_axis(a, ndim).map_err(|e| match prefix {
            Some(p) => Error::Axis(format!("{p}: {}", e.message())),
            None => e,
        })?;
        if out.contains(&a) {
            return Err(Error::value(repeated));
        }
        out.push(a);
    }
    Ok(out)
}

/// One axis, with NumPy's `prefix: ` on the AxisError (as `swapaxes` reports `axis1:`).
pub(crate) fn normalize_named(axis: isize, ndim: usize, prefix: &str) -> Result<usize> {
    normalize_axes(&[axis], ndim, Some(prefix), "")?
        .pop()
        .ok_or_else(|| Error::value("no axis"))
}
