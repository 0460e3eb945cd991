//! `argmax` and `argmin`: the index of the first extreme element, or of the first NaN.

use super::driver::par_fold;
use crate::array::NdArray;
use crate::dtype::DType;
use crate::element::Element;
use crate::error::{normalize_axis, Error, Result};
use crate::iter::{Plan, SendPtr};
use crate::layout::{contiguous_strides, Layout, Order as MemOrder};
use crate::ufunc::math::Order;
use crate::with_dtype;

/// Elements scanned per block: each block is reduced with branch-free loops the compiler
/// vectorizes, and only the winning block is searched again for the first index. A block's
/// own cost (the call, folding its lanes, comparing it with the best so far) must stay small
/// beside its scan: at 1024 elements it made argmax a quarter slower than sum on one core.
const BLOCK: usize = 8192;

/// NumPy's `argmax`: int64 indices of the first maximum along `axis` (None: the flat C-order
/// index over the whole array); a NaN is the maximum at its first position.
pub fn argmax(a: &NdArray, axis: Option<isize>, keepdims: bool) -> Result<NdArray> {
    arg_extreme(a, axis, keepdims, "argmax", true)
}

/// NumPy's `argmin`: as `argmax`, for the first minimum.
pub fn argmin(a: &NdArray, axis: Option<isize>, keepdims: bool) -> Result<NdArray> {
    arg_extreme(a, axis, keepdims, "argmin", false)
}

fn arg_extreme(
    a: &NdArray,
    axis: Option<isize>,
    keepdims: bool,
    name: &str,
    is_max: bool,
) -> Result<NdArray> {
    let empty = || Error::value(format!("attempt to get {name} of an empty sequence"));
    let Some(axis) = axis else {
        if a.size() == 0 {
            return Err(empty());
        }
        let index = with_dtype!(a.dtype(), T => flat_extreme::<T>(a, is_max));
        let shape = if keepdims { vec![1; a.ndim()] } else { vec![] };
        return NdArray::from_vec(vec![index as i64], &shape);
    };
    let ax = normalize_axis(axis, a.ndim())?;
    let n = a.shape()[ax];
    if n == 0 {
        return Err(empty());
    }
    let lanes: Layout = a.layout().index_axis(ax, 0);
    let out = NdArray::zeros(&lanes.shape, DType::Int64, MemOrder::C)?;
    let plan = Plan::new(&lanes.shape, [out.strides(), &lanes.strides]);
    let [so, sl] = plan.inner_strides();
    let step = a.strides()[ax];
    let base = a.buffer().as_ptr().wrapping_add(lanes.offset);
    with_dtype!(a.dtype(), T => {
        plan.par_fold_runs([out.base_ptr(), base], |[po, pl], count| {
            for k in 0..count as isize {
                // SAFETY: each lane lies inside `a`; each output element belongs to one run.
                unsafe {
                    let i = lane::<T>(pl.offset(k * sl), step, n, is_max);
                    (po.offset(k * so) as *mut i64).write(i as i64);
                }
            }
        }, |_, _| ());
    });
    let out = if keepdims {
        out.with_layout(out.layout().insert_axis(ax))
    } else {
        out
    };
    Ok(out)
}

/// The flat C-order index of the first extreme (or first NaN) of a non-empty array, found
/// where the elements lie, without a C-ordered copy: the walk follows memory order, and a
/// second operand walked alongside, whose "address" is the C-order index, numbers the runs.
fn flat_extreme<T: Order>(a: &NdArray, is_max: bool) -> usize {
    if is_max {
        flat_extreme_of::<T, true>(a)
    } else {
        flat_extreme_of::<T, false>(a)
    }
}

/// One run's extreme: its value (meaningless when the run holds a NaN) and the block of the
/// run that holds the first one. The position inside the block is searched only when a tie
/// with another run needs it, or for the winner: most runs of a transposed array lose on
/// value alone.
#[derive(Clone, Copy)]
struct RunExtreme<T> {
    value: T,
    nan: bool,
    block: usize,
    /// The run: its first element, length, and that element's C-order index.
    start: SendPtr,
    n: usize,
    first: usize,
}

