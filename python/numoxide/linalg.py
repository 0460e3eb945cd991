"""numoxide.linalg: NumPy's linear algebra, computed by the Rust core (on faer)."""

from typing import NamedTuple

from . import _numoxide
from ._numoxide import _linalg, matmul, tensordot
from ._numoxide import diagonal as _diagonal
from ._numoxide import outer as _outer
from ._numoxide import trace as _trace
from ._numoxide import vecdot as _vecdot
from .exceptions import LinAlgError

__all__ = [
    "LinAlgError", "cholesky", "cond", "cross", "det", "diagonal", "eig", "eigh", "eigvals",
    "eigvalsh", "inv", "lstsq", "matmul", "matrix_norm", "matrix_power", "matrix_rank",
    "matrix_transpose", "multi_dot", "norm", "outer", "pinv", "qr", "slogdet", "solve", "svd",
    "svdvals", "tensordot", "tensorinv", "tensorsolve", "trace", "vecdot", "vector_norm",
]


class EigResult(NamedTuple):
    eigenvalues: object
    eigenvectors: object


class EighResult(NamedTuple):
    eigenvalues: object
    eigenvectors: object


class QRResult(NamedTuple):
    Q: object
    R: object


class SlogdetResult(NamedTuple):
    sign: object
    logabsdet: object


class SVDResult(NamedTuple):
    U: object
    S: object
    Vh: object


det = _linalg.det
inv = _linalg.inv
solve = _linalg.solve
cholesky = _linalg.cholesky
eigvals = _linalg.eigvals
eigvalsh = _linalg.eigvalsh
svdvals = _linalg.svdvals
norm = _linalg.norm
vector_norm = _linalg.vector_norm
matrix_norm = _linalg.matrix_norm
cond = _linalg.cond
matrix_rank = _linalg.matrix_rank
pinv = _linalg.pinv
lstsq = _linalg.lstsq
matrix_power = _linalg.matrix_power
multi_dot = _linalg.multi_dot
tensorinv = _linalg.tensorinv
tensorsolve = _linalg.tensorsolve
matrix_transpose = _linalg.matrix_transpose


def slogdet(a):
    return SlogdetResult(*_linalg.slogdet(a))


def eig(a):
    return EigResult(*_linalg.eig(a))


def eigh(a, UPLO="L"):
    return EighResult(*_linalg.eigh(a, UPLO))


def qr(a, mode="reduced"):
    result = _linalg.qr(a, mode)
    return QRResult(*result) if isinstance(result, tuple) else result


def svd(a, full_matrices=True, compute_uv=True, hermitian=False):
    result = _linalg.svd(a, full_matrices, compute_uv, hermitian)
    return SVDResult(*result) if isinstance(result, tuple) else result


def outer(x1, x2, /):
    """The array API's outer product: both inputs must be 1-d."""
    x1, x2 = _numoxide.asarray(x1), _numoxide.asarray(x2)
    if x1.ndim != 1 or x2.ndim != 1:
        raise ValueError(
            "Input arrays must be one-dimensional, but they are "
            f"x1.ndim={x1.ndim} and x2.ndim={x2.ndim}."
        )
    return _outer(x1, x2)


def trace(x, /, *, offset=0, dtype=None):
    """The array API's trace: over the last two axes."""
    return _trace(x, offset, -2, -1, dtype)


def diagonal(x, /, *, offset=0):
    """The array API's diagonal: of the last two axes."""
    return _diagonal(x, offset, -2, -1)


def vecdot(x1, x2, /, *, axis=-1):
    """The array API's vecdot: numpy.vecdot along `axis` of both inputs."""
    return _vecdot(x1, x2, axis=axis)


def cross(x1, x2, /, *, axis=-1):
    """The array API's cross product: of 3-vectors only."""
    x1, x2 = _numoxide.asarray(x1), _numoxide.asarray(x2)
    if x1.shape[axis] != 3 or x2.shape[axis] != 3:
        raise ValueError(
            "Both input arrays must be (arrays of) 3-dimensional vectors, "
            f"but they are {x1.shape[axis]} and {x2.shape[axis]} dimensional instead."
        )
    return _numoxide.cross(x1, x2, axis=axis)


del NamedTuple
