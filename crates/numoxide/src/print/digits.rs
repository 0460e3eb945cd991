//! Decimal digits of binary floats, as NumPy's Dragon4 produces them.
//!
//! Two digit sources: the shortest string that reads back to the same float (`unique`), and
//! the exact binary value correctly rounded (ties to even) to a number of digits. In unique
//! mode a digit cap (`precision`) falls back to correct rounding when the shortest digits are
//! longer than the cap, which is what Dragon4 does when it hits its cutoff.

use half::f16;

/// A real float at its own precision; the width decides what "shortest digits" means.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Fp {
    Half(f16),
    Single(f32),
    Double(f64),
}

impl Fp {
    /// The exact value (widening to f64 loses nothing).
    pub fn value(self) -> f64 {
        match self {
            Fp::Half(x) => x.to_f64(),
            Fp::Single(x) => x as f64,
            Fp::Double(x) => x,
        }
    }

    pub fn is_finite(self) -> bool {
        self.value().is_finite()
    }

    pub fn is_nan(self) -> bool {
        self.value().is_nan()
    }

    /// True for negative values, -0.0 and negative NaNs.
    pub fn is_sign_negative(self) -> bool {
        self.value().is_sign_negative()
    }

    /// `v` rounded to this float's width, as f64: thresholds compare in the data's own
    /// precision because NumPy turns Python floats into the array's dtype (NEP 50).
    pub fn round_like(self, v: f64) -> f64 {
        match self {
            Fp::Half(_) => f16::from_f64(v).to_f64(),
            Fp::Single(_) => v as f32 as f64,
            Fp::Double(_) => v,
        }
    }

    /// The shortest digits of `|self|` that read back as the same float (finite only).
    fn shortest(self) -> Decimal {
        let mut buf = ryu::Buffer::new();
        let text = match self {
            Fp::Double(x) => buf.format_finite(x.abs()),
            Fp::Single(x) => buf.format_finite(x.abs()),
            Fp::Half(x) => return shortest_half(x),
        };
        Decimal::parse(text).trimmed()
    }
}

/// Shortest digits of an f16: the fewest significant digits whose correctly rounded value
/// parses back to the same half (at most five digits are ever needed).
fn shortest_half(x: f16) -> Decimal {
    let v = x.to_f64().abs();
    for sig in 1..=5 {
        let text = format!("{:.*e}", sig - 1, v);
        let back = text.parse::<f64>().map(f16::from_f64).unwrap_or(f16::NAN);
        if back.to_bits() == f16::from_f64(v).to_bits() {
            return Decimal::parse(&text).trimmed();
        }
    }
    Decimal::parse(&format!("{:.4e}", v)).trimmed()
}

/// A non-negative decimal `0.DIGITS × 10^point`; zero is digits `0` with point 1.
#[derive(Clone, Debug, PartialEq)]
struct Decimal {
    digits: String,
    point: i32,
}

