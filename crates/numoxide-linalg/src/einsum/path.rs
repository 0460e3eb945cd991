//! The contraction-order searches of `einsum_path`: NumPy's greedy and optimal algorithms,
//! reproduced step for step (same candidate order, same cost model, same tie-breaking:
//! the first of equal candidates wins) so that the paths are NumPy's.
//!
//! A term's labels are a set over NumPy's 52 symbols, bit `k` for the `k`-th of
//! 'A'..'Z', 'a'..'z' (ASCII order).

/// A set of labels, one bit per symbol.
pub(crate) type LabelSet = u64;

/// The length of each of the 52 labels (1 for labels not in the expression).
pub(crate) type Sizes = [u128; 52];

/// The number of elements of an array with the axes `set`.
pub(crate) fn size_of(set: LabelSet, sizes: &Sizes) -> u128 {
    (0..52)
        .filter(|k| set >> k & 1 == 1)
        .fold(1u128, |acc, k| acc.saturating_mul(sizes[k]))
}

/// NumPy's flop model: the size of the contracted index space times (terms - 1, at least
/// one) plus one more when indices are summed away.
pub(crate) fn flop_count(
    contracted: LabelSet,
    inner: bool,
    num_terms: usize,
    sizes: &Sizes,
) -> u128 {
    let factor = num_terms.saturating_sub(1).max(1) + usize::from(inner);
    size_of(contracted, sizes).saturating_mul(factor as u128)
}

/// The outcome of contracting some terms of a list together.
pub(crate) struct Contraction {
    /// The labels the new term keeps (needed by the output or by other terms).
    pub result: LabelSet,
    /// The terms not contracted, in order, then the new term.
    pub remaining: Vec<LabelSet>,
    /// The labels summed away.
    pub removed: LabelSet,
    /// Every label of the contracted terms.
    pub contracted: LabelSet,
}

/// Contracts the terms at `positions` of `sets` (positions as given: one that names no
/// term simply contributes nothing, as in NumPy).
pub(crate) fn find_contraction(
    positions: &[isize],
    sets: &[LabelSet],
    output: LabelSet,
) -> Contraction {
    let mut contracted = 0;
    let mut kept = output;
    let mut remaining = Vec::with_capacity(sets.len() + 1);
    for (k, &set) in sets.iter().enumerate() {
        if positions.contains(&(k as isize)) {
            contracted |= set;
        } else {
            remaining.push(set);
            kept |= set;
        }
    }
    let result = kept & contracted;
    remaining.push(result);
    Contraction {
        result,
        remaining,
        removed: contracted & !result,
        contracted,
    }
}

/// A path: each step the positions of the terms contracted into one new, last term.
pub(crate) type Steps = Vec<Vec<usize>>;

/// Exhaustive search over every order of pairwise contractions whose intermediates fit
/// `memory_limit`; when some step has no pair that fits, the rest is one contraction.
pub(crate) fn optimal_path(
    inputs: &[LabelSet],
    output: LabelSet,
    sizes: &Sizes,
    memory_limit: i128,
) -> Steps {
    let n = inputs.len();
    // (cost so far, steps, terms left)
    let mut frontier: Vec<(u128, Steps, Vec<LabelSet>)> = vec![(0, vec![], inputs.to_vec())];
    for iteration in 0..n.saturating_sub(1) {
        let left = n - iteration;
        let mut next = vec![];
        for (cost, steps, sets) in &frontier {
            for (i, j) in pairs(left) {
                let c = find_contraction(&[i as isize, j as isize], sets, output);
                if exceeds(size_of(c.result, sizes), memory_limit) {
                    continue;
                }
                let total = cost.saturating_add(flop_count(c.contracted, c.removed != 0, 2, sizes));
                let mut steps = steps.clone();
                steps.push(vec![i, j]);
                next.push((total, steps, c.remaining));
            }
        }
        if next.is_empty() {
            let mut steps = cheapest(&frontier);
            steps.push((0..left).collect());
            return steps;
        }
        frontier = next;
    }
    cheapest(&frontier)
}

