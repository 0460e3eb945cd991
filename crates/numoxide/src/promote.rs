//! Type promotion (NEP 50) and the casting rules.

use crate::dtype::{DType, Kind};
use crate::element::c128;
use crate::error::{Error, Result};
use crate::scalar::Scalar;
use DType::*;

/// A Python number not yet given a dtype: NEP 50's "weak" scalar, which adapts to the other
/// operand's dtype instead of promoting it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PyValue {
    Bool(bool),
    /// Python ints beyond i128 are refused by the bindings before they get here.
    Int(i128),
    Float(f64),
    Complex(c128),
}

impl PyValue {
    fn kind(self) -> Kind {
        match self {
            PyValue::Bool(_) => Kind::Bool,
            PyValue::Int(_) => Kind::Signed,
            PyValue::Float(_) => Kind::Float,
            PyValue::Complex(_) => Kind::Complex,
        }
    }

    /// The dtype NumPy gives this value alone (`np.asarray(3)` is int64).
    pub fn default_dtype(self) -> DType {
        match self {
            PyValue::Bool(_) => Bool,
            PyValue::Int(v) if v > i64::MAX as i128 && v <= u64::MAX as i128 => UInt64,
            PyValue::Int(_) => Int64,
            PyValue::Float(_) => Float64,
            PyValue::Complex(_) => Complex128,
        }
    }

    /// The value as an element of `dtype`. A Python int must fit an integer dtype, as NEP 50
    /// requires: `int8_array + 300` is an OverflowError.
    pub fn to_scalar(self, dtype: DType) -> Result<Scalar> {
        Ok(match self {
            PyValue::Bool(b) => Scalar::Bool(b).cast(dtype),
            PyValue::Int(v) => {
                if v < i64::MIN as i128 || v > u64::MAX as i128 {
                    return Err(Error::Overflow(
                        "Python int too large to convert to C long".into(),
                    ));
                }
                if dtype.is_integer() && !integer_fits(v, dtype) {
                    return Err(Error::Overflow(format!(
                        "Python integer {v} out of bounds for {dtype}"
                    )));
                }
                if v < 0 {
                    Scalar::Int64(v as i64).cast(dtype)
                } else {
                    Scalar::UInt64(v as u64).cast(dtype)
                }
            }
            PyValue::Float(f) => Scalar::Float64(f).cast(dtype),
            PyValue::Complex(c) => Scalar::Complex128(c).cast(dtype),
        })
    }
}

/// Whether the integer `v` is representable in integer dtype `dtype`.
pub fn integer_fits(v: i128, dtype: DType) -> bool {
    let bits = 8 * dtype.itemsize() as u32;
    match dtype.kind() {
        Kind::Signed => v >= -(1i128 << (bits - 1)) && v < (1i128 << (bits - 1)),
        Kind::Unsigned => v >= 0 && v < (1i128 << bits),
        _ => true,
    }
}

fn signed_of_size(bytes: usize) -> DType {
    match bytes {
        1 => Int8,
        2 => Int16,
        4 => Int32,
        _ => Int64,
    }
}

/// The smallest float that holds every value of an integer dtype of this size.
fn float_for_int_size(bytes: usize) -> DType {
    match bytes {
        1 => Float16,
        2 => Float32,
        _ => Float64,
    }
}

fn complex_of(float: DType) -> DType {
    if float == Float64 {
        Complex128
    } else {
        Complex64
    }
}

