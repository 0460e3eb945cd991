"""Indexing and assignment against NumPy: views, gathers, errors."""

import sys

import numoxide
import numpy
import pytest
from conftest import assert_same, same_exception
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from strategies import basic_index

int_arrays = hnp.arrays("int64", hnp.array_shapes(min_dims=1, max_dims=4, min_side=1, max_side=5),
                        elements=st.integers(-100, 100))


@given(int_arrays.flatmap(lambda a: st.tuples(st.just(a), basic_index(a.shape))))
def test_basic_indexing_is_a_view_with_numpys_values(case):
    a, key = case
    x = numoxide.array(a)
    ours, theirs = x[key], a[key]
    assert_same(ours, theirs)
    if isinstance(theirs, numpy.ndarray) and theirs.size:
        assert numoxide.shares_memory(ours, x)
        ours[...] = -7
        theirs[...] = -7
        assert_same(x, a)


@given(int_arrays.flatmap(lambda a: st.tuples(st.just(a), basic_index(a.shape))))
def test_basic_assignment_broadcasts(case):
    a, key = case
    x = numoxide.array(a)
    x[key] = 5
    a[key] = 5
    assert_same(x, a)


@pytest.mark.parametrize("key", [
    ([0, 1], [1, 2]), ([[0], [1]], [1, 2]), (slice(None), [0, 2]), [1, 0], [[0, 1]],
    ([True, False],), (numpy.array([True, False]),), (Ellipsis, [2, 0]), (0, [1, 2]),
    ([1, 1, 0],), ([-1, 0],), ([],), (slice(None), slice(None), [0]),
])
def test_advanced_indexing_matches_numpy(key):
    a = numpy.arange(24).reshape(2, 3, 4) if len(key) == 3 else numpy.arange(6).reshape(2, 3)
    x = numoxide.array(a)
    if isinstance(key, list):
        nx_key = key
    else:
        nx_key = tuple(numoxide.array(k) if isinstance(k, numpy.ndarray) else k for k in key)
    assert_same(x[nx_key], a[key])


def test_advanced_dimension_placement():
    b, y = numpy.arange(24).reshape(2, 3, 4), numoxide.array(numpy.arange(24).reshape(2, 3, 4))
    for key in [(slice(None), [0, 1], [1, 2]), ([0, 1], slice(None), [1, 2]), (0, slice(None), [1, 2])]:
        assert_same(y[key], b[key])


def test_gathers_are_copies_and_fancy_assignment_writes_through():
    a = numoxide.array(numpy.arange(6))
    c = a[[1, 2, 3]]
    c[0] = 99
    assert a.tolist() == [0, 1, 2, 3, 4, 5]
    a[[1, 2]] = 0
    a[a > 3] = -1
    assert a.tolist() == [0, 0, 0, 3, -1, -1]


@pytest.mark.parametrize("expr", [
    lambda m: m.array([0, 1, 2, 3, 4, 5])[6],
    lambda m: m.array([0, 1, 2, 3, 4, 5])[1, 2],
    lambda m: m.array([0, 1, 2, 3, 4, 5])[[True, False]],
    lambda m: m.array([0, 1, 2, 3, 4, 5])[1.0],
    lambda m: m.array([0, 1, 2, 3, 4, 5])[m.array([1.0])],
    lambda m: m.array([0, 1, 2])[::0],
    lambda m: m.zeros((2, 3)).__setitem__(slice(None), m.ones(4)),
])
def test_index_errors_match_numpy(expr):
    same_exception(lambda: expr(numoxide), lambda: expr(numpy))


def test_item_assignment_casting_rules():
    for value in (300, -1):
        same_exception(lambda v=value: numoxide.array([1, 2], numoxide.uint8).__setitem__(0, v),
                       lambda v=value: numpy.array([1, 2], numpy.uint8).__setitem__(0, v))
    same_exception(lambda: numoxide.array([1, 2]).__setitem__(0, numpy.nan),
                   lambda: numpy.array([1, 2]).__setitem__(0, numpy.nan))
    same_exception(lambda: numoxide.array([1.0, 2.0]).__setitem__(0, 1 + 2j),
                   lambda: numpy.array([1.0, 2.0]).__setitem__(0, 1 + 2j))
    a = numoxide.array([1, 2])
    a[0] = 1.7
    assert a.tolist() == [1, 2]
    b = numoxide.array([1, 2], numoxide.uint8)
    b[:] = numoxide.array([300, -1])
    assert_same(b, numpy.array([44, 255], numpy.uint8))


def test_scalar_and_zero_d_results():
    a = numoxide.array([[0, 1, 2], [3, 4, 5]])
    assert type(a[0, 1]) is numoxide.int64 and a[0, 1] == 1
    z = numoxide.array(5.0)
    assert type(z[()]) is numoxide.float64
    assert isinstance(z[...], numoxide.ndarray)
    assert a[None].shape == (1, 2, 3) and a[:, None, :].shape == (2, 1, 3)


@pytest.mark.parametrize("bounds", [
    (None, None, sys.maxsize), (None, None, -sys.maxsize), (-sys.maxsize, sys.maxsize, 3),
    (sys.maxsize, None, -2), (2**100, -(2**100), -1), ("int64", "int8", None),
])
def test_extreme_slice_bounds(bounds):
    def key(m):
        return slice(*(getattr(m, b)(i + 1) if isinstance(b, str) else b for i, b in enumerate(bounds)))
    assert_same(numoxide.arange(10)[key(numoxide)], numpy.arange(10)[key(numpy)])


@pytest.mark.parametrize("key", [slice(None, None, 0), slice(1.5, None)])
def test_bad_slices(key):
    same_exception(lambda: numoxide.arange(10)[key], lambda: numpy.arange(10)[key])
