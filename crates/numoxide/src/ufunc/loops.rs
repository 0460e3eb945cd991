//! Generic elementwise drivers: walk the iteration plan, run a per-element function over each
//! inner run, and gather floating-point events.
//!
//! Runs are processed in blocks small enough to stay in L1/L2, so that checking a block's
//! results for NaN and infinity costs no extra trip to memory.

use crate::array::NdArray;
use crate::element::Element;
use crate::fpstatus::FpStatus;
use crate::iter::fold_runs;
use crate::scalar::Scalar;
use std::any::TypeId;
use std::cell::Cell;

const BLOCK: usize = 2048;

/// A run of elements: where its first one is and the byte step to the next.
type Run = (*mut u8, isize);

/// How a kernel's results are checked for floating-point events.
#[derive(Clone, Copy)]
pub enum Check<E> {
    /// Results never raise events (comparisons, bitwise, integer add).
    Never,
    /// A result that is NaN or infinite is examined with this function.
    NonFinite(E),
    /// Every result is examined (integer division by zero).
    Every(E),
}

/// A one-input kernel: a function of one element, and of a contiguous block, which a kernel
/// with a hand-vectorized form overrides (every closure is a kernel applied per element).
pub trait UnaryKernel<T, U>: Sync {
    fn one(&self, x: T) -> U;
    /// `out = f(x)` over a block, telling whether any result is NaN or infinite.
    fn block(&self, out: &mut [U], x: &[T]) -> bool
    where
        T: Copy,
        U: Element,
    {
        let mut non_finite = false;
        for (r, &x) in out.iter_mut().zip(x) {
            *r = self.one(x);
            non_finite |= !r.is_finite();
        }
        non_finite
    }
}

impl<T, U, F: Fn(T) -> U + Sync> UnaryKernel<T, U> for F {
    #[inline(always)]
    fn one(&self, x: T) -> U {
        self(x)
    }
}

/// Reads element `i` of a run starting at `p` with byte stride `s`.
///
/// # Safety
/// The element must lie inside a live buffer and be aligned for `T`.
#[inline(always)]
unsafe fn at<T>(p: *mut u8, s: isize, i: usize) -> *mut T {
    p.offset(i as isize * s) as *mut T
}

/// Where a two-input kernel runs: over arrays, or on one pair of values, as NumPy's scalar
/// math does without building arrays. The ufuncs pick their kernel and its check once,
/// whichever the operands are.
pub enum Drive<'a> {
    /// Operands already of the loop dtype and broadcast to the output's shape, as `binary`
    /// takes them.
    Arrays {
        a: &'a NdArray,
        b: &'a NdArray,
        out: &'a NdArray,
    },
    /// Two values of the loop dtype; the kernel's result lands in `out`.
    Values {
        a: Scalar,
        b: Scalar,
        out: &'a Cell<Option<Scalar>>,
    },
}

impl Drive<'_> {
    /// Runs kernel `f` with its `check` where this drive says, returning the events.
    pub fn binary<T, U, F, E>(&self, f: F, check: Check<E>) -> FpStatus
    where
        T: Element,
        U: Element,
        F: Fn(T, T) -> U + Sync,
        E: Fn(T, T, U) -> FpStatus + Sync,
    {
        match self {
            Drive::Arrays { a, b, out } => binary(a, b, out, f, check),
            Drive::Values { a, b, out } => {
                let (a, b) = (a.to::<T>(), b.to::<T>());
                let r = f(a, b);
                out.set(Some(r.into_scalar()));
                check.events(!r.is_finite(), |e| e(a, b, r))
            }
        }
    }
}

/// Where a one-input kernel runs: over an array, or on one value (NumPy's scalar math).
pub enum UnaryDrive<'a> {
    /// An input already of the loop dtype, of the output's shape.
    Arrays { a: &'a NdArray, out: &'a NdArray },
    /// A value of the loop dtype; the kernel's result lands in `out`.
    Value {
        a: Scalar,
        out: &'a Cell<Option<Scalar>>,
    },
}

