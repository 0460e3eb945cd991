//! The reduction driver: walks the input in NumPy's order and folds it into the output.
//!
//! Axes are ordered by the input's strides and coalesced, exactly as NumPy's iterator does.
//! When the innermost axis is reduced, each inner run is folded into its one output element
//! (NumPy's "binary reduce" loop, pairwise for sums); otherwise the output row is combined
//! with the input row element by element. Reductions over many outputs are split across
//! threads along an axis that is not reduced, which leaves each output's order untouched.

use crate::array::NdArray;
use crate::element::Element;
use crate::iter::{Plan, SendPtr, PARALLEL_THRESHOLD};
use crate::layout::{AxisSlice, Layout};
use crate::parallel;

/// NumPy's buffer size: a cast input is summed in chunks of this many elements, each chunk
/// pairwise, because NumPy casts through buffers of this size.
pub(crate) const BUFFER: usize = 8192;

/// How one reduction folds elements already converted to its type `T`.
pub(crate) trait Fold<T>: Sync {
    /// Folds `load(0..n)` into `acc`: the reduced axis is the inner loop.
    fn run(&self, acc: T, n: usize, load: &(impl Fn(usize) -> T + Sync)) -> T;
    /// Combines an output element with one input element: the reduced axis is outside.
    fn step(&self, acc: T, x: T) -> T;
}

/// Reduces `a` (elements `S`) into `out` (elements `T`, `a`'s shape with each reduced axis
/// set to 1, already holding the initial values), converting each element with NumPy's cast.
/// `buffered` says `a` stands for a cast input that NumPy would sum buffer by buffer.
pub(crate) fn reduce_into<S: Element, T: Element, F: Fold<T>>(
    a: &NdArray,
    out: &NdArray,
    fold: &F,
    buffered: bool,
) {
    debug_assert_eq!(out.dtype(), T::DTYPE);
    let Ok(out_layout) = out.layout().broadcast_to(a.shape()) else {
        unreachable!("the output has the input's shape with reduced axes set to 1")
    };
    let a_layout = a.layout().clone();
    let split = split_axis(a.shape(), out.shape());
    let (base_a, base_o) = (SendPtr(a.buffer().as_ptr()), SendPtr(out.buffer().as_ptr()));
    let serial = |a_l: &Layout, o_l: &Layout| {
        // SAFETY: both layouts lie inside their buffers; each output element is written only
        // by the piece that owns its slice of the split axis.
        unsafe {
            reduce_serial::<S, T, F>(
                at(base_a, a_l.offset as isize),
                a_l,
                at(base_o, o_l.offset as isize),
                o_l,
                fold,
                buffered,
            )
        }
    };
    match split {
        Some((axis, pieces)) if a.size() >= PARALLEL_THRESHOLD => {
            let len = a.shape()[axis];
            parallel::for_each(pieces, |k| {
                let (lo, hi) = (k * len / pieces, (k + 1) * len / pieces);
                let s = AxisSlice {
                    start: lo,
                    step: 1,
                    len: hi - lo,
                };
                serial(
                    &a_layout.slice_axis(axis, s),
                    &out_layout.slice_axis(axis, s),
                );
            });
        }
        _ => serial(&a_layout, &out_layout),
    }
}

/// The longest axis that is not reduced and the number of pieces to cut it into, each at
/// least two long so that no piece drops the axis and changes the iteration order.
fn split_axis(shape: &[usize], out_shape: &[usize]) -> Option<(usize, usize)> {
    let axis = (0..shape.len())
        .filter(|&i| out_shape[i] == shape[i] && shape[i] >= 4)
        .max_by_key(|&i| shape[i])?;
    let pieces = (parallel::threads() * 4).min(shape[axis] / 2);
    (pieces >= 2).then_some((axis, pieces))
}

