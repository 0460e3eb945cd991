//! numpy.linalg's type rules and argument checks, shared by every decomposition.
//!
//! NumPy's linalg computes in float64, or complex128 when an input is complex, and casts
//! the result back to single precision when every inexact input is single precision.
//! Integers and bool count as double precision; float16 is refused.

use crate::matmul::FaerElement;
use num_complex::Complex;
use numoxide::{DType, Error, NdArray, Result};

/// The dtype to compute in and the dtype of the result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LinalgTypes {
    pub compute: DType,
    pub result: DType,
}

impl LinalgTypes {
    /// The real dtype matching the result (for norms, singular values, log-determinants).
    pub fn real_result(self) -> DType {
        self.result.real()
    }
}

/// NumPy's `_commonType` over the inputs.
pub(crate) fn common_type(arrays: &[&NdArray]) -> Result<LinalgTypes> {
    let mut single = true;
    let mut complex = false;
    for a in arrays {
        match a.dtype() {
            DType::Float16 => {
                return Err(Error::Type(
                    "array type float16 is unsupported in linalg".into(),
                ))
            }
            DType::Float32 => {}
            DType::Complex64 => complex = true,
            DType::Complex128 => {
                complex = true;
                single = false;
            }
            _ => single = false,
        }
    }
    Ok(match (complex, single) {
        (false, true) => LinalgTypes {
            compute: DType::Float64,
            result: DType::Float32,
        },
        (false, false) => LinalgTypes {
            compute: DType::Float64,
            result: DType::Float64,
        },
        (true, true) => LinalgTypes {
            compute: DType::Complex128,
            result: DType::Complex64,
        },
        (true, false) => LinalgTypes {
            compute: DType::Complex128,
            result: DType::Complex128,
        },
    })
}

/// NumPy's `_assert_stacked_2d`.
pub(crate) fn check_2d(a: &NdArray) -> Result<()> {
    if a.ndim() < 2 {
        return Err(Error::LinAlg(format!(
            "{}-dimensional array given. Array must be at least two-dimensional",
            a.ndim()
        )));
    }
    Ok(())
}

/// NumPy's `_assert_stacked_square` (after `_assert_stacked_2d`).
pub(crate) fn check_square(a: &NdArray) -> Result<()> {
    check_2d(a)?;
    let n = a.ndim();
    if a.shape()[n - 1] != a.shape()[n - 2] {
        return Err(Error::LinAlg(
            "Last 2 dimensions of the array must be square".into(),
        ));
    }
    Ok(())
}

/// The two element types linalg computes in: float64 and complex128 (both with float64
/// moduli, which is what faer's eigenvalues and singular values come in).
pub(crate) trait Scalar: FaerElement + faer::traits::ComplexField<Real = f64> {
    /// |x|.
    fn modulus(self) -> f64;
    /// x / |x| (the sign of a real number).
    fn unit(self) -> Self;
    fn from_real(x: f64) -> Self;
    fn real(self) -> f64;
    fn scale(self, s: f64) -> Self;
    fn times(self, other: Self) -> Self;
    fn conj(self) -> Self;
}

impl Scalar for f64 {
    fn modulus(self) -> f64 {
        self.abs()
    }
    fn unit(self) -> f64 {
        if self < 0.0 {
            -1.0
        } else {
            1.0
        }
    }
    fn from_real(x: f64) -> f64 {
        x
    }
    fn real(self) -> f64 {
        self
    }
    fn scale(self, s: f64) -> f64 {
        self * s
    }
    fn times(self, other: f64) -> f64 {
        self * other
    }
    fn conj(self) -> f64 {
        self
    }
}

impl Scalar for Complex<f64> {
    fn modulus(self) -> f64 {
        self.re.hypot(self.im)
    }
    fn unit(self) -> Self {
        let m = self.modulus();
        Complex::new(self.re / m, self.im / m)
    }
    fn from_real(x: f64) -> Self {
        Complex::new(x, 0.0)
    }
    fn real(self) -> f64 {
        self.re
    }
    fn scale(self, s: f64) -> Self {
        Complex::new(self.re * s, self.im * s)
    }
    fn times(self, other: Self) -> Self {
        self * other
    }
    fn conj(self) -> Self {
        Complex::conj(&self)
    }
}
