//! Distributions whose draws are vectors: multinomial, Dirichlet and the multivariate
//! hypergeometric. Each function fills one row (one variate) of NumPy's output.

use super::discrete::{binomial, BinomialCache, BinomialKind};
use super::gamma::{beta, standard_gamma};
use super::hypergeometric::{hypergeometric, interval};
use super::Primitives;
use crate::BitGenerator;

/// One multinomial variate of `n` trials into `out` (zero on entry), as a chain of
/// conditional binomials; stops once the trials are used up.
pub fn multinomial<B: BitGenerator + ?Sized>(
    g: &mut B,
    n: i64,
    pvals: &[f64],
    out: &mut [i64],
    cache: &mut BinomialCache,
    kind: BinomialKind,
) {
    let d = pvals.len();
    if d == 0 {
        return;
    }
    let mut remaining_p = 1.0;
    let mut dn = n;
    for j in 0..d - 1 {
        out[j] = binomial(g, pvals[j] / remaining_p, dn, cache, kind);
        dn -= out[j];
        if dn <= 0 {
            break;
        }
        remaining_p -= pvals[j];
    }
    if dn > 0 {
        out[d - 1] = dn;
    }
}

/// One Dirichlet variate by normalizing independent gammas (`RandomState` always; the
/// `Generator` unless every alpha is below 0.1).
pub fn dirichlet_by_gammas<P: Primitives + ?Sized>(g: &mut P, alpha: &[f64], out: &mut [f64]) {
    let mut acc = 0.0;
    for (o, &a) in out.iter_mut().zip(alpha) {
        *o = standard_gamma(g, a);
        acc += *o;
    }
    let invacc = 1.0 / acc;
    for o in out.iter_mut() {
        *o *= invacc;
    }
}

/// Right-to-left cumulative sums of alpha, for [`dirichlet_by_stick_breaking`].
pub fn alpha_tail_sums(alpha: &[f64]) -> Vec<f64> {
    let mut sums = vec![0.0; alpha.len()];
    let mut csum = 0.0;
    for (s, &a) in sums.iter_mut().zip(alpha).rev() {
        csum += a;
        *s = csum;
    }
    sums
}

/// One Dirichlet variate by stick breaking with betas (the `Generator` when every alpha is
/// below 0.1, which avoids 0/0 when all gammas underflow). `out` is zero on entry; when every
/// alpha is 0 nothing is drawn.
pub fn dirichlet_by_stick_breaking<B: BitGenerator + ?Sized>(
    g: &mut B,
    alpha: &[f64],
    tail_sums: &[f64],
    out: &mut [f64],
) {
    let k = alpha.len();
    if k == 0 || tail_sums[0] <= 0.0 {
        return;
    }
    let mut acc = 1.0;
    for j in 0..k - 1 {
        let v = beta(g, alpha[j], tail_sums[j + 1]);
        out[j] = acc * v;
        acc *= 1.0 - v;
        if tail_sums[j + 1] == 0.0 {
            // v is 1, so acc is 0 and the rest stay 0.
            break;
        }
    }
    out[k - 1] = acc;
}

/// Multivariate hypergeometric by counting a partial Fisher-Yates shuffle of all the balls
/// (`method='count'`). Fills `variates` (zero on entry) row by row, `colors.len()` per row;
/// `total` is the sum of `colors` and `nsample <= total`.
pub fn multivariate_hypergeometric_count<B: BitGenerator + ?Sized>(
    g: &mut B,
    total: i64,
    colors: &[i64],
    nsample: i64,
    variates: &mut [i64],
) {
    let num_colors = colors.len();
    if total == 0 || nsample == 0 || num_colors == 0 || variates.is_empty() {
        return;
    }
    // [3, 2, 5] becomes [0, 0, 0, 1, 1, 2, 2, 2, 2, 2].
    let mut choices: Vec<usize> = colors
        .iter()
        .enumerate()
        .flat_map(|(i, &c)| std::iter::repeat_n(i, c as usize))
        .collect();
    let more_than_half = nsample > total / 2;
    let nsample = if more_than_half {
        total - nsample
    } else {
        nsample
    } as usize;
    for row in variates.chunks_exact_mut(num_colors) {
        for j in 0..nsample {
            let k = j + interval(g, (total as u64) - j as u64 - 1) as usize;
            choices.swap(j, k);
        }
        for &c in &choices[..nsample] {
            row[c] += 1;
        }
        if more_than_half {
            for (v, &c) in row.iter_mut().zip(colors) {
                *v = c - *v;
            }
        }
    }
}

/// Multivariate hypergeometric by a chain of univariate hypergeometric draws
/// (`method='marginals'`). Same layout and preconditions as the count method.
pub fn multivariate_hypergeometric_marginals<B: BitGenerator + ?Sized>(
    g: &mut B,
    total: i64,
    colors: &[i64],
    nsample: i64,
    variates: &mut [i64],
) {
    let num_colors = colors.len();
    if total == 0 || nsample == 0 || num_colors == 0 || variates.is_empty() {
        return;
    }
    let more_than_half = nsample > total / 2;
    let nsample = if more_than_half {
        total - nsample
    } else {
        nsample
    };
    for row in variates.chunks_exact_mut(num_colors) {
        let mut num_to_sample = nsample;
        let mut remaining = total;
        let mut j = 0;
        while num_to_sample > 0 && j + 1 < num_colors {
            remaining -= colors[j];
            let r = hypergeometric(g, colors[j], remaining, num_to_sample);
            row[j] = r;
            num_to_sample -= r;
            j += 1;
        }
        if num_to_sample > 0 {
            row[num_colors - 1] = num_to_sample;
        }
        if more_than_half {
            for (v, &c) in row.iter_mut().zip(colors) {
                *v = c - *v;
            }
        }
    }
}
