//! `arange` and `linspace`.

use super::fill::RangeFill;
use crate::array::NdArray;
use crate::dtype::DType;
use crate::element::c128;
use crate::error::{Error, Result};
use crate::layout::Order;
use crate::promote::{result_type, Operand, PyValue};
use crate::scalar::Scalar;
use crate::ufunc::{Arg, BinaryOp, Out, UnaryOp};
use crate::with_dtype;

/// A Python number in arange's length arithmetic: ints stay exact as in Python.
#[derive(Clone, Copy)]
enum Num {
    Int(i128),
    Float(f64),
    Complex(c128),
}

impl Num {
    fn new(v: PyValue) -> Num {
        match v {
            PyValue::Bool(b) => Num::Int(b as i128),
            PyValue::Int(i) => Num::Int(i),
            PyValue::Float(f) => Num::Float(f),
            PyValue::Complex(c) => Num::Complex(c),
        }
    }

    fn value(self) -> PyValue {
        match self {
            Num::Int(i) => PyValue::Int(i),
            Num::Float(f) => PyValue::Float(f),
            Num::Complex(c) => PyValue::Complex(c),
        }
    }

    fn complex(self) -> c128 {
        match self {
            Num::Int(i) => c128::new(i as f64, 0.0),
            Num::Float(f) => c128::new(f, 0.0),
            Num::Complex(c) => c,
        }
    }

    fn float(self) -> f64 {
        self.complex().re
    }

    /// Python's `a + sign*b`, ints exact (beyond i128, which Python would still hold
    /// exactly, the sum is rounded to a float).
    fn add(self, b: Num, sign: i8) -> Num {
        match (self, b) {
            (Num::Int(x), Num::Int(y)) => {
                match y.checked_mul(sign as i128).and_then(|y| x.checked_add(y)) {
                    Some(v) => Num::Int(v),
                    None => Num::Float(x as f64 + sign as f64 * y as f64),
                }
            }
            (Num::Complex(_), _) | (_, Num::Complex(_)) => {
                let (x, y) = (self.complex(), b.complex());
                let s = sign as f64;
                Num::Complex(c128::new(x.re + s * y.re, x.im + s * y.im))
            }
            _ => Num::Float(self.float() + sign as f64 * b.float()),
        }
    }

    /// Python's true division `a / b`, with Python's ZeroDivisionError messages.
    fn div(self, b: Num) -> Result<Num> {
        let zero = |m: &str| Err(Error::ZeroDivision(m.into()));
        match (self, b) {
            (Num::Int(_), Num::Int(0)) => zero("division by zero"),
            (Num::Int(x), Num::Int(y)) => Ok(Num::Float(x as f64 / y as f64)),
            (Num::Complex(_), _) | (_, Num::Complex(_)) => {
                let (x, y) = (self.complex(), b.complex());
                if y.re == 0.0 && y.im == 0.0 {
                    return zero("complex division by zero");
                }
                Ok(Num::Complex(python_complex_div(x, y)))
            }
            (_, b) if b.float() == 0.0 => zero("float division by zero"),
            _ => Ok(Num::Float(self.float() / b.float())),
        }
    }
}

/// CPython's `_Py_c_quot`: Smith's algorithm, scaling by the larger part of the divisor.
fn python_complex_div(a: c128, b: c128) -> c128 {
    if b.re.abs() >= b.im.abs() {
        let ratio = b.im / b.re;
        let denom = b.re + b.im * ratio;
        c128::new((a.re + a.im * ratio) / denom, (a.im - a.re * ratio) / denom)
    } else if b.im.abs() >= b.re.abs() {
        let ratio = b.re / b.im;
        let denom = b.re * ratio + b.im;
        c128::new((a.re * ratio + a.im) / denom, (a.im * ratio - a.re) / denom)
    } else {
        c128::new(f64::NAN, f64::NAN)
    }
}

/// `ceil(x)` as a length; NumPy refuses NaN and lengths beyond `npy_intp`.
fn ceil_length(x: f64) -> Result<isize> {
    let c = x.ceil();
    if c.is_nan() {
        return Err(Error::value("arange: cannot compute length"));
    }
    if !(-(isize::MAX as f64)..=isize::MAX as f64).contains(&c) {
        return Err(Error::value("Maximum allowed size exceeded"));
    }
    Ok(c as isize)
}