/// NumPy's `promote_types`: the smallest dtype both can be cast to safely.
pub fn promote_types(a: DType, b: DType) -> DType {
    if a == b {
        return a;
    }
    let (a, b) = if a.kind() <= b.kind() { (a, b) } else { (b, a) };
    let bigger = |x: DType, y: DType| if x.itemsize() >= y.itemsize() { x } else { y };
    match (a.kind(), b.kind()) {
        (Kind::Bool, _) => b,
        (Kind::Unsigned, Kind::Unsigned) | (Kind::Signed, Kind::Signed) => bigger(a, b),
        (Kind::Float, Kind::Float) | (Kind::Complex, Kind::Complex) => bigger(a, b),
        (Kind::Unsigned, Kind::Signed) => {
            if a.itemsize() < b.itemsize() {
                b
            } else if a.itemsize() == 8 {
                Float64
            } else {
                signed_of_size(2 * a.itemsize())
            }
        }
        (Kind::Unsigned | Kind::Signed, Kind::Float) => bigger(float_for_int_size(a.itemsize()), b),
        (_, Kind::Complex) => complex_of(promote_types(a, b.real())),
        _ => unreachable!("kinds are ordered"),
    }
}

/// One input to promotion: an array's (strong) dtype or a Python number (weak).
#[derive(Clone, Copy, Debug)]
pub enum Operand {
    Strong(DType),
    Weak(PyValue),
}

/// NumPy's `result_type` under NEP 50.
pub fn result_type(operands: &[Operand]) -> DType {
    let strong = operands
        .iter()
        .filter_map(|o| match o {
            Operand::Strong(d) => Some(*d),
            Operand::Weak(_) => None,
        })
        .reduce(promote_types);
    let weak = operands
        .iter()
        .filter_map(|o| match o {
            Operand::Weak(v) => Some(*v),
            Operand::Strong(_) => None,
        })
        .max_by_key(|v| v.kind());
    match (strong, weak) {
        (Some(d), None) => d,
        (None, Some(w)) => match w.kind() {
            Kind::Bool => Bool,
            Kind::Float => Float64,
            Kind::Complex => Complex128,
            _ => Int64,
        },
        (Some(d), Some(w)) => weak_with(d, w.kind()),
        (None, None) => Float64,
    }
}

/// A strong dtype combined with a weak Python number of `kind`.
fn weak_with(d: DType, kind: Kind) -> DType {
    if kind <= d.kind() || (kind == Kind::Signed && d.kind() == Kind::Unsigned) {
        return d;
    }
    match kind {
        Kind::Signed => Int64,
        Kind::Float => Float64,
        Kind::Complex => match d.kind() {
            Kind::Float => complex_of(d),
            _ => Complex128,
        },
        _ => d,
    }
}

/// NumPy's casting rules, from most to least strict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Casting {
    No,
    Equiv,
    Safe,
    SameKind,
    Unsafe,
}

