//! The iteration plan: how an operation walks several same-shaped operands at once.
//!
//! Axes of length 1 are dropped, the rest are ordered by the first operand's strides (memory
//! order), and neighbouring axes that every operand steps through evenly are merged. What is
//! left is an outer odometer over inner 1-D runs `(n, strides)`; kernels only see runs.

use crate::layout::{Shape, Strides};
use crate::parallel;
use smallvec::SmallVec;
use std::ops::Range;

/// Below this many elements an operation runs on the calling thread.
pub const PARALLEL_THRESHOLD: usize = 1 << 17;

/// A raw pointer that may cross to a worker thread.
#[derive(Clone, Copy)]
pub struct SendPtr(pub *mut u8);
// SAFETY: the plan hands each worker a disjoint range of output elements; inputs are read only.
unsafe impl Send for SendPtr {}
// SAFETY: as above.
unsafe impl Sync for SendPtr {}

/// A walk over `N` operands of one shape; operand 0 decides the order.
#[derive(Clone, Debug)]
pub struct Plan<const N: usize> {
    shape: Shape,
    strides: [Strides; N],
}

impl<const N: usize> Plan<N> {
    /// Plans a walk of `shape`, where operand `k` steps by `strides[k]` bytes along each axis.
    pub fn new(shape: &[usize], strides: [&[isize]; N]) -> Self {
        if let Some(plan) = Self::single_run(shape, &strides) {
            return plan;
        }
        let mut axes: SmallVec<[usize; 4]> = (0..shape.len()).filter(|&i| shape[i] != 1).collect();
        // Outermost first: larger strides outside. A stable sort keeps C order for ties.
        axes.sort_by(|&x, &y| {
            for s in &strides {
                let (a, b) = (s[x].unsigned_abs(), s[y].unsigned_abs());
                if a != 0 && b != 0 && a != b {
                    return b.cmp(&a);
                }
            }
            std::cmp::Ordering::Equal
        });
        let mut plan_shape: Shape = SmallVec::new();
        let mut plan_strides: [Strides; N] = std::array::from_fn(|_| SmallVec::new());
        for &axis in &axes {
            let n = shape[axis];
            let mergeable = !plan_shape.is_empty()
                && (0..N).all(|k| {
                    *plan_strides[k].last().expect("non-empty") == strides[k][axis] * n as isize
                });
            if mergeable {
                *plan_shape.last_mut().expect("non-empty") *= n;
                for k in 0..N {
                    *plan_strides[k].last_mut().expect("non-empty") = strides[k][axis];
                }
            } else {
                plan_shape.push(n);
                for k in 0..N {
                    plan_strides[k].push(strides[k][axis]);
                }
            }
        }
        if plan_shape.is_empty() {
            plan_shape.push(if shape.contains(&0) { 0 } else { 1 });
            for s in &mut plan_strides {
                s.push(0);
            }
        }
        Plan {
            shape: plan_shape,
            strides: plan_strides,
        }
    }

    /// The plan when every operand steps through `shape` in C order without gaps (the usual
    /// case, and the one small operations cannot afford to sort axes for): a single run,
    /// which the general rule also arrives at.
    fn single_run(shape: &[usize], strides: &[&[isize]; N]) -> Option<Self> {
        let (span, step) = single_run(shape, strides)?;
        Some(Plan {
            shape: SmallVec::from_elem(span, 1),
            strides: std::array::from_fn(|k| SmallVec::from_elem(step[k], 1)),
        })
    }

    /// The plan's axes, outermost first, after dropping and merging.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// Operand `k`'s byte strides along the plan's axes.
    pub fn strides(&self, k: usize) -> &[isize] {
        &self.strides[k]
    }

