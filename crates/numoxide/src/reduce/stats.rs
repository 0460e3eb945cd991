//! `mean`, `var`, `std` and `median`, computed through the same steps as NumPy's
//! `_methods.py` and `_median` (sum, then true division by the count, with NumPy's dtypes and
//! casts at each step) so that the roundings, and the warnings, are NumPy's.

use super::pairwise::{pairwise, Pairwise};
use super::{axis_flags, finish, reduced_count, sum_dtype, sum_kept};
use crate::array::NdArray;
use crate::dtype::{DType, Kind};
use crate::element::Element;
use crate::error::{Error, Result};
use crate::fpstatus;
use crate::iter::PARALLEL_THRESHOLD;
use crate::layout::Order as MemOrder;
use crate::parallel;
use crate::scalar::Scalar;
use crate::ufunc::math::Order;
use crate::ufunc::{Arg, BinaryOp, Out, UnaryOp};
use crate::{with_complex_dtype, with_real_dtype};

/// True for bool and the integers, which NumPy averages in float64.
fn is_exact(d: DType) -> bool {
    matches!(d.kind(), Kind::Bool | Kind::Signed | Kind::Unsigned)
}

/// Runs one ufunc step of a statistic and words its floating-point events as the warnings
/// NumPy raises for that step (`op` names it: "divide", "subtract", "square"...).
fn step(op: &str, run: impl FnOnce() -> Result<NdArray>) -> Result<NdArray> {
    let pending = fpstatus::take();
    let result = run();
    let events = fpstatus::take();
    fpstatus::record(pending);
    fpstatus::record_in(events, op);
    result
}

/// `num / count` by NumPy's `true_divide` (so float32 divides in float64 against the intp
/// count), for an array ("divide") or a scalar result ("scalar divide").
fn divide(num: &NdArray, count: Scalar, scalar: bool) -> Result<NdArray> {
    // NumPy's scalar math takes the division only when the count casts safely to the
    // numerator's type; float32, float16 and complex64 defer to the array ufunc.
    let scalar = scalar && matches!(num.dtype(), DType::Float64 | DType::Complex128);
    let op = if scalar { "scalar divide" } else { "divide" };
    step(op, || {
        BinaryOp::Divide.call(
            &Arg::from(num),
            &Arg::from(NdArray::from_scalar(count)),
            Out::default(),
        )
    })
}

/// `x * x`, whose events NumPy reports as "square" (it calls `multiply(x, x)`, which it
/// turns into a square).
fn square(x: &NdArray) -> Result<NdArray> {
    step("square", || {
        BinaryOp::Multiply.call(&Arg::from(x), &Arg::from(x), Out::default())
    })
}

/// Whether the result is 0-d, which NumPy computes as a scalar rather than an array.
fn is_scalar(flags: &[bool], keepdims: bool) -> bool {
    !keepdims && flags.iter().all(|&r| r)
}

/// NumPy's `mean`: the sum (float64 for integers, float32 for float16) divided by the count.
pub fn mean(
    a: &NdArray,
    axis: Option<&[isize]>,
    dtype: Option<DType>,
    keepdims: bool,
) -> Result<NdArray> {
    let flags = axis_flags(axis, a.ndim())?;
    let n = reduced_count(a.shape(), &flags);
    if n == 0 {
        fpstatus::warn("Mean of empty slice");
    }
    let half = dtype.is_none() && a.dtype() == DType::Float16;
    let acc = match dtype {
        Some(d) => d,
        None if is_exact(a.dtype()) => DType::Float64,
        None if half => DType::Float32,
        None => a.dtype(),
    };
    let scalar = is_scalar(&flags, keepdims);
    let q = divide(&sum_kept(a, &flags, acc)?, Scalar::Int64(n as i64), scalar)?;
    // A float16 mean is stored back into the float32 sum, then converted; a scalar result
    // goes from float64 straight to float16.
    let out = match (half, scalar) {
        (true, false) => q
            .astype(DType::Float32, MemOrder::C)
            .astype(DType::Float16, MemOrder::C),
        (true, true) => q.astype(DType::Float16, MemOrder::C),
        (false, _) => q.astype(acc, MemOrder::C),
    };
    Ok(finish(out, &flags, keepdims))
}

