"""Writes crates/numoxide/src/reduce/oracle_cases.rs: expected reduction results from NumPy.

Run with NumPy 2.4.6 (/work/main/.venv/bin/python tools/gen_reduce_tests.py). Inputs come from
a splitmix64 stream that the Rust tests reproduce; each case records the result's dtype,
shape, an FNV-1a hash of its bytes in C order, and the RuntimeWarnings NumPy raised.
"""

import itertools
import pathlib
import warnings

import numpy as np

GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def stream(seed, n):
    with np.errstate(over="ignore"):
        x = np.uint64(seed) + GOLDEN * np.arange(1, n + 1, dtype=np.uint64)
        z = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def data(kind, seed, shape, dtype):
    n = int(np.prod(shape))
    z = stream(seed, n)
    if kind in ("float", "nan"):
        u = (z >> np.uint64(11)).astype(np.float64) * 2.0**-53 - 0.5
        v = u * np.exp2((z & np.uint64(15)).astype(np.int64) - 4)
        if kind == "nan":
            v[(z >> np.uint64(4)) % np.uint64(97) == 0] = np.nan
    elif kind == "int":
        v = (z % np.uint64(201)).astype(np.int64) - 100
    else:
        v = (z & np.uint64(1)).astype(np.int64)
    if np.dtype(dtype).kind == "c":
        w = (z >> np.uint64(7)).astype(np.float64) * 2.0**-57 - 0.5
        return (v + 1j * w).astype(dtype).reshape(shape)
    return v.astype(dtype).reshape(shape)


def view(a, v):
    if v == "t":
        return a.T
    if v == "s":
        return a[..., ::2]
    if v == "r":
        return a[::-1]
    return a


def fnv(b):
    h = 0xCBF29CE484222325
    for byte in b:
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def fnv_fast(b):
    # FNV-1a is sequential; numpy cannot vectorize it, but bytes are short enough here.
    return fnv(b)


CASES = []


def case(op, dtype, kind, seed, shape, v, axis=None, keepdims=False, ddof=0, arg_dtype=None):
    a = view(data(kind, seed, shape, dtype), v)
    kw = {}
    if op in ("sum", "prod", "mean", "cumsum", "cumprod") and arg_dtype:
        kw["dtype"] = arg_dtype
    if op in ("var", "std"):
        kw["ddof"] = ddof
    if op not in ("cumsum", "cumprod"):
        kw["keepdims"] = keepdims
    f = {"max": np.max, "min": np.min}.get(op) or getattr(np, op)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        r = np.asarray(f(a, axis=axis, **kw))
    msgs = [str(x.message) for x in w]
    CASES.append((op, np.dtype(dtype).name, kind, seed, shape, v, axis, keepdims, ddof, arg_dtype,
                  r.dtype.name, r.shape, fnv_fast(np.ascontiguousarray(r).tobytes()), msgs))


def subsets(ndim):
    yield None
    for k in range(1, ndim + 1):
        yield from itertools.combinations(range(ndim), k)


seed = 1
LENGTHS = [7, 8, 9, 127, 128, 129, 1000, 8191, 8193, 100001]
for dt in ("float32", "float64"):
    for n in LENGTHS:
        for v in "csr":
            seed += 1
            case("sum", dt, "float", seed, (n,), v)
    for shape in [(3, 129), (129, 3), (1000, 9), (64, 300), (5, 7, 129), (4, 33, 17)]:
        for v in "ctsr" if len(shape) == 2 else "cts":
            for ax in subsets(len(shape)):
                seed += 1
                case("sum", dt, "float", seed, shape, v, ax)
for dt in ("float16", "complex64", "complex128", "int8", "uint8", "bool", "int64"):
    kind = "bool" if dt == "bool" else "int" if dt[0] in "iu" else "float"
    for shape in [(9,), (129,), (100001,), (3, 129), (129, 3), (5, 7, 129)]:
        for v in "ct":
            for ax in subsets(len(shape)):
                seed += 1
                case("sum", dt, kind, seed, shape, v, ax)
for dt, to in [("int16", "float64"), ("float32", "float64"), ("int64", "float32"), ("float64", "float32")]:
    kind = "int" if dt[0] == "i" else "float"
    for shape in [(100001,), (3, 20000), (20000, 3), (300, 100)]:
        for v in "cst":
            for ax in subsets(len(shape)):
                seed += 1
                case("sum", dt, kind, seed, shape, v, ax, arg_dtype=to)
