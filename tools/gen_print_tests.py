"""Writes crates/numoxide/src/print/oracle_cases.rs: expected repr/str text taken from NumPy.

Run with the NumPy the project targets (2.4.x):
    /work/main/.venv/bin/python tools/gen_print_tests.py
Each case is a Python expression building an array (or scalar) plus optional print options;
NumPy's output is written as the expected literal, next to Rust code building the same value.
"""

import math
import pathlib

import numpy as np

ARRAYS = [
    "np.array([1.5, 2.25, 3.])",
    "np.array([0.1, 0.123456789])",
    "np.array([1., 1001.])",
    "np.array([1e-10])",
    "np.array([1e300, 1.])",
    "np.array([1e8, 1.])",
    "np.array([99999999., 1.])",
    "np.array([0.0001, 1.])",
    "np.array([0.00012, 0.1])",
    "np.array([np.nan, np.inf, -np.inf, -0.0, 1.5])",
    "np.array([np.nan])",
    "np.array([np.inf, -np.inf])",
    "np.array([np.nan, 1e-10])",
    "np.array([-0.0, 0.0])",
    "np.array([1.000000001, 2.])",
    "np.array([0.125, 0.375, 1e-9])",
    "np.array([123456789.123, -5e-5])",
    "np.array([5e-324, 1.7976931348623157e308])",
    "np.array([[1.5, -2.25], [100., 0.]])",
    "np.linspace(0, 1, 12)",
    "np.linspace(-1e5, 1e5, 7)",
    "np.arange(1001)",
    "np.arange(2000, dtype=np.float32)",
    "np.arange(12, dtype=np.float32)",
    "np.arange(16).reshape(2, 2, 2, 2)",
    "np.arange(24).reshape(2, 3, 4)",
    "np.arange(30, dtype=np.float64).reshape(5, 6) / 7",
    "np.array([[1, 2, 3]] * 400)",
    "np.arange(3000).reshape(10, 300)",
    "np.arange(3000).reshape(300, 10)",
    "np.arange(2000).reshape(10, 10, 20)",
    "np.arange(1100.).reshape(11, 100)",
    "np.arange(100)",
    "np.arange(100) * 1000003",
    "np.array([0.1, 16777217., 1e-3], np.float32)",
    "np.array([0.1], np.float32)",
    "np.array([1e7, 1.], np.float32)",
    "np.array([1e6, 1.], np.float32)",
    "np.array([1e-4], np.float32)",
    "np.array([0.1, 0.2, 0.3], np.float16)",
    "np.array([999., 1.], np.float16)",
    "np.array([1000., 1.], np.float16)",
    "np.array([65504., -6e-8, np.nan], np.float16)",
    "np.array([1+2j, 3-4.5j])",
    "np.array([1+1j, complex(np.nan, np.inf)])",
    "np.array([1e20j, 1.5 + 0j, -0.0 - 0.0j])",
    "np.array([0.1+0.2j, 1e-5j], np.complex64)",
    "np.array([complex(np.nan, -np.inf), 2])",
    "np.array([True, False, True])",
    "np.array([[True], [False]])",
    "np.array([-128, 127, 0], np.int8)",
    "np.array([0, 255], np.uint8)",
    "np.array([-32768, 7], np.int16)",
    "np.array([1, 2], np.int32)",
    "np.array([0, 4294967295], np.uint32)",
    "np.array([2**64 - 1, 0], np.uint64)",
    "np.array([-2**63, 2**63 - 1])",
    "np.array([1, 2], np.uint16)",
    "np.array(5)",
    "np.array(3.)",
    "np.array(5, np.int8)",
    "np.array(True)",
    "np.array(False)",
    "np.array(1+2j)",
    "np.array(np.nan, np.float32)",
    "np.array(0.1, np.float32)",
    "np.array(0.123456789123)",
    "np.array(1e20)",
    "np.array(-0.0)",
    "np.array(np.inf)",
    "np.array(1.5, np.float16)",
    "np.zeros((0, 3))",
    "np.zeros(0)",
    "np.zeros(0, np.int64)",
    "np.zeros(0, bool)",
    "np.zeros((2, 0), np.int8)",
    "np.zeros((3, 0, 2), np.complex64)",
    "np.zeros(0, np.float32)",
    "np.arange(40, dtype=np.int8).reshape(2, 20)",
    "np.arange(60, dtype=np.uint16)",
    "np.ones((3, 30), np.float32) / 3",
    "np.arange(1500, dtype=np.complex128)",
    "np.resize(np.array([1.5 - 1j, 1e-3j]), 1500)",
    "np.resize(np.array([True, False]), 1500)",
]

