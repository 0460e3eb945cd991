"""Helpers shared by the random tests: run one call on both libraries, compare results,
exceptions and generator states."""

import numoxide
import numpy
import pytest
from conftest import assert_same

SEEDS = [0, 1, 42, 2**32 - 1, 2**63, 2**100, [1, 2, 3], [0], [2**40, 7, 0]]
BIT_GENERATORS = ["MT19937", "PCG64", "PCG64DXSM", "Philox", "SFC64"]


def plain(value):
    """A state (dict or legacy tuple) with arrays as (dtype, list), comparable across
    libraries."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return type(value)(plain(v) for v in value)
    if isinstance(value, (numpy.ndarray, numoxide.ndarray)):
        return (str(value.dtype), numpy.asarray(value).tolist())
    return (type(value).__name__, value)


def same_state(ours, theirs):
    """Both states hold the same values, value types and array dtypes."""
    assert plain(ours) == plain(theirs)


def same_result(ours, theirs):
    """Results of one call: arrays, scalars, bytes, lists of those."""
    if isinstance(theirs, list):
        assert isinstance(ours, list) and len(ours) == len(theirs)
        for o, t in zip(ours, theirs):
            same_result(o, t)
    elif isinstance(theirs, bytes):
        assert ours == theirs
    else:
        assert_same(ours, theirs)


def both(call):
    """`call(lib)` on numoxide and NumPy: same result, or same exception type and message."""
    try:
        theirs = call(numpy)
    except Exception as e:  # noqa: BLE001 (the oracle's exception is the expectation)
        with pytest.raises(Exception) as ours:
            call(numoxide)
        assert type(ours.value).__name__ == type(e).__name__
        assert str(ours.value) == str(e)
        return None, None
    ours = call(numoxide)
    same_result(ours, theirs)
    return ours, theirs