/// NumPy's `var`: the mean of squared deviations (`|x - mean|**2` for complex, a real
/// result), divided by `max(n - ddof, 0)`.
pub fn var(
    a: &NdArray,
    axis: Option<&[isize]>,
    dtype: Option<DType>,
    ddof: f64,
    keepdims: bool,
) -> Result<NdArray> {
    let flags = axis_flags(axis, a.ndim())?;
    let n = reduced_count(a.shape(), &flags);
    if ddof >= n as f64 {
        fpstatus::warn("Degrees of freedom <= 0 for slice");
    }
    let dtype = dtype.or(is_exact(a.dtype()).then_some(DType::Float64));
    let acc = dtype.unwrap_or_else(|| sum_dtype(a.dtype()));
    let mean = divide(&sum_kept(a, &flags, acc)?, Scalar::Int64(n as i64), false)?
        .astype(acc, MemOrder::C);
    let fused = match (a.dtype(), dtype) {
        (DType::Float64, None) => squared_deviations::<f64>(a, &mean, &flags)?,
        (DType::Float32, None) => squared_deviations::<f32>(a, &mean, &flags)?,
        _ => None,
    };
    let total = match fused {
        Some(total) => total,
        None => {
            let x = deviations_squared(a, mean)?;
            sum_kept(&x, &flags, dtype.unwrap_or(x.dtype()))?
        }
    };
    let dof = (n as f64 - ddof).max(0.0);
    let out = divide(&total, Scalar::Float64(dof), is_scalar(&flags, keepdims))?
        .astype(total.dtype(), MemOrder::C);
    Ok(finish(out, &flags, keepdims))
}

/// NumPy's `abs(a - mean)**2` temporary, step by step (with its warnings).
fn deviations_squared(a: &NdArray, mean: NdArray) -> Result<NdArray> {
    let x = step("subtract", || {
        BinaryOp::Subtract.call(&Arg::from(a), &Arg::from(mean), Out::default())
    })?;
    Ok(with_complex_dtype!(x.dtype(), C => {
        let squares: Vec<_> = x.to_vec::<C>().iter().map(|z| z.re * z.re + z.im * z.im).collect();
        NdArray::from_vec(squares, x.shape())?
    }, otherwise square(&x)?))
}

/// The sum of `(a - mean)**2` over a whole C-contiguous float array, summed pairwise in the
/// order NumPy sums its temporary but without writing it: one pass instead of four.
///
/// None when that does not apply, or when the total is not finite: then a deviation or a
/// square may have raised a floating-point event, and the step-by-step path reports it as
/// NumPy does (a finite total means every deviation and square was finite).
fn squared_deviations<T>(a: &NdArray, mean: &NdArray, flags: &[bool]) -> Result<Option<NdArray>>
where
    T: Element + Pairwise + std::ops::Sub<Output = T> + std::ops::Mul<Output = T>,
{
    if !flags.iter().all(|&r| r) || !a.is_c_contiguous() || a.size() == 0 {
        return Ok(None);
    }
    let m = mean.to_vec::<T>()[0];
    // SAFETY: `a` is C-contiguous, so its `size` elements lie in order from its base.
    let xs = unsafe { std::slice::from_raw_parts(a.base_ptr() as *const T, a.size()) };
    // SAFETY (of the unchecked read): `pairwise` loads only indices below the length given.
    let total = pairwise(xs.len(), &|i| {
        let d = unsafe { *xs.get_unchecked(i) } - m;
        d * d
    });
    if !total.is_finite() {
        return Ok(None);
    }
    let kept = super::kept_shape(a.shape(), flags);
    Ok(Some(NdArray::full(
        &kept,
        total.into_scalar(),
        T::DTYPE,
        MemOrder::C,
    )?))
}

