//! Element formatters: one per dtype kind, fitted to the (possibly summarized) data so that
//! every element of an array prints at the same width.

use super::digits::{positional, scientific, Fp, Style, Trim};
use super::{FloatMode, PrintOptions, Sign};
use crate::dtype::DType;
use crate::scalar::Scalar;

/// Formats the elements of one array.
#[derive(Clone, Debug)]
pub(crate) enum ElemFormat {
    /// `True`/`False`; arrays pad `True` to `False`'s width, 0-d arrays do not.
    Bool {
        pad_true: bool,
    },
    /// Integers right-aligned in a common width.
    Int {
        width: usize,
        sign: Sign,
    },
    Float(FloatFormat),
    /// Real and imaginary parts, each fitted separately; the imaginary part always signed.
    Complex(FloatFormat, FloatFormat),
}

impl ElemFormat {
    /// The formatter for `values` (all of `dtype`); `zero_d` marks a 0-d array.
    pub fn new(dtype: DType, values: &[Scalar], zero_d: bool, opts: &PrintOptions) -> Self {
        match dtype {
            DType::Bool => ElemFormat::Bool { pad_true: !zero_d },
            DType::Float16 | DType::Float32 | DType::Float64 => {
                let fps: Vec<Fp> = values.iter().map(|&s| real_part(s)).collect();
                ElemFormat::Float(FloatFormat::new(&fps, opts, opts.sign))
            }
            DType::Complex64 | DType::Complex128 => {
                let re: Vec<Fp> = values.iter().map(|&s| real_part(s)).collect();
                let im: Vec<Fp> = values.iter().map(|&s| imag_part(s)).collect();
                ElemFormat::Complex(
                    FloatFormat::new(&re, opts, opts.sign),
                    FloatFormat::new(&im, opts, Sign::Plus),
                )
            }
            _ => int_format(values, opts.sign),
        }
    }

    /// The text of one element.
    pub fn format(&self, s: Scalar) -> String {
        match self {
            ElemFormat::Bool { pad_true } => match (s.is_truthy(), pad_true) {
                (true, true) => " True".into(),
                (true, false) => "True".into(),
                (false, _) => "False".into(),
            },
            ElemFormat::Int { width, sign } => {
                let v = int_value(s);
                let text = match sign {
                    Sign::Plus if v >= 0 => format!("+{v}"),
                    Sign::Space if v >= 0 => format!(" {v}"),
                    _ => v.to_string(),
                };
                format!("{text:>width$}")
            }
            ElemFormat::Float(f) => f.format(real_part(s)),
            ElemFormat::Complex(re, im) => {
                let r = re.format(real_part(s));
                let i = im.format(imag_part(s));
                // the `j` goes right after the digits, before any alignment padding
                let end = i.trim_end().len();
                format!("{r}{}j{}", &i[..end], &i[end..])
            }
        }
    }
}

/// An integer scalar widened so every integer dtype fits (bool counts as 0/1).
fn int_value(s: Scalar) -> i128 {
    match s {
        Scalar::UInt64(v) => v as i128,
        other => other.to::<i64>() as i128,
    }
}

/// Width fitted to the extremes, as NumPy's `IntegerFormat` does.
fn int_format(values: &[Scalar], sign: Sign) -> ElemFormat {
    let ints: Vec<i128> = values.iter().map(|&s| int_value(s)).collect();
    let (Some(&max), Some(&min)) = (ints.iter().max(), ints.iter().min()) else {
        return ElemFormat::Int { width: 0, sign };
    };
    // a space sign is pointless when some value is negative: the minus fills that column
    let sign = if sign == Sign::Space && min < 0 {
        Sign::Minus
    } else {
        sign
    };
    let signed_max = usize::from(max >= 0 && sign != Sign::Minus);
    let width = (max.to_string().len() + signed_max).max(min.to_string().len());
    ElemFormat::Int { width, sign }
}

/// The real part of a float or complex scalar at its own width.
fn real_part(s: Scalar) -> Fp {
    match s {
        Scalar::Float16(x) => Fp::Half(x),
        Scalar::Float32(x) => Fp::Single(x),
        Scalar::Complex64(c) => Fp::Single(c.re),
        Scalar::Complex128(c) => Fp::Double(c.re),
        other => Fp::Double(other.to_f64()),
    }
}

/// The imaginary part of a complex scalar (zero for real ones).
fn imag_part(s: Scalar) -> Fp {
    match s {
        Scalar::Complex64(c) => Fp::Single(c.im),
        Scalar::Complex128(c) => Fp::Double(c.im),
        _ => Fp::Double(0.0),
    }
}

/// A float formatter fitted to data, as NumPy's `FloatingFormat`.
#[derive(Clone, Debug)]
pub(crate) struct FloatFormat {
    exp: bool,
    style: Style,
    nanstr: String,
    infstr: String,
}

