//! `out=` of the products: each family checks the caller's array by its own NumPy rule
//! (gufuncs as ufuncs do, `dot` strictly, `einsum` as its iterator does), then the
//! result is written into it.

use crate::gufunc::{broadcast_batch, Signature};
use numoxide::promote::{can_cast, Casting};
use numoxide::{Error, NdArray, Result};

/// The rule an `out=` array is checked by.
#[derive(Clone, Copy, Debug)]
pub enum OutRule {
    /// A gufunc (matmul, matvec, vecmat, vecdot) whose output has `core` core axes: those
    /// must match, the batch axes may broadcast the result, and the result casts to the
    /// output under `casting` ('same_kind' by default).
    Gufunc {
        signature: Signature,
        core: usize,
        casting: Casting,
    },
    /// `dot`: exactly the result's dtype and shape, C-contiguous and writeable.
    Dot,
    /// `einsum` over `operands` inputs: the result's number of axes and lengths, a cast
    /// allowed by `casting` ('safe' by default).
    Einsum { operands: usize, casting: Casting },
}

fn read_only(rule: OutRule) -> Error {
    match rule {
        OutRule::Einsum { .. } => {
            Error::value("operand array with iterator write flag set is read-only")
        }
        _ => Error::value("output array is read-only"),
    }
}

/// NumPy's checks of `out` for a product whose result is `result`.
fn check(result: &NdArray, out: &NdArray, rule: OutRule) -> Result<()> {
    let (shape, dtype) = (result.shape(), result.dtype());
    match rule {
        OutRule::Dot => {
            let acceptable = out.dtype() == dtype
                && out.ndim() == result.ndim()
                && out.is_c_contiguous()
                && out.is_writeable();
            if !acceptable {
                return Err(Error::value(
                    "output array is not acceptable (must have the right datatype, number of dimensions, and be a C-Array)",
                ));
            }
            if out.shape() != shape {
                return Err(Error::value("output array has wrong dimensions"));
            }
        }
        OutRule::Einsum { operands, casting } => {
            if out.ndim() != result.ndim() {
                return Err(Error::value(format!(
                    "out parameter does not have the correct number of dimensions, has {} but should have {}",
                    out.ndim(),
                    result.ndim()
                )));
            }
            if out.shape() != shape {
                return Err(Error::value(format!(
                    "operands could not be broadcast together: the result's shape {} is not the output's {}",
                    numoxide::error::shape_str(shape),
                    numoxide::error::shape_str(out.shape())
                )));
            }
            out.check_writeable().map_err(|_| read_only(rule))?;
            if !can_cast(dtype, out.dtype(), casting) {
                return Err(Error::Type(format!(
                    "Iterator requested dtype could not be cast from dtype('{dtype}') to dtype('{}'), the operand {operands} dtype, according to the rule '{}'",
                    out.dtype(),
                    casting.name()
                )));
            }
        }
        OutRule::Gufunc {
            signature,
            core,
            casting,
        } => {
            // As a ufunc: the output's flags, then the loop's casting, then the shapes.
            out.check_writeable().map_err(|_| read_only(rule))?;
            if !can_cast(dtype, out.dtype(), casting) {
                return Err(Error::UFuncOutputCasting(format!(
                    "Cannot cast ufunc '{}' output from dtype('{dtype}') to dtype('{}') with casting rule '{}'",
                    signature.name,
                    out.dtype(),
                    casting.name()
                )));
            }
            if out.ndim() < core {
                let e = signature.too_few_dims(0, out.ndim(), core);
                return Err(Error::value(
                    e.message().replace("Input operand", "Output operand"),
                ));
            }
            let (batch, result_core) = shape.split_at(shape.len() - core);
            let (out_batch, out_core) = out.shape().split_at(out.ndim() - core);
            for (dim, (&size, &expected)) in out_core.iter().zip(result_core).enumerate() {
                if size != expected {
                    return Err(signature.mismatch("Output operand 0", dim, size, expected));
                }
            }
            let joint = broadcast_batch(&[batch, out_batch], &[0, 0], result_core)?;
            if joint != out_batch {
                return Err(Error::value(format!(
                    "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
                    numoxide::error::shape_str(out.shape()),
                    numoxide::error::shape_str(&[&joint[..], result_core].concat())
                )));
            }
        }
    }
    Ok(())
}

/// Checks `out` by `rule` and writes `result` into it (broadcast along a gufunc's extra
/// batch axes, cast to `out`'s dtype).
pub fn write_out(result: &NdArray, out: &NdArray, rule: OutRule) -> Result<()> {
    check(result, out, rule)?;
    out.assign(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gufunc::MATVEC;
    use numoxide::{DType, Order};

    fn zeros(shape: &[usize], dtype: DType) -> NdArray {
        NdArray::zeros(shape, dtype, Order::C).unwrap()
    }

    #[test]
    fn dot_wants_the_exact_dtype() {
        let r = zeros(&[2, 2], DType::Float64);
        let e = write_out(&r, &zeros(&[2, 2], DType::Float32), OutRule::Dot).unwrap_err();
        assert!(e.message().starts_with("output array is not acceptable"));
        let e = write_out(&r, &zeros(&[3, 2], DType::Float64), OutRule::Dot).unwrap_err();
        assert_eq!(e.message(), "output array has wrong dimensions");
    }

    #[test]
    fn gufunc_out_broadcasts_batches_and_casts_same_kind() {
        let r = NdArray::from_vec(vec![1.0f64, 2.0], &[2]).unwrap();
        let out = zeros(&[3, 2], DType::Float32);
        let rule = OutRule::Gufunc {
            signature: MATVEC,
            core: 1,
            casting: Casting::SameKind,
        };
        write_out(&r, &out, rule).unwrap();
        assert_eq!(out.to_vec::<f32>(), vec![1.0, 2.0, 1.0, 2.0, 1.0, 2.0]);
        let e = write_out(&r, &zeros(&[2], DType::Int64), rule).unwrap_err();
        assert_eq!(
            e.message(),
            "Cannot cast ufunc 'matvec' output from dtype('float64') to dtype('int64') with casting rule 'same_kind'"
        );
        let e = write_out(&r, &zeros(&[], DType::Float64), rule).unwrap_err();
        assert_eq!(
            e.message(),
            "matvec: Output operand 0 does not have enough dimensions (has 0, gufunc core with signature (m,n),(n)->(m) requires 1)"
        );
    }
}