impl UnaryDrive<'_> {
    /// Runs kernel `f` with its `check` where this drive says, returning the events.
    pub fn unary<T, U, F, E>(&self, f: F, check: Check<E>) -> FpStatus
    where
        T: Element,
        U: Element,
        F: UnaryKernel<T, U>,
        E: Fn(T, U) -> FpStatus + Sync,
    {
        match self {
            UnaryDrive::Arrays { a, out } => unary(a, out, f, check),
            UnaryDrive::Value { a, out } => {
                let x = a.to::<T>();
                let r = f.one(x);
                out.set(Some(r.into_scalar()));
                check.events(!r.is_finite(), |e| e(x, r))
            }
        }
    }

    /// The loop dtype of the input.
    pub fn dtype(&self) -> crate::DType {
        match self {
            UnaryDrive::Arrays { a, .. } => a.dtype(),
            UnaryDrive::Value { a, .. } => a.dtype(),
        }
    }
}

/// `out = f(a, b)` elementwise; the three share one shape (inputs already broadcast) and
/// `out` either does not overlap the inputs or is exactly one of them.
pub fn binary<T, U, F, E>(
    a: &NdArray,
    b: &NdArray,
    out: &NdArray,
    f: F,
    check: Check<E>,
) -> FpStatus
where
    T: Element,
    U: Element,
    F: Fn(T, T) -> U + Sync,
    E: Fn(T, T, U) -> FpStatus + Sync,
{
    fold_runs(
        out.shape(),
        [out.strides(), a.strides(), b.strides()],
        [out.base_ptr(), a.base_ptr(), b.base_ptr()],
        |[po, pa, pb], n, [so, sa, sb]| {
            (0..n).step_by(BLOCK).fold(FpStatus::NONE, |status, done| {
                let block = |p: *mut u8, s: isize| (p.wrapping_offset(done as isize * s), s);
                // SAFETY: the plan keeps every run inside its array; out is disjoint from the
                // inputs or identical to one of them, which an elementwise pass allows.
                status
                    | unsafe {
                        binary_block_checked(
                            block(po, so),
                            [block(pa, sa), block(pb, sb)],
                            BLOCK.min(n - done),
                            &f,
                            &check,
                        )
                    }
            })
        },
        |x, y| x | y,
    )
}

/// `out = f(x, y)` over a block of `m` elements, returning the events its check finds.
///
/// # Safety
/// Each run holds `m` live, aligned elements (of `U` for the output, `T` for the inputs);
/// an input is disjoint from the output or identical to it.
unsafe fn binary_block_checked<T, U, F, E>(
    out: Run,
    inputs: [Run; 2],
    m: usize,
    f: &F,
    check: &Check<E>,
) -> FpStatus
where
    T: Element,
    U: Element,
    F: Fn(T, T) -> U,
    E: Fn(T, T, U) -> FpStatus,
{
    if !matches!(check, Check::Never) && inputs.contains(&out) {
        // In place: events are judged on the inputs, which the results overwrite, so the
        // block of the input is saved first.
        // SAFETY: the caller's guarantees; the saved copy is disjoint from the output.
        return unsafe {
            with_saved::<T, _>(out, m, |saved| {
                let inputs = inputs.map(|r| if r == out { saved } else { r });
                binary_block_checked(out, inputs, m, f, check)
            })
        };
    }
    let [(pa, sa), (pb, sb)] = inputs;
    // SAFETY: the caller's guarantees.
    unsafe {
        let contiguous = || contiguous_binary(out.0, inputs, m, f);
        let non_finite = run_block(out, m, check, contiguous, |i| {
            f(*at::<T>(pa, sa, i), *at::<T>(pb, sb, i))
        });
        check.events(non_finite, |e| examine_binary(out, inputs, m, e))
    }
}

