//! `einsum`: Einstein summation. Each operand first loses its repeated labels (diagonals)
//! and the labels no other term needs (sums); then the operands are contracted pairwise,
//! left to right, each contraction one stacked matrix product (batch, free, summed axes),
//! so 'ij,jk->ik' costs what matmul costs. With `optimize`, the operands are contracted
//! in the order `einsum_path` plans (`plan`), each step one such einsum.

mod expression;
mod path;
mod plan;

pub use plan::{einsum_path, EinsumPath, Optimize};

use crate::matmul::{cast, stacked_product};
use numoxide::promote::{can_cast, promote_types, Casting};
use numoxide::{reduce, DType, Error, NdArray, Order, Result};

/// Labels are letters; the axes an ellipsis covers get labels from `ELLIPSIS` up, aligned
/// from the right across operands as broadcasting aligns them.
type Label = u32;
const ELLIPSIS: Label = 1 << 16;

/// One term of the sum: an array and the label of each of its axes.
#[derive(Clone)]
struct Term {
    array: NdArray,
    labels: Vec<Label>,
}

fn label_char(l: Label) -> char {
    char::from_u32(l).unwrap_or('?')
}

/// One side of a subscripts string: its letters and where its ellipsis sits, if any.
struct Spec {
    before: Vec<Label>,
    after: Vec<Label>,
    ellipsis: bool,
}

fn parse_spec(text: &str, operand: Option<usize>) -> Result<Spec> {
    let mut spec = Spec {
        before: vec![],
        after: vec![],
        ellipsis: false,
    };
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '.' {
            if spec.ellipsis || chars.get(i..i + 3) != Some(&['.', '.', '.'][..]) {
                let place = match operand {
                    Some(k) => format!("in operand {k}"),
                    None => "in the output".to_string(),
                };
                return Err(Error::value(format!(
                    "einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...') {place}"
                )));
            }
            spec.ellipsis = true;
            i += 3;
            continue;
        }
        if !c.is_ascii_alphabetic() {
            return Err(Error::value(format!(
                "invalid subscript '{c}' in einstein sum subscripts string, subscripts must be letters"
            )));
        }
        let side = if spec.ellipsis {
            &mut spec.after
        } else {
            &mut spec.before
        };
        side.push(c as Label);
        i += 1;
    }
    Ok(spec)
}

impl Spec {
    fn letters(&self) -> usize {
        self.before.len() + self.after.len()
    }

    /// The labels of every axis, the ellipsis covering `covered` axes of the `widest`.
    fn labels(&self, covered: usize, widest: usize) -> Vec<Label> {
        let ellipsis = (widest - covered..widest).map(|k| ELLIPSIS + k as Label);
        self.before
            .iter()
            .copied()
            .chain(ellipsis)
            .chain(self.after.iter().copied())
            .collect()
    }
}

