//! Axis arguments as NumPy's `normalize_axis_index` and `normalize_axis_tuple` check them.

use crate::error::{normalize_axis, Error, Result};

/// One axis, with `prefix: ` on the AxisError message (as `swapaxes` reports `axis1:`).
pub(crate) fn normalize_named(axis: isize, ndim: usize, prefix: &str) -> Result<usize> {
    normalize_axis(axis, ndim).map_err(|e| Error::Axis(format!("{prefix}: {}", e.message())))
}

/// Normalizes every axis against `ndim` (the AxisError prefixed when `prefix` is given);
/// a repeated axis is a ValueError with the message `repeated`.
pub(crate) fn normalize_axes(
    axes: &[isize],
    ndim: usize,
    prefix: Option<&str>,
    repeated: &str,
) -> Result<Vec<usize>> {
    let mut out = Vec::with_capacity(axes.len());
    for &a in axes {
        let a = match prefix {
            Some(p) => normalize_named(a, ndim, p)?,
            None => normalize_axis(a, ndim)?,
        };
        if out.contains(&a) {
            return Err(Error::value(repeated));
        }
        out.push(a);
    }
    Ok(out)
}
