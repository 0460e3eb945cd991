"""Hypothesis strategies shared by the differential tests."""

import numoxide
import numpy
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

DTYPES = [
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float16", "float32", "float64", "complex64", "complex128",
]
NUMERIC = DTYPES[1:]
REAL = DTYPES[:12]

dtypes = st.sampled_from(DTYPES)

shapes = hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=5)


def arrays(dtype=dtypes, shape=shapes, finite=False):
    """NumPy arrays of any dtype and shape, with edge values (NaN, inf, -0.0, extremes)."""
    def build(d):
        d = numpy.dtype(d)
        elements = None
        if d.kind == "f":
            elements = st.floats(allow_nan=not finite, allow_infinity=not finite, width=d.itemsize * 8)
        elif d.kind == "c":
            elements = st.complex_numbers(allow_nan=not finite, allow_infinity=not finite, width=d.itemsize * 8)
        return hnp.arrays(d, shape, elements=elements)
    return dtype.flatmap(build) if not isinstance(dtype, str) else build(dtype)


def both(a):
    """The same data as a numoxide array and a NumPy array."""
    return numoxide.array(a), a


@st.composite
def basic_index(draw, shape):
    """A basic index expression (ints, slices, Ellipsis, None) valid for `shape`."""
    items = []
    axis = 0
    used_ellipsis = False
    while axis < len(shape) and draw(st.booleans()):
        kind = draw(st.sampled_from(["int", "slice", "slice", "none", "ellipsis"]))
        if kind == "int" and shape[axis] > 0:
            items.append(draw(st.integers(-shape[axis], shape[axis] - 1)))
            axis += 1
        elif kind == "none":
            items.append(None)
        elif kind == "ellipsis" and not used_ellipsis:
            items.append(Ellipsis)
            used_ellipsis = True
            axis = len(shape) - sum(1 for i in items if i is not None and i is not Ellipsis)
            axis = max(axis, 0)
        else:
            n = shape[axis] + 2
            start = draw(st.none() | st.integers(-n, n))
            stop = draw(st.none() | st.integers(-n, n))
            step = draw(st.none() | st.integers(-3, 3).filter(lambda s: s != 0))
            items.append(slice(start, stop, step))
            axis += 1
    # An Ellipsis placed late can leave more indexing items than axes: drop the excess.
    while sum(1 for i in items if i is not None and i is not Ellipsis) > len(shape):
        items.pop()
    return tuple(items)
