//! What the unit tests of several modules build their operands from.

use numoxide::NdArray;

/// `0, 1, ..., n - 1` as int64, in `shape`.
pub(crate) fn ints(n: usize, shape: &[usize]) -> NdArray {
    NdArray::from_vec((0..n as i64).collect(), shape).unwrap()
}
