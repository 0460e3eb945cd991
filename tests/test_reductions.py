"""Reductions against NumPy: dtypes, values bit for bit, axes, errors."""

import warnings

import numoxide
import numpy
import pytest
from conftest import assert_same, same_exception
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from strategies import arrays

REDUCTIONS = ["sum", "prod", "max", "min", "mean", "std", "var", "any", "all", "median"]


def run_quiet(fn, lib):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(lib)


@settings(max_examples=300)
@given(st.sampled_from(REDUCTIONS),
       arrays(dtype=st.sampled_from(["float64", "float32", "int64", "int8", "uint16", "bool"]),
              shape=st.sampled_from([(7,), (3, 4), (2, 3, 4), (0,), (129,)]), finite=True),
       st.sampled_from([None, 0, -1, (0, -1)]), st.booleans())
def test_reductions_match_numpy(name, a, axis, keepdims):
    if isinstance(axis, tuple) and a.ndim < 2 or (axis is not None and a.ndim == 0):
        axis = None
    def call(m):
        x = a if m is numpy else numoxide.array(a)
        return getattr(m, name)(x, axis=axis, keepdims=keepdims)
    try:
        theirs = run_quiet(call, numpy)
    except Exception:  # noqa: BLE001 - any NumPy error must be ours too
        same_exception(lambda: run_quiet(call, numoxide), lambda: run_quiet(call, numpy))
        return
    assert_same(run_quiet(call, numoxide), theirs)


@given(arrays(dtype=st.sampled_from(["float64", "int32"]), shape=st.sampled_from([(5,), (3, 4)]), finite=True))
def test_arg_and_cumulative_reductions(a):
    x = numoxide.array(a)
    for name in ["argmax", "argmin", "cumsum", "cumprod"]:
        if a.size == 0 and name.startswith("arg"):
            continue
        assert_same(run_quiet(lambda m, f=name: getattr(m, f)(x if m is numoxide else a), numoxide),
                    run_quiet(lambda m, f=name: getattr(m, f)(a), numpy))


@pytest.mark.parametrize("n", [5, 8, 9, 127, 128, 129, 1000, 8193, 100001])
def test_float_sums_are_bit_identical(n):
    a = numpy.random.default_rng(n).standard_normal(n)
    x = numoxide.array(a)
    assert_same(x.sum(), a.sum())
    assert_same(x[::3].sum(), a[::3].sum())
    assert_same(x.mean(), a.mean())
    assert_same(x.std(), a.std())
    b = a[: n - n % 4].reshape(-1, 4)
    y = numoxide.array(b)
    for axis in (0, 1, None):
        assert_same(y.sum(axis=axis), b.sum(axis=axis))
        assert_same(y.T.sum(axis=axis), b.T.sum(axis=axis))


def test_reduction_errors():
    same_exception(lambda: numoxide.array([]).max(), lambda: numpy.array([]).max())
    same_exception(lambda: numoxide.array([]).argmax(), lambda: numpy.array([]).argmax())
    same_exception(lambda: numoxide.ones((2, 3)).sum(axis=2), lambda: numpy.ones((2, 3)).sum(axis=2))


def test_documented_results():
    assert repr(numoxide.array([1.0, 2.0]).sum()) == "np.float64(3.0)"
    assert_same(numoxide.var(numoxide.array([1, 2, 3, 4]), ddof=1), numpy.var(numpy.array([1, 2, 3, 4]), ddof=1))
    assert_same(numoxide.ones(2**25, numoxide.float32).sum(), numpy.ones(2**25, numpy.float32).sum())
    assert_same(numoxide.argmax(numoxide.array([1.0, numpy.nan, 3.0, numpy.nan])),
                numpy.argmax(numpy.array([1.0, numpy.nan, 3.0, numpy.nan])))


@pytest.mark.parametrize("dtype", ["float64", "float32", "int64", "uint8", "complex128"])
@pytest.mark.parametrize("n", [17, 1000, 300_001])
def test_extremes_of_long_runs_with_ties_and_nans(dtype, n):
    # Long runs are folded in independent lanes on several threads: the first extreme (and
    # the first NaN, whose complex payload shows) must still be NumPy's.
    rng = numpy.random.default_rng(n)
    base = rng.integers(0, 50, n).astype(dtype)
    if dtype == "complex128":
        base = base + 1j * rng.integers(0, 3, n)
    cases = [base]
    if base.dtype.kind in "fc":
        with_nans = base.copy()
        for k, i in enumerate(sorted(rng.choice(n, 3, replace=False))):
            with_nans[i] = complex(numpy.nan, k) if dtype == "complex128" else numpy.nan
        cases.append(with_nans)
    for a in cases:
        ours = numoxide.asarray(a)
        for name in ["max", "min", "argmax", "argmin"]:
            for x, y in [(ours, a), (ours[::-3], a[::-3])]:
                assert_same(getattr(x, name)(), getattr(y, name)())
                # The repr shows which NaN was kept (its complex part).
                assert repr(getattr(x, name)()) == repr(getattr(y, name)())


@settings(max_examples=200)
@given(st.sampled_from(["float64", "float32", "int16", "uint8", "bool", "complex128"]),
       st.sampled_from([(3, 4), (2, 3, 4), (5, 1, 6), (4, 4, 2, 3)]).flatmap(
           lambda shape: st.tuples(hnp.arrays("int8", shape, elements=st.integers(0, 2)),
                                   hnp.arrays("bool", shape))),
       st.integers(0, 3), st.sampled_from([1, -1, 2, -2]))
