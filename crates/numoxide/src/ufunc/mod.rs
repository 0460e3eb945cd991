//! Universal functions: elementwise operations with broadcasting, NEP 50 promotion, `out=`
//! with casting rules, overlap safety and NumPy's floating-point events.

mod binary;
mod complex_libm;
pub mod compose;
mod exp;
pub mod loops;
pub mod math;
mod scalar_math;
mod unary;

pub(crate) use binary::inexact_check;
pub use binary::{divmod, BinaryOp};
pub use scalar_math::divmod_on_scalars;
pub use unary::UnaryOp;

use crate::array::NdArray;
use crate::dtype::DType;
use crate::error::{shape_str, Error, Result};
use crate::layout::{Layout, Order};
use crate::promote::{can_cast, Casting, PyValue};
use crate::scalar::Scalar;
use std::borrow::Cow;

/// An input to a ufunc: an array (borrowed where the caller holds one, which spares a small
/// operation the reference counting of a clone), a NumPy scalar (a 0-d array's value, without
/// the array), or a Python number that takes its dtype from the others.
#[derive(Clone)]
pub enum Arg<'a> {
    Array(Cow<'a, NdArray>),
    Scalar(Scalar),
    Py(PyValue),
}

impl Arg<'_> {
    /// The same input, owning its array.
    pub fn into_owned(self) -> Arg<'static> {
        match self {
            Arg::Array(a) => Arg::Array(Cow::Owned(a.into_owned())),
            Arg::Scalar(s) => Arg::Scalar(s),
            Arg::Py(v) => Arg::Py(v),
        }
    }

    pub(crate) fn operand(&self) -> crate::promote::Operand {
        match self {
            Arg::Array(a) => crate::promote::Operand::Strong(a.dtype()),
            Arg::Scalar(s) => crate::promote::Operand::Strong(s.dtype()),
            Arg::Py(v) => crate::promote::Operand::Weak(*v),
        }
    }

    /// The input as an array of its own dtype (a Python number gets its default dtype).
    pub(crate) fn to_array_any(&self) -> Result<NdArray> {
        match self {
            Arg::Array(a) => Ok(a.as_ref().clone()),
            Arg::Scalar(s) => Ok(NdArray::from_scalar(*s)),
            Arg::Py(v) => Ok(self.to_array(v.default_dtype())?.into_owned()),
        }
    }

    /// The input as an array of `dtype` (Python numbers range-checked, arrays cast); an array
    /// that already has `dtype` is borrowed, which saves small operations a clone.
    pub(crate) fn to_array(&self, dtype: DType) -> Result<Cow<'_, NdArray>> {
        match self {
            Arg::Array(a) if a.dtype() == dtype => Ok(Cow::Borrowed(a.as_ref())),
            Arg::Array(a) => Ok(Cow::Owned(a.astype(dtype, Order::C))),
            Arg::Scalar(_) | Arg::Py(_) => Ok(Cow::Owned(NdArray::from_scalar(self.value(dtype)?))),
        }
    }

    /// The input as one value of `dtype`, converted as `to_array` converts it (an array must
    /// hold one element).
    pub(crate) fn value(&self, dtype: DType) -> Result<Scalar> {
        match self {
            Arg::Scalar(s) => Ok(s.cast(dtype)),
            Arg::Py(v) => v.to_scalar(dtype),
            Arg::Array(a) => a.astype(dtype, Order::C).item(),
        }
    }
}

impl From<NdArray> for Arg<'_> {
    fn from(a: NdArray) -> Self {
        Arg::Array(Cow::Owned(a))
    }
}

impl<'a> From<&'a NdArray> for Arg<'a> {
    fn from(a: &'a NdArray) -> Self {
        Arg::Array(Cow::Borrowed(a))
    }
}

/// Where a ufunc writes: a given array (with a casting rule), or a new one.
pub struct Out<'a> {
    pub array: Option<&'a NdArray>,
    pub casting: Casting,
}

impl Default for Out<'_> {
    fn default() -> Self {
        Out {
            array: None,
            casting: Casting::SameKind,
        }
    }
}

/// NumPy's TypeError for a ufunc with no loop for the inputs' dtypes.
pub(crate) fn no_loop(name: &str) -> Error {
    Error::Type(format!(
        "ufunc '{name}' not supported for the input types, and the inputs could not be safely \
         coerced to any supported types according to the casting rule ''safe''"
    ))
}

/// The memory order for a new result: Fortran when every full-shape input is Fortran
/// contiguous and not C contiguous (so `a.T + b.T` stays transposed, as in NumPy).
pub(crate) fn result_order(shape: &[usize], inputs: &[&NdArray]) -> Order {
    let mut full = inputs.iter().filter(|a| a.shape() == shape).peekable();
    if full.peek().is_some() && full.all(|a| a.is_f_contiguous() && !a.is_c_contiguous()) {
        Order::F
    } else {
        Order::C
    }
}

/// Chooses the array a kernel writes into and what to do with it afterwards.
///
/// Returns the kernel's output (of `dtype`, shape `shape`) and, when it is a temporary, the
/// user's `out` that it must be copied into.
pub(crate) fn prepare_output<'a>(
    name: &str,
    shape: &[usize],
    dtype: DType,
    inputs: &[&NdArray],
    out: &Out<'a>,
) -> Result<(NdArray, Option<&'a NdArray>)> {
    let Some(target) = out.array else {
        return Ok((
            NdArray::for_overwrite(shape, dtype, result_order(shape, inputs))?,
            None,
        ));
    };
    if target.shape() != shape {
        return Err(Error::value(format!(
            "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
            shape_str(target.shape()),
            shape_str(shape)
        )));
    }
    target.check_writeable()?;
    if !can_cast(dtype, target.dtype(), out.casting) {
        return Err(Error::UFuncOutputCasting(format!(
            "Cannot cast ufunc '{name}' output from dtype('{dtype}') to dtype('{}') with casting rule '{}'",
            target.dtype(),
            out.casting.name()
        )));
    }
    if target.dtype() == dtype {
        Ok((target.clone(), None))
    } else {
        Ok((
            NdArray::for_overwrite(shape, dtype, Order::C)?,
            Some(target),
        ))
    }
}

/// Inputs broadcast to `shape`; any input that overlaps `out` other than exactly is copied
/// first, so the kernel never reads what it has already overwritten.
pub(crate) fn broadcast_inputs<const N: usize>(
    inputs: &[NdArray; N],
    shape: &[usize],
    out: &NdArray,
) -> Result<[NdArray; N]> {
    let broadcast = |a: &NdArray| {
        let layout: Layout = a.layout().broadcast_to(shape)?;
        let a = a.with_layout(layout);
        if out.may_share_memory(&a) && a.layout() != out.layout() {
            Ok(a.copy(Order::C))
        } else {
            Ok(a)
        }
    };
    let mut done = inputs.clone();
    for a in &mut done {
        *a = broadcast(a)?;
    }
    Ok(done)
}