/// Runs a block through `contiguous` when the output is contiguous and it covers the layout,
/// else writes `element(i)` to each output element; tells whether any result is NaN or
/// infinite (read back after the element loop only when the check needs it).
///
/// # Safety
/// `out` holds `m` live, aligned elements of `U`.
unsafe fn run_block<U: Element, E>(
    out: Run,
    m: usize,
    check: &Check<E>,
    contiguous: impl FnOnce() -> Option<bool>,
    element: impl Fn(usize) -> U,
) -> bool {
    let vectorized = if out.1 == size_of::<U>() as isize {
        contiguous()
    } else {
        None
    };
    vectorized.unwrap_or_else(|| {
        for i in 0..m {
            // SAFETY: the caller's guarantee.
            unsafe { *at::<U>(out.0, out.1, i) = element(i) };
        }
        // SAFETY: as above.
        matches!(check, Check::NonFinite(_)) && unsafe { any_non_finite::<U>(out.0, out.1, m) }
    })
}

impl<E> Check<E> {
    /// The events of a block, given whether any of its results is NaN or infinite; `examine`
    /// judges the block with the check's function where the check asks for it.
    fn events(&self, non_finite: bool, examine: impl FnOnce(&E) -> FpStatus) -> FpStatus {
        match self {
            Check::Never => FpStatus::NONE,
            Check::NonFinite(e) if non_finite => examine(e),
            Check::NonFinite(_) => FpStatus::NONE,
            Check::Every(e) => examine(e),
        }
    }
}

/// Calls `body` with a contiguous copy of the `m` elements of `T` in `run` (`m <= BLOCK`).
///
/// # Safety
/// `run` holds `m` live, aligned elements of `T`.
#[inline(never)]
unsafe fn with_saved<T: Element, R>(run: Run, m: usize, body: impl FnOnce(Run) -> R) -> R {
    let mut saved = [const { std::mem::MaybeUninit::<T>::uninit() }; BLOCK];
    for (i, s) in saved[..m].iter_mut().enumerate() {
        // SAFETY: the caller's guarantee.
        s.write(unsafe { *at::<T>(run.0, run.1, i) });
    }
    body((saved.as_mut_ptr() as *mut u8, size_of::<T>() as isize))
}

/// The events `e` finds in a block's results, judged with their inputs.
///
/// # Safety
/// As `binary_block_checked`, with no input identical to the output.
unsafe fn examine_binary<T: Element, U: Element, E: Fn(T, T, U) -> FpStatus>(
    out: Run,
    [(pa, sa), (pb, sb)]: [Run; 2],
    m: usize,
    e: &E,
) -> FpStatus {
    if out.1 == size_of::<U>() as isize {
        // SAFETY: the caller's guarantees.
        let sources = unsafe {
            (
                source::<T, U>(out.0, (pa, sa), m),
                source::<T, U>(out.0, (pb, sb), m),
            )
        };
        if let (Some(x), Some(y)) = sources {
            // SAFETY: `m` contiguous, live, aligned results.
            let results = unsafe { std::slice::from_raw_parts(out.0 as *const U, m) };
            if let Some(status) = examine_binary_block(results, x, y, e) {
                return status;
            }
        }
    }
    // SAFETY: the caller's guarantees.
    (0..m).fold(FpStatus::NONE, |s, i| unsafe {
        s | e(
            *at::<T>(pa, sa, i),
            *at::<T>(pb, sb, i),
            *at::<U>(out.0, out.1, i),
        )
    })
}

crate::multiversion! {
    fn examine_binary_block[T: Element, U: Element, E: Fn(T, T, U) -> FpStatus](results: &[U], x: Source<'_, T>, y: Source<'_, T>, e: &E) -> Option<FpStatus> = examine_binary_kernel;
}

