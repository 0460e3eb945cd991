//! NumPy's pairwise summation, split exactly where NumPy splits so that the bits match.
//!
//! A run shorter than eight scalars is added in order; up to 128 scalars it is added into
//! eight independent accumulators (four complex ones, each two scalars wide) that are then
//! combined as a balanced tree; longer runs are cut at half the length rounded down to a
//! multiple of eight scalars and both halves summed recursively. Because the cut points depend
//! only on the length, the top of the recursion can run on several threads without changing a
//! bit of the result.

use crate::element::{c128, c64};
use crate::parallel;

/// Below this many elements a leaf of the parallel levels is too short to be worth a thread.
const PARALLEL_MIN: usize = 1 << 16;

/// A float or complex type NumPy sums pairwise.
pub(crate) trait Pairwise: Copy + Send + Sync {
    /// Scalars per element: NumPy counts the block sizes in scalars, so complex runs switch
    /// strategy at half the number of elements.
    const WIDTH: usize;
    /// The addition identity, negative zero, so that `x + ZERO` is `x` for every `x`.
    const ZERO: Self;
    fn plus(self, o: Self) -> Self;
}

macro_rules! impl_pairwise {
    ($($t:ty => $w:expr, $zero:expr);*) => {$(
        impl Pairwise for $t {
            const WIDTH: usize = $w;
            const ZERO: Self = $zero;
            #[inline(always)]
            fn plus(self, o: Self) -> Self {
                self + o
            }
        }
    )*};
}

impl_pairwise! {
    f32 => 1, -0.0;
    f64 => 1, -0.0;
    c64 => 2, c64::new(-0.0, -0.0);
    c128 => 2, c128::new(-0.0, -0.0)
}

/// The pairwise sum of `load(0..n)`. The top levels of the tree are cut where the
/// recursion would cut them; their leaves are summed on the pool's threads and combined as
/// the tree combines them.
#[inline]
pub(crate) fn pairwise<A: Pairwise>(n: usize, load: &(impl Fn(usize) -> A + Sync)) -> A {
    let mut levels = 0;
    while n >> levels >= 2 * PARALLEL_MIN && (1 << levels) < parallel::threads() * 4 {
        levels += 1;
    }
    if levels == 0 {
        return sum_range(0, n, load);
    }
    let mut leaves = Vec::with_capacity(1 << levels);
    tree_leaves::<A>(0, n, levels, &mut leaves);
    let mut sums = parallel::map(leaves.len(), |i| sum_range(leaves[i].0, leaves[i].1, load));
    while sums.len() > 1 {
        sums = sums.chunks(2).map(|pair| pair[0].plus(pair[1])).collect();
    }
    sums[0]
}

/// The `(start, len)` of the nodes `levels` below the root `(start, n)`, in order. Every node
/// above them is longer than 128 scalars (the caller keeps leaves long), so the tree is
/// complete and adjacent pairs are siblings.
fn tree_leaves<A: Pairwise>(start: usize, n: usize, levels: u32, out: &mut Vec<(usize, usize)>) {
    if levels == 0 {
        out.push((start, n));
    } else {
        debug_assert!(n * A::WIDTH > 128);
        let n2 = left_len::<A>(n);
        tree_leaves::<A>(start, n2, levels - 1, out);
        tree_leaves::<A>(start + n2, n - n2, levels - 1, out);
    }
}

/// Where NumPy cuts a run longer than 128 scalars: half, rounded down to whole blocks of 8
/// scalars.
fn left_len<A: Pairwise>(n: usize) -> usize {
    let half = n * A::WIDTH / 2;
    (half - half % 8) / A::WIDTH
}

fn sum_range<A: Pairwise>(start: usize, n: usize, load: &impl Fn(usize) -> A) -> A {
    let scalars = n * A::WIDTH;
    if scalars < 8 {
        (start..start + n).fold(A::ZERO, |acc, i| acc.plus(load(i)))
    } else if scalars <= 128 {
        block(start, n, load)
    } else {
        let n2 = left_len::<A>(n);
        sum_range(start, n2, load).plus(sum_range(start + n2, n - n2, load))
    }
}

/// One block of 8 to 128 scalars: independent accumulators the compiler can keep in vector
/// registers, combined as NumPy combines them.
#[inline(always)]
fn block<A: Pairwise>(start: usize, n: usize, load: &impl Fn(usize) -> A) -> A {
    if A::WIDTH == 1 {
        let mut r: [A; 8] = std::array::from_fn(|j| load(start + j));
        let whole = n - n % 8;
        let mut i = 8;
        while i < whole {
            for (j, acc) in r.iter_mut().enumerate() {
                *acc = acc.plus(load(start + i + j));
            }
            i += 8;
        }
        let tree =
            ((r[0].plus(r[1])).plus(r[2].plus(r[3]))).plus((r[4].plus(r[5])).plus(r[6].plus(r[7])));
        (whole..n).fold(tree, |acc, i| acc.plus(load(start + i)))
    } else {
        let mut r: [A; 4] = std::array::from_fn(|j| load(start + j));
        let whole = n - n % 4;
        let mut i = 4;
        while i < whole {
            for (j, acc) in r.iter_mut().enumerate() {
                *acc = acc.plus(load(start + i + j));
            }
            i += 4;
        }
        let tree = (r[0].plus(r[1])).plus(r[2].plus(r[3]));
        (whole..n).fold(tree, |acc, i| acc.plus(load(start + i)))
    }
}
