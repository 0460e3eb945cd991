"""NumPy's floating-point error handling: seterr/geterr, seterrcall/geterrcall,
setbufsize/getbufsize and the errstate context manager.

The state lives in a context variable of the extension module, so every thread and asyncio
task has its own, as in NumPy; the core validates it and decides what each event does.
"""

import functools as _functools

from ._numoxide import _errstate_dict, _errstate_var, _make_errstate

__all__ = ["errstate", "getbufsize", "geterr", "geterrcall", "setbufsize", "seterr", "seterrcall"]


def _modes(state):
    return {k: state[k] for k in ("divide", "over", "under", "invalid")}


def seterr(all=None, divide=None, over=None, under=None, invalid=None):
    """Set how floating-point errors are handled; returns the old settings, as ``np.seterr``."""
    old = _modes(_errstate_dict())
    _errstate_var.set(
        _make_errstate(all=all, divide=divide, over=over, under=under, invalid=invalid)
    )
    return old


def geterr():
    """The current handling of each floating-point error, as ``np.geterr``."""
    return _modes(_errstate_dict())


def setbufsize(size):
    """Set the ufunc buffer size (kept for compatibility); returns the old one."""
    if size < 0:
        raise ValueError("buffer size must be non-negative")
    old = _errstate_dict()["bufsize"]
    _errstate_var.set(_make_errstate(bufsize=size))
    return old


def getbufsize():
    """The ufunc buffer size, as ``np.getbufsize``."""
    return _errstate_dict()["bufsize"]


def seterrcall(func):
    """Set the function (mode 'call') or log object (mode 'log') for floating-point errors."""
    old = _errstate_dict()["call"]
    _errstate_var.set(_make_errstate(call=func))
    return old


def geterrcall():
    """The function or log object set by ``seterrcall``."""
    return _errstate_dict()["call"]


class _Unspecified:
    pass


_UNSPECIFIED = _Unspecified()


class errstate:
    """errstate(**kwargs)

    Context manager (and function decorator) for floating-point error handling: the
    settings hold inside the block and the previous ones come back on exit, as
    ``np.errstate``.
    """

    __slots__ = ("_settings", "_token")

    def __init__(
        self, *, call=_UNSPECIFIED, all=None, divide=None, over=None, under=None, invalid=None
    ):
        self._token = None
        self._settings = {
            "all": all,
            "divide": divide,
            "over": over,
            "under": under,
            "invalid": invalid,
        }
        if call is not _UNSPECIFIED:
            self._settings["call"] = call

    def __enter__(self):
        if self._token is not None:
            raise TypeError("Cannot enter `np.errstate` twice.")
        self._token = _errstate_var.set(_make_errstate(**self._settings))

    def __exit__(self, *exc_info):
        _errstate_var.reset(self._token)

    def __call__(self, func):
        # The token must be kept per call (calls may overlap across threads), not on self.
        @_functools.wraps(func)
        def inner(*args, **kwargs):
            token = _errstate_var.set(_make_errstate(**self._settings))
            try:
                return func(*args, **kwargs)
            finally:
                _errstate_var.reset(token)

        return inner