/// The events over a contiguous block, without branches so that it vectorizes; None for
/// the pairs of sources it does not cover.
#[inline(always)]
fn examine_binary_kernel<T: Element, U: Element, E: Fn(T, T, U) -> FpStatus>(
    results: &[U],
    x: Source<'_, T>,
    y: Source<'_, T>,
    e: &E,
) -> Option<FpStatus> {
    use Source::*;
    let events = FpStatus::NONE;
    Some(match (x, y) {
        (Slice(x), Slice(y)) => results
            .iter()
            .zip(x.iter().zip(y))
            .fold(events, |s, (&r, (&x, &y))| s | e(x, y, r)),
        (Slice(x), Splat(y)) => results
            .iter()
            .zip(x)
            .fold(events, |s, (&r, &x)| s | e(x, y, r)),
        (Splat(x), Slice(y)) => results
            .iter()
            .zip(y)
            .fold(events, |s, (&r, &y)| s | e(x, y, r)),
        _ => return None,
    })
}

/// How a contiguous block reads one input.
#[derive(Clone, Copy)]
enum Source<'a, T> {
    /// Its own elements.
    Slice(&'a [T]),
    /// One value for every element (a broadcast scalar).
    Splat(T),
    /// The output's elements, before they are overwritten (an in-place operation).
    Output,
}

/// Classifies an input run `(pointer, byte stride)` against an output run at `po`.
///
/// # Safety
/// The run must hold `m` live elements of `T`, and must be disjoint from the output unless
/// it starts at `po` with the output's stride.
unsafe fn source<'a, T: Element, U: Element>(
    po: *mut u8,
    (p, s): Run,
    m: usize,
) -> Option<Source<'a, T>> {
    let t = size_of::<T>() as isize;
    let aligned = (p as usize).is_multiple_of(align_of::<T>());
    if p == po && s == t && TypeId::of::<T>() == TypeId::of::<U>() {
        Some(Source::Output)
    } else if s == t && aligned {
        // SAFETY: `m` contiguous, aligned, live elements that the output does not overlap.
        Some(Source::Slice(unsafe {
            std::slice::from_raw_parts(p as *const T, m)
        }))
    } else if s == 0 && aligned {
        // SAFETY: one live, aligned element.
        Some(Source::Splat(unsafe { *(p as *const T) }))
    } else {
        None
    }
}

/// The output's current element `r` read as the input type (only for `Source::Output`,
/// where both types are the same).
#[inline(always)]
fn reread<T: Element, U: Element>(r: &U) -> T {
    debug_assert_eq!(TypeId::of::<T>(), TypeId::of::<U>());
    // SAFETY: `Source::Output` is only chosen when T and U are the same type.
    unsafe { std::mem::transmute_copy(r) }
}

/// `out = f(a, b)` over `m` contiguous output elements through slices, so the compiler knows
/// what aliases and vectorizes. Tells whether any result is NaN or infinite, or returns
/// None, doing nothing, for layouts it does not cover.
///
/// # Safety
/// As `source`, for both inputs; the output holds `m` live, aligned elements of `U`.
unsafe fn contiguous_binary<T: Element, U: Element>(
    po: *mut u8,
    inputs: [Run; 2],
    m: usize,
    f: &impl Fn(T, T) -> U,
) -> Option<bool> {
    if !(po as usize).is_multiple_of(align_of::<U>()) {
        return None;
    }
    // SAFETY: the caller's guarantees, checked per input by `source`.
    let (x, y) = unsafe {
        (
            source::<T, U>(po, inputs[0], m)?,
            source::<T, U>(po, inputs[1], m)?,
        )
    };
    // SAFETY: `m` live, aligned output elements; no input slice overlaps them.
    let out = unsafe { std::slice::from_raw_parts_mut(po as *mut U, m) };
    binary_block(out, x, y, f)
}

crate::multiversion! {
    fn binary_block[T: Element, U: Element, F: Fn(T, T) -> U](out: &mut [U], x: Source<'_, T>, y: Source<'_, T>, f: &F) -> Option<bool> = binary_block_kernel;
}

