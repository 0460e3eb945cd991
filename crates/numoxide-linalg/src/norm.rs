//! norm, vector_norm and matrix_norm, composed from ufuncs and reductions exactly as NumPy
//! composes them, so dtypes and keepdims shapes follow.

use crate::decomp::svd;
use crate::ops::{max, min, squared_modulus, sum, unary, with_float};
use crate::products::dot;
use numoxide::error::normalize_axis;
use numoxide::ufunc::{BinaryOp, UnaryOp};
use numoxide::{DType, Error, Kind, NdArray, Order, Result};

/// The `ord` argument of the norms.
#[derive(Clone, Debug, PartialEq)]
pub enum NormOrder {
    /// `None`: 2-norm for vectors, Frobenius for matrices.
    Default,
    /// A string: `'fro'`/`'f'`, `'nuc'`, or anything else (an error).
    Name(String),
    /// A number (`inf` and `-inf` included).
    Number(f64),
}

impl NormOrder {
    fn is_fro(&self) -> bool {
        matches!(self, NormOrder::Name(s) if s == "fro" || s == "f")
    }
}

fn abs(x: &NdArray) -> Result<NdArray> {
    unary(UnaryOp::Absolute, x)
}

fn sqrt(x: &NdArray) -> Result<NdArray> {
    unary(UnaryOp::Sqrt, x)
}

/// NumPy's `norm(x, ord, axis, keepdims)`.
pub fn norm(
    x: &NdArray,
    ord: &NormOrder,
    axis: Option<&[isize]>,
    keepdims: bool,
) -> Result<NdArray> {
    let x = match x.dtype().kind() {
        Kind::Float | Kind::Complex => x.clone(),
        _ => x.astype(DType::Float64, Order::C),
    };
    let nd = x.ndim();
    if axis.is_none()
        && (*ord == NormOrder::Default
            || (ord.is_fro() && nd == 2)
            || (*ord == NormOrder::Number(2.0) && nd == 1))
    {
        let flat = x.ravel(Order::C);
        let squares = if flat.dtype().kind() == Kind::Complex {
            sum(&squared_modulus(&flat)?, &[0], false)?
        } else {
            dot(&flat, &flat)?
        };
        let ret = sqrt(&squares)?;
        return if keepdims {
            ret.reshape(&vec![1; nd], Order::C)
        } else {
            Ok(ret)
        };
    }
    let all: Vec<isize> = (0..nd as isize).collect();
    let axes = axis.unwrap_or(&all);
    match axes {
        [_] => vector(&x, ord, axes, keepdims),
        [row, col] => matrix(&x, ord, *row, *col, keepdims),
        _ => Err(Error::value("Improper number of dimensions to norm.")),
    }
}

fn vector(x: &NdArray, ord: &NormOrder, axes: &[isize], keepdims: bool) -> Result<NdArray> {
    match ord {
        NormOrder::Number(p) if *p == f64::INFINITY => max(&abs(x)?, axes, keepdims),
        NormOrder::Number(p) if *p == f64::NEG_INFINITY => min(&abs(x)?, axes, keepdims),
        NormOrder::Number(p) if *p == 0.0 => {
            let nonzero = with_float(BinaryOp::NotEqual, x, 0.0)?;
            sum(&nonzero.astype(x.dtype().real(), Order::C), axes, keepdims)
        }
        NormOrder::Number(p) if *p == 1.0 => sum(&abs(x)?, axes, keepdims),
        NormOrder::Default | NormOrder::Number(2.0) => {
            sqrt(&sum(&squared_modulus(x)?, axes, keepdims)?)
        }
        NormOrder::Name(s) => Err(Error::value(format!(
            "Invalid norm order '{s}' for vectors"
        ))),
        NormOrder::Number(p) => {
            let powered = with_float(BinaryOp::Power, &abs(x)?, *p)?;
            let total = sum(&powered, axes, keepdims)?;
            // NumPy takes the reciprocal in the result's dtype.
            let inverse = if total.dtype() == DType::Float32 {
                (1.0f32 / *p as f32) as f64
            } else {
                1.0 / p
            };
            with_float(BinaryOp::Power, &total, inverse)
        }
    }
}

