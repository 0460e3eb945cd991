"""Operations large enough to be split over threads, differential against NumPy: the split
must not change a bit of the result or lose an event, and calls from several Python threads
at once (which find the pool busy and run on their own thread) must agree too."""

import multiprocessing
import threading
import warnings

import numoxide
import numpy
import pytest
from conftest import assert_same

# Around the sizes where work is split (2**17 elements) and where pairwise sums split their top
# levels (2**17 per half), plus odd lengths whose parts differ in size.
SIZES = [2**17 - 1, 2**17, 2**17 + 7, 2**18 + 3, 1_000_003]


def data(n, dtype, seed=0):
    values = numpy.random.default_rng(seed).standard_normal(n) * 1e3
    if numpy.dtype(dtype).kind == "c":
        values = values + 1j * values[::-1]
    return values.astype(dtype)


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("dtype", ["float32", "float64", "complex128", "int64", "int8"])
def test_sums_of_split_arrays_are_bit_identical(n, dtype):
    x = data(n, dtype)
    assert_same(numoxide.asarray(x).sum(), x.sum())
    assert_same(numoxide.asarray(x).mean(), x.mean())


@pytest.mark.parametrize("n", SIZES)
def test_split_reductions_along_an_axis_match(n):
    x = data(n - n % 8, "float64").reshape(8, -1)
    ours = numoxide.asarray(x)
    for axis in (0, 1):
        assert_same(ours.sum(axis=axis), x.sum(axis=axis))
        assert_same(ours.max(axis=axis), x.max(axis=axis))
        assert_same(ours.argmax(axis=axis), x.argmax(axis=axis))
    assert_same(numoxide.median(ours, axis=0), numpy.median(x, axis=0))


@pytest.mark.parametrize("n", SIZES)
def test_split_argmax_finds_the_first_extreme(n):
    x = numpy.zeros(n)
    x[[n // 3, n - 2]] = 5.0  # a tie in different parts: the first wins
    assert_same(numoxide.asarray(x).argmax(), x.argmax())
    x[n - 1] = numpy.nan  # NaN wins wherever it is
    assert_same(numoxide.asarray(x).argmax(), x.argmax())
    assert_same(numoxide.asarray(x).max(), x.max())


@pytest.mark.parametrize("n", SIZES)
def test_split_elementwise_results_and_events_match(n):
    a, b = data(n, "float64"), data(n, "float64", seed=1)
    b[-1] = 0.0  # the last part divides by zero
    ours_a, ours_b = numoxide.asarray(a), numoxide.asarray(b)
    with numpy.errstate(divide="ignore"):
        expected = a / b
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        quotient = ours_a / ours_b
    assert_same(quotient, expected)
    assert [str(w.message) for w in seen] == ["divide by zero encountered in divide"]
    assert_same(ours_a + ours_b[::-1], a + b[::-1])
    assert_same(numoxide.sqrt(numoxide.abs(ours_a)), numpy.sqrt(numpy.abs(a)))


@pytest.mark.parametrize("np", [numoxide, numpy])
def test_an_error_in_a_split_operation_is_raised(np):
    x = np.ones(10**6)
    message = "divide by zero encountered in divide"
    with np.errstate(divide="raise"), pytest.raises(FloatingPointError, match=message):
        x / np.zeros(10**6)


def test_python_threads_running_split_operations_at_once_agree():
    x = data(1_000_003, "float64")
    m = data(300 * 300, "float64").reshape(300, 300)
    ours_x, ours_m = numoxide.asarray(x), numoxide.asarray(m)
    # The product alone is compared with our own single-caller result: OpenBLAS rounds
    # differently, and the point here is that concurrent calls do not disturb each other.
    alone = numpy.asarray(ours_m @ ours_m)
    numpy.testing.assert_allclose(alone, m @ m, rtol=1e-12)
    expected = (x.sum(), (x * 2.0 + 1.0).tobytes(), alone.tobytes())
    results, errors = [], []

    def work():
        try:
            for _ in range(5):
                results.append(
                    (
                        numpy.asarray(ours_x.sum()),
                        numpy.asarray(ours_x * 2.0 + 1.0).tobytes(),
                        numpy.asarray(ours_m @ ours_m).tobytes(),
                    )
                )
        except Exception as e:  # noqa: BLE001 (reported below; a thread's exception is lost)
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(results) == 20
    for total, scaled, product in results:
        assert total.tobytes() == expected[0].tobytes()
        assert scaled == expected[1]
        assert product == expected[2]


def split_work_in_a_child():
    x = numoxide.ones(10**6)
    m = numoxide.eye(1024) * 2.0
    return float((x + x).sum()), float(numoxide.linalg.det(m[:256, :256])), (m @ m).shape


def test_a_forked_child_runs_split_and_threaded_operations():
    # The parent's pools have threads running; a child made by fork has none of them.
    expected = split_work_in_a_child()
    context = multiprocessing.get_context("fork")
    with context.Pool(1) as pool:
        assert pool.apply_async(split_work_in_a_child).get(timeout=120) == expected
