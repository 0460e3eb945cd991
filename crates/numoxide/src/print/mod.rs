//! Text forms of arrays and scalars, matching NumPy 2.4's `repr`, `str` and `np.array2string`.
//!
//! The pieces, from the bottom up:
//! - [`digits`]: decimal digits of binary floats (shortest round-trip or correctly rounded),
//!   laid out positionally (`12.5`) or scientifically (`1.25e+01`);
//! - [`element`]: per-dtype element formatters that give every element of an array a
//!   common width, as NumPy's `FloatingFormat`, `IntegerFormat` ... do;
//! - [`layout`]: nesting brackets, line wrapping and `...` summarization;
//! - [`repr`]: the public entry points and the scalar forms (`np.float64(1.5)`).
//!
//! Functions take the options explicitly; keeping NumPy's process-wide "current" options is
//! the bindings' job.

mod digits;
mod element;
mod layout;
mod repr;

#[cfg(test)]
mod tests;

pub use repr::{array2string, array_repr, array_str, scalar_repr, scalar_str};

/// How the sign of non-negative floats and integers is shown (NumPy's `sign` option).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Sign {
    /// `'-'`: only negative values carry a sign.
    #[default]
    Minus,
    /// `'+'`: non-negative values carry a `+`.
    Plus,
    /// `' '`: non-negative values get a space where the sign would be.
    Space,
}

impl Sign {
    /// The option from NumPy's spelling: `'-'`, `'+'` or `' '`.
    pub fn from_char(c: char) -> Option<Sign> {
        match c {
            '-' => Some(Sign::Minus),
            '+' => Some(Sign::Plus),
            ' ' => Some(Sign::Space),
            _ => None,
        }
    }
}

/// How many fractional digits floats get (NumPy's `floatmode` option).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FloatMode {
    /// Always exactly `precision` fractional digits.
    Fixed,
    /// As many digits as each value needs to round-trip; `precision` is ignored.
    Unique,
    /// As many digits as needed, at most `precision`; each element keeps its own count.
    #[default]
    MaxPrec,
    /// As many digits as needed, at most `precision`; all elements get the same count.
    MaxPrecEqual,
}

impl FloatMode {
    /// The mode from NumPy's spelling: `fixed`, `unique`, `maxprec`, `maxprec_equal`.
    pub fn parse(name: &str) -> Option<FloatMode> {
        match name {
            "fixed" => Some(FloatMode::Fixed),
            "unique" => Some(FloatMode::Unique),
            "maxprec" => Some(FloatMode::MaxPrec),
            "maxprec_equal" => Some(FloatMode::MaxPrecEqual),
            _ => None,
        }
    }
}

/// NumPy's print options (`np.get_printoptions()`); [`Default`] gives NumPy's defaults.
#[derive(Clone, Debug, PartialEq)]
pub struct PrintOptions {
    /// Maximum fractional digits of floats (ignored by [`FloatMode::Unique`]).
    pub precision: usize,
    /// Arrays with more elements than this are summarized with `...`.
    pub threshold: usize,
    /// Items kept at each end of a summarized axis.
    pub edgeitems: usize,
    /// Characters per line before wrapping.
    pub linewidth: usize,
    /// Print floats positionally even when small values would call for exponents.
    pub suppress: bool,
    /// Text of NaN elements.
    pub nanstr: String,
    /// Text of infinite elements (a sign is prefixed as needed).
    pub infstr: String,
    /// Sign display of non-negative numbers.
    pub sign: Sign,
    /// Fractional digit policy for floats.
    pub floatmode: FloatMode,
    /// Legacy printing mode (`"1.13"`, `"1.21"`, `"1.25"`, `"2.1"`, `"2.2"`) or `None`.
    /// The rules that changed after 1.13 are followed; 1.13's own layout quirks are not.
    pub legacy: Option<String>,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions {
            precision: 8,
            threshold: 1000,
            edgeitems: 3,
            linewidth: 75,
            suppress: false,
            nanstr: "nan".to_string(),
            infstr: "inf".to_string(),
            sign: Sign::Minus,
            floatmode: FloatMode::MaxPrec,
            legacy: None,
        }
    }
}

impl PrintOptions {
    /// The legacy mode as NumPy's internal number (`"1.25"` -> 125); no legacy is "newest".
    pub(crate) fn legacy_level(&self) -> u32 {
        match self.legacy.as_deref() {
            Some("1.13") => 113,
            Some("1.21") => 121,
            Some("1.25") => 125,
            Some("2.1") => 201,
            Some("2.2") => 202,
            _ => u32::MAX,
        }
    }
}