/// The operands as terms, and the output's labels.
fn parse(subscripts: &str, operands: &[NdArray]) -> Result<(Vec<Term>, Vec<Label>)> {
    let (inputs, output) = match subscripts.split_once("->") {
        Some((i, o)) => (i, Some(o)),
        None => (subscripts, None),
    };
    let texts: Vec<&str> = inputs.split(',').collect();
    // NumPy's two messages read the other way round from what they check; kept as NumPy's.
    if texts.len() > operands.len() {
        return Err(Error::value(
            "more operands provided to einstein sum function than specified in the subscripts string",
        ));
    }
    if texts.len() < operands.len() {
        return Err(Error::value(
            "fewer operands provided to einstein sum function than specified in the subscripts string",
        ));
    }
    let specs: Vec<Spec> = texts
        .iter()
        .enumerate()
        .map(|(k, t)| parse_spec(t, Some(k)))
        .collect::<Result<_>>()?;
    let mut covered = Vec::with_capacity(specs.len());
    for (k, (spec, a)) in specs.iter().zip(operands).enumerate() {
        let letters = spec.letters();
        if letters > a.ndim() {
            return Err(Error::value(format!(
                "einstein sum subscripts string contains too many subscripts for operand {k}"
            )));
        }
        if !spec.ellipsis && letters < a.ndim() {
            return Err(Error::value(
                "operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.",
            ));
        }
        covered.push(a.ndim() - letters);
    }
    let widest = covered.iter().copied().max().unwrap_or(0);
    let terms: Vec<Term> = specs
        .iter()
        .zip(operands)
        .zip(&covered)
        .map(|((spec, a), &c)| Term {
            array: a.clone(),
            labels: spec.labels(c, widest),
        })
        .collect();
    let ellipsis_labels: Vec<Label> = (0..widest).map(|k| ELLIPSIS + k as Label).collect();
    let output = match output {
        Some(text) => {
            let spec = parse_spec(text, None)?;
            if !spec.ellipsis && widest > 0 {
                return Err(Error::value(
                    "output has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.",
                ));
            }
            let labels = spec.labels(widest, widest);
            for (k, &l) in labels.iter().enumerate() {
                if labels[..k].contains(&l) {
                    return Err(Error::value(format!(
                        "einstein sum subscripts string includes output subscript '{}' multiple times",
                        label_char(l)
                    )));
                }
                if l < ELLIPSIS && !terms.iter().any(|t| t.labels.contains(&l)) {
                    return Err(Error::value(format!(
                        "einstein sum subscripts string included output subscript '{}' which never appeared in an input",
                        label_char(l)
                    )));
                }
            }
            labels
        }
        None => {
            // The ellipsis axes, then the letters used once, in ASCII order.
            let mut once: Vec<Label> = terms
                .iter()
                .flat_map(|t| t.labels.iter().copied())
                .filter(|&l| l < ELLIPSIS)
                .collect();
            once.sort_unstable();
            let counts = |l: Label| once.iter().filter(|&&x| x == l).count();
            let mut letters: Vec<Label> =
                once.iter().copied().filter(|&l| counts(l) == 1).collect();
            letters.dedup();
            ellipsis_labels.into_iter().chain(letters).collect()
        }
    };
    Ok((terms, output))
}

impl Term {
    fn size(&self, label: Label) -> usize {
        self.labels
            .iter()
            .position(|&l| l == label)
            .map_or(1, |i| self.array.shape()[i])
    }

    /// Repeated labels become one axis along the diagonal.
    fn take_diagonals(mut self, operand: usize) -> Result<Term> {
        loop {
            let n = self.labels.len();
            let repeated = (0..n)
                .flat_map(|p| (p + 1..n).map(move |q| (p, q)))
                .find(|&(p, q)| self.labels[p] == self.labels[q]);
            let Some((p, q)) = repeated else { break };
            let (np, nq) = (self.array.shape()[p], self.array.shape()[q]);
            if np != nq {
                return Err(Error::value(format!(
                    "dimensions in operand {operand} for collapsing index '{}' don't match ({np} != {nq})",
                    label_char(self.labels[p])
                )));
            }
            let label = self.labels[p];
            self.array = self.array.diagonal(0, p as isize, q as isize)?;
            self.labels.remove(q);
            self.labels.remove(p);
            self.labels.push(label);
        }
        Ok(self)
    }

    /// Sums the axes whose labels `keep` rejects, in the term's dtype (as einsum does).
    fn sum_unneeded(self, keep: impl Fn(Label) -> bool) -> Result<Term> {
        let axes: Vec<isize> = (0..self.labels.len())
            .filter(|&i| !keep(self.labels[i]))
            .map(|i| i as isize)
            .collect();
        if axes.is_empty() {
            return Ok(self);
        }
        let dtype = self.array.dtype();
        let array = reduce::sum(&self.array, Some(&axes), Some(dtype), false)?;
        let labels = self.labels.into_iter().filter(|&l| keep(l)).collect();
        Ok(Term { array, labels })
    }

    /// The array with axes ordered as `labels` (each label the term has, or length 1),
    /// broadcast to `sizes`, reshaped to `groups` (the product of each group's sizes).
    fn arranged(&self, labels: &[Label], sizes: &[usize], groups: &[usize]) -> Result<NdArray> {
        let mut array = self.array.clone();
        let mut own = self.labels.clone();
        for &l in labels {
            if !own.contains(&l) {
                array = array.expand_dims(&[array.ndim() as isize])?;
                own.push(l);
            }
        }
        let perm: Vec<isize> = labels
            .iter()
            .map(|l| own.iter().position(|x| x == l).unwrap_or(0) as isize)
            .collect();
        let shape: Vec<isize> = sizes.iter().map(|&s| s as isize).collect();
        let groups: Vec<isize> = groups.iter().map(|&g| g as isize).collect();
        let array = array.transpose(Some(&perm))?;
        // broadcast_to makes a read-only view: only when some length really changes.
        let array = if array.shape() == sizes {
            array
        } else {
            array.broadcast_to(&shape)?
        };
        array.reshape(&groups, Order::C)
    }
}