/// NumPy's `std`: the square root of `var`, in its dtype.
pub fn std(
    a: &NdArray,
    axis: Option<&[isize]>,
    dtype: Option<DType>,
    ddof: f64,
    keepdims: bool,
) -> Result<NdArray> {
    let v = var(a, axis, dtype, ddof, keepdims)?;
    UnaryOp::Sqrt.call(&Arg::from(v), Out::default())
}

/// NumPy's `median`: the middle value, or the mean of the two middle values, of each slice
/// (float64 for integers and bool); a slice holding NaN gives NaN.
pub fn median(a: &NdArray, axis: Option<&[isize]>, keepdims: bool) -> Result<NdArray> {
    let flags = axis_flags(axis, a.ndim())?;
    let n = reduced_count(a.shape(), &flags);
    if n == 0 {
        // NumPy averages the empty slices without keepdims (a scalar for a full reduction)
        // and reshapes afterwards.
        let m = mean(a, axis, None, false)?;
        let shape = if keepdims {
            super::kept_shape(a.shape(), &flags)
        } else {
            m.shape().to_vec()
        };
        return Ok(m.with_layout(crate::layout::Layout::contiguous(
            &shape,
            m.itemsize(),
            MemOrder::C,
        )));
    }
    let a = if a.dtype() == DType::Bool {
        a.astype(DType::Int8, MemOrder::C)
    } else {
        a.clone()
    };
    // Reduced axes last, so each slice is a contiguous run of n elements.
    let order: Vec<usize> = (0..a.ndim())
        .filter(|&i| !flags[i])
        .chain((0..a.ndim()).filter(|&i| flags[i]))
        .collect();
    let slices = a.with_layout(a.layout().permute(&order)).copy(MemOrder::C);
    let kept = super::kept_shape(a.shape(), &flags);
    let out = with_real_dtype!(a.dtype(), T => {
        let data = slices.to_vec::<T>();
        let slices = data.len() / n;
        let pieces = if data.len() < PARALLEL_THRESHOLD { 1 } else { slices.min(parallel::threads() * 4) };
        let values: Vec<f64> = parallel::map(pieces, |k| {
            let (lo, hi) = (k * slices / pieces, (k + 1) * slices / pieces);
            data[lo * n..hi * n].chunks(n).map(middle::<T>).collect::<Vec<_>>()
        })
        .concat();
        if T::DTYPE.kind() == Kind::Float {
            let cast: Vec<T> = values.iter().map(|&v| T::from_f64(v)).collect();
            NdArray::from_vec(cast, &kept)?
        } else {
            NdArray::from_vec(values, &kept)?
        }
    }, otherwise return Err(Error::Type(format!("median is not supported for dtype {}", a.dtype()))));
    Ok(finish(out, &flags, keepdims))
}

/// The median of one slice as NumPy's `mean` of its middle one or two values computes it:
/// `0 + (v0 + v1)` in the sum's dtype (float32 for float16 and float32), then divided in
/// float64; exact in float64 for the result's own dtype.
fn middle<T: Order>(slice: &[T]) -> f64 {
    if slice.iter().any(|x| x.is_nan()) {
        return f64::NAN;
    }
    let mut v = slice.to_vec();
    let cmp = |x: &T, y: &T| {
        if x.lt(*y) {
            std::cmp::Ordering::Less
        } else if y.lt(*x) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    };
    let k = v.len() / 2;
    let (low, &mut hi, _) = v.select_nth_unstable_by(k, cmp);
    let mid: Vec<T> = if slice.len() % 2 == 1 {
        vec![hi]
    } else {
        let lo = low
            .iter()
            .copied()
            .reduce(|m, x| if m.lt(x) { x } else { m });
        vec![lo.unwrap_or(hi), hi]
    };
    let count = mid.len() as f64;
    if matches!(T::DTYPE, DType::Float32 | DType::Float16) {
        let s = mid.iter().fold(-0.0f32, |s, x| s + x.cast::<f32>());
        (0.0f32 + s) as f64 / count
    } else {
        let s = mid.iter().fold(-0.0f64, |s, x| s + x.cast::<f64>());
        (0.0 + s) / count
    }
}