/// `out = f(x, y)` over a block, telling whether any result is NaN or infinite (found while
/// the results are in registers, which costs less than reading them back); None for the
/// pairs of sources it does not cover.
#[inline(always)]
fn binary_block_kernel<T: Element, U: Element, F: Fn(T, T) -> U>(
    out: &mut [U],
    x: Source<'_, T>,
    y: Source<'_, T>,
    f: &F,
) -> Option<bool> {
    use Source::*;
    let mut non_finite = false;
    let mut put = |r: &mut U, v: U| {
        *r = v;
        non_finite |= !v.is_finite();
    };
    match (x, y) {
        (Slice(x), Slice(y)) => {
            for ((r, &x), &y) in out.iter_mut().zip(x).zip(y) {
                put(r, f(x, y));
            }
        }
        (Slice(x), Splat(y)) => out.iter_mut().zip(x).for_each(|(r, &x)| put(r, f(x, y))),
        (Splat(x), Slice(y)) => out.iter_mut().zip(y).for_each(|(r, &y)| put(r, f(x, y))),
        (Output, Slice(y)) => out.iter_mut().zip(y).for_each(|(r, &y)| {
            let v = f(reread(r), y);
            put(r, v)
        }),
        (Output, Splat(y)) => out.iter_mut().for_each(|r| {
            let v = f(reread(r), y);
            put(r, v)
        }),
        (Slice(x), Output) => out.iter_mut().zip(x).for_each(|(r, &x)| {
            let v = f(x, reread(r));
            put(r, v)
        }),
        _ => return None,
    }
    Some(non_finite)
}

/// `out = f(a)` over `m` contiguous output elements, as `contiguous_binary`, telling whether
/// any result is NaN or infinite.
///
/// # Safety
/// As `contiguous_binary`.
unsafe fn contiguous_unary<T: Element, U: Element>(
    po: *mut u8,
    input: Run,
    m: usize,
    f: &impl UnaryKernel<T, U>,
) -> Option<bool> {
    if !(po as usize).is_multiple_of(align_of::<U>()) {
        return None;
    }
    // SAFETY: the caller's guarantees.
    let x = unsafe { source::<T, U>(po, input, m) }?;
    // SAFETY: `m` live, aligned output elements; no input slice overlaps them.
    let out = unsafe { std::slice::from_raw_parts_mut(po as *mut U, m) };
    unary_block(out, x, f)
}

