//! Matrix-vector products of float and complex matrices. They are bound by reading the matrix
//! once, so each thread streams its own block of output rows, and every row keeps several
//! partial sums so the vector unit never waits on one chain of additions. (faer's gemv keeps
//! to one core and reaches a third of the memory bandwidth here.)

use crate::kernel::ProductElement;
use crate::strided::Strided;
use numoxide::parallel;
use std::borrow::Cow;
use std::ops::{Add, Mul, Range};

/// Products with this many multiply-adds and up are split over threads.
const PARALLEL_WORK: usize = 1 << 17;
/// Independent partial sums per row of a row-major matrix.
const LANES: usize = 8;
/// Rows of a column-major matrix updated per pass over its columns: their sums stay in L1.
const ROW_BLOCK: usize = 2048;

/// A matrix-vector kernel: `out = m @ x` with `x` contiguous.
type Kernel<T> = fn(Strided<T>, &[T], &mut [T]);

/// The element types of the matrix-vector kernels. float32/64 have hand-vectorized kernels
/// (the compiler vectorizes neither loop well on its own); complex types use the generic ones.
pub(crate) trait GemvElement:
    ProductElement<Acc = Self> + Add<Output = Self> + Mul<Output = Self>
{
    /// The kernels for rows and for columns that suit this CPU.
    fn kernels() -> (Kernel<Self>, Kernel<Self>) {
        (dot_rows::<Self>, column_sums::<Self>)
    }
}
impl GemvElement for num_complex::Complex<f32> {}
impl GemvElement for num_complex::Complex<f64> {}

/// `out = m @ x` for a matrix whose rows or columns are contiguous, where `x` holds
/// `m.cols` elements `x_step` apart. Returns false, having written nothing, for any other
/// layout. `parallel` allows threads.
pub(crate) fn gemv<T: GemvElement>(
    m: Strided<T>,
    x: *const T,
    x_step: isize,
    out: &mut [T],
    parallel: bool,
) -> bool {
    let (rows, columns) = T::kernels();
    let kernel = if m.cs == 1 {
        rows
    } else if m.rs == 1 {
        columns
    } else {
        return false;
    };
    let x: Cow<[T]> = if x_step == 1 {
        // SAFETY: the caller's vector has `m.cols` contiguous elements.
        Cow::Borrowed(unsafe { std::slice::from_raw_parts(x, m.cols) })
    } else {
        // SAFETY: the caller's vector has `m.cols` elements `x_step` apart.
        Cow::Owned(
            (0..m.cols)
                .map(|k| unsafe { *x.offset(k as isize * x_step) })
                .collect(),
        )
    };
    let threads = parallel::threads();
    if !(parallel && threads > 1 && m.rows * m.cols >= PARALLEL_WORK) {
        kernel(m, &x, out);
    } else if m.cs == 1 {
        // A few blocks of rows per thread, each a whole number of cache lines of output.
        let rows = m.rows.div_ceil(4 * threads).next_multiple_of(16);
        parallel::for_each_chunk_mut(out, rows, |t, chunk| {
            let start = t * rows;
            kernel(m.rows_range(start, start + chunk.len()), &x, chunk);
        });
    } else {
        // Columns are contiguous: each thread streams its own range of them.
        sum_over_ranges(out, m.cols, threads, |r, part| {
            kernel(m.columns(r.start, r.end), &x[r], part)
        });
    }
    true
}

/// `out = Σ part(range)` over the ranges that cut `0..k` into `parts`: each range fills a
/// zeroed partial result of its own, in parallel, and the partials are added in order.
pub(crate) fn sum_over_ranges<T: GemvElement>(
    out: &mut [T],
    k: usize,
    parts: usize,
    part: impl Fn(Range<usize>, &mut [T]) + Sync,
) {
    let per = k.div_ceil(parts).max(1);
    let partials: Vec<Vec<T>> = parallel::map(k.div_ceil(per), |i| {
        let mut partial = vec![T::zero(); out.len()];
        part(i * per..((i + 1) * per).min(k), &mut partial);
        partial
    });
    let Some((first, rest)) = partials.split_first() else {
        return out.fill(T::zero());
    };
    out.copy_from_slice(first);
    for partial in rest {
        for (o, &p) in out.iter_mut().zip(partial) {
            *o = *o + p;
        }
    }
}

/// `out[i] = row i · x` for a matrix with unit column step.
fn dot_rows<T: GemvElement>(m: Strided<T>, x: &[T], out: &mut [T]) {
    for (i, o) in out.iter_mut().enumerate() {
        // SAFETY: row i is in range and holds `m.cols` contiguous elements (unit column step).
        let row = unsafe { std::slice::from_raw_parts(m.ptr.offset(i as isize * m.rs), m.cols) };
        *o = dot(row, x);
    }
}