/// `a` and `b` multiplied and summed over the labels they share that `needed` rejects.
fn contract(a: Term, b: Term, needed: &dyn Fn(Label) -> bool) -> Result<Term> {
    let a = a.sum_unneeded(|l| needed(l) || b.labels.contains(&l))?;
    let b = b.sum_unneeded(|l| needed(l) || a.labels.contains(&l))?;
    let shared = |l: &Label| b.labels.contains(l);
    let batch: Vec<Label> = a
        .labels
        .iter()
        .copied()
        .filter(|l| shared(l) && needed(*l))
        .collect();
    let summed: Vec<Label> = a
        .labels
        .iter()
        .copied()
        .filter(|l| shared(l) && !needed(*l))
        .collect();
    let free_a: Vec<Label> = a.labels.iter().copied().filter(|l| !shared(l)).collect();
    let free_b: Vec<Label> = b
        .labels
        .iter()
        .copied()
        .filter(|l| !a.labels.contains(l))
        .collect();
    let size = |l: &Label| a.size(*l).max(b.size(*l));
    let sizes = |ls: &[Label]| -> Vec<usize> { ls.iter().map(size).collect() };
    let count = |ls: &[Label]| -> usize { ls.iter().map(size).product() };
    let (nb, nfa, nk, nfb) = (
        count(&batch),
        count(&free_a),
        count(&summed),
        count(&free_b),
    );
    let order_a: Vec<Label> = batch
        .iter()
        .chain(&free_a)
        .chain(&summed)
        .copied()
        .collect();
    let order_b: Vec<Label> = batch
        .iter()
        .chain(&summed)
        .chain(&free_b)
        .copied()
        .collect();
    let lhs = a.arranged(&order_a, &sizes(&order_a), &[nb, nfa, nk])?;
    let rhs = b.arranged(&order_b, &sizes(&order_b), &[nb, nk, nfb])?;
    let product = stacked_product(&lhs, &rhs, &[nb])?;
    let labels: Vec<Label> = batch
        .iter()
        .chain(&free_a)
        .chain(&free_b)
        .copied()
        .collect();
    let shape: Vec<isize> = labels.iter().map(|l| size(l) as isize).collect();
    Ok(Term {
        array: product.reshape(&shape, Order::C)?,
        labels,
    })
}

/// NumPy's `einsum(subscripts, *operands, dtype=...)`, explicit ('ij,jk->ik') or implicit
/// ('ij,jk') output, with ellipses, traces and diagonals. Operands of different sizes on
/// one label must be 1 (broadcast) or equal.
pub fn einsum(subscripts: &str, operands: &[NdArray], dtype: Option<DType>) -> Result<NdArray> {
    let (terms, output) = parse(subscripts, operands)?;
    let terms: Vec<Term> = terms
        .into_iter()
        .enumerate()
        .map(|(k, t)| t.take_diagonals(k))
        .collect::<Result<_>>()?;
    // Sizes agree across operands, up to broadcasting of length 1.
    let mut sizes: Vec<(Label, usize)> = vec![];
    for (k, t) in terms.iter().enumerate() {
        for (&l, &n) in t.labels.iter().zip(t.array.shape()) {
            match sizes.iter_mut().find(|(x, _)| *x == l) {
                Some((_, m)) if *m != n && *m != 1 && n != 1 => {
                    return Err(Error::value(format!(
                    "size of label '{}' for operand {k} ({n}) does not match previous terms ({m}).",
                    label_char(l)
                )))
                }
                Some((_, m)) => *m = (*m).max(n),
                None => sizes.push((l, n)),
            }
        }
    }
    let dtype = match dtype {
        Some(d) => {
            for (k, a) in operands.iter().enumerate() {
                if !can_cast(a.dtype(), d, Casting::Safe) {
                    return Err(Error::Type(format!(
                        "Iterator operand {k} dtype could not be cast from dtype('{}') to dtype('{d}') according to the rule 'safe'",
                        a.dtype()
                    )));
                }
            }
            d
        }
        None => operands
            .iter()
            .map(|a| a.dtype())
            .reduce(promote_types)
            .unwrap_or(DType::Float64),
    };
    let mut terms: Vec<Term> = terms
        .into_iter()
        .map(|t| Term {
            array: cast(&t.array, dtype),
            labels: t.labels,
        })
        .collect();
    // Labels of the output and of the terms from `from` on are still needed.
    let needed_after = |terms: &[Term], from: usize, l: Label| {
        output.contains(&l) || terms[from..].iter().any(|t| t.labels.contains(&l))
    };
    let mut acc = terms.remove(0);
    let rest = terms;
    for (k, term) in rest.iter().enumerate() {
        let needed = |l: Label| needed_after(&rest, k + 1, l);
        acc = contract(acc, term.clone(), &needed)?;
    }
    let acc = acc.sum_unneeded(|l| output.contains(&l))?;
    // Output axes in the output's order; a label broadcast away shows its full length.
    let out_sizes: Vec<usize> = output
        .iter()
        .map(|l| sizes.iter().find(|(x, _)| x == l).map_or(1, |p| p.1))
        .collect();
    acc.arranged(&output, &out_sizes, &out_sizes)
}