/// `flat_extreme` for the maximum (`MAX`) or the minimum.
fn flat_extreme_of<T: Order, const MAX: bool>(a: &NdArray) -> usize {
    let counts = contiguous_strides(a.shape(), 1, MemOrder::C);
    let plan = Plan::new(a.shape(), [a.strides(), &counts]);
    let [stride, count] = plan.inner_strides();
    // The C-order index of a run's first extreme.
    let index = |r: &RunExtreme<T>| {
        // SAFETY: the run lies inside `a` (the plan keeps it there).
        let i = unsafe { find_in_block::<T>(r.start.0, stride, r.n, r.block, r.value, r.nan) };
        r.first.wrapping_add(i.wrapping_mul(count as usize))
    };
    let earlier_extreme = |held: Option<RunExtreme<T>>, other: Option<RunExtreme<T>>| {
        let (Some(x), Some(y)) = (held, other) else {
            return held.or(other);
        };
        let y_wins = match (x.nan, y.nan) {
            (true, false) => false,
            (false, true) => true,
            (false, false) if better::<T, MAX>(y.value, x.value) => true,
            (false, false) if better::<T, MAX>(x.value, y.value) => false,
            // Equal values, or two NaNs: the earlier position in C order.
            _ => index(&y) < index(&x),
        };
        Some(if y_wins { y } else { x })
    };
    // The index operand starts at 0 and is never dereferenced: wrapping offsets from a null
    // pointer only count.
    let bases = [a.base_ptr(), std::ptr::null_mut()];
    let run = |[p, first]: [*mut u8; 2], n: usize| {
        // SAFETY: the plan keeps each run inside `a`.
        let (block, value, nan) = unsafe { scan_lane::<T, MAX>(p, stride, n) };
        Some(RunExtreme {
            value,
            nan,
            block,
            start: SendPtr(p),
            n,
            first: first as usize,
        })
    };
    let best = if plan.shape().len() == 1 {
        // One run: `scan_lane` spreads it over the threads itself.
        run(bases, a.size())
    } else {
        plan.par_fold_runs(bases, run, earlier_extreme)
    };
    index(&best.expect("the array is not empty"))
}

/// The index of the first extreme (or first NaN) of `n >= 1` elements at `p`, `stride` bytes
/// apart, found block by block on all threads when long.
///
/// # Safety
/// The elements must lie inside a live buffer.
unsafe fn lane<T: Order>(p: *mut u8, stride: isize, n: usize, is_max: bool) -> usize {
    // SAFETY: the caller's guarantee.
    unsafe {
        let (block, value, nan) = if is_max {
            scan_lane::<T, true>(p, stride, n)
        } else {
            scan_lane::<T, false>(p, stride, n)
        };
        find_in_block::<T>(p, stride, n, block, value, nan)
    }
}

/// The block of `lane`'s elements that holds the first extreme (or first NaN), that extreme,
/// and whether it is a NaN; the maximum (`MAX`) or the minimum is decided at compile time so
/// that the block scan is a straight loop the compiler vectorizes.
///
/// # Safety
/// As `lane`.
unsafe fn scan_lane<T: Order, const MAX: bool>(
    p: *mut u8,
    stride: isize,
    n: usize,
) -> (usize, T, bool) {
    let p = SendPtr(p);
    let load = move |i: usize| read::<T>(p, i as isize * stride);
    let contiguous = is_contiguous::<T>(p, stride);
    let blocks = n.div_ceil(BLOCK);
    // Per block: (the block, its best value, whether it holds a NaN).
    let scan = |b: usize| {
        let (lo, hi) = (b * BLOCK, ((b + 1) * BLOCK).min(n));
        let (best, nan) = if contiguous {
            // SAFETY: the block's elements are contiguous, aligned and inside the buffer.
            let xs = unsafe { std::slice::from_raw_parts(read_ptr::<T>(p, lo), hi - lo) };
            extreme_of_widest(xs, MAX)
        } else {
            extreme_by::<T, MAX>(hi - lo, |i| load(lo + i))
        };
        (b, best, nan)
    };
    // The better block; on a tie (or two NaN blocks) the earlier one, so the choice does not
    // depend on the order blocks meet in.
    let pick = |l: (usize, T, bool), r: (usize, T, bool)| {
        let (l, r) = if l.0 <= r.0 { (l, r) } else { (r, l) };
        if l.2 || (!r.2 && !better::<T, MAX>(r.1, l.1)) {
            l
        } else {
            r
        }
    };
    par_fold(blocks - 1, 8, scan(0), &|b| scan(b + 1), &pick)
}

