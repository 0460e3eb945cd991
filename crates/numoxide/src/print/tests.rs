//! Tests against text produced by NumPy 2.4.6 (see `oracle_cases.rs` for the bulk).

use super::*;
use crate::array::NdArray;
use crate::dtype::DType;
use crate::element::{c128, c64, Element};
use crate::layout::Order;
use crate::scalar::Scalar;
use half::f16;

#[path = "oracle_cases.rs"]
mod oracle_cases;

/// An array of `shape` holding `data` in C order.
fn arr<T: Element>(data: Vec<T>, shape: &[usize]) -> NdArray {
    NdArray::from_vec(data, shape).unwrap()
}

/// An array of `shape` filled by repeating `pattern` (NumPy's `np.resize`).
fn cycle<T: Element>(pattern: Vec<T>, shape: &[usize]) -> NdArray {
    let n = shape.iter().product();
    arr(pattern.iter().copied().cycle().take(n).collect(), shape)
}

/// `np.arange(n, dtype=dtype).reshape(shape)`.
fn arange(n: usize, dtype: DType, shape: &[usize]) -> NdArray {
    let data: Vec<f64> = (0..n).map(|i| i as f64).collect();
    arr(data, shape).astype(dtype, Order::C)
}

#[test]
fn arrays_print_as_numpy_does() {
    let mut failures = Vec::new();
    for (label, a, opts, repr, str) in oracle_cases::array_cases() {
        let (got_repr, got_str) = (array_repr(&a, &opts), array_str(&a, &opts));
        if got_repr != repr {
            failures.push(format!("repr {label}:\n{got_repr}\n-- expected --\n{repr}"));
        }
        if got_str != str {
            failures.push(format!("str {label}:\n{got_str}\n-- expected --\n{str}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn scalars_print_as_numpy_does() {
    let legacy = PrintOptions {
        legacy: Some("1.25".into()),
        ..PrintOptions::default()
    };
    let opts = PrintOptions::default();
    let mut failures = Vec::new();
    for (label, s, repr, str, legacy_repr) in oracle_cases::scalar_cases() {
        let got = (
            scalar_repr(s, &opts),
            scalar_str(s, &opts),
            scalar_repr(s, &legacy),
        );
        if got != (repr.to_string(), str.to_string(), legacy_repr.to_string()) {
            failures.push(format!(
                "{label}: got {got:?}, expected ({repr}, {str}, {legacy_repr})"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn brief_examples() {
    let o = PrintOptions::default();
    let a = arr(vec![0.1, 0.123456789], &[2]);
    assert_eq!(array_repr(&a, &o), "array([0.1       , 0.12345679])");
    let a = arange(12, DType::Float32, &[12]);
    assert_eq!(
        array_repr(&a, &o),
        "array([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11.],\n      dtype=float32)"
    );
    let a = arr(vec![1.5, -2.25, 100.0, 0.0], &[2, 2]);
    assert_eq!(array_str(&a, &o), "[[  1.5   -2.25]\n [100.     0.  ]]");
    assert_eq!(scalar_repr(Scalar::Float64(1e20), &o), "np.float64(1e+20)");
    assert_eq!(scalar_repr(Scalar::Float32(0.1), &o), "np.float32(0.1)");
}

#[test]
fn array2string_uses_separator_and_prefix_indent() {
    let o = PrintOptions {
        linewidth: 20,
        ..PrintOptions::default()
    };
    let a = arange(8, DType::Int64, &[8]);
    // checked against np.array2string(np.arange(8), max_line_width=20, separator=',', prefix='xx(')
    assert_eq!(array2string(&a, &o, ",", "xx("), "[0,1,2,3,4,5,6,7]");
    let a = arange(12, DType::Int64, &[12]);
    assert_eq!(
        array2string(&a, &o, ", ", "xx("),
        "[ 0,  1,  2,  3,\n     4,  5,  6,  7,\n     8,  9, 10, 11]"
    );
}

#[test]
fn degenerate_options_do_not_panic() {
    let arrays = [
        arange(50, DType::Float64, &[5, 10]),
        arr(vec![f16::NAN, f16::from_f64(1.0)], &[2]),
        arr(vec![c64::new(f32::NAN, 1.0)], &[1, 1]),
        arr(vec![c128::new(1e300, -1e-300)], &[1]),
        arr(vec![u64::MAX, 0], &[2]),
    ];
    for linewidth in [0, 1, 3] {
        for edgeitems in [0, 1] {
            let o = PrintOptions {
                linewidth,
                edgeitems,
                threshold: 0,
                precision: 0,
                nanstr: String::new(),
                infstr: "∞".into(),
                ..PrintOptions::default()
            };
            for a in &arrays {
                let _ = array_repr(a, &o);
                let _ = array_str(a, &o);
            }
        }
    }
    let huge = PrintOptions {
        precision: usize::MAX,
        edgeitems: usize::MAX,
        linewidth: usize::MAX,
        threshold: 0,
        floatmode: FloatMode::Fixed,
        ..PrintOptions::default()
    };
    for a in &arrays {
        // every float (or complex part) is capped near 16k digits, like NumPy's Dragon4 buffer
        assert!(array_repr(a, &huge).len() < a.size() * 40_000);
    }
}
