//! Large float32/64 products on AVX-512, from packed panels.
//!
//! `b` is copied once into panels `PANEL_VECTORS` vectors wide, each stored row after row, and
//! every thread copies its blocks of `a`'s rows into panels of `PANEL_ROWS` rows stored column
//! after column. A register tile then reads both panels in the order it uses them: one
//! broadcast element of `a` and `PANEL_VECTORS` vectors of `b` per term.
//!
//! The inner index is cut only when a row of `a` would pass `DEPTH_BYTES`, so the output is
//! usually written once, never read: the panels stream from the L2 and L3 caches in order,
//! which the hardware prefetchers follow, where a layout that keeps them in L1 would pass over
//! the output once per block of the inner index.
//!
//! The threads share the packed `b` (each copies a share of its panels first) and split the
//! output rows, so no packing is repeated.

use crate::simd::Lanes;
use crate::strided::Strided;
use numoxide::{parallel, Buffer};
use std::mem::size_of;

/// Rows of a register tile; `PANEL_ROWS * PANEL_VECTORS` accumulators and the `PANEL_VECTORS`
/// vectors of `b` in flight take 30 of the 32 vector registers.
pub(crate) const PANEL_ROWS: usize = 14;
/// Vectors of columns in a register tile.
pub(crate) const PANEL_VECTORS: usize = 2;
/// The longest stretch of the inner index packed at once, in bytes per row of `a`.
const DEPTH_BYTES: usize = 16 << 10;
/// Rows of `a` a thread packs at once: the tiles of one block run against each panel of `b`
/// in turn, so the panel is read from the L3 cache once per block.
const BLOCK_ROWS: usize = 19 * PANEL_ROWS;
/// The largest copy of `b` made: beyond it faer's product, which packs `b` a block at a time,
/// spares the memory.
const MAX_PACKED_BYTES: usize = 256 << 20;
/// Rows of `b` packed at a time into every panel.
const PACK_B_ROWS: usize = 16;
/// From this many multiply-adds, with both output sides from `MIN_SIDE` and an inner index
/// at most `MAX_DEPTH_PER_SIDE` times the shorter side, the packed product is as fast as
/// faer's or faster (up to a tenth, for float32 2048 and for a transposed `a` of 1024).
/// Outside that, the partial tiles at the output's edges, or the copies of operands that
/// faer reads in place, cost it more than it gains: 100 x 5000 x 100 takes 1.3 times faer's
/// time, 300 x 2000 x 300 1.01-1.07 times.
const MIN_WORK: usize = 256 * 256 * 256;
const MIN_SIDE: usize = 256;
const MAX_DEPTH_PER_SIDE: usize = 4;

/// Columns of a panel of `b`: one register tile's width.
fn panel_width<T: Lanes>() -> usize {
    PANEL_VECTORS * T::LANES
}

/// One register tile: `rows` x `cols` of the output (at most `PANEL_ROWS` x one panel's
/// width), summed over `depth` terms from a packed panel of `a` and one of `b`.
///
/// The panel of `a` holds `depth * PANEL_ROWS` elements and that of `b` `depth` times the
/// panel width; `out` addresses `rows` rows `ldc` elements apart, each with `cols` elements.
pub(crate) struct Tile<T> {
    pub depth: usize,
    pub a: *const T,
    pub b: *const T,
    pub out: *mut T,
    pub ldc: usize,
    pub rows: usize,
    pub cols: usize,
    /// Add to the output (a later stretch of the inner index) instead of overwriting it.
    pub accumulate: bool,
}

/// `out = a @ b` (`out` row-major, `a.rows` x `b.cols`) when this CPU has AVX-512 and the
/// product is large enough to repay the packing but its `b` small enough to copy whole;
/// `false`, with `out` untouched, otherwise (also when the packing buffers cannot be
/// allocated).
pub(crate) fn product<T: Lanes>(
    a: Strided<T>,
    b: Strided<T>,
    out: &mut [T],
    parallel: bool,
) -> bool {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    let side = m.min(n);
    let packed_b_bytes = k * n.next_multiple_of(panel_width::<T>()) * size_of::<T>();
    if side < MIN_SIDE
        || k > MAX_DEPTH_PER_SIDE * side
        || m * k * n < MIN_WORK
        || packed_b_bytes > MAX_PACKED_BYTES
    {
        return false;
    }
    let threads = if parallel { parallel::threads() } else { 1 };
    split_over(a, b, out, threads)
}

