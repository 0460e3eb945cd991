//! `einsum_path`: the contraction order of an expression (searched or given), the list of
//! contractions it implies, and NumPy's printed report of their costs.

use super::expression::{label_set, parse, symbol_index, Expression};
use super::path::{find_contraction, flop_count, greedy_path, optimal_path, size_of, LabelSet};
use numoxide::{Error, Result};

/// How `einsum_path` (and `einsum(optimize=...)`) orders the contractions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Optimize {
    /// One contraction of every operand (`optimize=False`).
    Off,
    /// NumPy's greedy search (`True`, `'greedy'`).
    Greedy,
    /// The exhaustive search (`'optimal'`).
    Optimal,
    /// Any other name: a KeyError once a search is needed.
    Named(String),
    /// An explicit path (`['einsum_path', (0, 1), ...]` without its first item); positions
    /// index the current term list as Python's `list.pop` does.
    Explicit(Vec<Vec<isize>>),
}

/// One step of the plan: which operands (positions in the current list, largest first) are
/// contracted, with what subscripts, and what it costs.
pub(crate) struct Step {
    pub positions: Vec<usize>,
    pub subscripts: String,
    remaining: Vec<String>,
    flops: u128,
    scaling: usize,
    result_size: u128,
}

/// A planned contraction: the path as NumPy returns it, and its steps.
pub struct EinsumPath {
    /// The path, each step as given or found (before sorting).
    pub path: Vec<Vec<isize>>,
    pub(crate) steps: Vec<Step>,
    expression: Expression,
}

fn text(symbols: &[u8]) -> String {
    String::from_utf8_lossy(symbols).into_owned()
}

/// The path `optimize` asks for (`memory_limit` defaults to the largest operand or output).
fn choose_path(
    e: &Expression,
    optimize: &Optimize,
    memory_limit: Option<i128>,
) -> Result<Vec<Vec<isize>>> {
    let sets: Vec<LabelSet> = e.inputs.iter().map(|t| label_set(t)).collect();
    let output = label_set(&e.output);
    let all = sets.iter().fold(0, |a, &b| a | b);
    let n = sets.len();
    let whole = || vec![(0..n as isize).collect::<Vec<_>>()];
    let searched = |steps: Vec<Vec<usize>>| -> Vec<Vec<isize>> {
        steps
            .into_iter()
            .map(|s| s.into_iter().map(|p| p as isize).collect())
            .collect()
    };
    if let Optimize::Explicit(path) = optimize {
        return Ok(path.clone());
    }
    if *optimize == Optimize::Off || n == 1 || n == 2 || all == output {
        return Ok(whole());
    }
    let largest = e
        .inputs
        .iter()
        .chain([&e.output])
        .map(|t| size_of(label_set(t), &e.sizes))
        .max()
        .unwrap_or(1);
    let limit = memory_limit.unwrap_or_else(|| i128::try_from(largest).unwrap_or(i128::MAX));
    match optimize {
        Optimize::Greedy => Ok(searched(greedy_path(&sets, output, &e.sizes, limit))),
        Optimize::Optimal => Ok(searched(optimal_path(&sets, output, &e.sizes, limit))),
        Optimize::Named(name) => Err(Error::Key(format!("Path name {name} not found"))),
        _ => Ok(whole()),
    }
}

/// Python's `list.pop(index)`, and the index it popped.
fn pop(list: &mut Vec<String>, index: isize) -> Result<(usize, String)> {
    let n = list.len() as isize;
    let i = if index < 0 { index + n } else { index };
    if !(0..n).contains(&i) {
        return Err(Error::Index("pop index out of range".into()));
    }
    Ok((i as usize, list.remove(i as usize)))
}

/// The steps of `path`: each contracts its operands into a new last one whose labels are
/// ordered by (length, symbol), except the last, which is the output.
fn steps_of(e: &Expression, path: &[Vec<isize>]) -> Result<Vec<Step>> {
    let output = label_set(&e.output);
    let mut sets: Vec<LabelSet> = e.inputs.iter().map(|t| label_set(t)).collect();
    let mut terms: Vec<String> = e.inputs.iter().map(|t| text(t)).collect();
    let mut steps = Vec::with_capacity(path.len());
    for (k, step) in path.iter().enumerate() {
        let mut positions = step.clone();
        positions.sort_unstable_by(|a, b| b.cmp(a));
        let c = find_contraction(&positions, &sets, output);
        sets = c.remaining;
        let mut taken = Vec::with_capacity(positions.len());
        let mut popped = Vec::with_capacity(positions.len());
        for &p in &positions {
            let (i, term) = pop(&mut terms, p)?;
            taken.push(i);
            popped.push(term);
        }
        let result = if k + 1 == path.len() {
            text(&e.output)
        } else {
            let mut labels: Vec<u8> = (0..52u8)
                .filter(|&b| c.result >> b & 1 == 1)
                .map(|b| if b < 26 { b'A' + b } else { b'a' + b - 26 })
                .collect();
            labels.sort_by_key(|&l| (symbol_index(l).map_or(1, |i| e.sizes[i]), l));
            text(&labels)
        };
        terms.push(result.clone());
        steps.push(Step {
            positions: taken,
            subscripts: format!("{}->{result}", popped.join(",")),
            remaining: terms.clone(),
            flops: flop_count(c.contracted, c.removed != 0, positions.len(), &e.sizes),
            scaling: c.contracted.count_ones() as usize,
            result_size: size_of(c.result, &e.sizes),
        });
    }
    if terms.len() != 1 {
        return Err(Error::Runtime(format!(
            "Invalid einsum_path is specified: {} more operands has to be contracted.",
            terms.len() - 1
        )));
    }
    Ok(steps)
}