for dt in ("float16", "float32", "float64", "complex128", "int8", "int64", "bool"):
    kind = "bool" if dt == "bool" else "int" if dt[0] in "iu" else "float"
    for shape in [(5,), (40,), (3, 7), (2, 3, 4)]:
        for ax in subsets(len(shape)):
            seed += 1
            case("prod", dt, kind, seed, shape, "c", ax)
for op in ("max", "min", "argmax", "argmin"):
    for dt in ("float16", "float64", "int16", "bool", "complex128"):
        kind = "bool" if dt == "bool" else "int" if dt[0] in "iu" else "float"
        for k in (kind, "nan") if kind == "float" else (kind,):
            for shape in [(1,), (9,), (1000,), (300001,), (3, 129), (4, 5, 6)]:
                for v in "ct":
                    axes = [None] + list(range(len(shape))) if op.startswith("arg") else subsets(len(shape))
                    for ax in axes:
                        seed += 1
                        case(op, dt, k, seed, shape, v, ax, keepdims=seed % 3 == 0)
for op in ("any", "all"):
    for dt, kind in [("bool", "bool"), ("int8", "int"), ("float64", "nan"), ("complex64", "int")]:
        for shape in [(0,), (9,), (1000,), (200001,), (3, 129), (0, 3), (4, 5, 6)]:
            for ax in subsets(len(shape)):
                seed += 1
                case(op, dt, kind, seed, shape, "c", ax, keepdims=seed % 2 == 0)
for op in ("mean", "var", "std"):
    for dt in ("float16", "float32", "float64", "complex64", "int64", "bool"):
        kind = "bool" if dt == "bool" else "int" if dt[0] in "iu" else "float"
        for shape in [(0,), (1,), (9,), (1000,), (100001,), (3, 20000), (20000, 3), (0, 3), (5, 7, 9)]:
            for v in ("cs" if len(shape) < 3 else "t"):
                for ax in subsets(len(shape)):
                    for ddof in ((0,) if op == "mean" else (1,) if shape[0] else (0, 1)):
                        seed += 1
                        case(op, dt, kind, seed, shape, v, ax, keepdims=seed % 4 == 0, ddof=ddof)
for op in ("cumsum", "cumprod"):
    for dt in ("float16", "float32", "float64", "complex128", "int8", "uint16", "bool"):
        kind = "bool" if dt == "bool" else "int" if dt[0] in "iu" else "float"
        for shape in [(0,), (9,), (1000,), (3, 129), (4, 5, 6)]:
            for v in "ct":
                for ax in [None] + list(range(len(shape))):
                    seed += 1
                    case(op, dt, kind, seed, shape, v, ax)
for dt in ("float16", "float32", "float64", "int32", "uint8", "bool"):
    kind = "bool" if dt == "bool" else "int" if dt[0] in "iu" else "float"
    for k in (kind, "nan") if kind == "float" else (kind,):
        for shape in [(0,), (1,), (8,), (9,), (1000,), (3, 129), (4, 5, 6)]:
            for v in "ct":
                for ax in subsets(len(shape)):
                    seed += 1
                    case("median", dt, k, seed, shape, v, ax, keepdims=seed % 3 == 0)


def rs_axis(ax):
    if ax is None:
        return "None"
    ax = (ax,) if isinstance(ax, int) else ax
    return "Some(&[" + ", ".join(map(str, ax)) + "])"


def rs_strs(xs):
    return "&[" + ", ".join('"%s"' % x for x in xs) + "]"


lines = [
    "//! Generated by tools/gen_reduce_tests.py from NumPy %s; do not edit." % np.__version__,
    "//! Each row: op, dtype, data kind, seed, shape, view, axis, keepdims, ddof, dtype argument,",
    "//! then NumPy's result dtype, shape, FNV-1a hash of its C-order bytes, and warnings.",
    "",
    "use super::tests::Case;",
    "",
    "pub(super) const CASES: &[Case] = &[",
]
for (op, dt, kind, sd, shape, v, ax, kd, ddof, argdt, rdt, rshape, h, msgs) in CASES:
    lines.append(
        '    Case("%s", "%s", "%s", %d, &%s, \'%s\', %s, %s, %d, %s, "%s", &%s, 0x%016x, %s),'
        % (op, dt, kind, sd, list(shape), v, rs_axis(ax), str(kd).lower(), ddof,
           'Some("%s")' % argdt if argdt else "None", rdt, list(rshape), h, rs_strs(msgs)))
lines.append("];")
out = pathlib.Path(__file__).resolve().parent.parent / "crates/numoxide/src/reduce/oracle_cases.rs"
out.write_text("\n".join(lines) + "\n")
print(len(CASES), "cases")