/// `out = a @ b` as `product` computes it, over at most `threads` threads, for any sizes but
/// an empty inner index; `false` without AVX-512 or when the packing buffers cannot be
/// allocated.
fn split_over<T: Lanes>(a: Strided<T>, b: Strided<T>, out: &mut [T], threads: usize) -> bool {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    if k == 0 || out.is_empty() || !T::available() {
        return false;
    }
    let width = panel_width::<T>();
    let panels = n.div_ceil(width);
    let depth = (DEPTH_BYTES / size_of::<T>()).min(k);
    let threads = threads.min(m.div_ceil(PANEL_ROWS));
    let rows_per_part = m.div_ceil(threads).next_multiple_of(PANEL_ROWS);
    let block_rows = BLOCK_ROWS.min(rows_per_part);
    let Some(packed_b) = Buffer::for_overwrite(k * panels * width * size_of::<T>()) else {
        return false;
    };
    let Some(packed_a) = (0..threads)
        .map(|_| Buffer::for_overwrite(block_rows * depth * size_of::<T>()))
        .collect::<Option<Vec<_>>>()
    else {
        return false;
    };
    let packed = Packed {
        b: packed_b.as_ptr().cast(),
        panels,
        depth,
    };
    let panels_per_part = panels.div_ceil(threads);
    parallel::for_each(threads, |t| {
        let first = (t * panels_per_part).min(panels);
        let last = (first + panels_per_part).min(panels);
        // SAFETY: `packed` describes a buffer sized for every panel; part `t` writes its own.
        unsafe { pack_b(b, &packed, first..last) }
    });
    parallel::for_each_chunk_mut(out, rows_per_part * n, |t, part| {
        let first = t * rows_per_part;
        let rows = a.rows_range(first, first + part.len() / n);
        // SAFETY: each part has its own buffer for `block_rows` rows of `depth` elements, and
        // `packed` holds every panel of `b` (the packing call above has returned).
        unsafe { rows_of(rows, &packed, block_rows, packed_a[t].as_ptr().cast(), part) }
    });
    true
}

/// Where the packed panels of `b` lie: stretch by stretch of the inner index (`depth` rows of
/// `b` each, the last maybe fewer), and within a stretch panel by panel.
struct Packed<T> {
    b: *mut T,
    panels: usize,
    depth: usize,
}

// SAFETY: the threads of one product share `Packed`: while packing, each writes its own
// panels; the tiles read them only after every packing part has finished.
unsafe impl<T: Send> Sync for Packed<T> {}

impl<T: Lanes> Packed<T> {
    /// The first element of `panel` within the stretch starting at row `start`, `len` long.
    fn panel(&self, start: usize, len: usize, panel: usize) -> *mut T {
        let width = panel_width::<T>();
        self.b
            .wrapping_add(start * self.panels * width + panel * len * width)
    }
}

/// Copies panels `range` of `b` into their places in `packed`, zero past `b`'s last column.
///
/// # Safety
/// `packed.b` addresses a buffer sized for all the panels of `b`.
unsafe fn pack_b<T: Lanes>(b: Strided<T>, packed: &Packed<T>, range: std::ops::Range<usize>) {
    let (width, depth) = (panel_width::<T>(), packed.depth);
    for start in (0..b.rows).step_by(depth) {
        let len = depth.min(b.rows - start);
        if b.rs == 1 {
            // Columns run along the inner index: each full panel is a transpose.
            for panel in range.clone() {
                let col = panel * width;
                if col + width <= b.cols {
                    let column =
                        |j: usize| b.ptr.offset((col + j) as isize * b.cs + start as isize);
                    let columns: Vec<*const T> = (0..width).map(column).collect();
                    T::interleave(&columns, len, packed.panel(start, len, panel));
                } else {
                    pack_b_rows(b, packed, panel, start, start..start + len);
                }
            }
            continue;
        }
        // A few rows at a time across all the panels: the reads stay within those rows and
        // each panel receives one contiguous run.
        for first in (start..start + len).step_by(PACK_B_ROWS) {
            let rows = first..(first + PACK_B_ROWS).min(start + len);
            for panel in range.clone() {
                pack_b_rows(b, packed, panel, start, rows.clone());
            }
        }
    }
}