impl Decimal {
    /// Reads plain or exponent notation without a sign (`123.45`, `1.5e-7`, `1e20`).
    fn parse(text: &str) -> Decimal {
        let (mantissa, exp) = match text.split_once(['e', 'E']) {
            Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
            None => (text, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all: String = int.chars().chain(frac.chars()).collect();
        let lead = all.len() - all.trim_start_matches('0').len();
        if lead == all.len() {
            return Decimal {
                digits: "0".into(),
                point: 1,
            };
        }
        Decimal {
            digits: all[lead..].to_string(),
            point: int.len() as i32 + exp - lead as i32,
        }
    }

    /// Drops trailing zero digits (the value is unchanged).
    fn trimmed(mut self) -> Decimal {
        let keep = self.digits.trim_end_matches('0').len().max(1);
        self.digits.truncate(keep);
        self
    }

    /// Integer and fractional digit strings (`12.5` -> `("12", "5")`).
    fn positional(&self) -> (String, String) {
        let n = self.digits.len() as i64;
        let p = self.point as i64;
        if p <= 0 {
            let zeros = "0".repeat((-p) as usize);
            ("0".into(), zeros + &self.digits)
        } else if p >= n {
            (
                self.digits.clone() + &"0".repeat((p - n) as usize),
                String::new(),
            )
        } else {
            let (i, f) = self.digits.split_at(p as usize);
            (i.to_string(), f.to_string())
        }
    }

    /// Leading digit, further digits and exponent (`12.5` -> `("1", "25", 1)`).
    fn scientific(&self) -> (String, String, i32) {
        let (lead, rest) = self.digits.split_at(1);
        let exp = if self.digits == "0" {
            0
        } else {
            self.point - 1
        };
        (lead.to_string(), rest.to_string(), exp)
    }
}

/// How trailing zeros and the decimal point are trimmed (NumPy's `trim` argument).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Trim {
    /// `'k'`: keep trailing zeros; a bare point stays (`1.`).
    Keep,
    /// `'.'`: drop trailing zeros, keep the point (`1.`).
    Dot,
    /// `'0'`: drop trailing zeros but keep one after the point (`1.0`).
    Zero,
    /// `'-'`: drop trailing zeros and a bare point (`1`).
    All,
}

/// The knobs of one Dragon4 call; `Default` is "shortest digits, trim to `1.`, no padding".
#[derive(Clone, Copy, Debug)]
pub(crate) struct Style {
    /// Cap on fractional digits (digits after the point in scientific form).
    pub precision: Option<usize>,
    /// Minimum fractional digits, or `None` to stop at the shortest digits. With `Some`,
    /// Dragon4 generates exact digits up to that count (and at least down to the units).
    pub min_digits: Option<usize>,
    /// Shortest round-trip digits (true) or exactly `precision` rounded digits (false).
    pub unique: bool,
    pub trim: Trim,
    /// Show `+` on non-negative values.
    pub plus: bool,
    /// Width the sign and integer part are right-aligned in.
    pub pad_left: usize,
    /// Width the fractional digits are left-aligned in (positional only).
    pub pad_right: usize,
    /// Minimum exponent digits (scientific only).
    pub exp_digits: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            precision: None,
            min_digits: None,
            unique: true,
            trim: Trim::Dot,
            plus: false,
            pad_left: 0,
            pad_right: 0,
            exp_digits: 2,
        }
    }
}

/// Most digits ever generated after the point; NumPy's Dragon4 buffer is about this size,
/// and it keeps absurd precisions from allocating without bound.
const MAX_DIGITS: usize = 16_000;

/// Where Dragon4 stops generating digits in positional notation: `None` for the shortest
/// round-trip digits, or `Some(n)` for the exact value correctly rounded to `n` fractional
/// digits. Unique mode keeps generating exact digits until at least `min_digits` fractional
/// digits (and the units digit) are out, and stops at the `precision` cap.
fn positional_cut(x: Fp, st: &Style) -> Option<usize> {
    positional_cut_unclamped(x, st).map(|n| n.min(MAX_DIGITS))
}

fn positional_cut_unclamped(x: Fp, st: &Style) -> Option<usize> {
    if !st.unique {
        return Some(st.precision.unwrap_or(0));
    }
    let d = x.shortest();
    // the power of ten of the last shortest digit (12.5 -> -1, 1e20 -> 20)
    let last = d.point as i64 - d.digits.len() as i64;
    match st.precision {
        Some(p) if -last > p as i64 => Some(p),
        _ => st.min_digits.filter(|&m| -last < m as i64),
    }
}

/// [`positional_cut`] for scientific notation, counting digits after the leading one.
fn scientific_cut(x: Fp, st: &Style) -> Option<usize> {
    scientific_cut_unclamped(x, st).map(|n| n.min(MAX_DIGITS))
}

