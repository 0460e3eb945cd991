//! The generic matrix product: exact for integers (wrapping, as C) and bool (OR of ANDs),
//! float16 accumulated in float32 as NumPy does, and the small float products where faer's
//! set-up would cost more than the arithmetic.

use crate::strided::Strided;
use half::f16;
use num_complex::Complex;
use numoxide::parallel;
use numoxide::Element;

/// How one dtype multiplies and accumulates in a product.
pub(crate) trait ProductElement: Element {
    /// The accumulator: the element type itself, or float32 for float16.
    type Acc: Copy + Send + Sync;
    fn zero() -> Self::Acc;
    fn mul_add(acc: Self::Acc, a: Self, b: Self) -> Self::Acc;
    fn finish(acc: Self::Acc) -> Self;
}

macro_rules! wrapping_products {
    ($($t:ty),*) => {$(
        impl ProductElement for $t {
            type Acc = $t;
            #[inline(always)]
            fn zero() -> $t { 0 }
            #[inline(always)]
            fn mul_add(acc: $t, a: $t, b: $t) -> $t { acc.wrapping_add(a.wrapping_mul(b)) }
            #[inline(always)]
            fn finish(acc: $t) -> $t { acc }
        }
    )*};
}
wrapping_products!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! plain_products {
    ($($t:ty => $zero:expr),*) => {$(
        impl ProductElement for $t {
            type Acc = $t;
            #[inline(always)]
            fn zero() -> $t { $zero }
            // A separate multiply and add, as NumPy's C loop (no fused multiply-add).
            #[inline(always)]
            fn mul_add(acc: $t, a: $t, b: $t) -> $t { acc + a * b }
            #[inline(always)]
            fn finish(acc: $t) -> $t { acc }
        }
    )*};
}
plain_products!(f32 => 0.0, f64 => 0.0, Complex<f32> => Complex::new(0.0, 0.0),
    Complex<f64> => Complex::new(0.0, 0.0));

impl ProductElement for bool {
    type Acc = bool;
    #[inline(always)]
    fn zero() -> bool {
        false
    }
    #[inline(always)]
    fn mul_add(acc: bool, a: bool, b: bool) -> bool {
        acc | (a & b)
    }
    #[inline(always)]
    fn finish(acc: bool) -> bool {
        acc
    }
}

impl ProductElement for f16 {
    type Acc = f32;
    #[inline(always)]
    fn zero() -> f32 {
        0.0
    }
    #[inline(always)]
    fn mul_add(acc: f32, a: f16, b: f16) -> f32 {
        acc + a.to_f32() * b.to_f32()
    }
    #[inline(always)]
    fn finish(acc: f32) -> f16 {
        f16::from_f32(acc)
    }
}

/// Products this size (multiply-adds) and up split their rows over threads.
const PARALLEL_WORK: usize = 1 << 20;
/// Products with at most this many multiply-adds run as plain loops: no packing, no buffer.
pub(crate) const TINY_WORK: usize = 512;

/// `out = a @ b` with `out` row-major contiguous (`a.rows` x `b.cols`). Each output element
/// accumulates its terms in order of the inner index, as NumPy's loop does.
pub(crate) fn product<T: ProductElement>(a: Strided<T>, b: Strided<T>, out: &mut [T]) {
    let n = b.cols;
    if n == 0 {
        return;
    }
    if a.rows * a.cols * n <= TINY_WORK {
        return tiny_widest(a, b, out);
    }
    // Rows of b are read whole for each row of a: make them contiguous once.
    let packed;
    let b = if b.cs == 1 || b.rows == 0 {
        b
    } else {
        packed = (0..b.rows)
            .flat_map(|k| (0..n).map(move |j| b.at(k, j)))
            .collect::<Vec<T>>();
        Strided {
            ptr: packed.as_ptr(),
            rows: b.rows,
            cols: n,
            rs: n as isize,
            cs: 1,
        }
    };
    let work = a.rows * a.cols * n;
    if work >= PARALLEL_WORK && a.rows > 1 {
        let rows_per_task = a.rows.div_ceil(2 * parallel::threads()).max(1);
        parallel::for_each_chunk_mut(out, rows_per_task * n, |t, chunk| {
            rows_into(a, b, t * rows_per_task, chunk)
        });
    } else {
        rows_into(a, b, 0, out);
    }
}

numoxide::multiversion! {
    /// `tiny` at the CPU's vector width.
    fn tiny_widest[T: ProductElement](a: Strided<T>, b: Strided<T>, out: &mut [T]) -> () = tiny;
}

numoxide::multiversion! {
    /// A batch of products of at most `TINY_WORK` multiply-adds each, `out` cut into
    /// `per_item` outputs per product and `items(i)` the operands of product `i`: one loop at
    /// the CPU's vector width, which is most of what a batch of 4x4 products costs.
    pub(crate) fn tiny_batch[T: ProductElement, F: Fn(usize) -> (Strided<T>, Strided<T>)](
        items: F, out: &mut [T], per_item: usize) -> () = tiny_batch_loop;
}