/// Reduces one piece on the calling thread; layouts carry offsets relative to the pointers.
///
/// # Safety
/// `pa` and `po` with the layouts' shapes and strides must address live elements of `S` and
/// `T`; `po` must not be written by anyone else meanwhile.
unsafe fn reduce_serial<S: Element, T: Element, F: Fold<T>>(
    pa: *mut u8,
    a: &Layout,
    po: *mut u8,
    o: &Layout,
    fold: &F,
    buffered: bool,
) {
    let plan = Plan::new(&a.shape, [&a.strides, &o.strides]);
    let [sa, so] = plan.inner_strides();
    // NumPy hands the inner loop one run per output when the reduced axes coalesce into one;
    // otherwise (and whenever it casts) it gathers the output's consecutive runs through a
    // buffer and sums each buffer-full.
    let reduced_inner = plan
        .strides(1)
        .iter()
        .rev()
        .take_while(|&&s| s == 0)
        .count();
    let gather = so == 0 && (buffered || reduced_inner >= 2);
    let mut buffer: Vec<T> = Vec::with_capacity(if gather { BUFFER } else { 0 });
    let mut current: *mut T = std::ptr::null_mut();
    let flush = |buffer: &mut Vec<T>, out: *mut T| {
        if !buffer.is_empty() {
            out.write_unaligned(fold.run(out.read_unaligned(), buffer.len(), &|i| buffer[i]));
            buffer.clear();
        }
    };
    plan.for_each_run([pa, po], 0..plan.size(), |[pa, po], n| {
        let out = po as *mut T;
        if gather {
            if out != current {
                flush(&mut buffer, current);
                current = out;
            }
            for i in 0..n as isize {
                buffer.push((pa.offset(i * sa) as *const S).read_unaligned().cast());
                if buffer.len() == BUFFER {
                    flush(&mut buffer, current);
                }
            }
        } else if so == 0 {
            out.write_unaligned(fold_run::<S, T, F>(fold, out.read_unaligned(), pa, sa, n));
        } else {
            let (ts, ss) = (size_of::<T>() as isize, size_of::<S>() as isize);
            if so == ts && sa == ss {
                let o = std::slice::from_raw_parts_mut(out, n);
                let x = std::slice::from_raw_parts(pa as *const S, n);
                for (o, &x) in o.iter_mut().zip(x) {
                    *o = fold.step(*o, x.cast());
                }
            } else {
                for i in 0..n as isize {
                    let o = po.offset(i * so) as *mut T;
                    let x = (pa.offset(i * sa) as *const S).read_unaligned();
                    o.write_unaligned(fold.step(o.read_unaligned(), x.cast()));
                }
            }
        }
    });
    flush(&mut buffer, current);
}

/// Folds one run of `n` elements of `S` at `p`, stepping `stride` bytes; contiguous runs are
/// read through a slice so the fold's loops vectorize.
///
/// # Safety
/// The run must lie inside a live buffer.
#[inline(always)]
unsafe fn fold_run<S: Element, T: Element, F: Fold<T>>(
    fold: &F,
    acc: T,
    p: *const u8,
    stride: isize,
    n: usize,
) -> T {
    if stride == size_of::<S>() as isize && (p as usize).is_multiple_of(align_of::<S>()) {
        let s = std::slice::from_raw_parts(p as *const S, n);
        // SAFETY: folds load only indices below the `n` they are given; unchecked loads let
        // their loops vectorize.
        fold.run(acc, n, &|i| unsafe { s.get_unchecked(i) }.cast::<T>())
    } else {
        let p = SendPtr(p as *mut u8);
        fold.run(acc, n, &move |i| {
            (at(p, i as isize * stride) as *const S)
                .read_unaligned()
                .cast::<T>()
        })
    }
}

/// The address `offset` bytes past `p`; a function so closures capture the whole `SendPtr`
/// (which may cross threads) rather than its raw field.
#[inline(always)]
fn at(p: SendPtr, offset: isize) -> *mut u8 {
    p.0.wrapping_offset(offset)
}

/// Folds `load(0..n)` into `init` with an associative and commutative `op`: pieces of at
/// least `grain` items run on the pool's threads and are combined in order, and each piece
/// keeps independent accumulators so its loop vectorizes.
pub(crate) fn par_fold<T: Copy + Send>(
    n: usize,
    grain: usize,
    init: T,
    load: &(impl Fn(usize) -> T + Sync),
    op: &(impl Fn(T, T) -> T + Sync),
) -> T {
    let pieces = (parallel::threads() * 4).min(n / grain.max(1)).max(1);
    let piece = |k: usize| lane_fold_widest(k * n / pieces, (k + 1) * n / pieces, load, op);
    if pieces == 1 {
        return piece(0).map_or(init, |x| op(init, x));
    }
    parallel::map(pieces, piece)
        .into_iter()
        .flatten()
        .fold(init, op)
}

crate::multiversion! {
    /// `lane_fold` at the CPU's vector width: integer sums, extremes and truth tests are
    /// compute-bound at SSE2's.
    fn lane_fold_widest[T: Copy, L: Fn(usize) -> T, O: Fn(T, T) -> T](
        lo: usize, hi: usize, load: &L, op: &O) -> Option<T> = lane_fold;
}

/// Folds `load(lo..hi)` (None when empty) through `LANES` accumulators.
#[inline(always)]
fn lane_fold<T: Copy>(
    lo: usize,
    hi: usize,
    load: &impl Fn(usize) -> T,
    op: &impl Fn(T, T) -> T,
) -> Option<T> {
    const LANES: usize = 16;
    if hi - lo < LANES {
        return (lo + 1..hi).fold((lo < hi).then(|| load(lo)), |acc, i| {
            acc.map(|a| op(a, load(i)))
        });
    }
    let mut acc: [T; LANES] = std::array::from_fn(|j| load(lo + j));
    let mut i = lo + LANES;
    while i + LANES <= hi {
        for (j, a) in acc.iter_mut().enumerate() {
            *a = op(*a, load(i + j));
        }
        i += LANES;
    }
    let tail = (i..hi).fold(acc[0], |a, k| op(a, load(k)));
    Some(acc[1..].iter().fold(tail, |a, &x| op(a, x)))
}
