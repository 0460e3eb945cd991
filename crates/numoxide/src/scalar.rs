//! One typed value: what indexing a single element and full reductions produce.

use crate::dtype::DType;
use crate::element::{c128, c64, Element};
use half::f16;

/// A value tagged with its dtype.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    Bool(bool),
    Int8(i8),
    Int16(i16),
    Int32(i32),
    Int64(i64),
    UInt8(u8),
    UInt16(u16),
    UInt32(u32),
    UInt64(u64),
    Float16(f16),
    Float32(f32),
    Float64(f64),
    Complex64(c64),
    Complex128(c128),
}

/// Runs `$body` with `$v` bound to the payload of any scalar variant.
macro_rules! on_payload {
    ($s:expr, $v:ident => $body:expr) => {
        match $s {
            Scalar::Bool($v) => $body,
            Scalar::Int8($v) => $body,
            Scalar::Int16($v) => $body,
            Scalar::Int32($v) => $body,
            Scalar::Int64($v) => $body,
            Scalar::UInt8($v) => $body,
            Scalar::UInt16($v) => $body,
            Scalar::UInt32($v) => $body,
            Scalar::UInt64($v) => $body,
            Scalar::Float16($v) => $body,
            Scalar::Float32($v) => $body,
            Scalar::Float64($v) => $body,
            Scalar::Complex64($v) => $body,
            Scalar::Complex128($v) => $body,
        }
    };
}

impl Scalar {
    pub fn dtype(&self) -> DType {
        on_payload!(*self, v => element_dtype(v))
    }

    /// The value as element type `T`, by NumPy's unsafe cast.
    pub fn to<T: Element>(self) -> T {
        on_payload!(self, v => v.cast::<T>())
    }

    /// The value cast to `dtype`.
    pub fn cast(self, dtype: DType) -> Scalar {
        crate::with_dtype!(dtype, T => self.to::<T>().into_scalar())
    }

    /// The real part as f64 (bool and integers convert; complex drops the imaginary part).
    pub fn to_f64(self) -> f64 {
        self.to::<f64>()
    }

    /// The value as complex128.
    pub fn to_c128(self) -> c128 {
        self.to::<c128>()
    }

    /// True for every value but zero (NumPy's truth of a scalar).
    pub fn is_truthy(self) -> bool {
        self.to::<bool>()
    }
}

fn element_dtype<T: Element>(_: T) -> DType {
    T::DTYPE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_cast_by_numpy_rules() {
        assert_eq!(Scalar::Float64(300.7).cast(DType::UInt8), Scalar::UInt8(44));
        assert_eq!(Scalar::Int8(-1).dtype(), DType::Int8);
        assert_eq!(
            Scalar::Bool(true).cast(DType::Float32),
            Scalar::Float32(1.0)
        );
    }
}
