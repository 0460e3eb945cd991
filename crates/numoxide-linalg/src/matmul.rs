//! `matmul` and the stacked product every other product is built on. float32/64 and
//! complex go to faer, but for tiny matrices (the generic kernel, where faer's set-up costs
//! more than the arithmetic) and, on AVX-512, small and large float32/64 ones (`direct`,
//! `packed`); integers, bool and float16 to the exact generic kernel.

use crate::batch::{for_each_block, on_faer_threads};
use crate::direct;
use crate::gemv::{gemv, sum_over_ranges, GemvElement};
use crate::gram;
use crate::gufunc::{broadcast_batch, MATMUL};
use crate::kernel::{product, tiny_batch, ProductElement, TINY_WORK};
use crate::packed;
use crate::strided::{batch_offsets, Stack, Strided};
use faer::linalg::matmul::matmul as faer_matmul;
use faer::{Accum, MatMut, MatRef, Par};
use num_complex::Complex;
use numoxide::parallel;
use numoxide::promote::{can_cast, promote_types, Casting};
use numoxide::{with_dtype, DType, Error, NdArray, Order, Result};

/// The element types faer multiplies.
pub(crate) trait FaerElement: GemvElement + faer::traits::ComplexField {
    /// `direct::product` for the types it handles; `false` (not done) for the others.
    fn direct(_a: Strided<Self>, _b: Strided<Self>, _out: &mut [Self], _parallel: bool) -> bool {
        false
    }
    /// `packed::product` for the types it handles; `false` (not done) for the others.
    fn packed(_a: Strided<Self>, _b: Strided<Self>, _out: &mut [Self], _parallel: bool) -> bool {
        false
    }
}
macro_rules! own_kernels {
    ($($t:ty),*) => {$(
        impl FaerElement for $t {
            fn direct(a: Strided<$t>, b: Strided<$t>, out: &mut [$t], parallel: bool) -> bool {
                direct::product(a, b, out, parallel)
            }
            fn packed(a: Strided<$t>, b: Strided<$t>, out: &mut [$t], parallel: bool) -> bool {
                packed::product(a, b, out, parallel)
            }
        }
    )*};
}
own_kernels!(f32, f64);
impl FaerElement for Complex<f32> {}
impl FaerElement for Complex<f64> {}

/// Below this many multiply-adds the generic kernel beats faer's dispatch.
const FAER_MIN_WORK: usize = 20 * 20 * 20;
/// From this many multiply-adds one product is worth both cores.
const FAER_PARALLEL_WORK: usize = 96 * 96 * 96;
/// Outputs with a side this short or shorter are split by `split_long_side`.
const NARROW_SIDE: usize = 256;
/// A batch of products this much work in total, each small, is split over threads.
const BATCH_PARALLEL_WORK: usize = 1 << 15;

/// One product `out = a @ b` into a row-major buffer; `parallel` allows threads inside it.
type ProductFn<T> = fn(Strided<T>, Strided<T>, &mut [T], bool);

fn kernel_product<T: ProductElement>(a: Strided<T>, b: Strided<T>, out: &mut [T], _: bool) {
    product(a, b, out);
}

fn faer_product<T: FaerElement>(a: Strided<T>, b: Strided<T>, out: &mut [T], parallel: bool) {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    let work = m * k * n;
    if work < FAER_MIN_WORK {
        return product(a, b, out);
    }
    if n == 1 && gemv(a, b.ptr, b.rs, out, parallel) {
        return;
    }
    if m == 1 && gemv(b.transposed(), a.ptr, a.cs, out, parallel) {
        return;
    }
    if T::direct(a, b, out, parallel) {
        return;
    }
    let threads = parallel::threads();
    let parallel = parallel && threads > 1 && work >= FAER_PARALLEL_WORK;
    if parallel && gram::suits(a, b) {
        return gram::product(a, b, out, |a, b, block| faer_product(a, b, block, false));
    }
    if parallel && k >= 8 * m.max(n) {
        return split_inner(a, b, out, threads);
    }
    if parallel && m.min(n) <= NARROW_SIDE {
        let dst = MatMut::from_row_major_slice_mut(out, m, n);
        return split_long_side(a, b, dst, threads);
    }
    if T::packed(a, b, out, parallel) {
        return;
    }
    let dst = MatMut::from_row_major_slice_mut(out, m, n);
    if parallel {
        on_faer_threads(|| faer_into(a, b, dst, Par::rayon(0)));
    } else {
        faer_into(a, b, dst, Par::Seq);
    }
}

