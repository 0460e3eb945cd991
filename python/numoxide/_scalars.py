"""NumPy's scalar types: np.float64(1.5), np.int8(3), np.True_.

The classes live here because NumPy's hierarchy needs multiple inheritance: float64 is both a
`floating` and a Python `float`. Their values and every operation on them belong to the Rust
core; these classes only route Python's protocols to it.
"""

from . import _numoxide as _nx
from ._numoxide import _ScalarBase

__all__ = [
    "False_",
    "True_",
    "bool_",
    "complex64",
    "complex128",
    "complexfloating",
    "float16",
    "float32",
    "float64",
    "floating",
    "generic",
    "inexact",
    "int8",
    "int16",
    "int32",
    "int64",
    "integer",
    "number",
    "signedinteger",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "unsignedinteger",
]


class generic:
    """Base class of NumPy's scalar types."""

    __slots__ = ()

    def __repr__(self):
        return _nx._scalar_repr(self)

    def __str__(self):
        return _nx._scalar_str(self)

    def __format__(self, spec):
        return format(self.item(), spec)

    def __hash__(self):
        return hash(self.item())

    @property
    def dtype(self):
        return _nx.dtype(type(self))

    @property
    def itemsize(self):
        return self.dtype.itemsize

    @property
    def nbytes(self):
        return self.dtype.itemsize

    ndim = 0
    shape = ()
    size = 1

    @property
    def T(self):
        return self

    def tolist(self):
        return self.item()

    def reshape(self, *shape, **kwargs):
        return _nx.array(self).reshape(*shape, **kwargs)

    def astype(self, dtype, **kwargs):
        return _nx.array(self).astype(dtype, **kwargs)[()]


class number(generic):
    __slots__ = ()


class integer(number):
    __slots__ = ()

    def is_integer(self):
        return True


class signedinteger(integer):
    __slots__ = ()


class unsignedinteger(integer):
    __slots__ = ()


class inexact(number):
    __slots__ = ()


class floating(inexact):
    __slots__ = ()

    def is_integer(self):
        return float(self).is_integer()


class complexfloating(inexact):
    __slots__ = ()


def _stored(name, base):
    """A scalar class whose value the core stores (in `_ScalarBase`)."""

    def __new__(cls, value=0):
        return _ScalarBase.__new__(cls, name, value)

    cls = _nx._scalar_class((base, _ScalarBase), name)
    cls.__new__ = staticmethod(__new__)
    return cls


int8 = _stored("int8", signedinteger)
int16 = _stored("int16", signedinteger)
int32 = _stored("int32", signedinteger)
int64 = _stored("int64", signedinteger)
uint8 = _stored("uint8", unsignedinteger)
uint16 = _stored("uint16", unsignedinteger)
uint32 = _stored("uint32", unsignedinteger)
uint64 = _stored("uint64", unsignedinteger)
float16 = _stored("float16", floating)
float32 = _stored("float32", floating)
complex64 = _stored("complex64", complexfloating)
bool_ = _stored("bool", generic)


def _builtin(name, base, builtin):
    """A scalar class that is also a Python number of type `builtin` (float or complex)."""

    def item(self):
        return builtin(self)

    cls = _nx._scalar_class((base, builtin), name)
    cls.__hash__ = builtin.__hash__
    cls.item = item
    return cls


float64 = _builtin("float64", floating, float)
complex128 = _builtin("complex128", complexfloating, complex)

for _cls in (generic, number, integer, signedinteger, unsignedinteger, inexact, floating,
             complexfloating):
    _cls.__module__ = "numoxide"

True_, False_ = _nx._register_scalar_types({
    "bool": bool_, "int8": int8, "int16": int16, "int32": int32, "int64": int64,
    "uint8": uint8, "uint16": uint16, "uint32": uint32, "uint64": uint64,
    "float16": float16, "float32": float32, "float64": float64,
    "complex64": complex64, "complex128": complex128,
})