/// The position in `lane`'s elements of the first `best` (or the first NaN when `nan`),
/// searched in `block` only.
///
/// # Safety
/// As `lane`.
unsafe fn find_in_block<T: Order>(
    p: *mut u8,
    stride: isize,
    n: usize,
    block: usize,
    best: T,
    nan: bool,
) -> usize {
    let p = SendPtr(p);
    let load = move |i: usize| read::<T>(p, i as isize * stride);
    let (lo, hi) = (block * BLOCK, ((block + 1) * BLOCK).min(n));
    let found = if is_contiguous::<T>(p, stride) {
        // SAFETY: the block's elements are contiguous, aligned and inside the buffer.
        let xs = unsafe { std::slice::from_raw_parts(read_ptr::<T>(p, lo), hi - lo) };
        match nan {
            true => first_where(xs, |x| x.is_nan()),
            false => first_where(xs, |x| x == best),
        }
        .map(|i| lo + i)
    } else if nan {
        (lo..hi).find(|&i| load(i).is_nan())
    } else {
        (lo..hi).find(|&i| load(i) == best)
    };
    found.unwrap_or(lo)
}

/// Whether elements `stride` bytes apart from `p` can be read as a slice of `T`.
fn is_contiguous<T>(p: SendPtr, stride: isize) -> bool {
    stride == size_of::<T>() as isize && (p.0 as usize).is_multiple_of(align_of::<T>())
}

/// The position of the first element of `xs` that is `hit`, tested a chunk at a time with
/// branch-free loops (an argmax along an axis searches each lane's winning block, which for
/// short lanes costs as much as finding the extreme).
#[inline(always)]
fn first_where<T: Copy>(xs: &[T], hit: impl Fn(T) -> bool) -> Option<usize> {
    const CHUNK: usize = 16;
    let chunks = xs.chunks(CHUNK);
    chunks
        .enumerate()
        .find(|(_, chunk)| chunk.iter().fold(false, |any, &x| any | hit(x)))
        .and_then(|(c, chunk)| Some(c * CHUNK + chunk.iter().position(|&x| hit(x))?))
}

/// Whether `x` beats `y` (NaN beats nothing here; NaNs are tracked apart).
#[inline(always)]
fn better<T: Order, const MAX: bool>(x: T, y: T) -> bool {
    if MAX {
        y.lt(x)
    } else {
        x.lt(y)
    }
}

crate::multiversion! {
    fn extreme_of_widest[T: Order](xs: &[T], is_max: bool) -> (T, bool) = extreme;
}

/// `extreme_of` for the maximum or the minimum.
#[inline(always)]
fn extreme<T: Order>(xs: &[T], is_max: bool) -> (T, bool) {
    if is_max {
        extreme_of::<T, true>(xs)
    } else {
        extreme_of::<T, false>(xs)
    }
}

/// The extreme value of a non-empty slice, and whether it holds a NaN (the value is then
/// meaningless).
#[inline(always)]
fn extreme_of<T: Order, const MAX: bool>(xs: &[T]) -> (T, bool) {
    // SAFETY: `extreme_by` loads only indices below the length it is given.
    extreme_by::<T, MAX>(xs.len(), |i| unsafe { *xs.get_unchecked(i) })
}

/// `extreme_of` over the `n >= 1` elements `load` reads (strided runs use it directly: the
/// lanes still break the dependency chain). Each lane keeps its best number and, apart, whether
/// it met a NaN: one compare-and-select and one or per element, which vectorize as max and
/// unordered-compare instructions without a chain through the NaN test.
#[inline(always)]
fn extreme_by<T: Order, const MAX: bool>(n: usize, load: impl Fn(usize) -> T) -> (T, bool) {
    const LANES: usize = 16;
    let first = load(0);
    let mut best = [first; LANES];
    let mut nan = [first.is_nan(); LANES];
    let mut take = |j: usize, x: T| {
        if better::<T, MAX>(x, best[j]) {
            best[j] = x;
        }
        nan[j] |= x.is_nan();
    };
    let whole = n - n % LANES;
    for i in whole..n {
        take(0, load(i));
    }
    for i in (0..whole).step_by(LANES) {
        for j in 0..LANES {
            take(j, load(i + j));
        }
    }
    // A lane that started on a NaN never moved; the flag covers it.
    let top = best[1..]
        .iter()
        .fold(best[0], |b, &x| if better::<T, MAX>(x, b) { x } else { b });
    (top, nan.iter().any(|&x| x))
}

/// Element `i` of contiguous `T`s at `p`.
#[inline(always)]
fn read_ptr<T>(p: SendPtr, i: usize) -> *const T {
    p.0.wrapping_add(i * size_of::<T>()) as *const T
}

/// Reads the element `offset` bytes past `p`.
///
/// # Safety
/// The element must lie inside a live buffer.
#[inline(always)]
unsafe fn read<T: Element>(p: SendPtr, offset: isize) -> T {
    (p.0.wrapping_offset(offset) as *const T).read_unaligned()
}