/// Copies `rows` of `b` into `panel` of the stretch that starts at row `start`.
///
/// # Safety
/// As `pack_b`, with `rows` inside the stretch.
unsafe fn pack_b_rows<T: Lanes>(
    b: Strided<T>,
    packed: &Packed<T>,
    panel: usize,
    start: usize,
    rows: std::ops::Range<usize>,
) {
    let (width, depth) = (panel_width::<T>(), packed.depth);
    let len = depth.min(b.rows - start);
    let col = panel * width;
    let cols = width.min(b.cols - col);
    let mut to = packed
        .panel(start, len, panel)
        .add((rows.start - start) * width);
    for k in rows {
        if b.cs == 1 && cols == width {
            let from = b.ptr.offset(k as isize * b.rs + col as isize);
            // A length known when compiled, copied inline.
            to.copy_from_nonoverlapping(from, width);
        } else {
            for j in 0..width {
                let x = if j < cols {
                    b.at(k, col + j)
                } else {
                    T::default()
                };
                to.add(j).write(x);
            }
        }
        to = to.add(width);
    }
}

/// Copies rows `a` (at most `BLOCK_ROWS`), terms `start..start + len`, into panels of
/// `PANEL_ROWS` rows at `dst`, zero past the last row.
///
/// # Safety
/// `T::available()`; `dst` holds `a.rows.next_multiple_of(PANEL_ROWS) * len` elements.
unsafe fn pack_a<T: Lanes>(a: Strided<T>, start: usize, len: usize, mut dst: *mut T) {
    for first in (0..a.rows).step_by(PANEL_ROWS) {
        let rows = PANEL_ROWS.min(a.rows - first);
        if rows == PANEL_ROWS && a.rs == 1 {
            // The panel's rows are adjacent for every term: one run per term.
            for k in 0..len {
                let from = a.ptr.offset(first as isize + (start + k) as isize * a.cs);
                dst.add(k * PANEL_ROWS)
                    .copy_from_nonoverlapping(from, PANEL_ROWS);
            }
        } else if rows == PANEL_ROWS && a.cs == 1 {
            let row = |r: usize| a.ptr.offset((first + r) as isize * a.rs + start as isize);
            let rows: [*const T; PANEL_ROWS] = std::array::from_fn(row);
            T::interleave(&rows, len, dst);
        } else {
            for k in 0..len {
                for r in 0..PANEL_ROWS {
                    let x = if r < rows {
                        a.at(first + r, start + k)
                    } else {
                        T::default()
                    };
                    dst.add(k * PANEL_ROWS + r).write(x);
                }
            }
        }
        dst = dst.add(PANEL_ROWS * len);
    }
}