/// `dst = a @ b` by faer.
fn faer_into<T: FaerElement>(a: Strided<T>, b: Strided<T>, dst: MatMut<'_, T>, par: Par) {
    // SAFETY: both views address in-range elements of arrays the caller keeps alive, with
    // element strides and aligned data (`Stack` copies anything else); faer only reads them.
    let (lhs, rhs) = unsafe {
        (
            MatRef::from_raw_parts(a.ptr, a.rows, a.cols, a.rs, a.cs),
            MatRef::from_raw_parts(b.ptr, b.rows, b.cols, b.rs, b.cs),
        )
    };
    faer_matmul(dst, Accum::Replace, lhs, rhs, T::from_f64(1.0), par);
}

/// A product with a narrow output (few rows or few columns): its long side is cut into a few
/// parts per thread, each a sequential product. faer's own split suits square outputs but
/// runs these shapes slower on two threads than on one.
fn split_long_side<T: FaerElement>(
    a: Strided<T>,
    b: Strided<T>,
    dst: MatMut<'_, T>,
    threads: usize,
) {
    let by_rows = dst.nrows() >= dst.ncols();
    for_each_block(dst, 2 * threads, by_rows, |start, block| {
        if by_rows {
            faer_into(
                a.rows_range(start, start + block.nrows()),
                b,
                block,
                Par::Seq,
            );
        } else {
            faer_into(a, b.columns(start, start + block.ncols()), block, Par::Seq);
        }
    });
}

/// A product whose inner dimension dwarfs the output (`X.T @ X` of a tall X): the output
/// offers too little work to share, so the inner dimension is split over threads and the
/// partial products added.
fn split_inner<T: FaerElement>(a: Strided<T>, b: Strided<T>, out: &mut [T], threads: usize) {
    sum_over_ranges(out, a.cols, threads, |r, part| {
        faer_product(
            a.columns(r.start, r.end),
            b.rows_range(r.start, r.end),
            part,
            false,
        )
    });
}

/// `a @ b` over stacks: `a` is (..., n, k) and `b` (..., k, m), one dtype, their batch axes
/// broadcasting to `batch`. A new C-contiguous (batch..., n, m) array.
pub(crate) fn stacked_product(a: &NdArray, b: &NdArray, batch: &[usize]) -> Result<NdArray> {
    let (n, m) = (a.shape()[a.ndim() - 2], b.shape()[b.ndim() - 1]);
    let mut shape = batch.to_vec();
    shape.extend([n, m]);
    // Every product writes its whole output.
    let out = NdArray::for_overwrite(&shape, a.dtype(), Order::C)?;
    if out.size() == 0 {
        return Ok(out);
    }
    let (sa, sb) = (Stack::new(a), Stack::new(b));
    let stacks = Stacks {
        offsets_a: batch_offsets(&sa.array, batch),
        offsets_b: batch_offsets(&sb.array, batch),
        a: sa,
        b: sb,
    };
    match a.dtype() {
        DType::Float32 => stacks.run::<f32>(&out, faer_product::<f32>),
        DType::Float64 => stacks.run::<f64>(&out, faer_product::<f64>),
        DType::Complex64 => stacks.run::<Complex<f32>>(&out, faer_product::<Complex<f32>>),
        DType::Complex128 => stacks.run::<Complex<f64>>(&out, faer_product::<Complex<f64>>),
        d => with_dtype!(d, T => stacks.run::<T>(&out, kernel_product::<T>)),
    }
    Ok(out)
}

