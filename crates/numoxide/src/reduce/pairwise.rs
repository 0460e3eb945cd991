//! NumPy's pairwise summation, split exactly where NumPy splits so that the bits match.
//!
//! A run shorter than eight scalars is added in order; up to 128 scalars it is added into
//! eight independent accumulators (four complex ones, each two scalars wide) that are then
//! combined as a balanced tree; longer runs are cut at half the length rounded down to a
//! multiple of eight scalars and both halves summed recursively. Because the cut points depend
//! only on the length, the top of the recursion can run on several threads without changing a
//! bit of the result.

use crate::element::{c128, c64};

/// Below this many elements a half is summed on the current thread.
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

/// The pairwise sum of `load(0..n)`.
#[inline]
pub(crate) fn pairwise<A: Pairwise>(n: usize, load: &(impl Fn(usize) -> A + Sync)) -> A {
    sum_range(0, n, load)
}

fn sum_range<A: Pairwise>(start: usize, n: usize, load: &(impl Fn(usize) -> A + Sync)) -> A {
    let scalars = n * A::WIDTH;
    if scalars < 8 {
        (start..start + n).fold(A::ZERO, |acc, i| acc.plus(load(i)))
    } else if scalars <= 128 {
        block(start, n, load)
    } else {
        let half = scalars / 2;
        let n2 = (half - half % 8) / A::WIDTH;
        let (x, y) = if n >= 2 * PARALLEL_MIN {
            rayon::join(
                || sum_range(start, n2, load),
                || sum_range(start + n2, n - n2, load),
            )
        } else {
            (
                sum_range(start, n2, load),
                sum_range(start + n2, n - n2, load),
            )
        };
        x.plus(y)
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