/// `a · x` with LANES partial sums, added pairwise at the end.
fn dot<T: GemvElement>(a: &[T], x: &[T]) -> T {
    let mut sums = [T::zero(); LANES];
    let whole = a.len() - a.len() % LANES;
    for (ca, cx) in a[..whole]
        .chunks_exact(LANES)
        .zip(x[..whole].chunks_exact(LANES))
    {
        for l in 0..LANES {
            sums[l] = sums[l] + ca[l] * cx[l];
        }
    }
    let mut tail = T::zero();
    for (&p, &q) in a[whole..].iter().zip(&x[whole..]) {
        tail = tail + p * q;
    }
    let mut width = LANES;
    while width > 1 {
        width /= 2;
        for l in 0..width {
            sums[l] = sums[l] + sums[l + width];
        }
    }
    sums[0] + tail
}

/// `out = Σ_k column k · x[k]` for a matrix with unit row step, a block of rows at a time.
fn column_sums<T: GemvElement>(m: Strided<T>, x: &[T], out: &mut [T]) {
    for (b, block) in out.chunks_mut(ROW_BLOCK).enumerate() {
        block.fill(T::zero());
        let first = (b * ROW_BLOCK) as isize;
        for (k, &xk) in x.iter().enumerate() {
            // SAFETY: rows `first..first + block.len()` of column k are in range and
            // contiguous (unit row step).
            let column = unsafe {
                std::slice::from_raw_parts(m.ptr.offset(first + k as isize * m.cs), block.len())
            };
            for (o, &c) in block.iter_mut().zip(column) {
                *o = *o + c * xk;
            }
        }
    }
}

/// float32/64 kernels for AVX2 with FMA: four vector sums per row, and a block of rows
/// updated per column.
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::{column_sums, dot_rows, GemvElement, Kernel, ROW_BLOCK};
    use crate::strided::Strided;

    macro_rules! kernels {
        ($t:ty, $module:ident, $w:expr, $zero:ident, $load:ident, $store:ident, $fma:ident, $add:ident, $splat:ident) => {
            impl GemvElement for $t {
                fn kernels() -> (Kernel<$t>, Kernel<$t>) {
                    if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
                        // SAFETY (both): the CPU has AVX2 and FMA; `gemv` passes each
                        // kernel the layout it is for.
                        (
                            |m, x, out| unsafe { $module::rows(m, x, out) },
                            |m, x, out| unsafe { $module::columns(m, x, out) },
                        )
                    } else {
                        (dot_rows::<$t>, column_sums::<$t>)
                    }
                }
            }

            mod $module {
                use super::{Strided, ROW_BLOCK};
                use std::arch::x86_64::*;

                /// Elements per vector.
                const W: usize = $w;
                /// Rows read together by `rows`, columns by `columns`: several memory
                /// streams at once, sharing the loads of `x` or of the output.
                const GROUP: usize = 4;

                /// `out[i] = row i · x`.
                ///
                /// # Safety
                /// The CPU has AVX2 and FMA; `m` has unit column step and `x` holds
                /// `m.cols` elements.
                #[target_feature(enable = "avx2,fma")]
                pub unsafe fn rows(m: Strided<$t>, x: &[$t], out: &mut [$t]) {
                    let row = |i: usize| m.ptr.offset(i as isize * m.rs);
                    let mut groups = out.chunks_exact_mut(GROUP);
                    for (g, o) in (&mut groups).enumerate() {
                        let first = g * GROUP;
                        o.copy_from_slice(&dots::<GROUP>(
                            std::array::from_fn(|r| row(first + r)),
                            x,
                        ));
                    }
                    let first = m.rows - groups.into_remainder().len();
                    for i in first..m.rows {
                        out[i] = dots([row(i)], x)[0];
                    }
                }

                /// Each row's dot product with `x` (as long as `x`), two vector sums per row.
                #[inline]
                #[target_feature(enable = "avx2,fma")]
                unsafe fn dots<const R: usize>(rows: [*const $t; R], x: &[$t]) -> [$t; R] {
                    let whole = x.len() - x.len() % (2 * W);
                    let mut sums = [[$zero(); 2]; R];
                    for k in (0..whole).step_by(2 * W) {
                        let xv = [$load(x.as_ptr().add(k)), $load(x.as_ptr().add(k + W))];
                        for (row, s) in rows.iter().zip(&mut sums) {
                            for u in 0..2 {
                                s[u] = $fma($load(row.add(k + u * W)), xv[u], s[u]);
                            }
                        }
                    }
                    std::array::from_fn(|r| {
                        let mut lanes = [0.0; W];
                        $store(lanes.as_mut_ptr(), $add(sums[r][0], sums[r][1]));
                        let mut sum: $t = lanes.iter().sum();
                        for k in whole..x.len() {
                            sum += *rows[r].add(k) * x[k];
                        }
                        sum
                    })
                }

                /// `out = Σ_k column k · x[k]`, a block of rows at a time.
                ///
                /// # Safety
                /// The CPU has AVX2 and FMA; `m` has unit row step and `x` holds `m.cols`
                /// elements.
                #[target_feature(enable = "avx2,fma")]
                pub unsafe fn columns(m: Strided<$t>, x: &[$t], out: &mut [$t]) {
                    for (b, block) in out.chunks_mut(ROW_BLOCK).enumerate() {
                        block.fill(0.0);
                        let first = (b * ROW_BLOCK) as isize;
                        let column = |k: usize| m.ptr.offset(first + k as isize * m.cs);
                        let whole = x.len() - x.len() % GROUP;
                        for k in (0..whole).step_by(GROUP) {
                            let xs: [$t; GROUP] = std::array::from_fn(|c| x[k + c]);
                            add_columns(block, std::array::from_fn(|c| column(k + c)), xs);
                        }
                        for k in whole..x.len() {
                            add_columns(block, [column(k)], [x[k]]);
                        }
                    }
                }

                /// `block += Σ_c columns[c] · xs[c]`, each column as long as the block.
                #[inline]
                #[target_feature(enable = "avx2,fma")]
                unsafe fn add_columns<const C: usize>(
                    block: &mut [$t],
                    columns: [*const $t; C],
                    xs: [$t; C],
                ) {
                    let whole = block.len() - block.len() % W;
                    let xv = xs.map(|v| $splat(v));
                    for i in (0..whole).step_by(W) {
                        let o = block.as_mut_ptr().add(i);
                        let mut v = $load(o);
                        for c in 0..C {
                            v = $fma($load(columns[c].add(i)), xv[c], v);
                        }
                        $store(o, v);
                    }
                    for (i, o) in block.iter_mut().enumerate().skip(whole) {
                        for c in 0..C {
                            *o += *columns[c].add(i) * xs[c];
                        }
                    }
                }
            }
        };
    }

    kernels!(
        f64,
        f64s,
        4,
        _mm256_setzero_pd,
        _mm256_loadu_pd,
        _mm256_storeu_pd,
        _mm256_fmadd_pd,
        _mm256_add_pd,
        _mm256_set1_pd
    );
    kernels!(
        f32,
        f32s,
        8,
        _mm256_setzero_ps,
        _mm256_loadu_ps,
        _mm256_storeu_ps,
        _mm256_fmadd_ps,
        _mm256_add_ps,
        _mm256_set1_ps
    );
}

