"""Array creation: dtype inference, dtype spellings, fill functions, errors."""

import warnings

import numoxide
import numpy
import pytest
from conftest import assert_same, same_exception
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import DTYPES, arrays


@pytest.mark.parametrize("data", [
    [1, 2, 3], [1.0, 2], [True, 2], [1 + 2j], [[1, 2], [3, 4]], [], 3.0, 5, True,
    [[1.5], [2.5]], (1, 2.5), [2**63], [-1, 2**62], [[True, False]], [[], []],
    [numpy.float32(1), 2], [[1, 2], (3, 4)],
])
def test_array_infers_numpys_dtype(data):
    assert_same(numoxide.array(data), numpy.array(data))


@pytest.mark.parametrize("spelling", [
    "f8", "float32", "<i4", "u1", "?", "e", "c16", "int", "float", "bool", "complex64", "b",
    float, int, bool, complex,
])
def test_dtype_spellings(spelling):
    ours, theirs = numoxide.dtype(spelling), numpy.dtype(spelling)
    assert (ours.name, ours.kind, ours.char, ours.str, ours.itemsize) == (
        theirs.name, theirs.kind, theirs.char, theirs.str, theirs.itemsize)
    assert repr(ours) == repr(theirs)


@pytest.mark.parametrize("dtype", DTYPES)
def test_scalar_types_are_dtypes(dtype):
    ours = getattr(numoxide, dtype if dtype != "bool" else "bool_")
    assert numoxide.dtype(ours) == numoxide.dtype(dtype)
    assert numoxide.zeros(2, dtype=ours).dtype == dtype


def test_ragged_input_raises_numpys_error():
    same_exception(lambda: numoxide.array([[1, 2], [3]]), lambda: numpy.array([[1, 2], [3]]))


@pytest.mark.parametrize("fn", ["zeros", "ones", "empty"])
@pytest.mark.parametrize("shape", [3, (2, 3), (0,), (), (1, 0, 2)])
@pytest.mark.parametrize("dtype", [None, "int8", "float32", "complex128", "bool"])
def test_filled_arrays(fn, shape, dtype):
    ours = getattr(numoxide, fn)(shape, dtype=dtype)
    theirs = getattr(numpy, fn)(shape, dtype=dtype)
    assert ours.shape == theirs.shape and str(ours.dtype) == str(theirs.dtype)
    if fn != "empty":
        assert_same(ours, theirs)


@pytest.mark.parametrize("value", [True, 1, 2.5, 1j, numpy.int8(3)])
def test_full_takes_the_fill_values_dtype(value):
    nx_value = numoxide.int8(3) if isinstance(value, numpy.int8) else value
    assert_same(numoxide.full((2, 2), nx_value), numpy.full((2, 2), value))
    assert_same(numoxide.full_like(numoxide.array([1, 2]), 2.7), numpy.full_like(numpy.array([1, 2]), 2.7))


def test_negative_and_huge_shapes_raise_cleanly():
    same_exception(lambda: numoxide.zeros(-1), lambda: numpy.zeros(-1))
    with pytest.raises(MemoryError):
        numoxide.ones(10**13)
    with pytest.raises(ValueError):
        numoxide.zeros((2**40, 2**40))


@given(arrays())
def test_round_trip_through_numpy(a):
    assert_same(numoxide.array(a), a)
    assert_same(numoxide.array(a.tolist(), dtype=str(a.dtype)), numpy.array(a.tolist(), dtype=a.dtype))


@given(arrays(), st.sampled_from(DTYPES))
def test_astype_matches_numpys_casts(a, dtype):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        theirs = a.astype(dtype)
    # Out-of-range float-to-int casts are undefined in C: NumPy flags them "invalid value
    # encountered in cast" and its result depends on which SIMD path ran. Only defined
    # casts are compared.
    assume(not any("invalid value" in str(w.message) for w in caught))
    assert_same(numoxide.array(a).astype(dtype), theirs)