#[inline(always)]
fn tiny_batch_loop<T: ProductElement>(
    items: impl Fn(usize) -> (Strided<T>, Strided<T>),
    out: &mut [T],
    per_item: usize,
) {
    if per_item == 0 {
        return;
    }
    for (i, o) in out.chunks_exact_mut(per_item).enumerate() {
        let (a, b) = items(i);
        tiny(a, b, o);
    }
}

/// A small product, row by row: four output elements at a time advance together over the
/// inner index, as independent chains the CPU overlaps; each is still a sum over the inner
/// index in order.
#[inline(always)]
fn tiny<T: ProductElement>(a: Strided<T>, b: Strided<T>, out: &mut [T]) {
    if b.cs == 1 {
        tiny_with::<T, true>(a, b, out)
    } else {
        tiny_with::<T, false>(a, b, out)
    }
}

/// `tiny`, compiled apart for `b` with unit column step (`UNIT`), whose rows load as vectors.
#[inline(always)]
fn tiny_with<T: ProductElement, const UNIT: bool>(a: Strided<T>, b: Strided<T>, out: &mut [T]) {
    const GROUP: usize = 4;
    let n = b.cols;
    let whole = n - n % GROUP;
    let cs = if UNIT { 1 } else { b.cs };
    // SAFETY: callers pass in-range indices, which address elements of `b` (`cs` is its
    // column step: a known 1 when UNIT).
    let b_at = |k: usize, j: usize| unsafe { *b.ptr.offset(k as isize * b.rs + j as isize * cs) };
    for i in 0..a.rows {
        // Indexing rather than `chunks_exact_mut(n)`, whose division costs more than a
        // 4x4 product's arithmetic.
        let out_row = &mut out[i * n..(i + 1) * n];
        for first in (0..whole).step_by(GROUP) {
            let mut sums = [T::zero(); GROUP];
            for k in 0..a.cols {
                let aik = a.at(i, k);
                for (j, s) in sums.iter_mut().enumerate() {
                    *s = T::mul_add(*s, aik, b_at(k, first + j));
                }
            }
            for (o, s) in out_row[first..].iter_mut().zip(sums) {
                *o = T::finish(s);
            }
        }
        for (j, o) in out_row.iter_mut().enumerate().skip(whole) {
            let mut sum = T::zero();
            for k in 0..a.cols {
                sum = T::mul_add(sum, a.at(i, k), b_at(k, j));
            }
            *o = T::finish(sum);
        }
    }
}

/// Rows `first..` of the product into `out` (whole rows); `b` has unit column stride.
fn rows_into<T: ProductElement>(a: Strided<T>, b: Strided<T>, first: usize, out: &mut [T]) {
    let n = b.cols;
    let mut acc = vec![T::zero(); n];
    for (r, out_row) in out.chunks_exact_mut(n).enumerate() {
        let i = first + r;
        acc.fill(T::zero());
        for k in 0..a.cols {
            let aik = a.at(i, k);
            // SAFETY: row k of b holds n contiguous elements (unit column stride).
            let b_row = unsafe { std::slice::from_raw_parts(b.ptr.offset(k as isize * b.rs), n) };
            for (s, &bkj) in acc.iter_mut().zip(b_row) {
                *s = T::mul_add(*s, aik, bkj);
            }
        }
        for (o, &s) in out_row.iter_mut().zip(&acc) {
            *o = T::finish(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view<T>(data: &[T], rows: usize, cols: usize) -> Strided<T> {
        Strided {
            ptr: data.as_ptr(),
            rows,
            cols,
            rs: cols as isize,
            cs: 1,
        }
    }

    #[test]
    fn integer_products_wrap() {
        let a = [100i8, 100];
        let b = [2i8, 1];
        let mut out = [0i8];
        product(view(&a, 1, 2), view(&b, 2, 1), &mut out);
        assert_eq!(out[0], (300i32 as i8).wrapping_add(0));
    }

    #[test]
    fn bool_products_are_or_of_and() {
        let a = [true, false, false, false];
        let b = [false, true, true, false];
        let mut out = [false; 4];
        product(view(&a, 2, 2), view(&b, 2, 2), &mut out);
        assert_eq!(out, [false, true, false, false]);
    }

    #[test]
    fn strided_b_is_packed() {
        // b is the transpose of [[1, 2], [3, 4]].
        let a = [1.0f64, 0.0, 0.0, 1.0];
        let bt = [1.0f64, 2.0, 3.0, 4.0];
        let b = Strided {
            ptr: bt.as_ptr(),
            rows: 2,
            cols: 2,
            rs: 1,
            cs: 2,
        };
        let mut out = [0.0; 4];
        product(view(&a, 2, 2), b, &mut out);
        assert_eq!(out, [1.0, 3.0, 2.0, 4.0]);
    }
}