def test_flat_argmax_of_nd_views_is_the_first_in_c_order(dtype, values_and_nans, turn, step):
    # An n-d view is scanned in memory order; ties and NaNs still resolve to the first
    # element in C order.
    values, nans = values_and_nans
    a = values.astype(dtype)
    if a.dtype.kind in "fc":
        a[nans] = numpy.nan
    ours = numoxide.asarray(a)
    axes = list(range(a.ndim))
    axes = axes[turn % a.ndim:] + axes[:turn % a.ndim]
    views = [(ours.transpose(axes)[..., ::step], a.transpose(axes)[..., ::step]),
             (ours.T[::step], a.T[::step])]
    for x, y in views:
        for name in ["argmax", "argmin"]:
            assert_same(getattr(x, name)(), getattr(y, name)())


@pytest.mark.parametrize("dtype", ["float64", "int32"])
def test_flat_argmax_of_a_large_transposed_view(dtype):
    # Large enough to be split across threads: candidates from several runs must meet in
    # C order.
    rng = numpy.random.default_rng(7)
    a = rng.integers(0, 5, (700, 900)).astype(dtype)
    for x, y in [(numoxide.asarray(a).T, a.T), (numoxide.asarray(a)[::-1, ::2].T, a[::-1, ::2].T)]:
        for name in ["argmax", "argmin"]:
            assert_same(getattr(x, name)(), getattr(y, name)())
    if dtype == "float64":
        a[[650, 3, 400], [10, 800, 10]] = numpy.nan
        assert_same(numoxide.asarray(a).T.argmax(), a.T.argmax())
        assert_same(numoxide.asarray(a).T.argmin(), a.T.argmin())


def _with_warnings(call):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = call()
    return result, sorted((w.category.__name__, str(w.message)) for w in caught)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("values", [
    [1.0, 2.0, 4.0], ["big", "-big", 3.0], [numpy.inf, 1.0, 2.0], [numpy.nan, 1.0, 2.0],
    [numpy.nan, numpy.inf, 1.0], [numpy.inf, -numpy.inf, 1.0], ["big", 1.0, 2.0],
])
@pytest.mark.parametrize("ddof", [0, 1])
def test_var_and_std_of_whole_arrays_warn_as_numpy(dtype, values, ddof):
    # Whole contiguous float arrays skip NumPy's temporaries; the result bits and the
    # overflow/invalid warnings of its subtract and square steps must stay NumPy's.
    big = numpy.finfo(dtype).max * 0.9
    values = [{"big": big, "-big": -big}.get(v, v) for v in values]
    a = numpy.array(values * 3, dtype=dtype).reshape(3, 3)
    for name in ["var", "std"]:
        ours, ours_warnings = _with_warnings(lambda f=name: getattr(numoxide.asarray(a), f)(ddof=ddof))
        theirs, their_warnings = _with_warnings(lambda f=name: getattr(a, f)(ddof=ddof))
        assert_same(ours, theirs)
        assert ours_warnings == their_warnings


@pytest.mark.parametrize("n", [7, 129, 1000, 100_003, 1_000_001])
def test_float32_var_of_whole_arrays_is_bit_identical(n):
    a = numpy.random.default_rng(n).standard_normal(n).astype("float32") * 1000
    x = numoxide.asarray(a)
    assert_same(x.var(), a.var())
    assert_same(x.std(ddof=1), a.std(ddof=1))
    assert_same(x.reshape(-1, 1).var(), a.reshape(-1, 1).var())


@pytest.mark.parametrize("dtype", ["float64", "float32", "complex128"])
@pytest.mark.parametrize("values", [
    ["big", "big", "-big", 1.0], [numpy.inf, -numpy.inf, 2.0, 1.0], [numpy.nan, numpy.inf, -numpy.inf, 1.0],
    [0.0, numpy.inf, 1.0, 2.0], ["big", 1.0, 2.0, 3.0], [1.0, 2.0, 3.0, 4.0],
])
@pytest.mark.parametrize("shape", [(4,), (4, 1), (2, 2), (4, 300)])
def test_sum_and_prod_warn_of_overflow_and_invalid_steps_as_numpy(dtype, values, shape):
    # NumPy warns "... encountered in reduce" when an addition or product overflows or makes
    # a NaN; which steps do depends on its exact order (pairwise splits included).
    big = numpy.finfo(dtype).max * 0.75
    values = [{"big": big, "-big": -big}.get(v, v) for v in values]
    flat = numpy.resize(numpy.array(values, dtype=dtype), numpy.prod(shape))
    # Transposed, so that memory order (NumPy's summation order) differs from C order.
    a, x = flat.reshape(shape[::-1]).T, numoxide.asarray(flat.reshape(shape[::-1])).T
    for name in ["sum", "prod", "mean"]:
        for axis in [None, 0, -1]:
            ours, ours_warnings = _with_warnings(lambda f=name, ax=axis: getattr(x, f)(axis=ax))
            theirs, their_warnings = _with_warnings(lambda f=name, ax=axis: getattr(a, f)(axis=ax))
            assert_same(ours, theirs)
            assert ours_warnings == their_warnings, (name, axis)