impl Casting {
    pub fn parse(s: &str) -> Option<Casting> {
        Some(match s {
            "no" => Casting::No,
            "equiv" => Casting::Equiv,
            "safe" => Casting::Safe,
            "same_kind" => Casting::SameKind,
            "unsafe" => Casting::Unsafe,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Casting::No => "no",
            Casting::Equiv => "equiv",
            Casting::Safe => "safe",
            Casting::SameKind => "same_kind",
            Casting::Unsafe => "unsafe",
        }
    }
}

/// NumPy's `can_cast(from, to, casting)`.
pub fn can_cast(from: DType, to: DType, casting: Casting) -> bool {
    match casting {
        Casting::No | Casting::Equiv => from == to,
        Casting::Safe => promote_types(from, to) == to,
        Casting::SameKind => can_cast(from, to, Casting::Safe) || from.kind() <= to.kind(),
        Casting::Unsafe => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// NumPy 2.4.6's promote_types table, row by row, in the order of `ORDER`.
    const ORDER: [DType; 14] = [
        Bool, Int8, Int16, Int32, Int64, UInt8, UInt16, UInt32, UInt64, Float16, Float32, Float64,
        Complex64, Complex128,
    ];
    const TABLE: [&str; 14] = [
        "? i1 i2 i4 i8 u1 u2 u4 u8 f2 f4 f8 c8 c16",
        "i1 i1 i2 i4 i8 i2 i4 i8 f8 f2 f4 f8 c8 c16",
        "i2 i2 i2 i4 i8 i2 i4 i8 f8 f4 f4 f8 c8 c16",
        "i4 i4 i4 i4 i8 i4 i4 i8 f8 f8 f8 f8 c16 c16",
        "i8 i8 i8 i8 i8 i8 i8 i8 f8 f8 f8 f8 c16 c16",
        "u1 i2 i2 i4 i8 u1 u2 u4 u8 f2 f4 f8 c8 c16",
        "u2 i4 i4 i4 i8 u2 u2 u4 u8 f4 f4 f8 c8 c16",
        "u4 i8 i8 i8 i8 u4 u4 u4 u8 f8 f8 f8 c16 c16",
        "u8 f8 f8 f8 f8 u8 u8 u8 u8 f8 f8 f8 c16 c16",
        "f2 f2 f4 f8 f8 f2 f4 f8 f8 f2 f4 f8 c8 c16",
        "f4 f4 f4 f8 f8 f4 f4 f8 f8 f4 f4 f8 c8 c16",
        "f8 f8 f8 f8 f8 f8 f8 f8 f8 f8 f8 f8 c16 c16",
        "c8 c8 c8 c16 c16 c8 c8 c16 c16 c8 c8 c16 c8 c16",
        "c16 c16 c16 c16 c16 c16 c16 c16 c16 c16 c16 c16 c16 c16",
    ];

    #[test]
    fn promote_types_matches_numpys_table() {
        for (i, row) in TABLE.iter().enumerate() {
            for (j, code) in row.split(' ').enumerate() {
                let expected = DType::parse(code).unwrap();
                assert_eq!(
                    promote_types(ORDER[i], ORDER[j]),
                    expected,
                    "{} {}",
                    ORDER[i],
                    ORDER[j]
                );
            }
        }
    }

    #[test]
    fn weak_python_scalars_follow_nep50() {
        let w = |d, v| result_type(&[Operand::Strong(d), Operand::Weak(v)]);
        let (t, i, f, c) = (
            PyValue::Bool(true),
            PyValue::Int(1),
            PyValue::Float(1.0),
            PyValue::Complex(c128::new(0.0, 1.0)),
        );
        assert_eq!(
            [w(Bool, t), w(Bool, i), w(Bool, f), w(Bool, c)],
            [Bool, Int64, Float64, Complex128]
        );
        assert_eq!(
            [w(Int8, t), w(Int8, i), w(Int8, f), w(Int8, c)],
            [Int8, Int8, Float64, Complex128]
        );
        assert_eq!(
            [w(UInt64, i), w(Float16, f), w(Float16, c), w(Float32, c)],
            [UInt64, Float16, Complex64, Complex64]
        );
        assert_eq!(w(Float64, c), Complex128);
        assert_eq!(w(Complex64, f), Complex64);
        assert_eq!(result_type(&[Operand::Weak(i), Operand::Weak(f)]), Float64);
    }

    #[test]
    fn python_ints_must_fit_the_dtype() {
        let e = PyValue::Int(300).to_scalar(Int8).unwrap_err();
        assert_eq!(e.message(), "Python integer 300 out of bounds for int8");
        assert_eq!(
            PyValue::Int(-1).to_scalar(Float32).unwrap(),
            Scalar::Float32(-1.0)
        );
        assert!(PyValue::Int(1 << 70).to_scalar(Int8).is_err());
    }

    #[test]
    fn casting_rules() {
        assert!(can_cast(Int64, Float64, Casting::Safe));
        assert!(!can_cast(Float64, Int64, Casting::Safe));
        assert!(can_cast(Float64, Float32, Casting::SameKind));
        assert!(!can_cast(Float64, Int64, Casting::SameKind));
        assert!(!can_cast(Int64, UInt8, Casting::SameKind));
        assert!(can_cast(UInt8, Int8, Casting::SameKind));
    }
}