# seeded random data: mixed magnitudes, signs and widths
RNG = np.random.default_rng(2024)
ARRAYS += [
    "RNG.standard_normal(7) * 10.0 ** RNG.integers(-6, 9, 7)",
    "RNG.standard_normal((3, 4))",
    "(RNG.standard_normal((2, 3, 9)) * 1e3).astype(np.float32)",
    "RNG.standard_normal(9).astype(np.float16)",
    "(RNG.standard_normal(6) * 1e-3).astype(np.float16)",
    "RNG.standard_normal(5) + 1j * RNG.standard_normal(5) * 1e5",
    "(RNG.standard_normal(4) + 1j * RNG.standard_normal(4)).astype(np.complex64)",
    "RNG.integers(-10**12, 10**12, (4, 5))",
    "RNG.integers(0, 2**64 - 1, 3, dtype=np.uint64)",
    "RNG.random(30)",
    "np.round(RNG.random(10) * 100, 2)",
]

# (array expression, print options)
WITH_OPTIONS = [
    ("np.array([1.5, 2., -0.25])", dict(sign="+")),
    ("np.array([1.5, 2.])", dict(sign=" ")),
    ("np.array([1, 2])", dict(sign=" ")),
    ("np.array([-1, 2])", dict(sign=" ")),
    ("np.array([1, 2])", dict(sign="+")),
    ("np.array([np.inf, 2.])", dict(sign=" ")),
    ("np.array([np.nan, 1.5, -np.inf])", dict(nanstr="NaN", infstr="Inf", sign="+")),
    ("np.array([np.nan, 1.5])", dict(nanstr="not-a-number")),
    ("np.array([0.1, 0.123456789])", dict(precision=3)),
    ("np.array([1.5, 2.25, 3.])", dict(floatmode="fixed")),
    ("np.array([1.5, 2.25, 3.])", dict(floatmode="maxprec_equal")),
    ("np.array([0.1, 0.123456789123])", dict(floatmode="unique")),
    ("np.array([1e-10, 1., 1000.])", dict(suppress=True)),
    ("np.array([1e-10, 1., 1e10])", dict(suppress=True)),
    ("np.array([1., 1001.])", dict(floatmode="fixed")),
    ("np.array([1., 1001.5])", dict(floatmode="unique")),
    ("np.arange(20)", dict(threshold=10)),
    ("np.arange(20)", dict(threshold=10, edgeitems=1)),
    ("np.arange(100).reshape(10, 10)", dict(threshold=10, edgeitems=2)),
    ("np.arange(30)", dict(linewidth=20)),
    ("np.arange(30, dtype=np.int8)", dict(linewidth=20)),
    ("np.arange(2000, dtype=np.float32)", dict(legacy="1.25")),
    ("np.array([1e7, 1.], np.float32)", dict(legacy="1.25")),
    ("np.array([1e-9 + 1j, 1])", dict(precision=2)),
    ("np.array([99999992., 3.5], np.float32)", dict(legacy="2.2")),
    ("np.array([0.1, 0.25, 6e-8], np.float16)", dict(floatmode="maxprec_equal", suppress=True)),
    ("np.array([1e20, 1.])", dict(suppress=True)),
    ("np.array([0.1, 0.2], np.float32)", dict(floatmode="fixed", precision=10)),
    ("np.arange(2000)", dict(legacy="1.25")),
    ("np.array([np.nan, 2.5])", dict(floatmode="fixed")),
    ("np.arange(1200.).reshape(4, 3, 100) / 3", dict()),
    ("np.arange(10, dtype=np.int8)", dict(linewidth=36)),
    ("np.arange(11, dtype=np.int8)", dict(linewidth=36)),
    ("np.array([-5, 3, 120])", dict(sign="+")),
    ("np.array(5)", dict(threshold=0)),
    ("np.array(1.5, np.complex64)", dict()),
    ("np.array(2.5)", dict(sign="+")),
    ("np.array([0j, 1e-20j])", dict()),
    ("np.array([np.nan, 1.])", dict(nanstr="a-very-long-nan")),
    ("np.arange(10)", dict(threshold=5, edgeitems=0)),
    ("np.array([1.5, 1000.25, 7.])", dict(threshold=2, edgeitems=0)),
    ("np.arange(12).reshape(3, 4)", dict(threshold=5, edgeitems=1)),
    ("np.array([[1e-5, 1.], [np.inf, -2.]])", dict(sign=" ")),
]

