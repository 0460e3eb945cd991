//! Generic elementwise drivers: walk the iteration plan, run a per-element function over each
//! inner run, and gather floating-point events.
//!
//! Runs are processed in blocks small enough to stay in L1/L2, so that checking a block's
//! results for NaN and infinity costs no extra trip to memory.

use crate::array::NdArray;
use crate::element::Element;
use crate::fpstatus::FpStatus;
use crate::iter::Plan;
use crate::scalar::Scalar;
use std::any::TypeId;
use std::cell::Cell;

const BLOCK: usize = 2048;

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
    fn block(&self, out: &mut [U], x: &[T])
    where
        T: Copy,
    {
        out.iter_mut().zip(x).for_each(|(r, &x)| *r = self.one(x));
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
                check_one(&check, a, b, r)
            }
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
    let plan = Plan::new(out.shape(), [out.strides(), a.strides(), b.strides()]);
    let [so, sa, sb] = plan.inner_strides();
    let u = size_of::<U>() as isize;
    plan.par_fold_runs(
        [out.base_ptr(), a.base_ptr(), b.base_ptr()],
        |[po, pa, pb], n| {
            let mut status = FpStatus::NONE;
            let mut done = 0;
            while done < n {
                let m = BLOCK.min(n - done);
                // SAFETY: the plan keeps every run inside its array; out is disjoint from the
                // inputs or identical to one of them, which an elementwise pass allows.
                unsafe {
                    let (po, pa, pb) = (
                        po.offset(done as isize * so),
                        pa.offset(done as isize * sa),
                        pb.offset(done as isize * sb),
                    );
                    let vectorized = so == u && contiguous_binary(po, [(pa, sa), (pb, sb)], m, &f);
                    if !vectorized {
                        for i in 0..m {
                            *at::<U>(po, so, i) = f(*at::<T>(pa, sa, i), *at::<T>(pb, sb, i));
                        }
                    }
                    let examine = |i| {
                        check_one(
                            &check,
                            *at::<T>(pa, sa, i),
                            *at::<T>(pb, sb, i),
                            *at::<U>(po, so, i),
                        )
                    };
                    status |= match &check {
                        Check::Never => FpStatus::NONE,
                        Check::NonFinite(_) => {
                            if any_non_finite::<U>(po, so, m) {
                                (0..m).fold(FpStatus::NONE, |s, i| s | examine(i))
                            } else {
                                FpStatus::NONE
                            }
                        }
                        Check::Every(_) => (0..m).fold(FpStatus::NONE, |s, i| s | examine(i)),
                    };
                }
                done += m;
            }
            status
        },
        |x, y| x | y,
    )
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
    (p, s): (*mut u8, isize),
    m: usize,
) -> Option<Source<'a, T>> {
    let t = size_of::<T>() as isize;
    let aligned = p as usize % align_of::<T>() == 0;
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
/// what aliases and vectorizes. Returns false, doing nothing, for layouts it does not cover.
///
/// # Safety
/// As `source`, for both inputs; the output holds `m` live, aligned elements of `U`.
unsafe fn contiguous_binary<T: Element, U: Element>(
    po: *mut u8,
    inputs: [(*mut u8, isize); 2],
    m: usize,
    f: &impl Fn(T, T) -> U,
) -> bool {
    if po as usize % align_of::<U>() != 0 {
        return false;
    }
    // SAFETY: the caller's guarantees, checked per input by `source`.
    let (Some(x), Some(y)) = (unsafe { source::<T, U>(po, inputs[0], m) }, unsafe {
        source::<T, U>(po, inputs[1], m)
    }) else {
        return false;
    };
    // SAFETY: `m` live, aligned output elements; no input slice overlaps them.
    let out = unsafe { std::slice::from_raw_parts_mut(po as *mut U, m) };
    binary_block(out, x, y, f)
}

crate::multiversion! {
    fn binary_block[T: Element, U: Element, F: Fn(T, T) -> U](out: &mut [U], x: Source<'_, T>, y: Source<'_, T>, f: &F) -> bool = binary_block_kernel;
}

