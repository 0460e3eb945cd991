"""Exceptions and warnings numoxide raises, with NumPy's class hierarchy."""

__all__ = [
    "AxisError",
    "ComplexWarning",
    "DTypePromotionError",
    "LinAlgError",
    "UFuncTypeError",
]


class AxisError(ValueError, IndexError):
    """An axis argument is out of range; both a ValueError and an IndexError, as in NumPy."""


class ComplexWarning(RuntimeWarning):
    """A complex value was cast to a real type, discarding the imaginary part."""


class DTypePromotionError(TypeError):
    """Two dtypes have no common dtype."""


class UFuncTypeError(TypeError):
    """A ufunc cannot be applied to the given dtypes."""


class _UFuncCastingError(UFuncTypeError):
    pass


class _UFuncOutputCastingError(_UFuncCastingError):
    """A ufunc's result cannot be cast to the given output under the casting rule."""


# NumPy shows both private classes under their public base's name.
for _cls in (_UFuncCastingError, _UFuncOutputCastingError):
    _cls.__name__ = _cls.__qualname__ = "UFuncTypeError"


class LinAlgError(ValueError):
    """A linear algebra operation failed (singular matrix, no convergence ...)."""
