//! The subscripts as `einsum_path` reads them (NumPy parses them again in Python, with its
//! own messages): every term spelled in NumPy's 52 symbols, ellipses replaced by symbols
//! the expression does not use, the output made explicit, and each label's length.

use super::path::{LabelSet, Sizes};
use numoxide::{Error, Result};

/// NumPy's symbols, in the order of their label bits: 'A'..'Z', then 'a'..'z'.
pub(crate) fn symbol_index(c: u8) -> Option<usize> {
    match c {
        b'A'..=b'Z' => Some((c - b'A') as usize),
        b'a'..=b'z' => Some((c - b'a') as usize + 26),
        _ => None,
    }
}

fn symbol(k: usize) -> u8 {
    if k < 26 {
        b'A' + k as u8
    } else {
        b'a' + (k - 26) as u8
    }
}

/// The label set of a term.
pub(crate) fn label_set(term: &[u8]) -> LabelSet {
    term.iter()
        .filter_map(|&c| symbol_index(c))
        .fold(0, |set, k| set | 1 << k)
}

/// A parsed expression: the terms and output in symbols, and the length of each label.
pub(crate) struct Expression {
    pub inputs: Vec<Vec<u8>>,
    pub output: Vec<u8>,
    pub sizes: Sizes,
}

fn count(text: &[u8], pattern: &[u8]) -> usize {
    // Python's str.count: non-overlapping occurrences.
    let mut n = 0;
    let mut i = 0;
    while i + pattern.len() <= text.len() {
        if &text[i..i + pattern.len()] == pattern {
            n += 1;
            i += pattern.len();
        } else {
            i += 1;
        }
    }
    n
}

fn replace(text: &[u8], pattern: &[u8], with: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text[i..].starts_with(pattern) {
            out.extend_from_slice(with);
            i += pattern.len();
        } else {
            out.push(text[i]);
            i += 1;
        }
    }
    out
}

/// The symbols used exactly once across `inputs`, in symbol order (the implicit output).
fn used_once(inputs: &[u8]) -> Vec<u8> {
    let mut counts = [0usize; 52];
    for &c in inputs {
        if let Some(k) = symbol_index(c) {
            counts[k] += 1;
        }
    }
    (0..52).filter(|&k| counts[k] == 1).map(symbol).collect()
}

/// Replaces each term's ellipsis by the symbols its extra axes take (the last unused
/// symbols, aligned from the right) and returns the symbols of the widest ellipsis.
/// NumPy draws the unused symbols in set order, which varies between processes; ours are
/// the unused ones in symbol order.
fn expand_ellipses(terms: &mut [Vec<u8>], shapes: &[&[usize]]) -> Result<Vec<u8>> {
    let used: LabelSet = terms.iter().map(|t| label_set(t)).fold(0, |a, b| a | b);
    let unused: Vec<u8> = (0..52).filter(|k| used >> k & 1 == 0).map(symbol).collect();
    let mut longest = 0;
    for (k, term) in terms.iter_mut().enumerate() {
        if !term.contains(&b'.') {
            continue;
        }
        if count(term, b".") != 3 || count(term, b"...") != 1 {
            return Err(Error::value("Invalid Ellipses."));
        }
        let shape = shapes
            .get(k)
            .ok_or_else(|| Error::Index("list index out of range".into()))?;
        let covered = if shape.is_empty() {
            0
        } else {
            shape.len() as isize - (term.len() as isize - 3)
        };
        if covered < 0 {
            return Err(Error::value("Ellipses lengths do not match."));
        }
        let covered = covered as usize;
        longest = longest.max(covered);
        *term = replace(
            term,
            b"...",
            &unused[unused.len() - covered.min(unused.len())..],
        );
    }
    Ok(unused[unused.len() - longest.min(unused.len())..].to_vec())
}

