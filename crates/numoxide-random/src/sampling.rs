//! The sampling steps behind `choice`, `shuffle` and `permutation`, in NumPy's exact order
//! of draws. Legacy `RandomState` and `Generator` share some steps and differ in others
//! (masked `random_interval` for shuffles in both; Lemire for `Generator.choice`'s index
//! sampling).

use crate::bounded::{bounded_one, WordBuffer};
use crate::BitGenerator;

/// A value in `[0, max]` by masked rejection on 32-bit draws when `max` fits in 32 bits,
/// else on 64-bit draws (NumPy's `random_interval`). `max == 0` draws nothing.
#[inline]
pub fn random_interval<G: BitGenerator>(g: &mut G, max: u64) -> u64 {
    if max == 0 {
        return 0;
    }
    let mask = crate::bounded::gen_mask(max);
    if max <= u64::from(u32::MAX) {
        loop {
            let value = u64::from(g.next_u32()) & mask;
            if value <= max {
                return value;
            }
        }
    }
    loop {
        let value = g.next_u64() & mask;
        if value <= max {
            return value;
        }
    }
}

/// The partner of each position in a Fisher-Yates shuffle of `n` items: entry `k` is the
/// `j` that position `n - 1 - k` swaps with, drawn by [`random_interval`]. Positions down
/// to `first` are drawn (`first = 1` shuffles everything; position 0 would draw nothing).
pub fn fisher_yates_partners<G: BitGenerator>(g: &mut G, n: usize, first: usize) -> Vec<usize> {
    (first.max(1)..n)
        .rev()
        .map(|i| random_interval(g, i as u64) as usize)
        .collect()
}

/// Shuffles `data` in place as NumPy's shuffle of a 1-d array does.
pub fn shuffle_slice<G: BitGenerator, T>(g: &mut G, data: &mut [T]) {
    for i in (1..data.len()).rev() {
        let j = random_interval(g, i as u64) as usize;
        data.swap(i, j);
    }
}

/// A Lemire index in `[0, max]`, as `random_bounded_uint64(bitgen, 0, max, 0, 0)`.
#[inline]
fn lemire_index<G: BitGenerator>(g: &mut G, max: u64) -> u64 {
    bounded_one::<64, G>(g, 0, max, 0, false, &mut WordBuffer::default())
}

/// Shuffles positions `n - 1` down to `first` of `data` with Lemire indices
/// (`Generator`'s `_shuffle_int`).
pub fn shuffle_tail_lemire<G: BitGenerator>(g: &mut G, data: &mut [i64], first: usize) {
    for i in (first..data.len()).rev() {
        let j = lemire_index(g, i as u64) as usize;
        data.swap(i, j);
    }
}

/// `Generator.choice(pop_size, size, replace=False)` without `p`: distinct indices, by a
/// tail shuffle of `0..pop_size` when the sample is a large share of a large population,
/// else by Floyd's algorithm with an open-addressing set (then shuffled if `shuffle`).
pub fn choice_without_replacement<G: BitGenerator>(
    g: &mut G,
    pop_size: u64,
    size: u64,
    shuffle: bool,
) -> Vec<i64> {
    let cutoff = if shuffle { 50 } else { 20 };
    if pop_size > 10_000 && size > pop_size / cutoff {
        let mut idx: Vec<i64> = (0..pop_size as i64).collect();
        let first = (pop_size - size).max(1) as usize;
        shuffle_tail_lemire(g, &mut idx, first);
        return idx.split_off((pop_size - size) as usize);
    }
    const EMPTY: u64 = u64::MAX;
    // NumPy sizes the set as the mask of (uint64)(1.2 * size), plus one.
    let mask = crate::bounded::gen_mask((1.2 * size as f64) as u64);
    let mut set = vec![EMPTY; (mask + 1) as usize];
    let mut out = Vec::with_capacity(size as usize);
    for j in pop_size - size..pop_size {
        let val = lemire_index(g, j);
        let mut loc = val & mask;
        while set[loc as usize] != EMPTY && set[loc as usize] != val {
            loc = (loc + 1) & mask;
        }
        if set[loc as usize] == EMPTY {
            set[loc as usize] = val;
            out.push(val as i64);
        } else {
            let mut loc = j & mask;
            while set[loc as usize] != EMPTY {
                loc = (loc + 1) & mask;
            }
            set[loc as usize] = j;
            out.push(j as i64);
        }
    }
    if shuffle {
        shuffle_tail_lemire(g, &mut out, 1);
    }
    out
}

