"""Pickling, copying and raw bytes, against NumPy: what comes back is what went in."""

import copy
import pickle

import numoxide
import numpy
import pytest
from conftest import assert_same
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import DTYPES, arrays, basic_index

# Each layout: how a view is taken from the drawn array (same code for both libraries).
LAYOUTS = {
    "as is": lambda a: a,
    "transposed": lambda a: a.T,
    "reversed": lambda a: a[::-1] if a.ndim else a,
    "every other": lambda a: a[..., ::2] if a.ndim else a,
}


def flags(a):
    return (a.flags["C_CONTIGUOUS"], a.flags["F_CONTIGUOUS"])


@settings(max_examples=150)
@given(arrays(), st.sampled_from(sorted(LAYOUTS)))
def test_arrays_survive_pickling_with_numpys_memory_order(data, layout):
    view = LAYOUTS[layout]
    ours, theirs = view(numoxide.array(data)), view(data)
    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        back = pickle.loads(pickle.dumps(ours, protocol=protocol))
        expected = pickle.loads(pickle.dumps(theirs, protocol=protocol))
        assert_same(back, expected)
        assert flags(back) == flags(expected)
        assert back.flags["OWNDATA"] and back.flags["WRITEABLE"]


@settings(max_examples=150)
@given(arrays(), st.sampled_from(sorted(LAYOUTS)), st.sampled_from("CFAK"))
def test_tobytes_gives_numpys_bytes(data, layout, order):
    view = LAYOUTS[layout]
    assert view(numoxide.array(data)).tobytes(order) == view(data).tobytes(order)


@given(arrays(shape=st.just((3, 4))), st.data())
def test_copy_copy_keeps_the_memory_order(data, draw):
    index = draw.draw(basic_index((3, 4)))
    for view in (lambda a: a.T, lambda a: a[index]):
        ours, theirs = copy.copy(view(numoxide.array(data))), copy.copy(view(data))
        assert_same(ours, theirs)
        if isinstance(theirs, numpy.ndarray):
            assert flags(ours) == flags(theirs)
        deep = copy.deepcopy(view(numoxide.array(data)))
        assert_same(deep, copy.deepcopy(view(data)))


@pytest.mark.parametrize("dtype", DTYPES)
def test_scalars_and_dtypes_survive_pickling_and_copying(dtype):
    values = [0, 1, True] if dtype == "bool" else [0, 1, 7, 100]
    if dtype[0] in "fc":
        values += [-0.0, 0.1, numpy.inf, numpy.nan, 1e30]
    for v in values:
        with numpy.errstate(all="ignore"), numoxide.errstate(all="ignore"):
            ours, theirs = numoxide.dtype(dtype).type(v), numpy.dtype(dtype).type(v)
        for roundtrip in (copy.copy, copy.deepcopy, lambda x: pickle.loads(pickle.dumps(x))):
            back = roundtrip(ours)
            assert type(back) is type(ours)
            assert_same(back, roundtrip(theirs))
            assert repr(back) == repr(theirs)
    d = pickle.loads(pickle.dumps(numoxide.dtype(dtype)))
    assert isinstance(d, numoxide.dtype) and d == numoxide.dtype(dtype)
    assert copy.deepcopy(numoxide.dtype(dtype)) == numoxide.dtype(dtype)


def test_pickled_arrays_are_independent_of_the_original():
    a = numoxide.arange(6).reshape(2, 3)
    b = pickle.loads(pickle.dumps(a[:, 1:]))
    a[:] = 0
    assert b.tolist() == [[1, 2], [4, 5]]
    assert not numoxide.shares_memory(a, b)


def test_tobytes_refuses_an_unknown_order():
    with pytest.raises(ValueError) as ours:
        numoxide.zeros(2).tobytes("X")
    with pytest.raises(ValueError) as theirs:
        numpy.zeros(2).tobytes("X")
    assert str(ours.value) == str(theirs.value)
