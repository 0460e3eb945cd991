"""Floating-point error handling (seterr, errstate, seterrcall), differential against NumPy."""

import threading
import warnings

import numoxide
import numpy
import pytest

# Operations raising each event NumPy reports, through ufuncs, scalars and reductions.
EVENTS = {
    "divide": lambda np: np.array([1.0, -2.0]) / np.array([0.0, 0.0]),
    "over": lambda np: np.array([1e308]) * np.float64(10),
    "invalid": lambda np: np.sqrt(np.array([-1.0, 4.0])),
    "int divide": lambda np: np.array([7, 8], dtype=np.int32) // 0,
    "several": lambda np: np.array([0.0, 1.0, 1e308]) / np.array([0.0, 0.0, 1e-10]),
    "reduce": lambda np: np.sum(np.array([np.inf, -np.inf])),
    "empty mean": lambda np: np.mean(np.array([])),
    "var": lambda np: np.var(np.array([1e200, -1e200])),
    "divmod": lambda np: np.divmod(np.array([1.0]), np.array([0.0])),
    "clip": lambda np: np.clip(np.array([np.inf]) * 0, 0, 1),
}


def outcome(np, fn, **modes):
    """What `fn(np)` does under `np.errstate(**modes)`: the warnings it raises, then its
    exception, and what a callback or log object was given."""
    calls = []

    class Log:
        def write(self, text):
            calls.append(("write", text))

    if modes.get("all") == "log" or "log" in modes.values():
        modes["call"] = Log()
    elif "call" in modes.values():
        modes["call"] = lambda kind, flags: calls.append((kind, flags))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with np.errstate(**modes):
                fn(np)
            error = None
        except Exception as e:  # noqa: BLE001 (the exception is the outcome)
            error = (type(e).__name__, str(e))
    return [(w.category.__name__, str(w.message)) for w in caught], error, calls


@pytest.mark.parametrize("case", EVENTS)
@pytest.mark.parametrize(
    "modes",
    [
        {},
        {"all": "ignore"},
        {"all": "raise"},
        {"divide": "raise"},
        {"invalid": "raise", "divide": "ignore"},
        {"over": "raise", "all": "warn"},
        {"all": "call"},
        {"all": "log"},
        {"divide": "call", "invalid": "warn"},
    ],
)
def test_modes_match_numpy(case, modes):
    fn = EVENTS[case]
    assert outcome(numoxide, fn, **modes) == outcome(numpy, fn, **modes)


def test_print_mode_writes_numpys_line_to_stderr(capfd):
    for np in (numpy, numoxide):
        with np.errstate(divide="print", invalid="print"):
            np.array([0.0, 1.0]) / 0.0
    err = capfd.readouterr().err.splitlines()
    half = len(err) // 2
    assert (
        err[:half]
        == err[half:]
        == [
            "Warning: divide by zero encountered in divide",
            "Warning: invalid value encountered in divide",
        ]
    )


def test_geterr_and_seterr_match_numpy():
    assert numoxide.geterr() == numpy.geterr()
    for np in (numpy, numoxide):
        old = np.seterr(all="raise", over="ignore")
        try:
            assert old == {"divide": "warn", "over": "warn", "under": "ignore", "invalid": "warn"}
            assert np.geterr() == {
                "divide": "raise",
                "over": "ignore",
                "under": "raise",
                "invalid": "raise",
            }
            with pytest.raises(FloatingPointError, match="invalid value encountered in sqrt"):
                np.sqrt(np.array([-1.0]))
        finally:
            np.seterr(**old)
        assert np.geterr() == old


def test_errstate_restores_on_exit_and_on_exceptions():
    with pytest.raises(FloatingPointError), numoxide.errstate(divide="raise"):
        assert numoxide.geterr()["divide"] == "raise"
        numoxide.array([1.0]) / 0
    assert numoxide.geterr() == numpy.geterr()
    with numoxide.errstate(all="ignore"):
        with numoxide.errstate(over="raise"):
            assert numoxide.geterr() == {
                "divide": "ignore",
                "over": "raise",
                "under": "ignore",
                "invalid": "ignore",
            }
        assert numoxide.geterr()["over"] == "ignore"


def test_errstate_decorates_functions():
    for np in (numpy, numoxide):

        @np.errstate(all="raise")
        def divide(x):
            return x / 0

        with pytest.raises(FloatingPointError, match="divide by zero encountered in divide"):
            divide(np.array([1.0]))
        assert np.geterr()["divide"] == "warn"