/// Plans `subscripts` over operands of `shapes` as NumPy's `einsum_path` does.
pub fn einsum_path(
    subscripts: &str,
    shapes: &[&[usize]],
    optimize: &Optimize,
    memory_limit: Option<i128>,
) -> Result<EinsumPath> {
    let expression = parse(subscripts, shapes)?;
    let path = choose_path(&expression, optimize, memory_limit)?;
    let steps = steps_of(&expression, &path)?;
    Ok(EinsumPath {
        path,
        steps,
        expression,
    })
}

/// Python's `format(x, '.3e')`: the exponent signed, at least two digits.
fn scientific(x: f64) -> String {
    let s = format!("{x:.3e}");
    match s.split_once('e') {
        Some((mantissa, exp)) => {
            let exp: i32 = exp.parse().unwrap_or(0);
            let sign = if exp < 0 { '-' } else { '+' };
            format!("{mantissa}e{sign}{:02}", exp.abs())
        }
        None => s,
    }
}

impl EinsumPath {
    /// NumPy's printed report: the whole contraction, naive and optimized scaling and
    /// flop counts, the speedup, the largest intermediate, and a table of the steps.
    pub fn report(&self) -> Result<String> {
        let e = &self.expression;
        let inputs: Vec<String> = e.inputs.iter().map(|t| text(t)).collect();
        let output = text(&e.output);
        let all = e.inputs.iter().fold(0, |a, t| a | label_set(t));
        let distinct_per_term: u32 = e.inputs.iter().map(|t| label_set(t).count_ones()).sum();
        // A label shared between terms means some sum (NumPy's approximation).
        let inner = distinct_per_term > all.count_ones();
        let naive = flop_count(all, inner, e.inputs.len(), &e.sizes);
        let optimized = self
            .steps
            .iter()
            .fold(1u128, |a, s| a.saturating_add(s.flops));
        let empty = || Error::value("max() iterable argument is empty");
        let scaling = self
            .steps
            .iter()
            .map(|s| s.scaling)
            .max()
            .ok_or_else(empty)?;
        let largest = self
            .steps
            .iter()
            .map(|s| s.result_size)
            .max()
            .ok_or_else(empty)?;
        let speedup = naive as f64 / optimized as f64;
        let rule = "-".repeat(74);
        let mut out = format!(
            "  Complete contraction:  {}->{output}\n         Naive scaling:  {}\n     Optimized scaling:  {scaling}\n      Naive FLOP count:  {}\n  Optimized FLOP count:  {}\n   Theoretical speedup:  {speedup:3.3}\n  Largest intermediate:  {} elements\n{rule}\n{:>6} {:>24} {:>40}\n{rule}",
            inputs.join(","),
            all.count_ones(),
            scientific(naive as f64),
            scientific(optimized as f64),
            scientific(largest as f64),
            "scaling",
            "current",
            "remaining",
        );
        for s in &self.steps {
            let remaining = format!("{}->{output}", s.remaining.join(","));
            out.push_str(&format!(
                "\n{:4}    {:>24} {remaining:>40}",
                s.scaling, s.subscripts
            ));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_scientific_format() {
        assert_eq!(scientific(160.0), "1.600e+02");
        assert_eq!(scientific(4.0), "4.000e+00");
        assert_eq!(scientific(8e8), "8.000e+08");
    }

    #[test]
    fn numpy_docstring_report() {
        let p = einsum_path(
            "ij,jk,kl->il",
            &[&[2, 2], &[2, 5], &[5, 2]],
            &Optimize::Greedy,
            None,
        )
        .unwrap();
        assert_eq!(p.path, vec![vec![1, 2], vec![0, 1]]);
        let report = p.report().unwrap();
        assert!(
            report.contains("  Optimized FLOP count:  5.700e+01\n   Theoretical speedup:  2.105\n")
        );
        assert!(report.ends_with(
            "\n   3                   jl,ij->il                                   il->il"
        ));
    }

    #[test]
    fn incomplete_explicit_path_is_a_runtime_error() {
        let shapes: [&[usize]; 3] = [&[2], &[2], &[2]];
        let e = einsum_path(
            "i,i,i",
            &shapes,
            &Optimize::Explicit(vec![vec![0, 1]]),
            None,
        );
        assert_eq!(
            e.err().unwrap().message(),
            "Invalid einsum_path is specified: 1 more operands has to be contracted."
        );
    }
}