    /// Number of elements walked.
    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }

    /// The inner run's byte strides, one per operand.
    pub fn inner_strides(&self) -> [isize; N] {
        std::array::from_fn(|k| *self.strides[k].last().expect("plans have an axis"))
    }

    /// Calls `f(pointers, n)` for each run of the elements numbered `range` in plan order,
    /// where `pointers` locate the run's first element in each operand.
    pub fn for_each_run(
        &self,
        bases: [*mut u8; N],
        range: Range<usize>,
        mut f: impl FnMut([*mut u8; N], usize),
    ) {
        let ndim = self.shape.len();
        let inner = self.shape[ndim - 1];
        if range.is_empty() || inner == 0 {
            return;
        }
        if ndim == 1 {
            // One axis (what contiguous operands coalesce to): a single run.
            let at = |k: usize| bases[k].wrapping_offset(range.start as isize * self.strides[k][0]);
            return f(std::array::from_fn(at), range.len());
        }
        // The odometer position of element `range.start`.
        let mut index: SmallVec<[usize; 4]> = SmallVec::from_elem(0, ndim);
        let mut rest = range.start;
        for axis in (0..ndim).rev() {
            index[axis] = rest % self.shape[axis];
            rest /= self.shape[axis];
        }
        let mut ptrs: [*mut u8; N] = std::array::from_fn(|k| {
            let off: isize = (0..ndim)
                .map(|a| index[a] as isize * self.strides[k][a])
                .sum();
            bases[k].wrapping_offset(off)
        });
        let mut remaining = range.len();
        loop {
            let n = (inner - index[ndim - 1]).min(remaining);
            f(ptrs, n);
            remaining -= n;
            if remaining == 0 {
                return;
            }
            // Advance the odometer past this run.
            index[ndim - 1] += n;
            for (p, s) in ptrs.iter_mut().zip(&self.strides) {
                *p = p.wrapping_offset(n as isize * s[ndim - 1]);
            }
            let mut axis = ndim - 1;
            while index[axis] == self.shape[axis] {
                index[axis] = 0;
                for (p, s) in ptrs.iter_mut().zip(&self.strides) {
                    *p = p.wrapping_offset(-(self.shape[axis] as isize) * s[axis]);
                }
                axis -= 1;
                index[axis] += 1;
                for (p, s) in ptrs.iter_mut().zip(&self.strides) {
                    *p = p.wrapping_offset(s[axis]);
                }
            }
        }
    }

    /// Like `for_each_run` over every element, spread over the thread pool when large.
    /// Each chunk folds its runs' results with `combine`, then the chunks are combined.
    pub fn par_fold_runs<R: Send + Default>(
        &self,
        bases: [*mut u8; N],
        run: impl Fn([*mut u8; N], usize) -> R + Sync,
        combine: impl Fn(R, R) -> R + Sync,
    ) -> R {
        let size = self.size();
        let bases = bases.map(SendPtr);
        let chunk = |range: Range<usize>| {
            let mut acc = R::default();
            self.for_each_run(bases.map(|p| p.0), range, |p, n| {
                acc = combine(std::mem::take(&mut acc), run(p, n));
            });
            acc
        };
        if size < PARALLEL_THRESHOLD {
            return chunk(0..size);
        }
        let pieces = (parallel::threads() * 4).min(size / (PARALLEL_THRESHOLD / 4));
        let step = size.div_ceil(pieces.max(1));
        parallel::map(size.div_ceil(step), |i| {
            chunk(i * step..((i + 1) * step).min(size))
        })
        .into_iter()
        .fold(R::default(), &combine)
    }
}

/// The length and per-operand steps of the one run that walks `shape` when every operand
/// steps through it in C order without gaps; `None` otherwise, or when it is empty.
fn single_run<const N: usize>(
    shape: &[usize],
    strides: &[&[isize]; N],
) -> Option<(usize, [isize; N])> {
    let mut inner: Option<[isize; N]> = None;
    let mut span = 1usize;
    for axis in (0..shape.len()).rev().filter(|&axis| shape[axis] != 1) {
        match inner {
            None => inner = Some(std::array::from_fn(|k| strides[k][axis])),
            Some(step) => {
                if (0..N).any(|k| strides[k][axis] != step[k] * span as isize) {
                    return None;
                }
            }
        }
        span *= shape[axis];
    }
    let step = inner.filter(|_| span != 0)?;
    Some((span, step))
}

/// `Plan::new(shape, strides).par_fold_runs(...)`, with each run's steps passed to `run`;
/// one small run goes straight to `run`, since building a plan costs a tiny operation a
/// fifth of its time.
pub fn fold_runs<const N: usize, R: Send + Default>(
    shape: &[usize],
    strides: [&[isize]; N],
    bases: [*mut u8; N],
    run: impl Fn([*mut u8; N], usize, [isize; N]) -> R + Sync,
    combine: impl Fn(R, R) -> R + Sync,
) -> R {
    match single_run(shape, &strides) {
        Some((n, steps)) if n < PARALLEL_THRESHOLD => run(bases, n, steps),
        _ => {
            let plan = Plan::new(shape, strides);
            let steps = plan.inner_strides();
            plan.par_fold_runs(bases, |p, n| run(p, n, steps), combine)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contiguous_operands_coalesce_to_one_run() {
        let p = Plan::new(&[2, 3, 4], [&[96, 32, 8], &[96, 32, 8]]);
        assert_eq!(p.shape.as_slice(), &[24]);
        assert_eq!(p.inner_strides(), [8, 8]);
    }

    #[test]
    fn c_ordered_operands_of_any_step_make_one_run() {
        let p = Plan::new(&[2, 1, 3], [&[-48, 0, -16], &[0, 5, 0]]);
        assert_eq!(p.shape.as_slice(), &[6]);
        assert_eq!(p.inner_strides(), [-16, 0]);
    }

    #[test]
    fn broadcast_operand_keeps_axes_apart() {
        let p = Plan::new(&[2, 3], [&[24, 8], &[0, 8]]);
        assert_eq!(p.shape.as_slice(), &[2, 3]);
    }

    #[test]
    fn transposed_operand_is_walked_in_memory_order() {
        let p = Plan::new(&[3, 2], [&[8, 24]]);
        assert_eq!(p.shape.as_slice(), &[6]);
        assert_eq!(p.inner_strides(), [8]);
    }

    #[test]
    fn runs_cover_a_range_that_starts_mid_run() {
        let p = Plan::new(&[3, 4], [&[8, 32]]);
        let mut seen = vec![];
        p.for_each_run([std::ptr::null_mut()], 5..11, |ptrs, n| {
            seen.push((ptrs[0] as usize, n))
        });
        assert_eq!(seen, vec![(48, 1), (64, 3), (96, 2)]);
    }
}