/// Both operands of a stacked product with the byte offset of each matrix.
struct Stacks {
    a: Stack,
    b: Stack,
    offsets_a: Vec<isize>,
    offsets_b: Vec<isize>,
}

impl Stacks {
    fn run<T: ProductElement>(&self, out: &NdArray, f: ProductFn<T>) {
        // SAFETY: `out` is a new C-contiguous array of T that nothing else references yet.
        let data = unsafe { std::slice::from_raw_parts_mut(out.base_ptr() as *mut T, out.size()) };
        let per_item = data.len() / self.offsets_a.len();
        let k = self.a.array.shape()[self.a.array.ndim() - 1];
        let item_work = per_item * k;
        let one = |(i, o): (usize, &mut [T]), parallel: bool| {
            f(
                self.a.matrix(self.offsets_a[i]),
                self.b.matrix(self.offsets_b[i]),
                o,
                parallel,
            )
        };
        let many_small = self.offsets_a.len() > 1
            && item_work < FAER_PARALLEL_WORK
            && item_work * self.offsets_a.len() >= BATCH_PARALLEL_WORK;
        let items = |i: usize| {
            (
                self.a.matrix(self.offsets_a[i]),
                self.b.matrix(self.offsets_b[i]),
            )
        };
        if item_work <= TINY_WORK && many_small {
            let count = self.offsets_a.len();
            let per_part = count.div_ceil(2 * parallel::threads());
            parallel::for_each_chunk_mut(data, per_part * per_item, |p, part| {
                tiny_batch(|i| items(p * per_part + i), part, per_item)
            });
        } else if item_work <= TINY_WORK {
            tiny_batch(items, data, per_item);
        } else if many_small {
            parallel::for_each_item_mut(data, per_item, |i, o| one((i, o), false));
        } else {
            data.chunks_mut(per_item)
                .enumerate()
                .for_each(|item| one(item, true));
        }
    }
}

/// `a` as `dtype` (itself when it already is).
pub(crate) fn cast(a: &NdArray, dtype: DType) -> NdArray {
    if a.dtype() == dtype {
        a.clone()
    } else {
        a.astype(dtype, Order::C)
    }
}

