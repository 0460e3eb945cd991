//! `cumsum` and `cumprod`: NumPy's `add.accumulate` and `multiply.accumulate`, one element
//! after another along the axis (no pairwise grouping: every partial result is an output).

use super::sum_dtype;
use crate::array::NdArray;
use crate::dtype::DType;
use crate::error::{normalize_axis, Result};
use crate::iter::Plan;
use crate::layout::{Layout, Order};
use crate::ufunc::math::Arith;
use crate::with_dtype;

/// NumPy's `cumsum`: running sums along `axis` (None: over the array flattened in C order),
/// in `dtype` or the dtype `sum` would use.
pub fn cumsum(a: &NdArray, axis: Option<isize>, dtype: Option<DType>) -> Result<NdArray> {
    accumulate(a, axis, dtype, false)
}

/// NumPy's `cumprod`: running products, with the dtypes of `cumsum`.
pub fn cumprod(a: &NdArray, axis: Option<isize>, dtype: Option<DType>) -> Result<NdArray> {
    accumulate(a, axis, dtype, true)
}

fn accumulate(
    a: &NdArray,
    axis: Option<isize>,
    dtype: Option<DType>,
    product: bool,
) -> Result<NdArray> {
    let dtype = dtype.unwrap_or_else(|| sum_dtype(a.dtype()));
    // The result starts as the input cast to its dtype; each element then absorbs the one
    // before it, so the first element is a copy, exactly as NumPy's accumulate.
    let (out, ax) = match axis {
        None => {
            let flat = a.astype(dtype, Order::C);
            let layout = Layout::contiguous(&[a.size()], flat.itemsize(), Order::C);
            (flat.with_layout(layout), 0)
        }
        Some(axis) => (a.astype(dtype, Order::C), normalize_axis(axis, a.ndim())?),
    };
    let n = out.shape()[ax];
    if n < 2 || out.size() == 0 {
        return Ok(out);
    }
    let lanes = out.layout().index_axis(ax, 0);
    let plan = Plan::new(&lanes.shape, [&lanes.strides]);
    let [sl] = plan.inner_strides();
    let step = out.strides()[ax];
    with_dtype!(dtype, T => {
        let op: fn(T, T) -> T = if product { Arith::mul_unfused } else { Arith::add };
        plan.par_fold_runs([out.base_ptr()], |[p], count| {
            for k in 0..count as isize {
                // SAFETY: each lane lies inside `out`, a fresh array; lanes are disjoint.
                unsafe {
                    let p = p.offset(k * sl);
                    let mut acc = (p as *const T).read();
                    for i in 1..n as isize {
                        let q = p.offset(i * step) as *mut T;
                        acc = op(acc, q.read());
                        q.write(acc);
                    }
                }
            }
        }, |_, _| ());
    });
    Ok(out)
}
