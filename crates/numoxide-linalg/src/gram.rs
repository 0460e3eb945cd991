//! Products of a matrix with its own transpose (`X.T @ X`, `X @ X.T`): the output is
//! symmetric, so only the blocks on and above its diagonal are computed, and each is written
//! to its mirror image too, as NumPy does through BLAS syrk. This nearly halves the
//! arithmetic of normal equations, covariance and kernel matrices, and the result is
//! exactly symmetric, as NumPy's is.

use crate::strided::Strided;
use numoxide::iter::SendPtr;
use numoxide::{parallel, Element};

/// Rows of output per block at least, and at most this many blocks a side: more blocks
/// leave out more of the lower triangle, thinner ones run the product kernels slower.
const MIN_BLOCK: usize = 96;
const MAX_BLOCKS: usize = 8;
/// From this order (three blocks a side, so six products on and above the diagonal, which
/// two threads share evenly) and this inner length, a Gram product is cut. A shorter inner
/// index makes writing the output, twice from each block's buffer, cost more than the
/// arithmetic saved: `X @ X.T` for X of (2000, 100) took 1.3-1.5 times as long cut.
const MIN_ORDER: usize = 3 * MIN_BLOCK;
const MIN_DEPTH: usize = 256;

/// Whether `a @ b` is a Gram product worth cutting: `b` reads the elements of `a`, rows and
/// columns swapped, and the product is large enough.
pub(crate) fn suits<T>(a: Strided<T>, b: Strided<T>) -> bool {
    let transposes = a.ptr == b.ptr && a.rows == b.cols && a.rs == b.cs && a.cs == b.rs;
    transposes && a.rows >= MIN_ORDER && a.cols >= MIN_DEPTH
}

/// `out = a @ b` for a Gram product (`suits`), `out` row-major: the blocks on and above the
/// diagonal, each computed by `block_product` into a buffer of its own (row-major) on the
/// pool's threads.
pub(crate) fn product<T: Element>(
    a: Strided<T>,
    b: Strided<T>,
    out: &mut [T],
    block_product: impl Fn(Strided<T>, Strided<T>, &mut [T]) + Sync,
) {
    let order = a.rows;
    let blocks = (order / MIN_BLOCK).clamp(3, MAX_BLOCKS);
    let edges: Vec<usize> = (0..=blocks).map(|i| i * order / blocks).collect();
    let pairs: Vec<(usize, usize)> = (0..blocks)
        .flat_map(|i| (i..blocks).map(move |j| (i, j)))
        .collect();
    let shared = &SendPtr(out.as_mut_ptr().cast());
    parallel::for_each(pairs.len(), |p| {
        let (i, j) = pairs[p];
        let (rows, cols) = (edges[i]..edges[i + 1], edges[j]..edges[j + 1]);
        let mut block = vec![T::default(); rows.len() * cols.len()];
        block_product(
            a.rows_range(rows.start, rows.end),
            b.columns(cols.start, cols.end),
            &mut block,
        );
        let out = shared.0.cast::<T>();
        let width = cols.len();
        // Each loop writes along output rows: the block as it is, then its mirror image.
        // SAFETY (both loops): `out` holds `order` x `order` elements; this part alone
        // writes blocks (i, j) and (j, i), which no other pair includes. A diagonal block
        // keeps its upper half, mirrored into its lower half.
        for (r, row) in rows.clone().enumerate() {
            for (c, col) in cols.clone().enumerate().skip(if i == j { r } else { 0 }) {
                unsafe { out.add(row * order + col).write(block[r * width + c]) };
            }
        }
        for (c, col) in cols.clone().enumerate() {
            let upper = if i == j { c } else { rows.len() };
            for (r, row) in rows.clone().enumerate().take(upper) {
                unsafe { out.add(col * order + row).write(block[r * width + c]) };
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_the_upper_blocks_and_mirrors_them() {
        let (order, depth) = (300, 260);
        let data: Vec<i64> = (0..(order * depth) as i64).map(|i| i % 17 - 8).collect();
        let x = Strided {
            ptr: data.as_ptr(),
            rows: depth,
            cols: order,
            rs: order as isize,
            cs: 1,
        };
        let (a, b) = (x.transposed(), x);
        assert!(suits(a, b));
        let mut out = vec![0i64; order * order];
        product(a, b, &mut out, |a, b, block| {
            for i in 0..a.rows {
                for j in 0..b.cols {
                    block[i * b.cols + j] = (0..a.cols).map(|k| a.at(i, k) * b.at(k, j)).sum();
                }
            }
        });
        for i in 0..order {
            for j in 0..order {
                let expected: i64 = (0..depth).map(|k| x.at(k, i) * x.at(k, j)).sum();
                assert_eq!(out[i * order + j], expected, "({i}, {j})");
            }
        }
        assert!(!suits(a, b.columns(0, order - 1)));
        assert!(!suits(a.rows_range(0, 200), b.columns(0, 200)));
        let shallow = x.rows_range(0, 100);
        assert!(!suits(shallow.transposed(), shallow));
    }
}
