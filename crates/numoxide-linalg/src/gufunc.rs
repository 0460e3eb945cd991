//! NumPy's generalized-ufunc messages for the products and solvers: too few dimensions, a
//! core dimension that disagrees, batch dimensions that do not broadcast.

use numoxide::error::shape_str;
use numoxide::layout::broadcast_shapes;
use numoxide::{Error, Result};

/// A gufunc's name and its signature as NumPy prints it, e.g. `(m,n),(n)->(m)`.
#[derive(Clone, Copy, Debug)]
pub struct Signature {
    pub name: &'static str,
    pub text: &'static str,
}

pub const MATMUL: Signature = Signature {
    name: "matmul",
    text: "(n?,k),(k,m?)->(n?,m?)",
};
pub const MATVEC: Signature = Signature {
    name: "matvec",
    text: "(m,n),(n)->(m)",
};
pub const VECMAT: Signature = Signature {
    name: "vecmat",
    text: "(n),(n,m)->(m)",
};
pub const VECDOT: Signature = Signature {
    name: "vecdot",
    text: "(n),(n)->()",
};
pub const SOLVE: Signature = Signature {
    name: "solve",
    text: "(m,m),(m,n)->(m,n)",
};
pub const SOLVE1: Signature = Signature {
    name: "solve1",
    text: "(m,m),(m)->(m)",
};

impl Signature {
    /// Operand `operand` has `has` axes where the core needs `requires`.
    pub fn too_few_dims(self, operand: usize, has: usize, requires: usize) -> Error {
        Error::value(format!(
            "{}: Input operand {operand} does not have enough dimensions (has {has}, gufunc core with signature {} requires {requires})",
            self.name, self.text
        ))
    }

    /// Core dimension `dim` of an operand is `size` where `expected` was fixed before.
    pub fn mismatch(self, operand: &str, dim: usize, size: usize, expected: usize) -> Error {
        Error::value(format!(
            "{}: {operand} has a mismatch in its core dimension {dim}, with gufunc signature {} (size {size} is different from {expected})",
            self.name, self.text
        ))
    }

    /// Checks that core dimension `dim` of input `operand` has length `expected`.
    pub fn check_input(
        self,
        operand: usize,
        dim: usize,
        size: usize,
        expected: usize,
    ) -> Result<()> {
        if size == expected {
            Ok(())
        } else {
            Err(self.mismatch(&format!("Input operand {operand}"), dim, size, expected))
        }
    }
}

/// Broadcasts the batch shapes of operands whose last `core[i]` axes are core axes. On
/// failure NumPy's message shows each operand as its iterator sees it: its batch axes, then
/// one `newaxis` per core axis of the output.
pub fn broadcast_batch(
    shapes: &[&[usize]],
    core: &[usize],
    out_core: &[usize],
) -> Result<Vec<usize>> {
    let batches: Vec<&[usize]> = shapes
        .iter()
        .zip(core)
        .map(|(s, &c)| &s[..s.len() - c])
        .collect();
    match broadcast_shapes(&batches) {
        Ok(shape) => Ok(shape.to_vec()),
        Err(_) => {
            let remapped: Vec<String> = shapes
                .iter()
                .zip(&batches)
                .map(|(s, b)| {
                    let items: Vec<String> = b
                        .iter()
                        .map(|d| d.to_string())
                        .chain(std::iter::repeat_n("newaxis".to_string(), out_core.len()))
                        .collect();
                    let inner = match items.len() {
                        1 => format!("{},", items[0]),
                        _ => items.join(","),
                    };
                    format!("{}->({inner})", shape_str(s))
                })
                .collect();
            let requested: Vec<String> = out_core.iter().map(|d| d.to_string()).collect();
            Err(Error::value(format!(
                "operands could not be broadcast together with remapped shapes [original->remapped]: {}  and requested shape ({})",
                remapped.join(" "),
                requested.join(",")
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_messages_match_numpy() {
        let e = broadcast_batch(&[&[2, 3, 4], &[3, 4, 5]], &[2, 2], &[3, 5]).unwrap_err();
        assert_eq!(
            e.message(),
            "operands could not be broadcast together with remapped shapes [original->remapped]: (2,3,4)->(2,newaxis,newaxis) (3,4,5)->(3,newaxis,newaxis)  and requested shape (3,5)"
        );
        let e = broadcast_batch(&[&[2, 3], &[3, 3]], &[1, 1], &[]).unwrap_err();
        assert_eq!(
            e.message(),
            "operands could not be broadcast together with remapped shapes [original->remapped]: (2,3)->(2,) (3,3)->(3,)  and requested shape ()"
        );
    }
}