impl FloatFormat {
    /// Chooses notation, digit counts and paddings for `data`.
    pub fn new(data: &[Fp], opts: &PrintOptions, sign: Sign) -> Self {
        let finite: Vec<Fp> = data.iter().copied().filter(|x| x.is_finite()).collect();
        let exp = wants_exponent(&finite, opts);
        let fixed = opts.floatmode == FloatMode::Fixed;
        let first = Style {
            precision: (opts.floatmode != FloatMode::Unique).then_some(opts.precision),
            unique: !fixed,
            trim: if fixed { Trim::Keep } else { Trim::Dot },
            plus: sign == Sign::Plus,
            ..Style::default()
        };
        let mut style = first;
        if finite.is_empty() {
            style.trim = Trim::Dot;
            style.unique = true;
        } else if exp {
            // first pass: the digits each value needs, then all share the longest
            let strs: Vec<String> = finite.iter().map(|&x| scientific(x, &first)).collect();
            let parts: Vec<(&str, &str, &str)> = strs.iter().map(|s| split_sci(s)).collect();
            let frac = parts.iter().map(|p| p.1.len()).max().unwrap_or(0);
            style.exp_digits = parts
                .iter()
                .map(|p| p.2.len())
                .max()
                .unwrap_or(3)
                .saturating_sub(1);
            style.trim = Trim::Keep;
            style.precision = Some(frac);
            style.min_digits = Some(frac);
            style.pad_left = parts.iter().map(|p| p.0.len()).max().unwrap_or(0);
            style.pad_right = style.exp_digits + 2 + frac;
        } else {
            let strs: Vec<String> = finite.iter().map(|&x| positional(x, &first)).collect();
            let parts: Vec<(&str, &str)> = strs
                .iter()
                .map(|s| s.split_once('.').unwrap_or((s, "")))
                .collect();
            style.pad_left = parts.iter().map(|p| p.0.len()).max().unwrap_or(0);
            style.pad_right = parts.iter().map(|p| p.1.len()).max().unwrap_or(0);
            if matches!(opts.floatmode, FloatMode::Fixed | FloatMode::MaxPrecEqual) {
                style.precision = Some(style.pad_right);
                style.min_digits = Some(style.pad_right);
                style.trim = Trim::Keep;
            } else {
                style.min_digits = Some(0);
            }
        }
        if sign == Sign::Space && !finite.iter().any(|x| x.is_sign_negative()) {
            style.pad_left += 1;
        }
        if finite.len() != data.len() {
            // make room for nan/inf, which are right-aligned in the whole width
            let neg_inf = sign != Sign::Minus
                || data
                    .iter()
                    .any(|x| !x.is_finite() && !x.is_nan() && x.is_sign_negative());
            let offset = style.pad_right + 1;
            let nan = opts.nanstr.chars().count().saturating_sub(offset);
            let inf = (opts.infstr.chars().count() + usize::from(neg_inf)).saturating_sub(offset);
            style.pad_left = style.pad_left.max(nan).max(inf);
        }
        FloatFormat {
            exp,
            style,
            nanstr: opts.nanstr.clone(),
            infstr: opts.infstr.clone(),
        }
    }

    /// The text of one value at the fitted width.
    pub fn format(&self, x: Fp) -> String {
        if x.is_finite() {
            return if self.exp {
                scientific(x, &self.style)
            } else {
                positional(x, &self.style)
            };
        }
        let plus = if self.style.plus { "+" } else { "" };
        let text = if x.is_nan() {
            format!("{plus}{}", self.nanstr)
        } else if x.is_sign_negative() {
            format!("-{}", self.infstr)
        } else {
            format!("{plus}{}", self.infstr)
        };
        let width = self.style.pad_left + self.style.pad_right + 1;
        let pad = width.saturating_sub(text.chars().count());
        format!("{}{text}", " ".repeat(pad))
    }
}

/// Splits `-1.25e+05` into `("-1", "25", "+05")`.
fn split_sci(s: &str) -> (&str, &str, &str) {
    let (mantissa, exp) = s.split_once('e').unwrap_or((s, ""));
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    (int, frac, exp)
}

/// NumPy's choice of scientific notation: huge values, or (unless suppressed) tiny values
/// or a range wider than three decades. Thresholds are rounded to the data's precision.
fn wants_exponent(finite: &[Fp], opts: &PrintOptions) -> bool {
    let mags: Vec<f64> = finite
        .iter()
        .map(|x| x.value().abs())
        .filter(|&v| v != 0.0)
        .collect();
    let (Some(first), true) = (finite.first(), !mags.is_empty()) else {
        return false;
    };
    let max = mags.iter().copied().fold(f64::MIN, f64::max);
    let min = mags.iter().copied().fold(f64::MAX, f64::min);
    // legacy modes up to 2.2 used 1e8 for every width; now it follows the type's precision
    let cutoff = match (first, opts.legacy_level() <= 202) {
        (_, true) | (Fp::Double(_), _) => 1e8,
        (Fp::Single(_), _) => 1e6,
        (Fp::Half(_), _) => 1e3,
    };
    let ratio = first.round_like(max / min);
    max >= cutoff || (!opts.suppress && (min < first.round_like(1e-4) || ratio > 1000.0))
}
