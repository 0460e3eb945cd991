//! Generic elementwise drivers: walk the iteration plan, run a per-element function over each
//! inner run, and gather floating-point events.
//!
//! Runs are processed in blocks small enough to stay in L1/L2, so that checking a block's
//! results for NaN and infinity costs no extra trip to memory.

use crate::array::NdArray;
use crate::element::Element;
use crate::fpstatus::FpStatus;
use crate::iter::Plan;

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

/// Reads element `i` of a run starting at `p` with byte stride `s`.
///
/// # Safety
/// The element must lie inside a live buffer and be aligned for `T`.
#[inline(always)]
unsafe fn at<T>(p: *mut u8, s: isize, i: usize) -> *mut T {
    p.offset(i as isize * s) as *mut T
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
    let (t, u) = (size_of::<T>() as isize, size_of::<U>() as isize);
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
                    if so == u && sa == t && sb == t {
                        for i in 0..m {
                            *at::<U>(po, u, i) = f(*at::<T>(pa, t, i), *at::<T>(pb, t, i));
                        }
                    } else if so == u && sa == t && sb == 0 {
                        let y = *(pb as *const T);
                        for i in 0..m {
                            *at::<U>(po, u, i) = f(*at::<T>(pa, t, i), y);
                        }
                    } else if so == u && sa == 0 && sb == t {
                        let x = *(pa as *const T);
                        for i in 0..m {
                            *at::<U>(po, u, i) = f(x, *at::<T>(pb, t, i));
                        }
                    } else {
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
                            let mut bad = false;
                            for i in 0..m {
                                bad |= !(*at::<U>(po, so, i)).is_finite();
                            }
                            if bad {
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
    F: Fn(T) -> U + Sync,
    E: Fn(T, U) -> FpStatus + Sync,
{
    let plan = Plan::new(out.shape(), [out.strides(), a.strides()]);
    let [so, sa] = plan.inner_strides();
    let (t, u) = (size_of::<T>() as isize, size_of::<U>() as isize);
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
                    if so == u && sa == t {
                        for i in 0..m {
                            *at::<U>(po, u, i) = f(*at::<T>(pa, t, i));
                        }
                    } else {
                        for i in 0..m {
                            *at::<U>(po, so, i) = f(*at::<T>(pa, sa, i));
                        }
                    }
                    status |= match &check {
                        Check::Never => FpStatus::NONE,
                        Check::NonFinite(e) => {
                            let mut bad = false;
                            for i in 0..m {
                                bad |= !(*at::<U>(po, so, i)).is_finite();
                            }
                            if bad {
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