fn scientific_cut_unclamped(x: Fp, st: &Style) -> Option<usize> {
    if !st.unique {
        return Some(st.precision.unwrap_or(0));
    }
    let after_lead = x.shortest().digits.len() - 1;
    match st.precision {
        Some(p) if after_lead > p => Some(p),
        _ => st.min_digits.filter(|&m| after_lead < m),
    }
}

/// Splits Rust's plain float text into integer and fractional digits.
fn split_point(text: &str) -> (String, String) {
    let (i, f) = text.split_once('.').unwrap_or((text, ""));
    (i.to_string(), f.to_string())
}

/// The sign text of a finite value.
fn sign_of(x: Fp, plus: bool) -> &'static str {
    if x.is_sign_negative() {
        "-"
    } else if plus {
        "+"
    } else {
        ""
    }
}

/// Applies `trim` and `min_digits` to fractional digits and joins them to the integer part.
fn join(int: &str, mut frac: String, st: &Style) -> (String, String) {
    if st.trim != Trim::Keep {
        frac.truncate(frac.trim_end_matches('0').len());
    }
    let min = st.min_digits.unwrap_or(0).min(MAX_DIGITS);
    if frac.len() < min {
        frac.push_str(&"0".repeat(min - frac.len()));
    }
    let tail = match (frac.is_empty(), st.trim) {
        (false, _) => format!(".{frac}"),
        (true, Trim::Zero) => ".0".to_string(),
        (true, Trim::All) => String::new(),
        (true, _) => ".".to_string(),
    };
    (int.to_string(), tail)
}

/// `x` (finite) in positional notation, like `np.format_float_positional`.
pub(crate) fn positional(x: Fp, st: &Style) -> String {
    let v = x.value().abs();
    let (int, frac) = match positional_cut(x, st) {
        None => x.shortest().positional(),
        Some(frac_digits) => split_point(&format!("{:.*}", frac_digits, v)),
    };
    let (int, tail) = join(&int, frac, st);
    let head = format!("{}{}", sign_of(x, st.plus), int);
    // the tail includes the point, which pad_right does not count
    let frac_width = tail.len().saturating_sub(1);
    format!(
        "{head:>lw$}{tail}{:rw$}",
        "",
        lw = st.pad_left,
        rw = st.pad_right.saturating_sub(frac_width)
    )
}

/// `x` (finite) in scientific notation, like `np.format_float_scientific`.
pub(crate) fn scientific(x: Fp, st: &Style) -> String {
    let v = x.value().abs();
    let (lead, frac, exp) = match scientific_cut(x, st) {
        None => x.shortest().scientific(),
        Some(frac_digits) => {
            let text = format!("{:.*e}", frac_digits, v);
            let (m, e) = text.split_once('e').unwrap_or((&text, "0"));
            let (lead, frac) = split_point(m);
            (lead, frac, e.parse().unwrap_or(0))
        }
    };
    let (lead, tail) = join(&lead, frac, st);
    let head = format!("{}{}", sign_of(x, st.plus), lead);
    let exp_sign = if exp < 0 { '-' } else { '+' };
    format!(
        "{head:>lw$}{tail}e{exp_sign}{:0ew$}",
        exp.unsigned_abs(),
        lw = st.pad_left,
        ew = st.exp_digits
    )
}

/// Python's float repr rules applied to any width: positional (`1.0`, `0.0001`) from 1e-4 up
/// to `cutoff`, scientific (`1e+20`, `1.5e-05`) outside; non-finite as `nan`/`inf`/`-inf`.
pub(crate) fn python_style(x: Fp, cutoff: f64, trim_point: bool) -> String {
    let v = x.value();
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v < 0.0 { "-inf" } else { "inf" }.into();
    }
    let a = v.abs();
    let st = Style {
        trim: if trim_point { Trim::All } else { Trim::Zero },
        ..Style::default()
    };
    if a == 0.0 || (1e-4..cutoff).contains(&a) {
        positional(x, &st)
    } else {
        scientific(
            x,
            &Style {
                trim: Trim::All,
                ..st
            },
        )
    }
}