def test_errstate_cannot_be_entered_twice():
    for np in (numpy, numoxide):
        state = np.errstate(all="ignore")
        with state, pytest.raises(TypeError, match=r"Cannot enter `np.errstate` twice."):
            state.__enter__()


def test_each_thread_starts_from_the_defaults():
    seen = []
    with numoxide.errstate(all="raise"):
        worker = threading.Thread(target=lambda: seen.append(numoxide.geterr()))
        worker.start()
        worker.join()
    assert seen == [numpy.geterr()]


@pytest.mark.parametrize(
    "call",
    [
        lambda np: np.seterr(divide="loud"),
        lambda np: np.seterr(all=3),
        lambda np: np.errstate(over=b"raise").__enter__(),
        lambda np: np.seterrcall(42),
        lambda np: np.setbufsize(-1),
        lambda np: np.setbufsize(4),
        lambda np: np.setbufsize(100),
        lambda np: np.setbufsize(10**8),
    ],
)
def test_bad_settings_raise_numpys_errors(call):
    errors = []
    for np in (numpy, numoxide):
        try:
            call(np)
            errors.append(None)
        except Exception as e:  # noqa: BLE001 (the exception is the outcome)
            errors.append((type(e).__name__, str(e)))
    assert errors[0] is not None
    assert errors[0] == errors[1]
    assert numoxide.geterr() == numpy.geterr()
    assert numoxide.getbufsize() == numpy.getbufsize()


def test_missing_callback_and_log_objects_raise_name_errors():
    for mode in ("call", "log"):
        errors = []
        for np in (numpy, numoxide):
            with np.errstate(divide=mode, call=None), pytest.raises(NameError) as e:
                np.array([1.0]) / 0
            errors.append(str(e.value))
        assert errors[0] == errors[1]


def test_seterrcall_and_setbufsize_return_the_old_values():
    def handler(kind, flags):
        pass

    for np in (numpy, numoxide):
        assert np.geterrcall() is None
        assert np.seterrcall(handler) is None
        assert np.geterrcall() is handler
        assert np.seterrcall(None) is handler
        with np.errstate():
            assert np.setbufsize(4096) == 8192
            assert np.getbufsize() == 4096
        assert np.getbufsize() == 8192


def _in_place(np, op, layout):
    """`op` written into one of its own inputs, which it returns: the events are judged on
    the inputs before the results overwrite them."""
    x = np.array([np.inf, 1.0, -1.0, 0.0, np.nan, 1e308, 2.0, -np.inf] * 700)
    y = np.array([np.inf, 0.0, 0.0, 5.0, 1.0, 10.0, -3.0, 1.0] * 700)
    i, j = np.array([0, 7, 0, 3] * 1400), np.array([5, 9, 0, 1] * 1400)
    if layout == "strided":
        x, y, i, j = x[::2], y[1::2], i[::2], j[1::2]
    elif layout == "2-d transposed":
        x, y, i, j = (v.reshape(70, 80).T for v in (x, y, i, j))
    ops = {
        "x -= inf": lambda: x.__isub__(np.inf),
        "x *= 10": lambda: x.__imul__(10),
        "x /= y": lambda: x.__itruediv__(y),
        "y = x / y": lambda: np.divide(x, y, out=y),
        "x = x * x": lambda: np.multiply(x, x, out=x),
        "sqrt(x, out=x)": lambda: np.sqrt(x, out=x),
        "log(x, out=x)": lambda: np.log(x, out=x),
        "int j = i // j": lambda: np.floor_divide(i, j, out=j),
    }
    return ops[op]()


@pytest.mark.parametrize("layout", ["contiguous", "strided", "2-d transposed"])
@pytest.mark.parametrize(
    "op",
    ["x -= inf", "x *= 10", "x /= y", "y = x / y", "x = x * x", "sqrt(x, out=x)",
     "log(x, out=x)", "int j = i // j"],
)
def test_in_place_operations_warn_as_numpy_does(op, layout):
    results = {}
    for np in (numoxide, numpy):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            value = _in_place(np, op, layout)
        results[np] = sorted(str(w.message) for w in caught), numpy.asarray(value.tolist())
    (ours, our_values), (theirs, their_values) = results[numoxide], results[numpy]
    assert ours == theirs
    numpy.testing.assert_array_equal(our_values, their_values)
