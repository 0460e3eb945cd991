//! The floating-point events of float sums and products: NumPy's "overflow encountered in
//! reduce" and "invalid value encountered in reduce".
//!
//! An event leaves a result that is not finite (an overflow an infinity, an invalid step a
//! NaN, and neither is undone by later additions or products), so a finite result needs no
//! check. Otherwise the reduction runs again with every step checked, in the same order as
//! the first run (the same driver and the same pairwise splits), which gives exactly the
//! events of NumPy's loop without slowing down the common case.

use super::driver::{reduce_into, Fold};
use super::pairwise::{pairwise, Pairwise};
use super::{cast_input, filled};
use crate::array::NdArray;
use crate::dtype::DType;
use crate::element::{c128, c64, Element};
use crate::error::Result;
use crate::fpstatus::{self, FpStatus};
use crate::scalar::Scalar;
use crate::ufunc::inexact_check;
use crate::ufunc::math::Arith;
use std::sync::Mutex;

/// Records NumPy's warnings for the events of the sum (or, with `product`, the product) of
/// `a` over the axes `flags` marks, whose result `out` already holds.
pub(crate) fn warn_reduce_events(
    a: &NdArray,
    out: &NdArray,
    flags: &[bool],
    product: bool,
) -> Result<()> {
    let events = match out.dtype() {
        DType::Float32 => events_of::<f32>(a, out, flags, product)?,
        DType::Float64 => events_of::<f64>(a, out, flags, product)?,
        DType::Complex64 => events_of::<c64>(a, out, flags, product)?,
        DType::Complex128 => events_of::<c128>(a, out, flags, product)?,
        _ => FpStatus::NONE,
    };
    fpstatus::record_in(events, "reduce");
    Ok(())
}

fn events_of<T>(a: &NdArray, out: &NdArray, flags: &[bool], product: bool) -> Result<FpStatus>
where
    T: Element + Arith + Pairwise,
{
    if out.to_vec::<T>().into_iter().all(T::is_finite) {
        return Ok(FpStatus::NONE);
    }
    let scratch = filled(a, flags, T::DTYPE, Scalar::Bool(product))?;
    let (src, view, buffered) = cast_input(a, &scratch, T::DTYPE);
    let fold = CheckedFold {
        product,
        events: Mutex::new(FpStatus::NONE),
    };
    reduce_into::<T, T, _>(&src, &view, &fold, buffered);
    Ok(fold.events.into_inner().unwrap_or_else(|e| e.into_inner()))
}

/// A partial result and the events raised on the way to it.
#[derive(Clone, Copy)]
struct Checked<T> {
    value: T,
    events: FpStatus,
}

impl<T: Element + Arith> Checked<T> {
    fn of(value: T) -> Self {
        Checked {
            value,
            events: FpStatus::NONE,
        }
    }

    fn combine(self, o: Self, value: T) -> Self {
        Checked {
            value,
            events: self.events | o.events | inexact_check(self.value, o.value, value),
        }
    }

    fn times(self, o: Self) -> Self {
        self.combine(o, self.value.mul(o.value))
    }
}

impl<T: Element + Arith + Pairwise> Pairwise for Checked<T> {
    const WIDTH: usize = T::WIDTH;
    const ZERO: Self = Checked {
        value: T::ZERO,
        events: FpStatus::NONE,
    };
    fn plus(self, o: Self) -> Self {
        self.combine(o, self.value.plus(o.value))
    }
}

/// `SumFold` or `ProdFold` with every step checked; runs on several threads share `events`.
struct CheckedFold {
    product: bool,
    events: Mutex<FpStatus>,
}

impl CheckedFold {
    fn keep<T>(&self, r: Checked<T>) -> T {
        if !r.events.is_empty() {
            *self.events.lock().unwrap_or_else(|e| e.into_inner()) |= r.events;
        }
        r.value
    }
}

impl<T: Element + Arith + Pairwise> Fold<T> for CheckedFold {
    fn run(&self, acc: T, n: usize, load: &(impl Fn(usize) -> T + Sync)) -> T {
        let acc = Checked::of(acc);
        self.keep(if self.product {
            (0..n).fold(acc, |p, i| p.times(Checked::of(load(i))))
        } else {
            acc.plus(pairwise(n, &|i| Checked::of(load(i))))
        })
    }
    fn step(&self, acc: T, x: T) -> T {
        let (acc, x) = (Checked::of(acc), Checked::of(x));
        self.keep(if self.product {
            acc.times(x)
        } else {
            acc.plus(x)
        })
    }
}