crate::multiversion! {
    fn unary_block[T: Element, U: Element, F: UnaryKernel<T, U>](out: &mut [U], x: Source<'_, T>, f: &F) -> Option<bool> = unary_block_kernel;
}

/// `out = f(x)` over a block, telling whether any result is NaN or infinite; None for a
/// broadcast input.
#[inline(always)]
fn unary_block_kernel<T: Element, U: Element, F: UnaryKernel<T, U>>(
    out: &mut [U],
    x: Source<'_, T>,
    f: &F,
) -> Option<bool> {
    match x {
        Source::Slice(x) => Some(f.block(out, x)),
        Source::Output => Some(out.iter_mut().fold(false, |non_finite, r| {
            *r = f.one(reread(r));
            non_finite | !r.is_finite()
        })),
        Source::Splat(_) => None,
    }
}

/// Whether any of `m` results at `p`, `s` bytes apart, is NaN or infinite.
///
/// # Safety
/// The elements must be live.
unsafe fn any_non_finite<U: Element>(p: *mut u8, s: isize, m: usize) -> bool {
    if s == size_of::<U>() as isize && (p as usize).is_multiple_of(align_of::<U>()) {
        // SAFETY: `m` contiguous, aligned, live elements.
        any_non_finite_in(unsafe { std::slice::from_raw_parts(p as *const U, m) })
    } else {
        // SAFETY: the caller's guarantee.
        (0..m).fold(false, |bad, i| {
            bad | !unsafe { *at::<U>(p, s, i) }.is_finite()
        })
    }
}

crate::multiversion! {
    fn any_non_finite_in[U: Element](xs: &[U]) -> bool = any_non_finite_kernel;
}

#[inline(always)]
fn any_non_finite_kernel<U: Element>(xs: &[U]) -> bool {
    xs.iter().fold(false, |bad, x| bad | !x.is_finite())
}

/// `out = f(a)` elementwise, under the same conditions as `binary`.
pub fn unary<T, U, F, E>(a: &NdArray, out: &NdArray, f: F, check: Check<E>) -> FpStatus
where
    T: Element,
    U: Element,
    F: UnaryKernel<T, U>,
    E: Fn(T, U) -> FpStatus + Sync,
{
    fold_runs(
        out.shape(),
        [out.strides(), a.strides()],
        [out.base_ptr(), a.base_ptr()],
        |[po, pa], n, [so, sa]| {
            (0..n).step_by(BLOCK).fold(FpStatus::NONE, |status, done| {
                let block = |p: *mut u8, s: isize| (p.wrapping_offset(done as isize * s), s);
                let m = BLOCK.min(n - done);
                // SAFETY: as in `binary`.
                status | unsafe { unary_block_checked(block(po, so), block(pa, sa), m, &f, &check) }
            })
        },
        |x, y| x | y,
    )
}

/// `out = f(x)` over a block of `m` elements, returning the events its check finds.
///
/// # Safety
/// As `binary_block_checked`.
unsafe fn unary_block_checked<T, U, F, E>(
    out: Run,
    input: Run,
    m: usize,
    f: &F,
    check: &Check<E>,
) -> FpStatus
where
    T: Element,
    U: Element,
    F: UnaryKernel<T, U>,
    E: Fn(T, U) -> FpStatus,
{
    if !matches!(check, Check::Never) && input == out {
        // In place, as in `binary_block_checked`.
        // SAFETY: the caller's guarantees; the saved copy is disjoint from the output.
        return unsafe {
            with_saved::<T, _>(out, m, |saved| unary_block_checked(out, saved, m, f, check))
        };
    }
    let (pa, sa) = input;
    // SAFETY: the caller's guarantees.
    unsafe {
        let contiguous = || contiguous_unary(out.0, input, m, f);
        let non_finite = run_block(out, m, check, contiguous, |i| f.one(*at::<T>(pa, sa, i)));
        check.events(non_finite, |e| examine_unary(out, input, m, e))
    }
}

/// The events `e` finds in a block's results, as `examine_binary`.
///
/// # Safety
/// As `examine_binary`.
unsafe fn examine_unary<T: Element, U: Element, E: Fn(T, U) -> FpStatus>(
    out: Run,
    (pa, sa): Run,
    m: usize,
    e: &E,
) -> FpStatus {
    if out.1 == size_of::<U>() as isize && sa == size_of::<T>() as isize {
        // SAFETY: the caller's guarantees: `m` contiguous, live, aligned elements each.
        let (results, xs) = unsafe {
            (
                std::slice::from_raw_parts(out.0 as *const U, m),
                std::slice::from_raw_parts(pa as *const T, m),
            )
        };
        return examine_unary_block(results, xs, e);
    }
    // SAFETY: the caller's guarantees.
    (0..m).fold(FpStatus::NONE, |s, i| unsafe {
        s | e(*at::<T>(pa, sa, i), *at::<U>(out.0, out.1, i))
    })
}

crate::multiversion! {
    fn examine_unary_block[T: Element, U: Element, E: Fn(T, U) -> FpStatus](results: &[U], xs: &[T], e: &E) -> FpStatus = examine_unary_kernel;
}

/// The events over a contiguous block, without branches so that it vectorizes.
#[inline(always)]
fn examine_unary_kernel<T: Element, U: Element, E: Fn(T, U) -> FpStatus>(
    results: &[U],
    xs: &[T],
    e: &E,
) -> FpStatus {
    results
        .iter()
        .zip(xs)
        .fold(FpStatus::NONE, |s, (&r, &x)| s | e(x, r))
}
