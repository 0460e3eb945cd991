"""Shared helpers for the differential tests: run the same code on numoxide and NumPy."""

import numoxide
import numpy
import pytest
from hypothesis import settings

# CI runs must be reproducible: the same examples every run (new ones come from changing
# the strategies or the example counts, not from the clock).
settings.register_profile("ci", derandomize=True, deadline=None)
settings.load_profile("ci")


@pytest.fixture
def nx():
    return numoxide


def to_numpy(x):
    """A numoxide result as NumPy data, sharing memory where possible."""
    if isinstance(x, numoxide.ndarray):
        return numpy.asarray(x)
    if isinstance(x, numoxide.generic):
        return numpy.asarray(numoxide.array(x))[()]
    return x


def assert_same(ours, theirs, *, exact=True):
    """Same type kind, dtype, shape and values (bit for bit unless exact=False); NaNs equal."""
    if isinstance(theirs, numpy.ndarray):
        assert isinstance(ours, numoxide.ndarray), f"expected an array, got {type(ours)}"
        assert str(ours.dtype) == str(theirs.dtype), (ours.dtype, theirs.dtype)
        assert ours.shape == theirs.shape
        got = numpy.asarray(ours)
    elif isinstance(theirs, numpy.generic):
        assert isinstance(ours, numoxide.generic), f"expected a scalar, got {type(ours)}"
        assert type(ours).__name__ == type(theirs).__name__, (type(ours), type(theirs))
        got = to_numpy(ours)
    else:
        assert type(ours) is type(theirs), (type(ours), type(theirs))
        assert ours == theirs or (ours != ours and theirs != theirs)  # noqa: PLR0124 (NaN)
        return
    if exact:
        numpy.testing.assert_array_equal(got, theirs, strict=True)
        if got.dtype.kind in "fc":
            # -0.0 and 0.0 compare equal: check signs too, except of NaNs (meaningless).
            for part in ("real", "imag"):
                g, t = getattr(got, part), getattr(numpy.asarray(theirs), part)
                numbers = ~numpy.isnan(t)
                assert numpy.array_equal(numpy.signbit(g)[numbers], numpy.signbit(t)[numbers])
    else:
        numpy.testing.assert_allclose(got, theirs, rtol=1e-12, atol=0, strict=True)


def same_exception(ours_call, theirs_call):
    """Both calls raise the same exception type with the same message."""
    with pytest.raises(Exception) as theirs:
        theirs_call()
    with pytest.raises(Exception) as ours:
        ours_call()
    assert ours.type.__name__ == theirs.type.__name__, (ours.value, theirs.value)
    assert str(ours.value) == str(theirs.value)