/// `out = f(x, y)` over a block; false for the pairs of sources it does not cover.
#[inline(always)]
fn binary_block_kernel<T: Element, U: Element, F: Fn(T, T) -> U>(
    out: &mut [U],
    x: Source<'_, T>,
    y: Source<'_, T>,
    f: &F,
) -> bool {
    use Source::*;
    match (x, y) {
        (Slice(x), Slice(y)) => {
            for ((r, &x), &y) in out.iter_mut().zip(x).zip(y) {
                *r = f(x, y);
            }
        }
        (Slice(x), Splat(y)) => out.iter_mut().zip(x).for_each(|(r, &x)| *r = f(x, y)),
        (Splat(x), Slice(y)) => out.iter_mut().zip(y).for_each(|(r, &y)| *r = f(x, y)),
        (Output, Slice(y)) => out
            .iter_mut()
            .zip(y)
            .for_each(|(r, &y)| *r = f(reread(r), y)),
        (Output, Splat(y)) => out.iter_mut().for_each(|r| *r = f(reread(r), y)),
        (Slice(x), Output) => out
            .iter_mut()
            .zip(x)
            .for_each(|(r, &x)| *r = f(x, reread(r))),
        _ => return false,
    }
    true
}

/// `out = f(a)` over `m` contiguous output elements, as `contiguous_binary`.
///
/// # Safety
/// As `contiguous_binary`.
unsafe fn contiguous_unary<T: Element, U: Element>(
    po: *mut u8,
    input: (*mut u8, isize),
    m: usize,
    f: &impl UnaryKernel<T, U>,
) -> bool {
    if po as usize % align_of::<U>() != 0 {
        return false;
    }
    // SAFETY: the caller's guarantees.
    let Some(x) = (unsafe { source::<T, U>(po, input, m) }) else {
        return false;
    };
    // SAFETY: `m` live, aligned output elements; no input slice overlaps them.
    let out = unsafe { std::slice::from_raw_parts_mut(po as *mut U, m) };
    unary_block(out, x, f)
}

crate::multiversion! {
    fn unary_block[T: Element, U: Element, F: UnaryKernel<T, U>](out: &mut [U], x: Source<'_, T>, f: &F) -> bool = unary_block_kernel;
}

/// `out = f(x)` over a block; false for a broadcast input.
#[inline(always)]
fn unary_block_kernel<T: Element, U: Element, F: UnaryKernel<T, U>>(
    out: &mut [U],
    x: Source<'_, T>,
    f: &F,
) -> bool {
    match x {
        Source::Slice(x) => f.block(out, x),
        Source::Output => out.iter_mut().for_each(|r| *r = f.one(reread(r))),
        Source::Splat(_) => return false,
    }
    true
}

/// Whether any of `m` results at `p`, `s` bytes apart, is NaN or infinite.
///
/// # Safety
/// The elements must be live.
unsafe fn any_non_finite<U: Element>(p: *mut u8, s: isize, m: usize) -> bool {
    if s == size_of::<U>() as isize && p as usize % align_of::<U>() == 0 {
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

fn check_one<T, U, E: Fn(T, T, U) -> FpStatus>(check: &Check<E>, a: T, b: T, r: U) -> FpStatus {
    match check {
        Check::Never => FpStatus::NONE,
        Check::NonFinite(e) | Check::Every(e) => e(a, b, r),
    }
}

/// `out = f(a)` elementwise, under the same conditions as `binary`.
pub fn unary<T, U, F, E>(a: &NdArray, out: &NdArray, f: F, check: Check<E>) -> FpStatus
where
    T: Element,
    U: Element,
    F: UnaryKernel<T, U>,
    E: Fn(T, U) -> FpStatus + Sync,
{
    let plan = Plan::new(out.shape(), [out.strides(), a.strides()]);
    let [so, sa] = plan.inner_strides();
    let u = size_of::<U>() as isize;
    plan.par_fold_runs(
        [out.base_ptr(), a.base_ptr()],
        |[po, pa], n| {
            let mut status = FpStatus::NONE;
            let mut done = 0;
            while done < n {
                let m = BLOCK.min(n - done);
                // SAFETY: as in `binary`.
                unsafe {
                    let (po, pa) = (po.offset(done as isize * so), pa.offset(done as isize * sa));
                    let vectorized = so == u && contiguous_unary(po, (pa, sa), m, &f);
                    if !vectorized {
                        for i in 0..m {
                            *at::<U>(po, so, i) = f.one(*at::<T>(pa, sa, i));
                        }
                    }
                    status |= match &check {
                        Check::Never => FpStatus::NONE,
                        Check::NonFinite(e) => {
                            if any_non_finite::<U>(po, so, m) {
                                (0..m).fold(FpStatus::NONE, |s, i| {
                                    s | e(*at::<T>(pa, sa, i), *at::<U>(po, so, i))
                                })
                            } else {
                                FpStatus::NONE
                            }
                        }
                        Check::Every(e) => (0..m).fold(FpStatus::NONE, |s, i| {
                            s | e(*at::<T>(pa, sa, i), *at::<U>(po, so, i))
                        }),
                    };
                }
                done += m;
            }
            status
        },
        |x, y| x | y,
    )
}