/// NumPy's `arange(start, stop, step, dtype=dtype)`: `ceil((stop - start)/step)` values,
/// the first two set from `start` and `start + step` (Python arithmetic, then cast), the rest
/// extended in `dtype`'s arithmetic. Choosing `dtype` when the user gave none is the
/// caller's job, as in Python where it follows the arguments' types.
pub fn arange(start: PyValue, stop: PyValue, step: PyValue, dtype: DType) -> Result<NdArray> {
    let (start, stop, step) = (Num::new(start), Num::new(stop), Num::new(step));
    let len = match stop.add(start, -1).div(step)? {
        Num::Complex(q) => ceil_length(q.re)?.min(ceil_length(q.im)?),
        q => ceil_length(q.float())?,
    }
    .max(0) as usize;
    if dtype == DType::Bool && len > 2 {
        return Err(Error::Type(
            "arange() is only supported for booleans when the result has at most length 2.".into(),
        ));
    }
    // Every element is written below: the first two from the arguments, the rest by fill.
    let out = NdArray::for_overwrite(&[len], dtype, Order::C)?;
    if len == 0 {
        return Ok(out);
    }
    let first = start.value().to_scalar(dtype)?;
    let second = match len {
        1 => first,
        _ => start.add(step, 1).value().to_scalar(dtype)?,
    };
    with_dtype!(dtype, T => fill_range::<T>(&out, first, second));
    Ok(out)
}

fn fill_range<T: RangeFill>(out: &NdArray, first: Scalar, second: Scalar) {
    // SAFETY: `out` is a new contiguous array of `out.size()` elements of T, not shared.
    let buf = unsafe { std::slice::from_raw_parts_mut(out.base_ptr() as *mut T, out.size()) };
    buf[0] = first.to::<T>();
    if buf.len() > 1 {
        buf[1] = second.to::<T>();
        T::fill(buf);
    }
}

/// NumPy's `linspace(start, stop, num, endpoint, retstep=True, dtype, axis)`: `num` values
/// from `start` towards `stop`, computed as `arange(num) * step + start` in the inexact
/// result type of the bounds, the last set to `stop` exactly when `endpoint`. Integer
/// dtypes take the floor. Array bounds broadcast; their sample axis goes to `axis`.
///
/// Also returns the step: a 0-d array for scalar bounds, NaN when it is undefined
/// (fewer than two samples with `endpoint`, or none).
pub fn linspace(
    start: &Arg,
    stop: &Arg,
    num: isize,
    endpoint: bool,
    dtype: Option<DType>,
    axis: isize,
) -> Result<(NdArray, NdArray)> {
    if num < 0 {
        return Err(Error::value(format!(
            "Number of samples, {num}, must be non-negative."
        )));
    }
    let div = if endpoint { num - 1 } else { num };
    // NumPy's `ensure_inexact`: the bounds' result type, with a Python float thrown in.
    let dt = result_type(&[
        start.operand(),
        stop.operand(),
        Operand::Weak(PyValue::Float(1.0)),
    ]);
    let (start, stop) = (
        start.to_array(dt)?.into_owned(),
        stop.to_array(dt)?.into_owned(),
    );
    let delta =
        BinaryOp::Subtract.call(&stop.clone().into(), &start.clone().into(), Out::default())?;
    let mut y_shape = vec![-1isize];
    y_shape.resize(delta.ndim() + 1, 1);
    let one = PyValue::Int(1);
    let y =
        arange(PyValue::Int(0), PyValue::Int(num as i128), one, dt)?.reshape(&y_shape, Order::C)?;
    let (y, delta) = (Arg::from(y), Arg::from(delta));
    let mul = |a: &Arg, b: &Arg| BinaryOp::Multiply.call(a, b, Out::default());
    let (y, step) = if div > 0 {
        let step =
            BinaryOp::Divide.call(&delta, &Arg::Py(PyValue::Int(div as i128)), Out::default())?;
        // A step that underflows to zero would zero the samples; divide first (gh-5437).
        let any_zero = step
            .to_vec::<c128>()
            .iter()
            .any(|v| v.re == 0.0 && v.im == 0.0);
        let y = if any_zero {
            let scaled =
                BinaryOp::Divide.call(&y, &Arg::Py(PyValue::Int(div as i128)), Out::default())?;
            mul(&Arg::from(scaled), &delta)?
        } else {
            mul(&y, &Arg::from(&step))?
        };
        (y, step)
    } else {
        (
            mul(&y, &delta)?,
            NdArray::from_scalar(Scalar::Float64(f64::NAN)),
        )
    };
    let y = BinaryOp::Add.call(&y.into(), &start.into(), Out::default())?;
    if endpoint && num > 1 {
        let last = y.layout().index_axis(0, num as usize - 1);
        y.with_layout(last).assign(&stop)?;
    }
    let y = if axis != 0 {
        y.moveaxis(&[0], &[axis])?
    } else {
        y
    };
    let dtype = dtype.unwrap_or(dt);
    if dtype.is_integer() {
        let out = Out {
            array: Some(&y),
            ..Out::default()
        };
        UnaryOp::Floor.call(&Arg::from(&y), out)?;
    }
    let y = if y.dtype() == dtype {
        y
    } else {
        y.astype(dtype, Order::C)
    };
    Ok((y, step))
}
