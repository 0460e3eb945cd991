//! What the unit tests of several modules build their operands from.

use numoxide::NdArray;

/// `0, 1, ..., n - 1` as int64, in `shape`.
pub(crate) fn ints(n: usize, shape: &[usize]) -> NdArray {
    NdArray::from_vec((0..n as i64).collect(), shape).unwrap()
}

/// `len` float64 values spread over about -70..73, varied by `seed`, in a pattern with no
/// short period: operands whose products' rounding shows any change of summation order.
pub(crate) fn spread_values(len: usize, seed: u64) -> Vec<f64> {
    (0..len as u64)
        .map(|i| ((i * 2654435761 + seed) % 1000) as f64 / 7.0 - 70.0)
        .collect()
}
