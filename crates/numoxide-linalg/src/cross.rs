//! NumPy's `cross`: the cross product of 3-vectors (or 2-vectors, whose missing third
//! component is zero, deprecated since NumPy 2.0) along chosen axes, broadcasting the others.

use crate::ops::{binary, unary};
use numoxide::error::normalize_axis;
use numoxide::index::{IndexItem, Indexed};
use numoxide::promote::promote_types;
use numoxide::ufunc::{BinaryOp, UnaryOp};
use numoxide::{Error, NdArray, Order, Result};

/// `normalize_axis` with NumPy's `msg_prefix` ("axisa: axis 3 is out of bounds ...").
fn named_axis(axis: isize, ndim: usize, name: &str) -> Result<usize> {
    normalize_axis(axis, ndim).map_err(|e| Error::Axis(format!("{name}: {}", e.message())))
}

/// Component `i` of the vectors along the last axis.
fn component(x: &NdArray, i: isize) -> Result<NdArray> {
    Ok(match x.index(&[IndexItem::Ellipsis, IndexItem::Int(i)])? {
        Indexed::View(v) | Indexed::Element(v) | Indexed::Copy(v) => v,
    })
}

/// `p * q - r * s`, as NumPy's cross computes each component.
fn difference(p: &NdArray, q: &NdArray, r: &NdArray, s: &NdArray) -> Result<NdArray> {
    binary(
        BinaryOp::Subtract,
        &binary(BinaryOp::Multiply, p, q)?,
        &binary(BinaryOp::Multiply, r, s)?,
    )
}

fn product(p: &NdArray, q: &NdArray) -> Result<NdArray> {
    binary(BinaryOp::Multiply, p, q)
}

/// NumPy 2's DeprecationWarning for cross products involving 2-vectors.
pub const CROSS_2_VECTORS_DEPRECATED: &str = "Arrays of 2-dimensional vectors are deprecated. Use arrays of 3-dimensional vectors instead. (deprecated in NumPy 2.0)";

/// Both operands with their vector axis last, after NumPy's checks of the axes and of
/// the vector lengths (2 or 3).
fn vectors_last(
    a: &NdArray,
    b: &NdArray,
    axisa: isize,
    axisb: isize,
) -> Result<(NdArray, NdArray)> {
    if a.ndim() < 1 || b.ndim() < 1 {
        return Err(Error::value("At least one array has zero dimension"));
    }
    let axisa = named_axis(axisa, a.ndim(), "axisa")?;
    let axisb = named_axis(axisb, b.ndim(), "axisb")?;
    let a = a.moveaxis(&[axisa as isize], &[-1])?;
    let b = b.moveaxis(&[axisb as isize], &[-1])?;
    let (na, nb) = (a.shape()[a.ndim() - 1], b.shape()[b.ndim() - 1]);
    if ![2, 3].contains(&na) || ![2, 3].contains(&nb) {
        return Err(Error::value(
            "incompatible dimensions for cross product\n(dimension must be 2 or 3)",
        ));
    }
    Ok((a, b))
}

/// Whether `cross(a, b, axisa, axisb, ...)` passes the checks NumPy makes before warning
/// and involves 2-vectors, so that `CROSS_2_VECTORS_DEPRECATED` is due (before any later
/// error, as NumPy warns).
pub fn cross_is_deprecated(a: &NdArray, b: &NdArray, axisa: isize, axisb: isize) -> Result<bool> {
    let (a, b) = vectors_last(a, b, axisa, axisb)?;
    Ok(a.shape()[a.ndim() - 1] == 2 || b.shape()[b.ndim() - 1] == 2)
}

/// NumPy's `cross(a, b, axisa, axisb, axisc)`.
pub fn cross(
    a: &NdArray,
    b: &NdArray,
    axisa: isize,
    axisb: isize,
    axisc: isize,
) -> Result<NdArray> {
    let (a, b) = vectors_last(a, b, axisa, axisb)?;
    let (na, nb) = (a.shape()[a.ndim() - 1], b.shape()[b.ndim() - 1]);
    let dtype = promote_types(a.dtype(), b.dtype());
    let (a, b) = (a.astype(dtype, Order::C), b.astype(dtype, Order::C));
    let batch = NdArray::broadcast_shape(&[&component(&a, 0)?, &component(&b, 0)?])?;
    let out_ndim = batch.len() + 1;
    let axisc = if na == 3 || nb == 3 {
        Some(named_axis(axisc, out_ndim, "axisc")?)
    } else {
        None
    };
    let (a0, a1, b0, b1) = (
        component(&a, 0)?,
        component(&a, 1)?,
        component(&b, 0)?,
        component(&b, 1)?,
    );
    let z = difference(&a0, &b1, &a1, &b0)?;
    let (x, y) = match (na, nb) {
        // Two 2-vectors: only the z component, one number per pair.
        (2, 2) => return Ok(z),
        (2, _) => {
            let b2 = component(&b, 2)?;
            (
                product(&a1, &b2)?,
                unary(UnaryOp::Negative, &product(&a0, &b2)?)?,
            )
        }
        (_, 2) => {
            let a2 = component(&a, 2)?;
            (
                unary(UnaryOp::Negative, &product(&a2, &b1)?)?,
                product(&a2, &b0)?,
            )
        }
        _ => {
            let (a2, b2) = (component(&a, 2)?, component(&b, 2)?);
            (
                difference(&a1, &b2, &a2, &b1)?,
                difference(&a2, &b0, &a0, &b2)?,
            )
        }
    };
    let shape: Vec<isize> = batch.iter().map(|&d| d as isize).collect();
    let parts: Vec<NdArray> = [x, y, z]
        .iter()
        .map(|c| c.broadcast_to(&shape))
        .collect::<Result<_>>()?;
    let stacked = numoxide::shape::stack(&parts, -1)?;
    let axisc = axisc.unwrap_or(out_ndim - 1);
    stacked.moveaxis(&[-1], &[axisc as isize])
}