/// NumPy's `matmul` (`a @ b`): stacks of matrices with broadcast batch axes; a 1-d first
/// operand is a row, a 1-d second operand a column, and their axis is dropped from the
/// result. `dtype` chooses the loop, as NumPy's `dtype=` does.
pub fn matmul(a: &NdArray, b: &NdArray, dtype: Option<DType>) -> Result<NdArray> {
    for (i, x) in [a, b].into_iter().enumerate() {
        if x.ndim() == 0 {
            return Err(MATMUL.too_few_dims(i, 0, 1));
        }
    }
    let dtype = match dtype {
        Some(d) => {
            for (i, x) in [a, b].into_iter().enumerate() {
                if !can_cast(x.dtype(), d, Casting::SameKind) {
                    return Err(Error::UFuncType(format!(
                        "Cannot cast ufunc 'matmul' input {i} from dtype('{}') to dtype('{d}') with casting rule 'same_kind'",
                        x.dtype()
                    )));
                }
            }
            d
        }
        None => promote_types(a.dtype(), b.dtype()),
    };
    let a2 = if a.ndim() == 1 {
        a.expand_dims(&[0])?
    } else {
        a.clone()
    };
    let b2 = if b.ndim() == 1 {
        b.expand_dims(&[1])?
    } else {
        b.clone()
    };
    let (k, kb) = (a2.shape()[a2.ndim() - 1], b2.shape()[b2.ndim() - 2]);
    MATMUL.check_input(1, 0, kb, k)?;
    let (n, m) = (a2.shape()[a2.ndim() - 2], b2.shape()[b2.ndim() - 1]);
    let out_core: Vec<usize> = [(a.ndim() > 1, n), (b.ndim() > 1, m)]
        .into_iter()
        .filter_map(|(kept, d)| kept.then_some(d))
        .collect();
    let batch = broadcast_batch(
        &[a.shape(), b.shape()],
        &[a.ndim().min(2), b.ndim().min(2)],
        &out_core,
    )?;
    let out = stacked_product(&cast(&a2, dtype), &cast(&b2, dtype), &batch)?;
    let mut shape: Vec<isize> = batch.iter().map(|&d| d as isize).collect();
    shape.extend(out_core.iter().map(|&d| d as isize));
    out.reshape(&shape, Order::C)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arr(v: &[f64], shape: &[usize]) -> NdArray {
        NdArray::from_vec(v.to_vec(), shape).unwrap()
    }

    #[test]
    fn vector_rules_drop_axes() {
        let a = arr(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], &[2, 3]);
        let v = arr(&[1.0, 1.0, 1.0], &[3]);
        let r = matmul(&a, &v, None).unwrap();
        assert_eq!(r.shape(), &[2]);
        assert_eq!(r.to_vec::<f64>(), vec![6.0, 15.0]);
        let s = matmul(&v, &v, None).unwrap();
        assert_eq!(s.shape(), &[] as &[usize]);
    }

    /// Asserts that the float64 product `a @ b` equals the exact int64 one; the data must be
    /// small integers, so that every order of summation is exact.
    fn assert_exact_product(a: &NdArray, b: &NdArray) {
        let fast = matmul(a, b, None).unwrap().to_vec::<f64>();
        let exact = matmul(&cast(a, DType::Int64), &cast(b, DType::Int64), None).unwrap();
        let exact: Vec<f64> = exact
            .to_vec::<i64>()
            .into_iter()
            .map(|v| v as f64)
            .collect();
        assert_eq!(fast, exact);
    }

    /// An `m` x `n` matrix of small integers.
    fn small_ints(m: usize, n: usize, step: usize, modulus: usize) -> NdArray {
        let half = (modulus / 2) as f64;
        let data: Vec<f64> = (0..m * n)
            .map(|i| ((i * step) % modulus) as f64 - half)
            .collect();
        arr(&data, &[m, n])
    }

    #[test]
    fn large_faer_product_matches_the_kernel() {
        let a = small_ints(70, 70, 7, 13);
        assert_exact_product(&a, &a.transpose(None).unwrap());
    }

    #[test]
    fn tall_products_split_over_the_inner_dimension_exactly() {
        // 16 x 4000 @ 4000 x 16.
        let a = small_ints(16, 4000, 5, 7);
        assert_exact_product(&a, &a.transpose(None).unwrap());
    }

    #[test]
    fn narrow_products_split_their_long_side_exactly() {
        for (m, k, n) in [(40, 300, 3000), (3000, 300, 40)] {
            assert_exact_product(&small_ints(m, k, 5, 7), &small_ints(k, n, 3, 5));
        }
    }

    #[test]
    fn core_mismatch_is_numpys_message() {
        let a = arr(&[0.0; 6], &[2, 3]);
        let e = matmul(&a, &a, None).unwrap_err();
        assert_eq!(e.message(), "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size 2 is different from 3)");
    }

    #[test]
    fn batches_broadcast() {
        let a = arr(&[1.0, 0.0, 0.0, 1.0], &[1, 2, 2]);
        let b = arr(&(0..8).map(|v| v as f64).collect::<Vec<_>>(), &[2, 2, 2]);
        let r = matmul(&a, &b, None).unwrap();
        assert_eq!(r.shape(), &[2, 2, 2]);
        assert_eq!(r.to_vec::<f64>(), b.to_vec::<f64>());
    }
}
