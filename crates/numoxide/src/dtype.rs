//! The runtime element types and their names.

use std::fmt;

/// The broad class of a dtype; NumPy's `dtype.kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Bool,
    Unsigned,
    Signed,
    Float,
    Complex,
}

impl Kind {
    /// NumPy's one-letter kind code.
    pub fn code(self) -> char {
        match self {
            Kind::Bool => 'b',
            Kind::Signed => 'i',
            Kind::Unsigned => 'u',
            Kind::Float => 'f',
            Kind::Complex => 'c',
        }
    }
}

/// One of the fourteen element types an array can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DType {
    Bool,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float16,
    Float32,
    Float64,
    Complex64,
    Complex128,
}

use DType::*;

impl DType {
    /// Every dtype, in NumPy's type-number order.
    pub const ALL: [DType; 14] = [
        Bool, Int8, UInt8, Int16, UInt16, Int32, UInt32, Int64, UInt64, Float16, Float32, Float64,
        Complex64, Complex128,
    ];

    /// Bytes per element.
    pub fn itemsize(self) -> usize {
        match self {
            Bool | Int8 | UInt8 => 1,
            Int16 | UInt16 | Float16 => 2,
            Int32 | UInt32 | Float32 => 4,
            Int64 | UInt64 | Float64 | Complex64 => 8,
            Complex128 => 16,
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            Bool => Kind::Bool,
            Int8 | Int16 | Int32 | Int64 => Kind::Signed,
            UInt8 | UInt16 | UInt32 | UInt64 => Kind::Unsigned,
            Float16 | Float32 | Float64 => Kind::Float,
            Complex64 | Complex128 => Kind::Complex,
        }
    }

    pub fn is_integer(self) -> bool {
        matches!(self.kind(), Kind::Signed | Kind::Unsigned)
    }

    pub fn is_inexact(self) -> bool {
        matches!(self.kind(), Kind::Float | Kind::Complex)
    }

    /// NumPy's `dtype.name`.
    pub fn name(self) -> &'static str {
        match self {
            Bool => "bool",
            Int8 => "int8",
            Int16 => "int16",
            Int32 => "int32",
            Int64 => "int64",
            UInt8 => "uint8",
            UInt16 => "uint16",
            UInt32 => "uint32",
            UInt64 => "uint64",
            Float16 => "float16",
            Float32 => "float32",
            Float64 => "float64",
            Complex64 => "complex64",
            Complex128 => "complex128",
        }
    }

    /// NumPy's `dtype.char` (the C type code on LP64 Linux).
    pub fn char(self) -> char {
        match self {
            Bool => '?',
            Int8 => 'b',
            Int16 => 'h',
            Int32 => 'i',
            Int64 => 'l',
            UInt8 => 'B',
            UInt16 => 'H',
            UInt32 => 'I',
            UInt64 => 'L',
            Float16 => 'e',
            Float32 => 'f',
            Float64 => 'd',
            Complex64 => 'F',
            Complex128 => 'D',
        }
    }

    /// NumPy's `dtype.str`, e.g. `<f8`; one-byte types have no byte order (`|u1`).
    pub fn typestr(self) -> String {
        let order = if self.itemsize() == 1 { '|' } else { '<' };
        format!("{}{}{}", order, self.kind().code(), self.itemsize())
    }

    /// The dtype a NumPy spelling names: `float64`, `f8`, `<f8`, `d`, `float`, `int`, `bool` ...
    pub fn parse(spelling: &str) -> Option<DType> {
        let s = spelling.strip_prefix(['<', '=', '|']).unwrap_or(spelling);
        if let Some(d) = DType::ALL.iter().find(|d| d.name() == s) {
            return Some(*d);
        }
        let d = match s {
            "bool_" | "?" | "b1" => Bool,
            "int" | "int_" | "intp" | "long" | "longlong" | "i8" | "q" | "p" => Int64,
            "uint" | "uintp" | "ulong" | "ulonglong" | "u8" | "Q" | "P" => UInt64,
            "float" | "double" | "f8" => Float64,
            "complex" | "cdouble" | "c16" => Complex128,
            "byte" | "i1" => Int8,
            "ubyte" | "u1" => UInt8,
            "short" | "i2" => Int16,
            "ushort" | "u2" => UInt16,
            "intc" | "i4" => Int32,
            "uintc" | "u4" => UInt32,
            "half" | "f2" => Float16,
            "single" | "f4" => Float32,
            "csingle" | "c8" => Complex64,
            _ => {
                let mut chars = s.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                return DType::ALL.iter().copied().find(|d| d.char() == c);
            }
        };
        Some(d)
    }

    /// The real dtype of the same precision (complex128 -> float64); others unchanged.
    pub fn real(self) -> DType {
        match self {
            Complex64 => Float32,
            Complex128 => Float64,
            d => d,
        }
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_resolve_as_numpy_does() {
        assert_eq!(DType::parse("f8"), Some(Float64));
        assert_eq!(DType::parse("<i4"), Some(Int32));
        assert_eq!(DType::parse("float"), Some(Float64));
        assert_eq!(DType::parse("int"), Some(Int64));
        assert_eq!(DType::parse("?"), Some(Bool));
        assert_eq!(DType::parse("e"), Some(Float16));
        assert_eq!(DType::parse("uint8"), Some(UInt8));
        assert_eq!(DType::parse("U3"), None);
    }

    #[test]
    fn typestr_has_byte_order_only_for_multibyte_types() {
        assert_eq!(Float64.typestr(), "<f8");
        assert_eq!(UInt8.typestr(), "|u1");
        assert_eq!(Bool.typestr(), "|b1");
        assert_eq!(Complex64.typestr(), "<c8");
    }
}