/// The steps of the first lowest-cost entry (Python's `min` keeps the first).
fn cheapest(frontier: &[(u128, Steps, Vec<LabelSet>)]) -> Steps {
    let mut best: Option<&(u128, Steps, Vec<LabelSet>)> = None;
    for entry in frontier {
        if best.is_none_or(|b| entry.0 < b.0) {
            best = Some(entry);
        }
    }
    best.map(|b| b.1.clone()).unwrap_or_default()
}

/// Every pair `(i, j)`, `i < j < n`, in `itertools.combinations` order.
fn pairs(n: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..n).flat_map(move |i| (i + 1..n).map(move |j| (i, j)))
}

fn exceeds(size: u128, memory_limit: i128) -> bool {
    i128::try_from(size).unwrap_or(i128::MAX) > memory_limit
}

/// A pair contraction the greedy search may take: its rank (largest removed size first,
/// then fewest flops), its positions, and the terms it would leave.
struct Candidate {
    rank: (i128, u128),
    pair: (usize, usize),
    sets: Vec<LabelSet>,
}

/// The candidate for contracting `pair`, unless its result exceeds the memory limit or
/// the path would cost more than contracting everything at once.
fn candidate(
    pair: (usize, usize),
    sets: &[LabelSet],
    output: LabelSet,
    sizes: &Sizes,
    memory_limit: i128,
    path_cost: u128,
    naive_cost: u128,
) -> Option<Candidate> {
    let c = find_contraction(&[pair.0 as isize, pair.1 as isize], sets, output);
    let new_size = size_of(c.result, sizes);
    if exceeds(new_size, memory_limit) {
        return None;
    }
    let as_signed = |x: u128| i128::try_from(x).unwrap_or(i128::MAX);
    let old_sizes = as_signed(size_of(sets[pair.0], sizes))
        .saturating_add(as_signed(size_of(sets[pair.1], sizes)));
    let removed_size = old_sizes.saturating_sub(as_signed(new_size));
    let cost = flop_count(c.contracted, c.removed != 0, 2, sizes);
    if path_cost.saturating_add(cost) > naive_cost {
        return None;
    }
    Some(Candidate {
        rank: (removed_size.saturating_neg(), cost),
        pair,
        sets: c.remaining,
    })
}

/// The known candidates after `best` is taken: those touching its terms dropped, the
/// others' positions and term lists shifted as if `best` had happened (their ranks and
/// results stay as first computed, as NumPy keeps them).
fn carry_over(known: Vec<Candidate>, best: &Candidate) -> Vec<Candidate> {
    let (bx, by) = best.pair;
    let new_term = best.sets[best.sets.len() - 1];
    known
        .into_iter()
        .filter(|c| ![bx, by].contains(&c.pair.0) && ![bx, by].contains(&c.pair.1))
        .map(|mut c| {
            let (x, y) = c.pair;
            let shift = |p: usize| p - usize::from(p > x) - usize::from(p > y);
            c.sets.remove(shift(by));
            c.sets.remove(shift(bx));
            let last = c.sets.len() - 1;
            c.sets.insert(last, new_term);
            let moved = |p: usize| p - usize::from(p > bx) - usize::from(p > by);
            c.pair = (moved(x), moved(y));
            c
        })
        .collect()
}

/// The first best-ranked candidate.
fn best_of(known: &[Candidate]) -> usize {
    let mut best = 0;
    for (k, c) in known.iter().enumerate() {
        if c.rank < known[best].rank {
            best = k;
        }
    }
    best
}

