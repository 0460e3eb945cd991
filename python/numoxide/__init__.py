"""numoxide: NumPy, rebuilt in Rust. Use it as ``import numoxide as np``."""

import contextlib as _contextlib
import math as _math

from . import _numoxide as _numoxide
from . import exceptions as exceptions
from . import linalg as linalg
from . import random as random
from ._numoxide import *
from ._numoxide import dtype as dtype
from ._numoxide import get_printoptions, ndarray, set_printoptions
from ._numoxide import ufunc as ufunc
from ._scalars import *
from ._scalars import (
    bool_,
    complex64,
    complex128,
    float16,
    float32,
    float64,
    int8,
    int16,
    int32,
    int64,
    uint8,
    uint16,
    uint32,
    uint64,
)
from ._ufunc_config import *
from .exceptions import AxisError, ComplexWarning  # noqa: F401

__version__ = "0.1.0"

ndarray.__module__ = "numoxide"

# NumPy's aliases of the scalar types.
bool = bool_
int_ = intp = long = longlong = int64
uint = uintp = ulong = ulonglong = uint64
byte, ubyte, short, ushort = int8, uint8, int16, uint16
intc, uintc = int32, uint32
half, single, double = float16, float32, float64
csingle, cdouble = complex64, complex128

nan = float("nan")
inf = float("inf")
pi = _math.pi
e = _math.e
euler_gamma = 0.5772156649015329
newaxis = None


@_contextlib.contextmanager
def printoptions(*args, **kwargs):
    """Set print options for the scope of a ``with`` block, as ``np.printoptions``."""
    saved = get_printoptions()
    set_printoptions(*args, **kwargs)
    try:
        yield get_printoptions()
    finally:
        set_printoptions(**{k: v for k, v in saved.items() if k not in ("formatter", "override_repr")})