/// Parses `subscripts` for operands of `shapes` as NumPy's `_parse_einsum_input` and
/// `einsum_path` do, with their messages.
pub(crate) fn parse(subscripts: &str, shapes: &[&[usize]]) -> Result<Expression> {
    let text: Vec<u8> = subscripts.bytes().filter(|&c| c != b' ').collect();
    if let Some(c) = subscripts
        .chars()
        .find(|&c| c != ' ' && !".,->".contains(c) && !(c.is_ascii_alphabetic()))
    {
        return Err(Error::value(format!(
            "Character {c} is not a valid symbol."
        )));
    }
    let arrows = count(&text, b"->");
    if (text.contains(&b'-') || text.contains(&b'>'))
        && (count(&text, b"-") > 1 || count(&text, b">") > 1 || arrows != 1)
    {
        return Err(Error::value("Subscripts can only contain one '->'."));
    }
    let (lhs, explicit) = match text.windows(2).position(|w| w == b"->") {
        Some(p) => (&text[..p], Some(text[p + 2..].to_vec())),
        None => (&text[..], None),
    };
    let mut terms: Vec<Vec<u8>> = lhs.split(|&c| c == b',').map(<[u8]>::to_vec).collect();
    let output = if text.contains(&b'.') {
        let ellipsis = expand_ellipses(&mut terms, shapes)?;
        match explicit {
            Some(out) => replace(&out, b"...", &ellipsis),
            None => {
                let once = used_once(&terms.concat());
                let letters = once.into_iter().filter(|c| !ellipsis.contains(c));
                ellipsis.iter().copied().chain(letters).collect()
            }
        }
    } else {
        explicit.unwrap_or_else(|| used_once(&terms.concat()))
    };
    let joined = terms.join(&b","[..]);
    for &c in &output {
        if output.iter().filter(|&&x| x == c).count() != 1 {
            return Err(Error::value(format!(
                "Output character {} appeared more than once in the output.",
                c as char
            )));
        }
        if !joined.contains(&c) {
            return Err(Error::value(format!(
                "Output character {} did not appear in the input",
                c as char
            )));
        }
    }
    if terms.len() != shapes.len() {
        return Err(Error::value(
            "Number of einsum subscripts must be equal to the number of operands.",
        ));
    }
    let sizes = label_sizes(&terms, &joined, shapes)?;
    Ok(Expression {
        inputs: terms,
        output,
        sizes,
    })
}

/// Each label's length: the largest over the operands, which must agree up to length 1.
fn label_sizes(terms: &[Vec<u8>], joined: &[u8], shapes: &[&[usize]]) -> Result<Sizes> {
    let mut sizes: Sizes = [1; 52];
    let mut seen = [false; 52];
    for (k, (term, shape)) in terms.iter().zip(shapes).enumerate() {
        if term.len() != shape.len() {
            // NumPy names the k-th character of the joined terms here.
            let named = joined
                .get(k)
                .map_or(String::new(), |&c| (c as char).to_string());
            return Err(Error::value(format!(
                "Einstein sum subscript {named} does not contain the correct number of indices for operand {k}."
            )));
        }
        for (&c, &dim) in term.iter().zip(shape.iter()) {
            let Some(i) = symbol_index(c) else { continue };
            let dim = dim as u128;
            if !seen[i] || sizes[i] == 1 {
                sizes[i] = dim;
                seen[i] = true;
            } else if dim != 1 && dim != sizes[i] {
                return Err(Error::value(format!(
                    "Size of label '{}' for operand {k} ({}) does not match previous terms ({dim}).",
                    c as char, sizes[i]
                )));
            }
        }
    }
    Ok(sizes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn implicit_output_and_sizes() {
        let e = parse("ij,jk", &[&[2, 3], &[3, 4]]).unwrap();
        assert_eq!(e.output, b"ik");
        assert_eq!(e.sizes[symbol_index(b'k').unwrap()], 4);
    }

    #[test]
    fn ellipses_take_the_last_unused_symbols() {
        let e = parse("...i,i->...", &[&[5, 2, 3], &[3]]).unwrap();
        assert_eq!(e.inputs[0], b"yzi");
        assert_eq!(e.output, b"yz");
    }

    #[test]
    fn numpy_messages() {
        let msg =
            |s: &str, shapes: &[&[usize]]| parse(s, shapes).err().unwrap().message().to_string();
        assert_eq!(msg("i$", &[&[2]]), "Character $ is not a valid symbol.");
        assert_eq!(
            msg("i->i->i", &[&[2]]),
            "Subscripts can only contain one '->'."
        );
        assert_eq!(
            msg("ij,jk", &[&[2, 3], &[4, 4]]),
            "Size of label 'j' for operand 1 (3) does not match previous terms (4)."
        );
    }
}