def test_astype_casting_rule_error():
    same_exception(lambda: numoxide.array([1, 2]).astype(numoxide.float32, casting="safe"),
                   lambda: numpy.array([1, 2]).astype(numpy.float32, casting="safe"))


def test_copy_false_cannot_convert():
    same_exception(lambda: numoxide.array(numoxide.array([1.0]), dtype="float32", copy=False),
                   lambda: numpy.array(numpy.array([1.0]), dtype="float32", copy=False))


def test_tolist_and_item_give_python_numbers():
    a = numoxide.array([[1, 2], [3, 4]], dtype="int8")
    assert a.tolist() == [[1, 2], [3, 4]] and type(a.tolist()[0][0]) is int
    assert numoxide.array([1.5]).item() == 1.5
    same_exception(lambda: numoxide.array([1, 2, 3]).item(), lambda: numpy.array([1, 2, 3]).item())


def _views(m):
    """The same views in either library: contiguous, Fortran, permuted, sliced, reversed."""
    base = m.arange(2 * 3 * 4, dtype=m.int16).reshape(2, 3, 4)
    return [base, base.T, base.transpose(1, 0, 2), base[:, ::2], base.T[::-1, 1:],
            base[0], base[0].T, base[:, :, 1], base[:1], base.transpose(2, 0, 1)[:, :, ::2]]


@pytest.mark.parametrize("order", ["C", "F", "A", "K"])
@pytest.mark.parametrize("make, defined", [
    (lambda m, a, o: m.zeros_like(a, order=o), True),
    (lambda m, a, o: m.empty_like(a, dtype=m.float32, order=o), False),
    (lambda m, a, o: m.ones_like(a, order=o, dtype=m.int8), True),
    (lambda m, a, o: m.full_like(a, 7, order=o), True),
    (lambda m, a, o: m.zeros_like(a, order=o, shape=a.shape[::-1]), True),
    (lambda m, a, o: m.copy(a, order=o), True),
    (lambda m, a, o: a.copy(order=o), True),
    (lambda m, a, o: a.astype(m.float64, order=o), True),
])
def test_arrays_made_from_others_keep_numpys_layout(make, defined, order):
    # 'A' follows a Fortran source, 'K' keeps the source's axis order by stride size.
    for ours, theirs in zip(_views(numoxide), _views(numpy)):
        x, y = make(numoxide, ours, order), make(numpy, theirs, order)
        assert x.strides == y.strides
        if defined:  # empty_like's values are whatever the memory held
            assert_same(x, y)


@pytest.mark.parametrize("order", ["C", "F", "A", "K"])
def test_ravel_and_flatten_read_in_numpys_order(order):
    # 'A' reads a Fortran-ordered array in Fortran order; 'K' reads memory order (axes by
    # stride size, backward steps kept), and ravel returns a view when that is contiguous.
    for ours, theirs in zip(_views(numoxide), _views(numpy)):
        for name in ["ravel", "flatten"]:
            x, y = getattr(ours, name)(order), getattr(theirs, name)(order)
            assert_same(x, y)
            assert numoxide.shares_memory(x, ours) == numpy.shares_memory(y, theirs)
        assert_same(numoxide.ravel(ours, order=order), numpy.ravel(theirs, order=order))


def test_reshape_reads_a_fortran_array_in_fortran_order_for_a_and_refuses_k():
    for ours, theirs in zip(_views(numoxide), _views(numpy)):
        assert_same(ours.reshape(-1, 2, order="A"), theirs.reshape(-1, 2, order="A"))
        assert_same(numoxide.reshape(ours, (2, -1), order="A"), numpy.reshape(theirs, (2, -1), order="A"))
        same_exception(lambda x=ours: x.reshape(-1, 2, order="K"), lambda y=theirs: y.reshape(-1, 2, order="K"))
        same_exception(lambda x=ours: numoxide.reshape(x, (2, -1), order="K"),
                       lambda y=theirs: numpy.reshape(y, (2, -1), order="K"))
