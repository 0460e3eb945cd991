//! The public text forms: `repr`/`str` of arrays and scalars, and `np.array2string`.

use super::digits::{python_style, Fp};
use super::element::ElemFormat;
use super::layout::{shown_values, Layout};
use super::PrintOptions;
use crate::array::{shape_tuple, NdArray};
use crate::dtype::DType;
use crate::scalar::Scalar;

/// NumPy's `np.array2string(a, separator=separator, prefix=prefix)`: the bracketed elements,
/// with continuation lines indented past `prefix` (which is not itself included).
pub fn array2string(a: &NdArray, opts: &PrintOptions, separator: &str, prefix: &str) -> String {
    elements(a, opts, separator, prefix, "")
}

/// The bracketed elements; `suffix` is text that will follow the last line (its width is
/// kept free on every line, as NumPy does from 1.14 on).
fn elements(
    a: &NdArray,
    opts: &PrintOptions,
    separator: &str,
    prefix: &str,
    suffix: &str,
) -> String {
    if a.size() == 0 {
        return "[]".to_string();
    }
    let summarize = a.size() > opts.threshold;
    let values = shown_values(a, opts.edgeitems, summarize);
    let format = ElemFormat::new(a.dtype(), &values, a.ndim() == 0, opts);
    let layout = Layout {
        array: a,
        format: &format,
        separator,
        edge: opts.edgeitems,
        summarize,
    };
    let line_width = opts.linewidth.saturating_sub(suffix.chars().count());
    let next_line_prefix = " ".repeat(1 + prefix.chars().count());
    layout.render(line_width, &next_line_prefix)
}

/// True for the dtypes whose values already say what they are (`array([1, 2])` is int64).
fn dtype_is_implied(dtype: DType) -> bool {
    matches!(
        dtype,
        DType::Bool | DType::Int64 | DType::Float64 | DType::Complex128
    )
}

/// NumPy's `repr(a)`: `array([1., 2.])`, with `shape=` and `dtype=` suffixes when the
/// elements alone would not rebuild the array.
pub fn array_repr(a: &NdArray, opts: &PrintOptions) -> String {
    let prefix = "array(";
    let body = elements(a, opts, ", ", prefix, ")");
    let mut extras = Vec::new();
    let summarized = opts.legacy_level() > 210 && a.size() > opts.threshold;
    if (a.size() == 0 && a.shape() != [0]) || summarized {
        extras.push(format!("shape={}", shape_tuple(a.shape())));
    }
    if !dtype_is_implied(a.dtype()) || a.size() == 0 {
        extras.push(format!("dtype={}", a.dtype().name()));
    }
    if extras.is_empty() {
        return format!("{prefix}{body})");
    }
    let head = format!("{prefix}{body},");
    let extra = format!("{})", extras.join(", "));
    // the suffixes move to their own line when they would overflow the last one
    let last_line = head.rsplit('\n').next().unwrap_or("").chars().count();
    if last_line + extra.chars().count() + 1 > opts.linewidth {
        format!("{head}\n{}{extra}", " ".repeat(prefix.len()))
    } else {
        format!("{head} {extra}")
    }
}

/// NumPy's `str(a)`: `[1. 2.]`; a 0-d array prints as its scalar's `str`.
pub fn array_str(a: &NdArray, opts: &PrintOptions) -> String {
    if a.ndim() == 0 && a.size() == 1 {
        return scalar_str(a.get(&[]), opts);
    }
    elements(a, opts, " ", "", "")
}

/// Upper bound of positional notation in scalar reprs: Python's 1e16 for float64, and for
/// the narrower types a power of ten matching their precision (legacy <= 1.25: 1e16).
fn positional_cutoff(x: Fp, opts: &PrintOptions) -> f64 {
    match x {
        _ if opts.legacy_level() <= 125 => 1e16,
        Fp::Double(_) => 1e16,
        Fp::Single(_) => 1e6,
        Fp::Half(_) => 1e3,
    }
}

/// A float scalar's digits; `trim_point` drops a bare `.0` (as complex parts do).
fn float_text(x: Fp, opts: &PrintOptions, trim_point: bool) -> String {
    python_style(x, positional_cutoff(x, opts), trim_point)
}

/// Python's complex text: `1j` when the real part is +0, else `(1+2j)`; parts drop `.0`.
fn complex_text(re: Fp, im: Fp, opts: &PrintOptions) -> String {
    let imag = float_text(im, opts, true);
    if re.value() == 0.0 && !re.is_sign_negative() {
        return format!("{imag}j");
    }
    let real = float_text(re, opts, true);
    let sign = if imag.starts_with('-') { "" } else { "+" };
    format!("({real}{sign}{imag}j)")
}

/// NumPy's `str(scalar)`: `1.5`, `0.1` (float32's own shortest digits), `True`, `(1+2j)`.
/// Print options other than `legacy` do not apply to scalars, as in NumPy.
pub fn scalar_str(s: Scalar, opts: &PrintOptions) -> String {
    match s {
        Scalar::Bool(b) => if b { "True" } else { "False" }.to_string(),
        Scalar::Float16(x) => float_text(Fp::Half(x), opts, false),
        Scalar::Float32(x) => float_text(Fp::Single(x), opts, false),
        Scalar::Float64(x) => float_text(Fp::Double(x), opts, false),
        Scalar::Complex64(c) => complex_text(Fp::Single(c.re), Fp::Single(c.im), opts),
        Scalar::Complex128(c) => complex_text(Fp::Double(c.re), Fp::Double(c.im), opts),
        Scalar::UInt64(v) => v.to_string(),
        other => other.to::<i64>().to_string(),
    }
}

/// NumPy's `repr(scalar)`: `np.float64(1.5)`, `np.True_`, `np.complex128(1+2j)`; with
/// legacy `"1.25"` (or older) the bare `str` form.
pub fn scalar_repr(s: Scalar, opts: &PrintOptions) -> String {
    let text = scalar_str(s, opts);
    if opts.legacy_level() <= 125 {
        return text;
    }
    match s {
        Scalar::Bool(b) => if b { "np.True_" } else { "np.False_" }.to_string(),
        Scalar::Complex64(_) | Scalar::Complex128(_) => {
            // the constructor call's own parentheses replace the complex ones
            let inner = text.strip_prefix('(').and_then(|t| t.strip_suffix(')'));
            format!("np.{}({})", s.dtype().name(), inner.unwrap_or(&text))
        }
        _ => format!("np.{}({text})", s.dtype().name()),
    }
}