/// Kahan-compensated sum, as NumPy checks that probabilities sum to 1.
pub fn kahan_sum(values: &[f64]) -> f64 {
    let Some((&first, rest)) = values.split_first() else {
        return 0.0;
    };
    let (mut sum, mut c) = (first, 0.0);
    for &v in rest {
        let y = v - c;
        let t = sum + y;
        c = (t - sum) - y;
        sum = t;
    }
    sum
}

/// `cumsum(p) / cumsum(p)[-1]`, added in order as NumPy's accumulate does.
pub fn normalized_cdf(p: &[f64]) -> Vec<f64> {
    let mut total = 0.0;
    let mut cdf: Vec<f64> = p
        .iter()
        .map(|&x| {
            total += x;
            total
        })
        .collect();
    if let Some(&last) = cdf.last() {
        cdf.iter_mut().for_each(|c| *c /= last);
    }
    cdf
}

/// `cdf.searchsorted(u, side='right')`: how many entries are <= u.
pub fn search_right(cdf: &[f64], u: f64) -> usize {
    cdf.partition_point(|&c| c <= u)
}

/// `choice(pop_size, size, replace=True, p=p)`: one uniform draw per sample, located in the
/// cumulative distribution.
pub fn choice_with_p<G: BitGenerator>(g: &mut G, p: &[f64], size: usize) -> Vec<i64> {
    let cdf = normalized_cdf(p);
    (0..size)
        .map(|_| search_right(&cdf, g.next_f64()) as i64)
        .collect()
}

/// `choice(pop_size, size, replace=False, p=p)`: rounds of uniform draws, zeroing found
/// entries of `p`, keeping new indices in order of first appearance, until `size` distinct
/// indices are found. The caller has checked that `p` has at least `size` positive entries.
pub fn choice_with_p_without_replacement<G: BitGenerator>(
    g: &mut G,
    p: &[f64],
    size: usize,
) -> Vec<i64> {
    let mut p = p.to_vec();
    let mut found: Vec<i64> = Vec::with_capacity(size);
    while found.len() < size {
        let draws: Vec<f64> = (0..size - found.len()).map(|_| g.next_f64()).collect();
        for &i in &found {
            p[i as usize] = 0.0;
        }
        let cdf = normalized_cdf(&p);
        // A round's draws count as a set kept in order of first appearance; indices found
        // in earlier rounds cannot recur, their probability being zero now.
        let mut seen = std::collections::HashSet::new();
        for u in draws {
            let idx = search_right(&cdf, u) as i64;
            if seen.insert(idx) {
                found.push(idx);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Mt19937, Pcg64, SeedSequence};

    #[test]
    fn kahan_sum_of_nothing_is_zero() {
        assert_eq!(kahan_sum(&[]), 0.0);
        assert_eq!(kahan_sum(&[0.25, 0.5, 0.25]), 1.0);
    }

    #[test]
    fn search_right_counts_entries_not_above() {
        let cdf = [0.25, 0.5, 0.5, 1.0];
        assert_eq!(search_right(&cdf, 0.0), 0);
        assert_eq!(search_right(&cdf, 0.5), 3);
        assert_eq!(search_right(&cdf, 0.99), 3);
    }

    #[test]
    fn samples_without_replacement_are_distinct() {
        let mut g = Pcg64::from_seed_sequence(&SeedSequence::from_int(5));
        for (pop, size) in [(10u64, 10u64), (20_000, 1_000), (100, 7)] {
            let mut idx = choice_without_replacement(&mut g, pop, size, true);
            idx.sort_unstable();
            idx.dedup();
            assert_eq!(idx.len() as u64, size);
            assert!(idx.iter().all(|&i| (i as u64) < pop));
        }
    }

    #[test]
    fn legacy_permutation_matches_numpy() {
        // np.random.RandomState(0).permutation(10)
        let mut g = Mt19937::from_u32(0);
        let mut v: Vec<i64> = (0..10).collect();
        shuffle_slice(&mut g, &mut v);
        assert_eq!(v, [2, 8, 4, 9, 1, 6, 7, 3, 0, 5]);
    }
}