SCALARS = [
    "np.float64(1.5)", "np.float64(1e20)", "np.float64(1e16)", "np.float64(1e15)",
    "np.float64(1e-4)", "np.float64(1e-5)", "np.float64(0.0)", "np.float64(-0.0)",
    "np.float64(np.nan)", "np.float64(-np.inf)", "np.float64(123456789.123)",
    "np.float64(1.2345678901234567e-7)", "np.float64(5e-324)", "np.float64(1.7976931348623157e308)",
    "np.float64(1/3)", "np.float32(0.1)", "np.float32(1e20)", "np.float32(16777217)",
    "np.float32(999999)", "np.float32(1e6)", "np.float32(1e-4)", "np.float32(1/3)",
    "np.float16(0.1)", "np.float16(65504)", "np.float16(1e-5)", "np.float16(999)",
    "np.float16(1000)", "np.float16(1/3)", "np.complex128(1+2j)",
    "np.complex128(complex(np.nan, -np.inf))", "np.complex128(1.5e20-0j)",
    "np.complex64(0.1+0.2j)", "np.complex128(0)", "np.complex128(complex(-0.0, -0.0))",
    "np.complex128(1j)", "np.complex128(complex(-0.0, 1))", "np.complex128(1e15+1j)",
    "np.complex64(1e15+1j)", "np.complex128(1.5-2.5j)", "np.True_", "np.False_",
    "np.uint8(44)", "np.int8(-128)", "np.uint64(2**64-1)", "np.int64(3)", "np.int16(-7)",
    "np.uint32(7)", "np.int32(-2**31)", "np.uint16(65535)",
]

RUST_TYPES = {
    "bool": "bool", "int8": "i8", "int16": "i16", "int32": "i32", "int64": "i64",
    "uint8": "u8", "uint16": "u16", "uint32": "u32", "uint64": "u64",
    "float16": "f16", "float32": "f32", "float64": "f64",
    "complex64": "c64", "complex128": "c128",
}


def real_lit(x, ty):
    """A Rust expression for float `x` of Rust type `ty` (f16, f32 or f64)."""
    x = float(x)
    if math.isnan(x):
        text = "f64::NAN"
    elif math.isinf(x):
        text = "f64::INFINITY" if x > 0 else "f64::NEG_INFINITY"
    else:
        text = repr(x).replace("e+", "e")
        if "." not in text and "e" not in text and "inf" not in text:
            text += ".0"
    if ty == "f32" and math.isfinite(x):
        # float32's own shortest digits: what Rust reads back to the same f32
        short = np.format_float_scientific(np.float32(x), unique=True, trim="-")
        return short.replace("e+", "e") + "_f32"
    return f"f16::from_f64({text})" if ty == "f16" else f"({text}) as {ty}" if ty == "f32" else text


def value_lit(x, name):
    ty = RUST_TYPES[name]
    if name == "bool":
        return "true" if x else "false"
    if name.startswith("complex"):
        part = "f32" if name == "complex64" else "f64"
        return f"{ty}::new({real_lit(x.real, part)}, {real_lit(x.imag, part)})"
    if name.startswith("float"):
        return real_lit(x, ty)
    return f"{int(x)}_{ty}"