/// `out = a @ b` for the rows `a`, block by block of `block_rows` rows (a multiple of
/// `PANEL_ROWS`) packed into `packed_a`; `out` holds those rows of the output, row-major.
///
/// # Safety
/// `T::available()`; `packed` holds every panel of a `b` with `out.len() / a.rows` columns;
/// `packed_a` holds `block_rows * packed.depth` elements.
unsafe fn rows_of<T: Lanes>(
    a: Strided<T>,
    packed: &Packed<T>,
    block_rows: usize,
    packed_a: *mut T,
    out: &mut [T],
) {
    let n = out.len() / a.rows.max(1);
    let (width, depth) = (panel_width::<T>(), packed.depth);
    for block in (0..a.rows).step_by(block_rows) {
        let block_a = a.rows_range(block, (block + block_rows).min(a.rows));
        for start in (0..a.cols).step_by(depth) {
            let len = depth.min(a.cols - start);
            pack_a(block_a, start, len, packed_a);
            for panel in 0..packed.panels {
                let col = panel * width;
                let packed_b = packed.panel(start, len, panel);
                for first in (0..block_a.rows).step_by(PANEL_ROWS) {
                    T::packed_tile(&Tile {
                        depth: len,
                        a: packed_a.add(first * len),
                        b: packed_b,
                        out: out.as_mut_ptr().add((block + first) * n + col),
                        ldc: n,
                        rows: PANEL_ROWS.min(block_a.rows - first),
                        cols: width.min(n - col),
                        accumulate: start > 0,
                    });
                }
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
pub(crate) mod avx512 {
    use super::{panel_width, Tile, PANEL_ROWS, PANEL_VECTORS};
    use crate::simd::avx512::{lane_mask, Vector};
    use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};

    /// Vectors one transpose handles: the lanes of the widest type.
    const MAX_LANES: usize = 16;

    /// `Lanes::interleave`: each block of `LANES` terms is loaded from `LANES` lines at a
    /// time as vectors, transposed in registers and stored a term at a time, rather than
    /// moved element by element.
    ///
    /// # Safety
    /// As `Lanes::interleave`.
    #[target_feature(enable = "avx512f")]
    pub(crate) unsafe fn interleave<T: Vector>(lines: &[*const T], len: usize, dst: *mut T) {
        let count = lines.len();
        let steps = transpose_steps::<T>();
        let whole = len - len % T::LANES;
        for k in (0..whole).step_by(T::LANES) {
            for first in (0..count).step_by(T::LANES) {
                // Missing lines of the last group are zero.
                let mut v = [T::zero(); MAX_LANES];
                for r in 0..T::LANES {
                    if first + r < count {
                        v[r] = T::load(lines[first + r].add(k), u16::MAX);
                    }
                }
                transpose::<T>(&mut v, &steps);
                let mask = lane_mask(T::LANES.min(count - first));
                for (j, &x) in v[..T::LANES].iter().enumerate() {
                    T::store(dst.add((k + j) * count + first), x, mask);
                }
            }
        }
        for k in whole..len {
            for (r, line) in lines.iter().enumerate() {
                dst.add(k * count + r).write(*line.add(k));
            }
        }
    }

    /// The lane choices of each step of `transpose`, for rows `i` and `i + h` with `h` =
    /// `LANES / 2`, `LANES / 4`, ..., 1.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn transpose_steps<T: Vector>() -> [(T::Index, T::Index); 4] {
        std::array::from_fn(|s| {
            let h = (T::LANES >> (s + 1)).max(1);
            let upper = |j: usize| j & h != 0;
            (
                T::index(|j| if upper(j) { T::LANES + j - h } else { j }),
                T::index(|j| if upper(j) { T::LANES + j } else { j + h }),
            )
        })
    }

    /// Transposes the `LANES` x `LANES` matrix whose rows are `v[..LANES]`. Step `h` swaps
    /// the element at (row `i`, lane `j`) with the one at (`i + h`, `j - h`) wherever bit `h`
    /// is clear in `i` and set in `j`; after every bit, each element has its row and lane
    /// exchanged.
    #[inline]
    #[target_feature(enable = "avx512f")]
    unsafe fn transpose<T: Vector>(v: &mut [T::V; MAX_LANES], steps: &[(T::Index, T::Index); 4]) {
        for (s, (low, high)) in steps.iter().enumerate() {
            let h = T::LANES >> (s + 1);
            if h == 0 {
                break;
            }
            for i in 0..T::LANES {
                if i & h == 0 {
                    let (x, y) = (v[i], v[i + h]);
                    v[i] = T::permute2(x, *low, y);
                    v[i + h] = T::permute2(x, *high, y);
                }
            }
        }
    }

    /// One register tile (`Lanes::packed_tile`).
    ///
    /// # Safety
    /// As `Lanes::packed_tile`.
    #[target_feature(enable = "avx512f")]
    pub(crate) unsafe fn tile<T: Vector>(tile: &Tile<T>) {
        let masks: [u16; PANEL_VECTORS] = std::array::from_fn(|v| {
            lane_mask(tile.cols.saturating_sub(v * T::LANES).min(T::LANES))
        });
        // The output's lines arrive while the sum runs.
        for r in 0..tile.rows {
            for v in 0..PANEL_VECTORS {
                let p = tile.out.wrapping_add(r * tile.ldc + v * T::LANES);
                _mm_prefetch::<_MM_HINT_T0>(p.cast());
            }
        }
        let mut acc = [[T::zero(); PANEL_VECTORS]; PANEL_ROWS];
        let (mut a, mut b) = (tile.a, tile.b);
        for _ in 0..tile.depth {
            let bv: [T::V; PANEL_VECTORS] =
                std::array::from_fn(|v| T::load(b.add(v * T::LANES), u16::MAX));
            for (r, acc_row) in acc.iter_mut().enumerate() {
                let x = T::splat(a.add(r));
                for (s, &y) in acc_row.iter_mut().zip(&bv) {
                    *s = T::mul_add(x, y, *s);
                }
            }
            a = a.add(PANEL_ROWS);
            b = b.add(panel_width::<T>());
        }
        for (r, acc_row) in acc.iter().enumerate().take(tile.rows) {
            for (v, &s) in acc_row.iter().enumerate() {
                let p = tile.out.wrapping_add(r * tile.ldc + v * T::LANES);
                let s = if tile.accumulate {
                    T::add(s, T::load(p, masks[v]))
                } else {
                    s
                };
                T::store(p, s, masks[v]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::spread_values as values;

    /// Output `(i, j)` as the packed product sums it: one fused multiply-add per term in order
    /// of the inner index within each stretch of `depth` terms, the stretches' sums added to
    /// the output in turn.
    fn reference(a: Strided<f64>, b: Strided<f64>, depth: usize) -> Vec<f64> {
        let mut out = Vec::new();
        for i in 0..a.rows {
            for j in 0..b.cols {
                let stretches = (0..a.cols).step_by(depth);
                out.push(stretches.fold(0.0, |total, start| {
                    let terms = start..(start + depth).min(a.cols);
                    let sum = terms.fold(0.0, |s, k| a.at(i, k).mul_add(b.at(k, j), s));
                    if start == 0 {
                        sum
                    } else {
                        sum + total
                    }
                }));
            }
        }
        out
    }

    #[test]
    fn matches_the_ordered_sum_for_every_edge_and_layout() {
        let depth = DEPTH_BYTES / size_of::<f64>();
        // Tile edges in rows and columns, several blocks of rows, and an inner index of two
        // stretches.
        for &(m, k, n) in &[
            (1, 1, 1),
            (13, 7, 17),
            (15, 20, 33),
            (300, 9, 40),
            (17, depth + 5, 3),
        ] {
            let (a_data, b_data) = (values(m * k, 1), values(k * 2 * n, 2));
            let matrix = |data: &[f64], rows, cols, rs, cs| Strided {
                ptr: data.as_ptr(),
                rows,
                cols,
                rs,
                cs,
            };
            let (m_, k_, n_) = (m as isize, k as isize, n as isize);
            let row_major_a = matrix(&a_data, m, k, k_, 1);
            let column_major_a = matrix(&a_data, m, k, 1, m_);
            let row_major_b = matrix(&b_data, k, n, n_, 1);
            let column_major_b = matrix(&b_data, k, n, 1, k_);
            // Every other column of a wider matrix, rows backwards.
            let reversed_b = matrix(&b_data[(k - 1) * 2 * n..], k, n, -2 * n_, 2);
            for (a, b) in [
                (row_major_a, row_major_b),
                (column_major_a, reversed_b),
                (row_major_a, column_major_b),
            ] {
                for threads in [1, 2] {
                    let mut out = vec![f64::NAN; m * n];
                    let done = split_over(a, b, &mut out, threads);
                    assert_eq!(done, f64::available(), "{m}x{k}x{n}");
                    if done {
                        assert_eq!(out, reference(a, b, depth), "{m}x{k}x{n} {threads}");
                    }
                }
            }
        }
    }

    /// `pack_a` against the layout it promises, for a block with a partial panel and a
    /// stretch of terms that ends inside a vector.
    fn packs_rows_of_a<T: Lanes + From<u16>>() {
        let (m, k, start, len) = (30, 40, 3, 35);
        let data: Vec<T> = (0..(m * k) as u16).map(T::from).collect();
        let a = Strided {
            ptr: data.as_ptr(),
            rows: m,
            cols: k,
            rs: k as isize,
            cs: 1,
        };
        let panels = m.div_ceil(PANEL_ROWS);
        let mut packed = vec![T::default(); panels * PANEL_ROWS * len];
        if !T::available() {
            return;
        }
        // SAFETY: AVX-512 is available and `packed` is sized as `pack_a` requires.
        unsafe { pack_a(a, start, len, packed.as_mut_ptr()) };
        for (i, x) in packed.iter().enumerate() {
            let (panel, k, r) = (i / (PANEL_ROWS * len), i / PANEL_ROWS % len, i % PANEL_ROWS);
            let row = panel * PANEL_ROWS + r;
            let expected = if row < m {
                a.at(row, start + k)
            } else {
                T::default()
            };
            assert_eq!(*x, expected, "element {i}");
        }
    }

    #[test]
    fn packs_rows_of_a_in_panel_order() {
        packs_rows_of_a::<f32>();
        packs_rows_of_a::<f64>();
    }

    #[test]
    fn leaves_the_products_it_does_not_suit_to_faer() {
        // Only the shapes are read: each is declined before any element is.
        let data = values(100 * 100, 3);
        let matrix = |rows, cols| Strided {
            ptr: data.as_ptr(),
            rows,
            cols,
            rs: cols as isize,
            cs: 1,
        };
        let mut out = vec![0.0; 100 * 100];
        // Too little work, a short side, a long inner index, and a `b` of 480 MB.
        for (m, k, n) in [
            (100, 100, 100),
            (200, 2000, 2000),
            (300, 2000, 300),
            (300, 1000, 60_000),
        ] {
            assert!(
                !product(matrix(m, k), matrix(k, n), &mut out, true),
                "{m}x{k}x{n}"
            );
        }
    }
}
