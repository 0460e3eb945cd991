//! Small float32/64 products on AVX-512 without packing: a block of output rows and vectors
//! stays in registers while the inner index runs, reading `a` and the rows of `b` where they
//! lie. A packing product (faer's) first copies both operands into its own layout, which for
//! matrices of about 64 costs a tenth of the product and, when the rows are split over
//! threads, is repeated by every thread. Here the threads share nothing but the operands.

use crate::simd::Lanes;
use crate::strided::Strided;
use numoxide::parallel;

/// Up to this many multiply-adds, with no side longer than `MAX_SIDE`, the direct product
/// beats faer's; beyond it faer's packed blocks repay their copying.
const MAX_WORK: usize = 128 * 128 * 128;
const MAX_SIDE: usize = 256;
/// From this many vector multiply-adds (a 64 x 64 x 64 float32 product) the rows are split
/// over the threads; below it the wake-up and hand-over cost more than half the work.
const PARALLEL_VECTOR_WORK: usize = 1 << 14;

/// `out = a @ b` (`out` row-major, `a.rows` x `b.cols`) when this CPU and these operands
/// suit the direct product (AVX-512, rows of `b` contiguous, small enough); `false`, with
/// `out` untouched, otherwise.
pub(crate) fn product<T: Lanes>(
    a: Strided<T>,
    b: Strided<T>,
    out: &mut [T],
    parallel: bool,
) -> bool {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    let fits = m.max(k).max(n) <= MAX_SIDE && m * k * n <= MAX_WORK;
    if !(fits && b.cs == 1 && n > 0 && T::available()) {
        return false;
    }
    let threads = parallel::threads();
    if parallel && threads > 1 && m * k * n >= PARALLEL_VECTOR_WORK * T::LANES && m >= 2 * ROWS {
        // One part per thread. The caller claims the first part before a helper can, so each
        // thread writes the same rows call after call, and a recycled output's lines stay in
        // the cache of the core that writes them (more, smaller parts move them between cores).
        let rows_per_part = m.div_ceil(threads).next_multiple_of(ROWS);
        parallel::for_each_chunk_mut(out, rows_per_part * n, |t, part| {
            let first = t * rows_per_part;
            // SAFETY: `available()` said this CPU has AVX-512F.
            unsafe { T::direct(a.rows_range(first, first + part.len() / n), b, part) }
        });
    } else {
        // SAFETY: as above.
        unsafe { T::direct(a, b, out) }
    }
    true
}

/// Output rows per register block.
const ROWS: usize = 4;

#[cfg(target_arch = "x86_64")]
pub(crate) mod avx512 {
    use super::{Strided, ROWS};
    use crate::simd::avx512::{lane_mask, Vector};

    /// Vectors per row of a register block: `ROWS * VECTORS` accumulators and `VECTORS` rows
    /// of `b` in flight fit the 32 vector registers.
    const VECTORS: usize = 4;

    /// Where a register block reads and writes.
    #[derive(Clone, Copy)]
    struct Block<T> {
        a: Strided<T>,
        b: Strided<T>,
        out: *mut T,
        /// The first output row and column.
        row: usize,
        col: usize,
    }

    /// The output in blocks of `VECTORS` vectors of columns: all rows of one block of
    /// columns before the next, so that block's rows of `b` stay in the L1 cache.
    ///
    /// # Safety
    /// As `Lanes::direct`.
    #[target_feature(enable = "avx512f")]
    pub(crate) unsafe fn columns<T: Vector>(a: Strided<T>, b: Strided<T>, out: &mut [T]) {
        let width = VECTORS * T::LANES;
        for col in (0..b.cols).step_by(width) {
            let cols = width.min(b.cols - col);
            let vectors = cols.div_ceil(T::LANES);
            let mut masks = [u16::MAX; VECTORS];
            let last = cols - (vectors - 1) * T::LANES;
            masks[vectors - 1] = lane_mask(last);
            let block = Block {
                a,
                b,
                out: out.as_mut_ptr(),
                row: 0,
                col,
            };
            match vectors {
                1 => rows::<T, 1>(block, masks),
                2 => rows::<T, 2>(block, masks),
                3 => rows::<T, 3>(block, masks),
                _ => rows::<T, 4>(block, masks),
            }
        }
    }