/// NumPy's `einsum(..., optimize=...)`: the contractions of `einsum_path`'s plan, one
/// einsum per step (a pair of operands is one stacked matrix product), the result of each
/// step appended to the operands. `Optimize::Off` is the plain `einsum`.
pub fn einsum_optimized(
    subscripts: &str,
    operands: &[NdArray],
    dtype: Option<DType>,
    optimize: &Optimize,
    memory_limit: Option<i128>,
) -> Result<NdArray> {
    if *optimize == Optimize::Off {
        return einsum(subscripts, operands, dtype);
    }
    let shapes: Vec<&[usize]> = operands.iter().map(|a| a.shape()).collect();
    let plan = einsum_path(subscripts, &shapes, optimize, memory_limit)?;
    let mut operands = operands.to_vec();
    for step in &plan.steps {
        let taken: Vec<NdArray> = step.positions.iter().map(|&p| operands.remove(p)).collect();
        operands.push(einsum(&step.subscripts, &taken, dtype)?);
    }
    operands
        .pop()
        .ok_or_else(|| Error::value("No input operands"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::ints as arange;

    #[test]
    fn matrix_product_and_trace() {
        let a = arange(6, &[2, 3]);
        let b = arange(12, &[3, 4]);
        let r = einsum("ij,jk->ik", &[a.clone(), b.clone()], None).unwrap();
        assert_eq!(
            r.to_vec::<i64>(),
            crate::matmul(&a, &b, None).unwrap().to_vec::<i64>()
        );
        let sq = arange(9, &[3, 3]);
        assert_eq!(einsum("ii", &[sq], None).unwrap().to_vec::<i64>(), vec![12]);
    }

    #[test]
    fn implicit_output_is_sorted_letters_used_once() {
        let a = arange(6, &[2, 3]);
        let r = einsum("ba", &[a], None).unwrap();
        assert_eq!(r.shape(), &[3, 2]);
    }

    #[test]
    fn ellipsis_broadcasts_batches() {
        let a = arange(12, &[2, 2, 3]);
        let b = arange(3, &[3]);
        let r = einsum("...j,j->...", &[a, b], None).unwrap();
        assert_eq!(r.shape(), &[2, 2]);
        assert_eq!(r.to_vec::<i64>(), vec![5, 14, 23, 32]);
    }

    #[test]
    fn optimized_chain_equals_the_plain_sum() {
        let (a, b, c) = (arange(4, &[2, 2]), arange(10, &[2, 5]), arange(10, &[5, 2]));
        let operands = [a, b, c];
        let plain = einsum("ij,jk,kl->il", &operands, None).unwrap();
        for optimize in [
            Optimize::Greedy,
            Optimize::Optimal,
            Optimize::Explicit(vec![vec![0, 2], vec![0, 1]]),
        ] {
            let r = einsum_optimized("ij,jk,kl->il", &operands, None, &optimize, None).unwrap();
            assert_eq!(r.to_vec::<i64>(), plain.to_vec::<i64>());
        }
    }
}