/// Singular values of the matrices spanned by axes (row, col), reduced by `reduce`.
fn svd_norm(
    x: &NdArray,
    row: usize,
    col: usize,
    reduce: fn(&NdArray, &[isize], bool) -> Result<NdArray>,
) -> Result<NdArray> {
    let moved = x.moveaxis(&[row as isize, col as isize], &[-2, -1])?;
    let (s, _) = svd(&moved, false, false, false)?;
    reduce(&s, &[-1], false)
}

fn matrix(x: &NdArray, ord: &NormOrder, row: isize, col: isize, keepdims: bool) -> Result<NdArray> {
    let nd = x.ndim();
    let (row, col) = (normalize_axis(row, nd)?, normalize_axis(col, nd)?);
    if row == col {
        return Err(Error::value("Duplicate axes given."));
    }
    // Reduces |x| along one axis by sum, then the other by max or min.
    let sum_then =
        |summed: usize, other: usize, reduce: fn(&NdArray, &[isize], bool) -> Result<NdArray>| {
            let other = if other > summed { other - 1 } else { other };
            reduce(
                &sum(&abs(x)?, &[summed as isize], false)?,
                &[other as isize],
                false,
            )
        };
    let ret = match ord {
        NormOrder::Number(p) if *p == 2.0 => svd_norm(x, row, col, max)?,
        NormOrder::Number(p) if *p == -2.0 => svd_norm(x, row, col, min)?,
        NormOrder::Number(p) if *p == 1.0 => sum_then(row, col, max)?,
        NormOrder::Number(p) if *p == f64::INFINITY => sum_then(col, row, max)?,
        NormOrder::Number(p) if *p == -1.0 => sum_then(row, col, min)?,
        NormOrder::Number(p) if *p == f64::NEG_INFINITY => sum_then(col, row, min)?,
        NormOrder::Default => sqrt(&sum(
            &squared_modulus(x)?,
            &[row as isize, col as isize],
            false,
        )?)?,
        o if o.is_fro() => sqrt(&sum(
            &squared_modulus(x)?,
            &[row as isize, col as isize],
            false,
        )?)?,
        NormOrder::Name(s) if s == "nuc" => svd_norm(x, row, col, sum)?,
        _ => return Err(Error::value("Invalid norm order for matrices.")),
    };
    if keepdims {
        let mut shape: Vec<isize> = x.shape().iter().map(|&d| d as isize).collect();
        shape[row] = 1;
        shape[col] = 1;
        return ret.reshape(&shape, Order::C);
    }
    Ok(ret)
}

/// The array API's `vector_norm`: the axes in `axis` are flattened into one first.
pub fn vector_norm(
    x: &NdArray,
    ord: f64,
    axis: Option<&[isize]>,
    keepdims: bool,
) -> Result<NdArray> {
    let ord = NormOrder::Number(ord);
    let nd = x.ndim();
    let (flat, axes): (NdArray, Vec<usize>) = match axis {
        None => (x.ravel(Order::C), (0..nd).collect()),
        Some([a]) => {
            let a = normalize_axis(*a, nd)?;
            let res = norm(x, &ord, Some(&[a as isize]), keepdims)?;
            return Ok(res);
        }
        Some(axes) => {
            let axes: Vec<usize> = axes
                .iter()
                .map(|&a| normalize_axis(a, nd))
                .collect::<Result<_>>()?;
            let rest: Vec<usize> = (0..nd).filter(|i| !axes.contains(i)).collect();
            let perm: Vec<isize> = axes.iter().chain(&rest).map(|&i| i as isize).collect();
            let mut shape: Vec<isize> =
                vec![axes.iter().map(|&i| x.shape()[i]).product::<usize>() as isize];
            shape.extend(rest.iter().map(|&i| x.shape()[i] as isize));
            (x.transpose(Some(&perm))?.reshape(&shape, Order::C)?, axes)
        }
    };
    let res = norm(&flat, &ord, Some(&[0]), false)?;
    if !keepdims {
        return Ok(res);
    }
    let shape: Vec<isize> = (0..nd)
        .map(|i| {
            if axes.contains(&i) {
                1
            } else {
                x.shape()[i] as isize
            }
        })
        .collect();
    res.reshape(&shape, Order::C)
}

/// The array API's `matrix_norm`: `norm` over the last two axes.
pub fn matrix_norm(x: &NdArray, ord: &NormOrder, keepdims: bool) -> Result<NdArray> {
    norm(x, ord, Some(&[-2, -1]), keepdims)
}