    /// Every row of one block of `V` vectors of columns.
    ///
    /// # Safety
    /// As `Lanes::direct`, for the operands and output of `block`; `masks` select the
    /// block's columns that exist.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn rows<T: Vector, const V: usize>(block: Block<T>, masks: [u16; VECTORS]) {
        let m = block.a.rows;
        let whole = m - m % ROWS;
        for row in (0..whole).step_by(ROWS) {
            tile::<T, ROWS, V>(Block { row, ..block }, masks);
        }
        let rest = Block {
            row: whole,
            ..block
        };
        match m - whole {
            0 => {}
            1 => tile::<T, 1, V>(rest, masks),
            2 => tile::<T, 2, V>(rest, masks),
            _ => tile::<T, 3, V>(rest, masks),
        }
    }

    /// `R` rows by `V` vectors of output, accumulated in registers over the whole inner
    /// index, each a fused multiply-add per term.
    ///
    /// # Safety
    /// As `rows`, with rows `block.row..block.row + R` in range.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn tile<T: Vector, const R: usize, const V: usize>(
        block: Block<T>,
        masks: [u16; VECTORS],
    ) {
        let Block {
            a,
            b,
            out,
            row,
            col,
        } = block;
        let mut acc = [[T::zero(); V]; R];
        let mut a_rows = [a.ptr; R];
        for (r, a_row) in a_rows.iter_mut().enumerate() {
            *a_row = a.ptr.offset((row + r) as isize * a.rs);
        }
        let mut bv = [T::zero(); V];
        for k in 0..a.cols {
            let b_row = b.ptr.offset(k as isize * b.rs).add(col);
            for (v, y) in bv.iter_mut().enumerate() {
                *y = T::load(b_row.wrapping_add(v * T::LANES), masks[v]);
            }
            for (acc_row, a_row) in acc.iter_mut().zip(a_rows) {
                let x = T::splat(a_row.offset(k as isize * a.cs));
                for (s, &y) in acc_row.iter_mut().zip(&bv) {
                    *s = T::mul_add(x, y, *s);
                }
            }
        }
        for (r, acc_row) in acc.iter().enumerate() {
            let out_row = out.add((row + r) * b.cols + col);
            for (v, &s) in acc_row.iter().enumerate() {
                T::store(out_row.wrapping_add(v * T::LANES), s, masks[v]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::spread_values as values;

    /// `a @ b` summed term by term in order of the inner index with one fused multiply-add
    /// each, as the direct product sums: equal bit for bit.
    fn reference(a: Strided<f64>, b: Strided<f64>) -> Vec<f64> {
        let mut out = Vec::new();
        for i in 0..a.rows {
            for j in 0..b.cols {
                out.push((0..a.cols).fold(0.0, |s, k| a.at(i, k).mul_add(b.at(k, j), s)));
            }
        }
        out
    }

    #[test]
    fn matches_the_ordered_sum_for_every_edge_and_layout() {
        for &(m, k, n) in &[
            (1, 1, 1),
            (3, 5, 7),
            (4, 9, 8),
            (5, 3, 17),
            (13, 33, 31),
            (64, 64, 64),
            (67, 20, 100),
            (128, 128, 128),
        ] {
            // `a` transposed in its buffer, `b` every other row of a wider matrix, read
            // backwards: neither is contiguous.
            let a_data = values(m * k, 1);
            let a = Strided {
                ptr: a_data.as_ptr(),
                rows: m,
                cols: k,
                rs: 1,
                cs: m as isize,
            };
            let b_data = values(2 * k * (n + 3), 2);
            let b = Strided {
                ptr: b_data[(2 * k - 2) * (n + 3)..].as_ptr(),
                rows: k,
                cols: n,
                rs: -2 * (n + 3) as isize,
                cs: 1,
            };
            let mut out = vec![f64::NAN; m * n];
            for parallel in [false, true] {
                let done = product(a, b, &mut out, parallel);
                assert_eq!(done, f64::available(), "{m}x{k}x{n}");
                if done {
                    assert_eq!(out, reference(a, b), "{m}x{k}x{n}");
                }
            }
        }
    }

    #[test]
    fn declines_what_it_does_not_handle() {
        let data = values(300 * 300, 3);
        let square = |n: usize| Strided {
            ptr: data.as_ptr(),
            rows: n,
            cols: n,
            rs: n as isize,
            cs: 1,
        };
        let mut out = vec![0.0; 300 * 300];
        assert!(!product(square(8), square(8).transposed(), &mut out, false));
        assert!(!product(square(300), square(300), &mut out, false));
    }
}