/// float32/64 elsewhere use the generic kernels.
#[cfg(not(target_arch = "x86_64"))]
impl GemvElement for f32 {}
#[cfg(not(target_arch = "x86_64"))]
impl GemvElement for f64 {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Small integers, so every order of summation gives the exact result.
    fn matrix(rows: usize, cols: usize) -> Vec<f64> {
        (0..rows * cols)
            .map(|i| ((i * 7) % 11) as f64 - 5.0)
            .collect()
    }

    fn expected(data: &[f64], rows: usize, cols: usize, x: &[f64]) -> Vec<f64> {
        (0..rows)
            .map(|i| (0..cols).map(|k| data[i * cols + k] * x[k]).sum())
            .collect()
    }

    #[test]
    fn both_layouts_and_threads_give_the_exact_product() {
        for (rows, cols) in [(3, 5), (37, 1000), (1000, 37), (700, 700)] {
            let data = matrix(rows, cols);
            let x: Vec<f64> = (0..cols).map(|k| (k % 5) as f64 - 2.0).collect();
            let want = expected(&data, rows, cols, &x);
            let row_major = Strided {
                ptr: data.as_ptr(),
                rows,
                cols,
                rs: cols as isize,
                cs: 1,
            };
            // The same matrix stored column-major.
            let transposed: Vec<f64> = (0..rows * cols)
                .map(|j| data[(j % rows) * cols + j / rows])
                .collect();
            let column_major = Strided {
                ptr: transposed.as_ptr(),
                rows,
                cols,
                rs: 1,
                cs: rows as isize,
            };
            for m in [row_major, column_major] {
                for parallel in [false, true] {
                    let mut out = vec![f64::NAN; rows];
                    assert!(gemv(m, x.as_ptr(), 1, &mut out, parallel));
                    assert_eq!(out, want);
                }
            }
        }
    }

    #[test]
    fn a_strided_vector_is_read_with_its_step() {
        let data = matrix(4, 3);
        let x = [1.0, 9.0, 2.0, 9.0, 3.0];
        let m = Strided {
            ptr: data.as_ptr(),
            rows: 4,
            cols: 3,
            rs: 3,
            cs: 1,
        };
        let mut out = vec![0.0; 4];
        assert!(gemv(m, x.as_ptr(), 2, &mut out, false));
        assert_eq!(out, expected(&data, 4, 3, &[1.0, 2.0, 3.0]));
    }

    #[test]
    fn other_layouts_are_declined() {
        let data = matrix(4, 4);
        let m = Strided {
            ptr: data.as_ptr(),
            rows: 2,
            cols: 2,
            rs: 8,
            cs: 2,
        };
        let mut out = vec![7.0; 2];
        assert!(!gemv(m, data.as_ptr(), 1, &mut out, false));
        assert_eq!(out, [7.0, 7.0]);
    }
}
