"""repr and str of arrays and scalars against NumPy's default printing."""

import numoxide
import numpy
import pytest
from hypothesis import given, settings
from strategies import arrays


@settings(max_examples=300)
@given(arrays())
def test_repr_and_str_match_numpy(a):
    x = numoxide.array(a)
    assert repr(x) == repr(a)
    assert str(x) == str(a)


@pytest.mark.parametrize("make", [
    lambda m: m.zeros(1001), lambda m: m.zeros((0, 3)), lambda m: m.array(5.5),
    lambda m: m.ones((400, 3), dtype=m.int32), lambda m: m.array([1e-10, 1.0]),
    lambda m: m.array([1.0, m.nan, m.inf, -m.inf]),
])
def test_reprs_of_documented_cases(make):
    assert repr(make(numoxide)) == repr(make(numpy))


@pytest.mark.parametrize("value", [1.5, 0.1, 1e20, 1e16, 1e15, 0.30000000000000004, -0.0, float("nan")])
@pytest.mark.parametrize("dtype", ["float64", "float32", "float16"])
def test_scalar_repr_and_str(value, dtype):
    ours = getattr(numoxide, dtype)(value)
    theirs = getattr(numpy, dtype)(value)
    assert repr(ours) == repr(theirs)
    assert str(ours) == str(theirs)


def test_other_scalar_reprs():
    assert repr(numoxide.int8(3)) == "np.int8(3)"
    assert repr(numoxide.True_) == "np.True_"
    assert repr(numoxide.complex128(1 + 2j)) == repr(numpy.complex128(1 + 2j))


def test_printoptions_context():
    with numoxide.printoptions(precision=2):
        assert repr(numoxide.array([1.23456])) == "array([1.23])"
    assert repr(numoxide.array([1.23456])) == "array([1.23456])"
    numoxide.set_printoptions(threshold=5, edgeitems=2)
    try:
        with numpy.printoptions(threshold=5, edgeitems=2):
            assert repr(numoxide.array(list(range(12)))) == repr(numpy.arange(12))
    finally:
        numoxide.set_printoptions(threshold=1000, edgeitems=3)
    assert numoxide.get_printoptions() == numpy.get_printoptions()
