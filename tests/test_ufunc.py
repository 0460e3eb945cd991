"""Elementwise arithmetic, comparisons and math functions against NumPy."""

import warnings

import numoxide
import numpy
import pytest
from conftest import assert_same, same_exception, to_numpy
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from strategies import NUMERIC, arrays

BINARY = ["add", "subtract", "multiply", "divide", "floor_divide", "remainder", "power",
          "maximum", "minimum", "equal", "not_equal", "less", "less_equal", "greater",
          "greater_equal", "bitwise_and", "bitwise_or", "bitwise_xor", "left_shift",
          "right_shift", "logical_and", "logical_or", "logical_xor"]
EXACT_UNARY = ["negative", "positive", "absolute", "square", "sqrt", "floor", "ceil", "trunc",
               "rint", "sign", "invert", "logical_not", "isnan", "isinf", "isfinite", "signbit"]
# Transcendental functions: libm's results; NumPy's own SIMD float32 versions may differ by
# an ulp, so these compare within a few ulps.
INEXACT_UNARY = ["exp", "log", "log10", "log2", "sin", "cos", "tan", "exp2", "expm1", "log1p",
                 "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "cbrt"]


def run_both(fn):
    """fn(module) on both libraries; (ours, theirs) or the matching exceptions."""
    with warnings.catch_warnings(record=True) as w_theirs:
        warnings.simplefilter("always")
        try:
            theirs = fn(numpy)
        except Exception as e:  # noqa: BLE001 - any NumPy error must be ours too
            with pytest.raises(Exception) as ours:
                fn(numoxide)
            assert type(ours.value).__name__ == type(e).__name__, (ours.value, e)
            assert str(ours.value) == str(e)
            return None
    with warnings.catch_warnings(record=True) as w_ours:
        warnings.simplefilter("always")
        ours = fn(numoxide)
    messages = lambda ws: sorted({str(w.message) for w in ws if w.category is RuntimeWarning})
    assert messages(w_ours) == messages(w_theirs)
    return ours, theirs


def pair(a):
    return numoxide.array(a)


@settings(max_examples=300)
@given(st.sampled_from(BINARY), arrays(shape=st.sampled_from([(3,), (2, 3), (1, 3), ()])),
       arrays(shape=st.sampled_from([(3,), (2, 1), ()])))
def test_binary_ufuncs_match_numpy(name, a, b):
    if name == "power":
        # Complex powers (npy_cpow's special cases) are not matched yet; see the issue notes.
        assume(a.dtype.kind != "c" and b.dtype.kind != "c")
    x, y = pair(a), pair(b)
    result = run_both(lambda m: getattr(m, name)(x if m is numoxide else a, y if m is numoxide else b))
    if result:
        ours, theirs = result
        if name == "power" and theirs.dtype.kind == "f":
            # NumPy's float power loop is not libm's pow: it can differ by one ulp.
            assert str(ours.dtype) == str(theirs.dtype)
            numpy.testing.assert_array_max_ulp(to_numpy(ours), theirs, maxulp=1)
        else:
            assert_same(ours, theirs)


@settings(max_examples=300)
@given(st.sampled_from(EXACT_UNARY), arrays())
def test_exact_unary_ufuncs_match_numpy(name, a):
    # Complex sign's single-precision rounding and infinities are not matched yet (issue note).
    assume(not (name == "sign" and a.dtype.kind == "c"))
    x = pair(a)
    result = run_both(lambda m: getattr(m, name)(x if m is numoxide else a))
    if result:
        assert_same(*result)


@given(st.sampled_from(INEXACT_UNARY), arrays(dtype=st.sampled_from(["float64", "int64", "int8", "uint16"])))
def test_float_functions_match_numpy_dtype_and_values(name, a):
    x = pair(a)
    result = run_both(lambda m: getattr(m, name)(x if m is numoxide else a))
    if result:
        ours, theirs = result
        assert str(ours.dtype) == str(theirs.dtype) and ours.shape == theirs.shape
        # NumPy's float32 transcendentals are its own SIMD code, ours libm's: up to 2 ulp apart.
        numpy.testing.assert_array_max_ulp(to_numpy(ours), theirs, maxulp=2)


@pytest.mark.parametrize("dtype", NUMERIC)
@pytest.mark.parametrize("value", [True, 1, 1.0, 1j, -1, 300])
def test_weak_python_scalars_nep50(dtype, value):
    result = run_both(lambda m: (m.ones(2, dtype) + value))
    if result:
        assert_same(*result)
    result = run_both(lambda m: (value * m.ones(2, dtype)))
    if result:
        assert_same(*result)


@pytest.mark.parametrize("expr", [
    lambda m: m.array([1, 2], dtype=m.int8) + 300,
    lambda m: m.array([127], dtype=m.int8) + 1,
    lambda m: m.array([1, 2, -3]) // 0,
    lambda m: m.array([1, 2, -3]) % 0,
    lambda m: m.array([1.0, -1.0, 0.0]) / 0,
    lambda m: m.array([1.0, -1.0, 0.0]) // 0,
    lambda m: m.array([-128], m.int8) // -1,
    lambda m: m.array([1, 200], m.uint8) == -1,
    lambda m: m.array([1, 200], m.uint8) < 1000,
    lambda m: m.array([True, False]) - m.array([True, False]),
    lambda m: m.array([2]) ** -1,
    lambda m: m.array([2]) ** 63,
    lambda m: m.ones((2, 3)) + m.ones(4),
    lambda m: m.array([1, 2]) == m.array([1, 2, 3]),
    lambda m: m.log(m.array([0.0, -1.0])),
    lambda m: m.sqrt(m.array([4], m.int8)),
    lambda m: m.array([1.0], m.float32) + m.float64(3.0),
    lambda m: m.array([1], m.int8) + m.array(300),
    lambda m: -m.array([True]),
    lambda m: m.array([1, 2]) / m.array([0, 0]),
    lambda m: m.float64(1.5) + 1,
    lambda m: m.int8(3) * 2,
    lambda m: m.array(1) + m.array(2),
    lambda m: m.sqrt(m.array(4.0)),
    lambda m: m.add(1, 2),
    lambda m: m.add(m.array([1, 2]), 1.5, out=m.zeros(2)),
    lambda m: m.floor(m.array([1, 2])),
    lambda m: m.abs(m.array([-128], m.int8)),
    lambda m: ~m.array([0, 1], m.uint8),
    lambda m: m.array([1]) << 64,
])
def test_documented_cases(expr):
    result = run_both(expr)
    if result:
        assert_same(*result)


def test_in_place_operators_and_casting():
    for m in (numpy, numoxide):
        a = m.array([1, 2])
        a += 1
        a *= 3
        assert a.tolist() == [6, 9]
    same_exception(lambda: numoxide.array([1, 2]).__iadd__(1.5), lambda: numpy.array([1, 2]).__iadd__(1.5))
    a = numoxide.array([1, 2], numoxide.int8)
    a += numoxide.array([300])
    assert_same(a, numpy.array([45, 46], numpy.int8))


def test_overlapping_in_place_add_matches_numpy():
    ours, theirs = numoxide.arange(10), numpy.arange(10)
    ours[1:] += ours[:-1]
    theirs[1:] += theirs[:-1]
    assert_same(ours, theirs)
    ours[:-1] += ours[1:]
    theirs[:-1] += theirs[1:]
    assert_same(ours, theirs)


def test_out_argument_errors():
    same_exception(lambda: numoxide.add(numoxide.zeros(3), numoxide.ones((2, 3)), out=numoxide.zeros(3)),
                   lambda: numpy.add(numpy.zeros(3), numpy.ones((2, 3)), out=numpy.zeros(3)))
    same_exception(lambda: numoxide.add(numoxide.array([1, 2]), 1.5, out=numoxide.array([1, 2])),
                   lambda: numpy.add(numpy.array([1, 2]), 1.5, out=numpy.array([1, 2])))


@given(arrays(dtype=st.sampled_from(["float64", "int32"]), shape=st.sampled_from([(4, 5), (3, 4, 2)])))
def test_strided_and_transposed_operands(a):
    x = numoxide.array(a)
    assert_same(x.T + x.T, a.T + a.T)
    assert_same(x[::-1] * 2, a[::-1] * 2)
    k = a[:, 1::2].shape[1]
    assert_same(x[:, ::2][:, :k] - x[:, 1::2], a[:, ::2][:, :k] - a[:, 1::2])


@settings(max_examples=200)
@given(arrays(shape=st.sampled_from([(3,), (2, 3), ()])), arrays(shape=st.sampled_from([(3,), (2, 1), ()])))
def test_divmod_is_one_ufunc_with_two_outputs(a, b):
    x, y = pair(a), pair(b)
    for call in (lambda m, p, q: m.divmod(p, q), lambda m, p, q: divmod(p, q)):
        result = run_both(lambda m, f=call: f(m, x if m is numoxide else a, y if m is numoxide else b))
        if result:
            (q, r), (nq, nr) = result
            assert_same(q, nq)
            assert_same(r, nr)
    assert (numoxide.divmod.nin, numoxide.divmod.nout) == (numpy.divmod.nin, numpy.divmod.nout)


def test_divmod_outputs():
    a, b = numpy.array([7.0, -7.0, 5.5]), numpy.array([2.0, 2.0, -1.5])
    x, y = numoxide.array(a), numoxide.array(b)
    q, r = numoxide.zeros(3), numoxide.zeros(3)
    got = numoxide.divmod(x, y, out=(q, r))
    assert got[0] is q and got[1] is r
    assert_same(q, numpy.floor_divide(a, b))
    assert_same(r, numpy.remainder(a, b))
    # The quotient overwrites an input; the remainder still sees the original values.
    numoxide.divmod(x, y, x, None)
    assert_same(x, numpy.floor_divide(a, b))
    same_exception(lambda: numoxide.divmod(x, y, out=q), lambda: numpy.divmod(a, b, out=numpy.zeros(3)))
    same_exception(lambda: numoxide.divmod(x, y, out=(q,)), lambda: numpy.divmod(a, b, out=(numpy.zeros(3),)))
    same_exception(lambda: numoxide.divmod(1j, x), lambda: numpy.divmod(1j, a))


@given(arrays(dtype=st.sampled_from(["float64", "int16", "float32", "bool"]), shape=st.sampled_from([(5000,), (3, 7)])))
def test_in_place_operands_that_are_the_output(a):
    """Contiguous blocks read an input that is the output itself through the output."""
    for op in ("add", "multiply", "maximum", "subtract"):
        if op == "subtract" and a.dtype == bool:
            continue
        x, ours, theirs = numoxide.array(a), numoxide.array(a), a.copy()
        getattr(numoxide, op)(ours, x, out=ours)
        getattr(numpy, op)(theirs, a, out=theirs)
        assert_same(ours, theirs)
        getattr(numoxide, op)(x, ours, out=ours)
        getattr(numpy, op)(a, theirs, out=theirs)
        assert_same(ours, theirs)
        getattr(numoxide, op)(ours, ours, out=ours)
        getattr(numpy, op)(theirs, theirs, out=theirs)
        assert_same(ours, theirs)
        if a.dtype != bool:
            ours += 1
            theirs += 1
            assert_same(ours, theirs)


def test_float64_exp_kernel_across_its_range():
    # The vectorized float64 exp: within 1 ulp of NumPy's own SIMD exp over the whole range,
    # on contiguous, strided and in-place operands, with NumPy's edges and overflow warning.
    x = numpy.random.default_rng(7).uniform(-760, 720, 100_003)
    x[:8] = [0.0, -0.0, numpy.inf, -numpy.inf, numpy.nan, 709.78, 709.79, -745.2]
    for a in (x, x[::3], x[::-1]):
        result = run_both(lambda m, a=a: m.exp(a if m is numpy else numoxide.asarray(a)))
        ours, theirs = result
        numpy.testing.assert_array_max_ulp(to_numpy(ours), theirs, maxulp=1)
    inplace = numoxide.asarray(x[8:])
    # Judged on the inputs, which the results overwrite.
    with pytest.warns(RuntimeWarning, match="overflow encountered in exp"):
        numoxide.exp(inplace, out=inplace)
    with numpy.errstate(over="ignore"):
        expected = numpy.exp(x[8:])
    numpy.testing.assert_array_max_ulp(to_numpy(inplace), expected, maxulp=1)


@pytest.mark.parametrize("name", ["less", "less_equal", "greater", "greater_equal", "equal",
                                  "divide", "multiply"])
@pytest.mark.parametrize("dtype", ["complex64", "complex128"])
def test_complex_nan_parts_raise_numpys_events(name, dtype):
    # NumPy's complex loops order and divide with C's signalling comparisons: a NaN part
    # they reach is "invalid"; equality and products stay quiet.
    nan = float("nan")
    values = [1 + 1j, complex(nan, 0), complex(0, nan), complex(1, nan), complex(nan, nan), 2j]
    for x in values:
        for y in values:
            a, b = numpy.array([x], dtype=dtype), numpy.array([y], dtype=dtype)
            ours, theirs = run_both(lambda m, a=a, b=b: getattr(m, name)(
                *((pair(a), pair(b)) if m is numoxide else (a, b))))
            assert_same(ours, theirs)