/// NumPy's greedy search: each step takes the pair removing the most elements (ties: the
/// fewest flops), preferring pairs that share a label; outer products only when no such
/// pair is left; one final contraction of everything when nothing fits.
pub(crate) fn greedy_path(
    inputs: &[LabelSet],
    output: LabelSet,
    sizes: &Sizes,
    memory_limit: i128,
) -> Steps {
    match inputs.len() {
        1 => return vec![vec![0]],
        2 => return vec![vec![0, 1]],
        _ => {}
    }
    let all: Vec<isize> = (0..inputs.len() as isize).collect();
    let whole = find_contraction(&all, inputs, output);
    let naive_cost = flop_count(whole.contracted, whole.removed != 0, inputs.len(), sizes);
    let mut sets = inputs.to_vec();
    let mut new_pairs: Vec<(usize, usize)> = pairs(sets.len()).collect();
    let mut known: Vec<Candidate> = vec![];
    let mut path_cost = 0u128;
    let mut steps = vec![];
    for _ in 0..inputs.len() - 1 {
        let consider = |known: &mut Vec<Candidate>, pair, sets: &[LabelSet], cost| {
            if let Some(c) = candidate(pair, sets, output, sizes, memory_limit, cost, naive_cost) {
                known.push(c);
            }
        };
        for &(i, j) in &new_pairs {
            // Outer products wait until nothing else is left.
            if sets[i] & sets[j] != 0 {
                consider(&mut known, (i, j), &sets, path_cost);
            }
        }
        if known.is_empty() {
            for pair in pairs(sets.len()) {
                consider(&mut known, pair, &sets, path_cost);
            }
            if known.is_empty() {
                steps.push((0..sets.len()).collect());
                break;
            }
        }
        let best = known.remove(best_of(&known));
        known = carry_over(known, &best);
        sets = best.sets;
        let new_term = sets.len() - 1;
        new_pairs = (0..new_term).map(|i| (i, new_term)).collect();
        steps.push(vec![best.pair.0, best.pair.1]);
        path_cost = path_cost.saturating_add(best.rank.1);
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sets and sizes of single-letter lowercase labels.
    fn setup(terms: &[&str], dims: &[(char, u128)]) -> (Vec<LabelSet>, Sizes) {
        let bit = |c: char| 1u64 << (26 + (c as u8 - b'a'));
        let sets = terms
            .iter()
            .map(|t| t.chars().map(bit).fold(0, |a, b| a | b))
            .collect();
        let mut sizes = [1; 52];
        for &(c, n) in dims {
            sizes[26 + (c as u8 - b'a') as usize] = n;
        }
        (sets, sizes)
    }

    #[test]
    fn numpy_docstring_examples() {
        let (sets, sizes) = setup(
            &["abd", "ac", "bdc"],
            &[('a', 1), ('b', 2), ('c', 3), ('d', 4)],
        );
        assert_eq!(
            greedy_path(&sets, 0, &sizes, 5000),
            vec![vec![0, 2], vec![0, 1]]
        );
        assert_eq!(
            optimal_path(&sets, 0, &sizes, 5000),
            vec![vec![0, 2], vec![0, 1]]
        );
    }

    #[test]
    fn chain_contracts_the_small_pair_first() {
        let (sets, sizes) = setup(
            &["ij", "jk", "kl"],
            &[('i', 2), ('j', 2), ('k', 5), ('l', 2)],
        );
        let out = setup(&["il"], &[]).0[0];
        assert_eq!(
            greedy_path(&sets, out, &sizes, 4),
            vec![vec![1, 2], vec![0, 1]]
        );
    }

    #[test]
    fn nothing_fits_means_one_contraction() {
        let (sets, sizes) = setup(
            &["ab", "bc", "cd"],
            &[('a', 9), ('b', 9), ('c', 9), ('d', 9)],
        );
        assert_eq!(greedy_path(&sets, 0, &sizes, 0), vec![vec![0, 1, 2]]);
        assert_eq!(optimal_path(&sets, 0, &sizes, 0), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn flops_count_the_summation() {
        let (sets, sizes) = setup(&["abc"], &[('a', 2), ('b', 3), ('c', 5)]);
        assert_eq!(flop_count(sets[0], false, 1, &sizes), 30);
        assert_eq!(flop_count(sets[0], true, 2, &sizes), 60);
    }
}