def array_lit(a):
    name = a.dtype.name
    shape = ", ".join(str(d) for d in a.shape)
    # -0.0 equals 0.0, so signs are checked separately before calling it an arange
    plain = a.dtype.kind not in "fc" or not (np.signbit(a.real).any() or np.signbit(a.imag).any())
    if a.size > 0 and plain and np.array_equal(a, np.arange(a.size).astype(a.dtype).reshape(a.shape)):
        return f"arange({a.size}, DType::{dtype_variant(name)}, &[{shape}])"
    ty = RUST_TYPES[name]
    flat = a.reshape(-1)
    period = next((k for k in range(1, a.size // 4 + 1)
                   if np.array_equal(flat, np.resize(flat[:k], a.size), equal_nan=True)), None)
    if period is not None:
        m = period
        # arrays repeating a short pattern are built by cycling it
        items = ", ".join(value_lit(x, name) for x in flat[:m])
        return f"cycle::<{ty}>(vec![{items}], &[{shape}])"
    items = ", ".join(value_lit(x, name) for x in flat)
    return f"arr::<{ty}>(vec![{items}], &[{shape}])"


def dtype_variant(name):
    return {"bool": "Bool", "int8": "Int8", "int16": "Int16", "int32": "Int32", "int64": "Int64",
            "uint8": "UInt8", "uint16": "UInt16", "uint32": "UInt32", "uint64": "UInt64",
            "float16": "Float16", "float32": "Float32", "float64": "Float64",
            "complex64": "Complex64", "complex128": "Complex128"}[name]


def options_lit(opts):
    fields = []
    for k, v in opts.items():
        if k == "sign":
            fields.append(f"sign: Sign::from_char({v!r}).unwrap()".replace('"', "'"))
        elif k in ("nanstr", "infstr"):
            fields.append(f"{k}: {rust_str(v)}.into()")
        elif k == "floatmode":
            fields.append(f"floatmode: FloatMode::parse({rust_str(v)}).unwrap()")
        elif k == "legacy":
            fields.append(f"legacy: Some({rust_str(v)}.into())")
        elif k == "suppress":
            fields.append(f"suppress: {str(v).lower()}")
        else:
            fields.append(f"{k}: {v}")
    if not fields:
        return "PrintOptions::default()"
    return "PrintOptions { " + ", ".join(fields) + ", ..PrintOptions::default() }"


def rust_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main():
    out = ["//! Generated by tools/gen_print_tests.py from NumPy " + np.__version__ + "; do not edit.",
           "//! Each row: what builds the value, its `repr`, its `str`.", "",
           "use super::*;", ""]
    out.append("pub(super) fn array_cases() -> Vec<(&'static str, NdArray, PrintOptions, &'static str, &'static str)> {")
    out.append("    vec![")
    cases = [(e, {}) for e in ARRAYS] + WITH_OPTIONS
    for expr, opts in cases:
        a = eval(expr)
        with np.printoptions(**opts):
            r, s = repr(a), str(a)
        label = expr + (f" {opts}" if opts else "")
        out.append(f"        ({rust_str(label)}, {array_lit(a)}, {options_lit(opts)},")
        out.append(f"         {rust_str(r)},")
        out.append(f"         {rust_str(s)}),")
    out.append("    ]")
    out.append("}")
    out.append("")
    out.append("pub(super) fn scalar_cases() -> Vec<(&'static str, Scalar, &'static str, &'static str, &'static str)> {")
    out.append("    vec![")
    for expr in SCALARS:
        x = eval(expr)
        with np.printoptions(legacy="1.25"):
            legacy = repr(x)
        ctor = f"Scalar::{dtype_variant(x.dtype.name)}({value_lit(x, x.dtype.name)})"
        out.append(f"        ({rust_str(expr)}, {ctor}, {rust_str(repr(x))}, {rust_str(str(x))}, {rust_str(legacy)}),")
    out.append("    ]")
    out.append("}")
    path = pathlib.Path(__file__).resolve().parent.parent / "crates/numoxide/src/print/oracle_cases.rs"
    path.write_text("\n".join(out) + "\n")


main()
