"""Operators between scalars (NumPy's scalar math): values, types, and warnings worded
"scalar add" ... with integer overflow reported, differential against NumPy."""

import operator
import warnings
import weakref

import numoxide
import numpy
import pytest
from conftest import assert_same

BINARY = [
    operator.add,
    operator.sub,
    operator.mul,
    operator.truediv,
    operator.floordiv,
    operator.mod,
    operator.pow,
    divmod,
    operator.lt,
    operator.eq,
    operator.ge,
    operator.and_,
]
UNARY = [operator.neg, operator.abs, operator.pos, operator.invert]

# Operands by NumPy type name or Python type, with values at the edges of their types.
OPERANDS = [
    ("int8", 100),
    ("int8", -128),
    ("int8", -1),
    ("int8", 0),
    ("uint8", 1),
    ("uint8", 200),
    ("int16", 30464),
    ("int64", -(2**63)),
    ("int64", 2**62),
    ("uint64", 2**63),
    ("float16", 60000.0),
    ("float32", 3e38),
    ("float64", 0.0),
    ("float64", -1.0),
    ("float64", 1e308),
    ("float64", float("nan")),
    ("complex128", 1 + 1j),
    ("bool", True),
    (int, 3),
    (int, 0),
    (int, -1),
    (float, 0.5),
    (float, 0.0),
    (float, float("inf")),
    (complex, 2j),
]


def make(np, spec):
    kind, value = spec
    return kind(value) if isinstance(kind, type) else getattr(np, kind)(value)


def outcome(np, fn, *specs):
    """The result (or exception) of `fn` on the operands, with the warnings it raised and
    whether they point at this file (the operator's caller)."""
    args = [make(np, s) for s in specs]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = fn(*args)
        except Exception as e:  # noqa: BLE001 (the exception is the outcome)
            result = (type(e).__name__, str(e))
    return result, [(str(w.message), w.filename == __file__) for w in caught]


def check(fn, *specs):
    ours, our_warnings = outcome(numoxide, fn, *specs)
    theirs, their_warnings = outcome(numpy, fn, *specs)
    assert our_warnings == their_warnings
    if isinstance(theirs, tuple) and isinstance(theirs[0], str):
        if "unsupported operand" in theirs[1] + ours[1]:
            # Floor division of complex scalars: which side gives way (Python's TypeError)
            # and which raises the ufunc's depends on NumPy's internals; both are TypeErrors.
            assert ours[0] == theirs[0] == "TypeError"
        else:
            assert ours == theirs
    elif isinstance(theirs, tuple):
        for o, t in zip(ours, theirs, strict=True):
            assert_same(o, t)
    else:
        assert_same(ours, theirs)


@pytest.mark.parametrize("fn", BINARY, ids=lambda f: f.__name__)
@pytest.mark.parametrize("left", OPERANDS, ids=str)
def test_binary_operators_match_numpy(fn, left):
    for right in OPERANDS:
        if isinstance(left[0], type) and isinstance(right[0], type):
            continue  # two Python numbers: not NumPy's business
        if fn is operator.pow and {complex, "complex128"} & {left[0], right[0]}:
            continue  # complex power is not NumPy's bit for bit yet (docs/architecture.md)
        check(fn, left, right)


@pytest.mark.parametrize("fn", UNARY, ids=lambda f: f.__name__)
@pytest.mark.parametrize("value", [s for s in OPERANDS if not isinstance(s[0], type)], ids=str)
def test_unary_operators_match_numpy(fn, value):
    check(fn, value)


def test_scalar_overflow_obeys_errstate():
    for np in (numpy, numoxide):
        with np.errstate(over="raise"), pytest.raises(FloatingPointError, match="overflow encountered in scalar add"):
            np.int8(100) + np.int8(100)
        with np.errstate(over="ignore"), warnings.catch_warnings():
            warnings.simplefilter("error")
            assert np.int8(100) * 2 == -56


def test_scalars_with_arrays_use_the_array_ufunc():
    for np in (numpy, numoxide):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            np.float64(1.0) / np.array([0.0])
        assert [str(w.message) for w in caught] == ["divide by zero encountered in divide"]


def test_scalars_give_way_to_objects_they_cannot_hold():
    class Vector:
        def __radd__(self, other):
            return ("radd", float(other))

        def __rmul__(self, other):
            return ("rmul", float(other))

    for np in (numpy, numoxide):
        assert np.float64(2.0) + Vector() == ("radd", 2.0)
        assert np.int8(3) * Vector() == ("rmul", 3.0)
        with pytest.raises(TypeError, match="unsupported operand"):
            np.int8(1) + None


@pytest.mark.parametrize("name", ["float64", "complex128", "float32", "int64", "bool"])
def test_scalars_take_no_attributes_or_weak_references(name):
    for np in (numoxide, numpy):
        x = getattr(np, name)(1)
        with pytest.raises(AttributeError):
            x.label = "a"
        with pytest.raises(TypeError):
            weakref.ref(x)


@pytest.mark.parametrize("name", ["float64", "complex128", "int64", "uint8", "float32", "bool"])
def test_scalars_are_not_tracked_by_the_garbage_collector(name):
    # They hold no references, so tracking them would only slow down every scalar made.
    import gc

    for np in (numoxide, numpy):
        assert not gc.is_tracked(getattr(np, name)(1))


@pytest.mark.parametrize("name, value", [("float64", 3.0), ("complex128", 1 - 2j), ("int16", 7)])
def test_subclasses_of_scalar_types_are_scalars(name, value):
    results = []
    for np in (numoxide, numpy):
        Sub = type("Sub", (getattr(np, name),), {})
        x = Sub(value)
        results.append((isinstance(x, np.generic), x + 1, type(x + 1).__name__, x.item(), str(x)))
    assert results[0] == results[1]
