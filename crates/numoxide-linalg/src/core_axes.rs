//! A gufunc's `axes=` and `axis=`: where each operand's core axes lie. The inputs get
//! their core axes moved last, the product runs as usual, and the output's core axes are
//! moved where asked, with NumPy's checks and messages.

use crate::gufunc::Signature;
use numoxide::error::normalize_axis;
use numoxide::{Error, NdArray, Result};

/// One item of `axes=`: a bare integer (for one core axis) or a tuple.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AxesItem {
    Int(isize),
    Tuple(Vec<isize>),
}

/// The core-axes arguments as given.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum CoreAxes {
    /// The last axes (neither argument given).
    #[default]
    Last,
    /// `axes=[...]`: one item per input, then the output (omittable when it has no core).
    Axes(Vec<AxesItem>),
    /// `axis=k`: the one shared core axis of every operand.
    Axis(isize),
}

/// The number of distinct core dimension names of a signature, e.g. 2 for `(m,n),(n)->(m)`.
fn distinct_core_dims(signature: Signature) -> usize {
    let mut names: Vec<char> = signature
        .text
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .collect();
    names.sort_unstable();
    names.dedup();
    names.len()
}

/// The items `axis=` stands for: the axis for every operand with a core axis.
fn axis_items(signature: Signature, axis: isize, core: &[usize]) -> Result<Vec<AxesItem>> {
    let distinct = distinct_core_dims(signature);
    if distinct != 1 {
        return Err(Error::Type(format!(
            "{}: axis can only be used with a single shared core dimension, not with the {distinct} distinct ones implied by signature {}.",
            signature.name, signature.text
        )));
    }
    Ok(core
        .iter()
        .map(|&c| AxesItem::Tuple(if c == 1 { vec![axis] } else { vec![] }))
        .collect())
}

/// Operand `operand`'s core axes from its item, normalized against `ndim`.
fn item_axes(
    signature: Signature,
    operand: usize,
    item: &AxesItem,
    core: usize,
    ndim: usize,
) -> Result<Vec<usize>> {
    let axes = match item {
        AxesItem::Int(a) if core == 1 => vec![*a],
        AxesItem::Int(_) => {
            return Err(Error::Axis(format!(
                "{}: operand {operand} has {core} core dimensions, but the axes item is a single integer.",
                signature.name
            )))
        }
        AxesItem::Tuple(t) if t.len() == core => t.clone(),
        AxesItem::Tuple(t) => {
            return Err(Error::Axis(format!(
                "{}: operand {operand} has {core} core dimensions, but {} dimensions are specified by axes tuple.",
                signature.name,
                t.len()
            )))
        }
    };
    axes.iter().map(|&a| normalize_axis(a, ndim)).collect()
}

/// `operand` with the axes `from` moved to the end, in order.
fn core_last(operand: &NdArray, from: &[usize]) -> Result<NdArray> {
    let n = operand.ndim() as isize;
    let k = from.len() as isize;
    let source: Vec<isize> = from.iter().map(|&a| a as isize).collect();
    let destination: Vec<isize> = (n - k..n).collect();
    operand.moveaxis(&source, &destination)
}

/// Runs `compute` on `inputs` with their core axes placed by `axes` (input `i` has
/// `core[i]` core axes, the output `core[inputs.len()]`), then places the output's.
pub fn with_core_axes(
    signature: Signature,
    core: &[usize],
    axes: &CoreAxes,
    inputs: &[&NdArray],
    compute: impl FnOnce(&[NdArray]) -> Result<NdArray>,
) -> Result<NdArray> {
    let items = match axes {
        CoreAxes::Last => {
            let owned: Vec<NdArray> = inputs.iter().map(|&a| a.clone()).collect();
            return compute(&owned);
        }
        CoreAxes::Axis(a) => axis_items(signature, *a, core)?,
        CoreAxes::Axes(items) => items.clone(),
    };
    let n = inputs.len();
    let out_core = core[n];
    if !(items.len() == n + 1 || items.len() == n && out_core == 0) {
        return Err(Error::value(format!(
            "axes should be a list with an entry for all {} inputs and outputs; entries for outputs can only be omitted if none of them has core axes.",
            n + 1
        )));
    }
    let mut moved = Vec::with_capacity(n);
    for (i, (&x, item)) in inputs.iter().zip(&items).enumerate() {
        let from = item_axes(signature, i, item, core[i], x.ndim())?;
        moved.push(core_last(x, &from)?);
    }
    let batch_ndim = inputs
        .iter()
        .zip(core)
        .map(|(x, &c)| x.ndim().saturating_sub(c))
        .max()
        .unwrap_or(0);
    let out_axes = match items.get(n) {
        Some(item) => Some(item_axes(
            signature,
            n,
            item,
            out_core,
            batch_ndim + out_core,
        )?),
        None => None,
    };
    let result = compute(&moved)?;
    match out_axes {
        Some(to) if out_core > 0 => {
            let nd = result.ndim() as isize;
            let source: Vec<isize> = (nd - out_core as isize..nd).collect();
            let destination: Vec<isize> = to.iter().map(|&a| a as isize).collect();
            result.moveaxis(&source, &destination)
        }
        _ => Ok(result),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gufunc::{MATVEC, VECDOT};
    use crate::test_support::ints;
    use crate::VectorProduct;

    #[test]
    fn vecdot_along_the_first_axis() {
        let x = ints(6, &[2, 3]);
        let r = with_core_axes(VECDOT, &[1, 1, 0], &CoreAxes::Axis(0), &[&x, &x], |ops| {
            VectorProduct::VecDot.call(&ops[0], &ops[1])
        })
        .unwrap();
        assert_eq!(r.to_vec::<i64>(), vec![9, 17, 29]);
    }

    #[test]
    fn numpy_messages() {
        let x = ints(6, &[2, 3]);
        let run = |sig, core: &[usize], axes| {
            with_core_axes(sig, core, &axes, &[&x, &x], |ops| Ok(ops[0].clone()))
                .unwrap_err()
                .message()
                .to_string()
        };
        assert_eq!(
            run(MATVEC, &[2, 1, 1], CoreAxes::Axis(0)),
            "matvec: axis can only be used with a single shared core dimension, not with the 2 distinct ones implied by signature (m,n),(n)->(m)."
        );
        let axes = CoreAxes::Axes(vec![AxesItem::Int(0), AxesItem::Int(0), AxesItem::Int(0)]);
        assert_eq!(
            run(VECDOT, &[1, 1, 0], axes),
            "vecdot: operand 2 has 0 core dimensions, but the axes item is a single integer."
        );
    }
}
