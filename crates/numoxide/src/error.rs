//! The one error type of the core. Each variant maps to the exception NumPy raises, and its
//! message is NumPy's text.

use std::fmt;

/// What went wrong; `Display` gives NumPy's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// NumPy's ValueError.
    Value(String),
    /// NumPy's IndexError.
    Index(String),
    /// NumPy's TypeError.
    Type(String),
    /// numpy.exceptions.AxisError (a ValueError and an IndexError).
    Axis(String),
    /// NumPy's OverflowError.
    Overflow(String),
    /// NumPy's MemoryError.
    Memory(String),
    /// NumPy's ZeroDivisionError.
    ZeroDivision(String),
    /// A ufunc has no loop for the input dtype (numpy's UFuncTypeError, a TypeError).
    UFuncType(String),
    /// A ufunc's result cannot be cast to the output (a UFuncTypeError, so a TypeError).
    UFuncOutputCasting(String),
    /// numpy.linalg.LinAlgError.
    LinAlg(String),
    /// Python's KeyError (e.g. an unknown einsum path name).
    Key(String),
    /// Python's RuntimeError (e.g. an einsum path that leaves operands uncontracted).
    Runtime(String),
}

/// The core's result type.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn value(msg: impl Into<String>) -> Error {
        Error::Value(msg.into())
    }

    /// NumPy's message for an axis outside `-ndim..ndim`.
    pub fn axis_out_of_bounds(axis: isize, ndim: usize) -> Error {
        Error::Axis(format!(
            "axis {axis} is out of bounds for array of dimension {ndim}"
        ))
    }

    /// The message text, without the kind.
    pub fn message(&self) -> &str {
        match self {
            Error::Value(m)
            | Error::Index(m)
            | Error::Type(m)
            | Error::Axis(m)
            | Error::Overflow(m)
            | Error::Memory(m)
            | Error::ZeroDivision(m)
            | Error::UFuncType(m)
            | Error::UFuncOutputCasting(m)
            | Error::LinAlg(m)
            | Error::Key(m)
            | Error::Runtime(m) => m,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for Error {}

/// Formats a shape as NumPy does in messages: `(2,3)`, `(4,)`, `()`.
pub fn shape_str(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
            format!("({})", parts.join(","))
        }
    }
}

/// Normalizes a possibly negative axis against `ndim`, with NumPy's AxisError.
pub fn normalize_axis(axis: isize, ndim: usize) -> Result<usize> {
    let n = ndim as isize;
    if axis < -n || axis >= n {
        return Err(Error::axis_out_of_bounds(axis, ndim));
    }
    Ok(if axis < 0 { axis + n } else { axis } as usize)
}
