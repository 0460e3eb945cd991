//! NumPy's `fill` for `arange`: from the first two elements, every later one is
//! `start + i*delta` computed in the element type's own arithmetic, so float results match
//! NumPy's bit for bit.

use crate::element::{c128, c64, Element};
use half::f16;

/// Extends `buf[0]`, `buf[1]` into an arithmetic sequence, as NumPy's `@TYPE@_fill` does.
pub(crate) trait RangeFill: Element {
    fn fill(buf: &mut [Self]);
}

macro_rules! integer_fill {
    ($($t:ty),*) => {$(
        impl RangeFill for $t {
            fn fill(buf: &mut [Self]) {
                // C computes `start + i*delta` in npy_intp and truncates: arithmetic mod 2**64.
                let start = buf[0] as i64;
                let delta = (buf[1].wrapping_sub(buf[0])) as i64;
                for (i, x) in buf.iter_mut().enumerate().skip(2) {
                    *x = start.wrapping_add((i as i64).wrapping_mul(delta)) as $t;
                }
            }
        }
    )*};
}

integer_fill!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! float_fill {
    ($($t:ty),*) => {$(
        impl RangeFill for $t {
            fn fill(buf: &mut [Self]) {
                let (start, delta) = (buf[0], buf[1] - buf[0]);
                for (i, x) in buf.iter_mut().enumerate().skip(2) {
                    *x = start + i as $t * delta;
                }
            }
        }
    )*};
}

float_fill!(f32, f64);

// float16 steps in float32 and rounds each element once.
impl RangeFill for f16 {
    fn fill(buf: &mut [Self]) {
        let start = buf[0].to_f32();
        let delta = buf[1].to_f32() - start;
        for (i, x) in buf.iter_mut().enumerate().skip(2) {
            *x = f16::from_f32(start + i as f32 * delta);
        }
    }
}

macro_rules! complex_fill {
    ($($t:ty => $f:ty),*) => {$(
        impl RangeFill for $t {
            fn fill(buf: &mut [Self]) {
                let start = buf[0];
                let delta = <$t>::new(buf[1].re - start.re, buf[1].im - start.im);
                for (i, x) in buf.iter_mut().enumerate().skip(2) {
                    let i = i as $f;
                    *x = <$t>::new(start.re + i * delta.re, start.im + i * delta.im);
                }
            }
        }
    )*};
}

complex_fill!(c64 => f32, c128 => f64);

// arange refuses boolean ranges longer than two, so there is nothing to extend.
impl RangeFill for bool {
    fn fill(_: &mut [Self]) {}
}
