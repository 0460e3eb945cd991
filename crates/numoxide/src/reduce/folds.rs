//! The folds of the basic reductions, per element type, mirroring NumPy's reduce loops.

use super::driver::{par_fold, Fold};
use super::pairwise::pairwise;
use crate::element::{c128, c64, Element};
use crate::iter::PARALLEL_THRESHOLD;
use crate::ufunc::math::{Arith, Order};
use half::f16;

/// `add.reduce`.
pub(crate) struct SumFold;
/// `multiply.reduce`.
pub(crate) struct ProdFold;
/// `maximum.reduce`.
pub(crate) struct MaxFold;
/// `minimum.reduce`.
pub(crate) struct MinFold;
/// `logical_or.reduce` over truth values.
pub(crate) struct AnyFold;
/// `logical_and.reduce` over truth values.
pub(crate) struct AllFold;

/// How NumPy adds and multiplies a run into an accumulator of this type.
pub(crate) trait Accumulate: Element + Arith {
    fn add_run(acc: Self, n: usize, load: &(impl Fn(usize) -> Self + Sync)) -> Self;
    fn mul_run(acc: Self, n: usize, load: &(impl Fn(usize) -> Self + Sync)) -> Self;
}

// Integer and bool arithmetic wraps, so any grouping gives the same result: fold in parallel.
macro_rules! exact_accumulate {
    ($($t:ty),*) => {$(
        impl Accumulate for $t {
            fn add_run(acc: Self, n: usize, load: &(impl Fn(usize) -> Self + Sync)) -> Self {
                par_fold(n, PARALLEL_THRESHOLD, acc, load, &Arith::add)
            }
            fn mul_run(acc: Self, n: usize, load: &(impl Fn(usize) -> Self + Sync)) -> Self {
                par_fold(n, PARALLEL_THRESHOLD, acc, load, &Arith::mul)
            }
        }
    )*};
}

exact_accumulate!(bool, i8, i16, i32, i64, u8, u16, u32, u64);

// Floats: the run's pairwise sum is added to the accumulator; products go left to right.
macro_rules! inexact_accumulate {
    ($($t:ty),*) => {$(
        impl Accumulate for $t {
            fn add_run(acc: Self, n: usize, load: &(impl Fn(usize) -> Self + Sync)) -> Self {
                acc + pairwise(n, load)
            }
            fn mul_run(acc: Self, n: usize, load: &(impl Fn(usize) -> Self + Sync)) -> Self {
                (0..n).fold(acc, |a, i| a * load(i))
            }
        }
    )*};
}

inexact_accumulate!(f32, f64, c64, c128);

// float16 runs accumulate in float32 and round to float16 once per run, as NumPy's loop.
impl Accumulate for f16 {
    fn add_run(acc: Self, n: usize, load: &(impl Fn(usize) -> Self + Sync)) -> Self {
        f16::from_f32(acc.to_f32() + pairwise(n, &|i| load(i).to_f32()))
    }
    fn mul_run(acc: Self, n: usize, load: &(impl Fn(usize) -> Self + Sync)) -> Self {
        f16::from_f32((0..n).fold(acc.to_f32(), |a, i| a * load(i).to_f32()))
    }
}

impl<T: Accumulate> Fold<T> for SumFold {
    fn run(&self, acc: T, n: usize, load: &(impl Fn(usize) -> T + Sync)) -> T {
        T::add_run(acc, n, load)
    }
    fn step(&self, acc: T, x: T) -> T {
        acc.add(x)
    }
}

impl<T: Accumulate> Fold<T> for ProdFold {
    fn run(&self, acc: T, n: usize, load: &(impl Fn(usize) -> T + Sync)) -> T {
        T::mul_run(acc, n, load)
    }
    fn step(&self, acc: T, x: T) -> T {
        acc.mul(x)
    }
}

/// Maximum and minimum are exact, so any grouping finds the same extreme: fold in parallel
/// through independent lanes. A NaN wins wherever it is, but NumPy's left-to-right loop keeps
/// the first one (complex NaNs differ visibly), so a NaN result is looked up again.
fn extreme_run<T: Order>(
    acc: T,
    n: usize,
    load: &(impl Fn(usize) -> T + Sync),
    op: impl Fn(T, T) -> T + Sync,
) -> T {
    let r = par_fold(n, PARALLEL_THRESHOLD, acc, load, &op);
    if r.is_nan() && !acc.is_nan() {
        (0..n).map(load).find(|x| x.is_nan()).unwrap_or(r)
    } else {
        r
    }
}

impl<T: Order> Fold<T> for MaxFold {
    fn run(&self, acc: T, n: usize, load: &(impl Fn(usize) -> T + Sync)) -> T {
        extreme_run(acc, n, load, T::maximum)
    }
    fn step(&self, acc: T, x: T) -> T {
        acc.maximum(x)
    }
}

impl<T: Order> Fold<T> for MinFold {
    fn run(&self, acc: T, n: usize, load: &(impl Fn(usize) -> T + Sync)) -> T {
        extreme_run(acc, n, load, T::minimum)
    }
    fn step(&self, acc: T, x: T) -> T {
        acc.minimum(x)
    }
}

impl Fold<bool> for AnyFold {
    fn run(&self, acc: bool, n: usize, load: &(impl Fn(usize) -> bool + Sync)) -> bool {
        acc || par_fold(n, PARALLEL_THRESHOLD, false, load, &|a, b| a | b)
    }
    fn step(&self, acc: bool, x: bool) -> bool {
        acc | x
    }
}

impl Fold<bool> for AllFold {
    fn run(&self, acc: bool, n: usize, load: &(impl Fn(usize) -> bool + Sync)) -> bool {
        acc && par_fold(n, PARALLEL_THRESHOLD, true, load, &|a, b| a & b)
    }
    fn step(&self, acc: bool, x: bool) -> bool {
        acc & x
    }
}
