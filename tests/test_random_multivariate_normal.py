"""multivariate_normal of Generator, RandomState and numpy.random, differential against NumPy.

With the SVD (both APIs) and Cholesky the samples are NumPy's bit for bit for n <= 25, as
is the generator state afterwards; `eigh` is faer's, so its samples are checked through the
factor they imply. The exactness holds against NumPy's OpenBLAS on its SkylakeX kernels (an
AVX-512 machine); elsewhere NumPy's own last bits depend on its BLAS build, and the exact
tests become tolerance tests.
"""

import ctypes
import pathlib
import warnings

import numoxide
import numpy
import pytest
from conftest import assert_same

SEEDS = [0, 1, 42, 2**32 - 2, 12345]


def _openblas_core():
    """The kernel family NumPy's OpenBLAS picked on this machine ('' if unknown)."""
    libs = pathlib.Path(numpy.__file__).parent.parent / "numpy.libs"
    for lib in libs.glob("*openblas*"):
        so = ctypes.CDLL(str(lib))
        for name in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename",
                     "openblas_get_corename"):
            if hasattr(so, name):
                fn = getattr(so, name)
                fn.restype = ctypes.c_char_p
                return fn().decode()
    return ""


EXACT = _openblas_core() in ("SkylakeX", "Cooperlake", "SapphireRapids")


def same_samples(ours, theirs):
    if EXACT:
        assert_same(ours, theirs)
    else:
        scale = max(1.0, numpy.abs(theirs).max(initial=0.0))
        numpy.testing.assert_allclose(numpy.asarray(ours), theirs, rtol=1e-10, atol=1e-10 * scale)


# --- pairs of generators in the same state ---------------------------------------------------


def pair(api, seed, bit_generator="PCG64"):
    if api == "legacy":
        return numoxide.random.RandomState(seed), numpy.random.RandomState(seed)
    bits = (getattr(numoxide.random, bit_generator)(seed), getattr(numpy.random, bit_generator)(seed))
    return numoxide.random.Generator(bits[0]), numpy.random.Generator(bits[1])


def assert_same_state(ours, theirs):
    if isinstance(theirs, numpy.random.RandomState):
        o, t = ours.get_state(legacy=False), theirs.get_state(legacy=False)
        assert (o["has_gauss"], o["gauss"]) == (t["has_gauss"], t["gauss"])
        assert list(o["state"]["key"]) == list(t["state"]["key"])
        assert o["state"]["pos"] == t["state"]["pos"]
    else:
        o, t = ours.bit_generator.state, theirs.bit_generator.state
        assert repr(o) == repr(t)


def run(call):
    """`call` with warnings recorded: (result or exception, [(category name, message)])."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = call()
        except Exception as e:  # noqa: BLE001 (the oracle's exception is the expectation)
            result = e
    return result, [(w.category.__name__, str(w.message)) for w in caught]


def check(api, seed, mean, cov, *args, bit_generator="PCG64", values=True, **kwargs):
    """Same samples (unless `values` is false) or exception, same warnings, same state
    afterwards."""
    ours, theirs = pair(api, seed, bit_generator)
    expected, expected_warnings = run(lambda: theirs.multivariate_normal(mean, cov, *args, **kwargs))
    got, got_warnings = run(lambda: ours.multivariate_normal(mean, cov, *args, **kwargs))
    if isinstance(expected, Exception):
        assert isinstance(got, Exception), f"expected {expected!r}, got a result"
        assert (type(got).__name__, str(got)) == (type(expected).__name__, str(expected))
    else:
        assert not isinstance(got, Exception), got
        if values:
            same_samples(got, expected)
    assert got_warnings == expected_warnings
    assert_same_state(ours, theirs)
    return got, expected


# --- covariances -----------------------------------------------------------------------------


def covariances(n, rng):
    """(name, cov) pairs of the kinds NumPy users pass."""
    a = rng.standard_normal((n, n))
    data = rng.standard_normal((3 * n + 2, n)) * rng.uniform(0.1, 10, n)
    b = rng.standard_normal((n, max(n // 2, 1)))
    return [
        ("spd", a @ a.T),
        ("np.cov", numpy.atleast_2d(numpy.cov(data, rowvar=False))),
        ("diagonal", numpy.diag(rng.uniform(0.1, 5, n))),
        ("identity", numpy.eye(n)),
        ("rank-deficient", b @ b.T),
        ("not psd", a + a.T),
    ]


SIZES = [None, 1, 4, (2, 3), 0, 37]


@pytest.mark.parametrize("n", range(1, 26))
@pytest.mark.parametrize("api", ["legacy", "generator"])
def test_samples_and_state_are_numpys(api, n):
    rng = numpy.random.default_rng(1000 + n)
    for _, cov in covariances(n, rng):
        mean = rng.standard_normal(n) * 3
        for seed, size in zip(SEEDS * 2, SIZES, strict=False):
            check(api, seed, mean, cov, size)
            # Lists go through numoxide's own conversion.
            check(api, seed + 1, mean.tolist(), cov.tolist(), size=size)


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 16, 17, 20, 25])
@pytest.mark.parametrize("api", ["legacy", "generator"])
@pytest.mark.parametrize("check_valid", ["warn", "raise", "ignore"])
def test_check_valid(api, n, check_valid):
    rng = numpy.random.default_rng(n)
    for _, cov in covariances(n, rng):
        check(api, 7, numpy.zeros(n), cov, 3, check_valid=check_valid)
        check(api, 7, numpy.zeros(n), cov, 3, check_valid=check_valid, tol=1e-3)


@pytest.mark.parametrize("size", [600, 2000, (50, 41)])
@pytest.mark.parametrize("n", [2, 7, 13, 17, 20, 25])
@pytest.mark.parametrize("api", ["legacy", "generator"])
def test_many_samples(api, n, size):
    """Large sample counts reach OpenBLAS's general dgemm kernel (and its threads)."""
    rng = numpy.random.default_rng(n)
    cov = covariances(n, rng)[1][1]
    check(api, 3, rng.standard_normal(n), cov, size)


@pytest.mark.parametrize("bit_generator", ["MT19937", "PCG64", "PCG64DXSM", "Philox", "SFC64"])
@pytest.mark.parametrize("method", ["svd", "cholesky"])
def test_every_bit_generator(bit_generator, method):
    rng = numpy.random.default_rng(5)
    for n in (1, 3, 6, 11):
        cov = covariances(n, rng)[0][1]
        check("generator", 11, numpy.ones(n), cov, (3, 2), bit_generator=bit_generator, method=method)


def test_legacy_gauss_cache_carries_over():
    """An odd number of legacy normals leaves one cached for the next call."""
    ours, theirs = pair("legacy", 9)
    cov = [[2.0, 0.3, 0.1], [0.3, 1.0, 0.2], [0.1, 0.2, 0.5]]
    for size in (None, 5, 1):
        assert_same(ours.multivariate_normal([1, 2, 3], cov, size), theirs.multivariate_normal([1, 2, 3], cov, size))
        assert_same(ours.standard_normal(), theirs.standard_normal())
    assert_same_state(ours, theirs)


def test_module_level_function_uses_the_global_state():
    numoxide.random.seed(2024)
    numpy.random.seed(2024)
    cov = [[1.0, 0.5], [0.5, 2.0]]
    for size in (None, 10):
        assert_same(numoxide.random.multivariate_normal([0, 1], cov, size),
                    numpy.random.multivariate_normal([0, 1], cov, size))
    assert_same_state(numoxide.random._rand, numpy.random.mtrand._rand)


# --- Generator's methods ---------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 7, 9, 12, 16, 17, 19, 20, 24, 25, 31])
def test_cholesky_samples_are_numpys(n):
    """OpenBLAS's unblocked Cholesky (n <= 32) is reproduced, so the samples are identical."""
    rng = numpy.random.default_rng(50 + n)
    for _, cov in covariances(n, rng):
        for seed, size in zip(SEEDS, [None, 3, (2, 2), 40, 600], strict=False):
            check("generator", seed, rng.standard_normal(n), cov, size, method="cholesky")


@pytest.mark.parametrize("n", [40, 64])
def test_cholesky_beyond_the_unblocked_size_is_close(n):
    """Larger Cholesky factors are OpenBLAS's blocked algorithm: same values to rounding."""
    rng = numpy.random.default_rng(n)
    cov = covariances(n, rng)[0][1]
    ours, theirs = pair("generator", 4)
    got = ours.multivariate_normal(numpy.zeros(n), cov, 20, method="cholesky")
    expected = theirs.multivariate_normal(numpy.zeros(n), cov, 20, method="cholesky")
    numpy.testing.assert_allclose(numpy.asarray(got), expected, rtol=1e-9, atol=1e-9)
    assert_same_state(ours, theirs)


def implied_factor(n, cov, method, seed=21, mean=None):
    """The factor F our samples imply (samples = mean + z @ F.T with NumPy's normals z),
    checked on rows not used to find it. Returns (F, NumPy's samples)."""
    mean = numpy.zeros(n) if mean is None else mean
    ours, theirs = pair("generator", seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        samples = numpy.asarray(ours.multivariate_normal(mean, cov, 2 * n + 5, method=method))
        expected = theirs.multivariate_normal(mean, cov, 2 * n + 5, method=method)
    assert_same_state(ours, theirs)
    z = numpy.random.default_rng(seed).standard_normal((2 * n + 5, n))
    ft = numpy.linalg.solve(z[:n], samples[:n] - mean)
    scale = max(1.0, numpy.abs(cov).max())
    numpy.testing.assert_allclose(mean + z[n:] @ ft, samples[n:], rtol=0, atol=1e-9 * scale)
    return ft.T, expected


@pytest.mark.parametrize("n", [1, 2, 3, 6, 10, 25, 40])
def test_eigh_factor_reproduces_the_covariance(n):
    """faer's eigh: the samples come from a factor F with F @ F.T == cov, whose columns are
    NumPy's up to sign (well separated eigenvalues)."""
    rng = numpy.random.default_rng(300 + n)
    for name, cov in covariances(n, rng)[:3]:
        f, _ = implied_factor(n, cov, "eigh")
        scale = numpy.abs(cov).max()
        numpy.testing.assert_allclose(f @ f.T, cov, rtol=0, atol=1e-9 * scale, err_msg=name)
        w, u = numpy.linalg.eigh(cov)
        theirs = u * numpy.sqrt(numpy.abs(w))
        gaps = numpy.diff(w)
        if gaps.size == 0 or gaps.min() > 1e-3 * scale:
            signs = numpy.sign(numpy.sum(f * theirs, axis=0))
            numpy.testing.assert_allclose(f, theirs * signs, rtol=0, atol=1e-8 * numpy.sqrt(scale))


def test_eigh_check_and_warnings_are_numpys():
    rng = numpy.random.default_rng(8)
    for n in (2, 5, 9):
        for _, cov in covariances(n, rng):
            for check_valid in ("warn", "raise", "ignore"):
                check("generator", 3, numpy.zeros(n), cov, 4, method="eigh", check_valid=check_valid,
                      values=False)


@pytest.mark.parametrize("n", [26, 30, 45])
def test_svd_beyond_lapacks_qr_size_is_a_valid_factor(n):
    """From n = 26 LAPACK's SVD is divide and conquer, whose signs are not reproduced: the
    samples still come from a factor of the covariance, and the state is NumPy's."""
    rng = numpy.random.default_rng(n)
    cov = covariances(n, rng)[0][1]
    f, _ = implied_factor(n, cov, "svd")
    numpy.testing.assert_allclose(f @ f.T, cov, rtol=0, atol=1e-9 * numpy.abs(cov).max())


# --- arguments and errors --------------------------------------------------------------------

I2 = [[1.0, 0.0], [0.0, 1.0]]
ERRORS = [
    ([[0.0, 0.0]], I2, {}),
    (0.0, [[1.0]], {}),
    ([0.0], [1.0], {}),
    ([0.0, 0.0], [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], {}),
    ([0.0, 0.0, 0.0], I2, {}),
    ([0.0, 0.0], I2, {"check_valid": "strict"}),
    ([0.0, 0.0], I2, {"check_valid": None}),
    ([0.0, 0.0], [[1.0, 2.0], [2.0, 1.0]], {"check_valid": "raise"}),
    ([0.0, 0.0], [[1.0, 2.0], [2.0, 1.0]], {"check_valid": "nope"}),
    ([0.0, 0.0], [[1.0, numpy.nan], [0.0, 1.0]], {}),
    ([0.0, 0.0], [[1.0, 0.0], [numpy.inf, 1.0]], {}),
    ([0.0, 0.0], I2, {"size": 2.0}),
    ([0.0, 0.0], I2, {"size": -1}),
    ([0.0, 0.0], I2, {"size": (2, -3)}),
    ([], numpy.zeros((0, 0)), {}),
    ([], numpy.zeros((0, 0)), {"size": 3}),
    ([0j, 0.0], I2, {}),
    ([0.0, 0.0], [[1 + 1j, 0.0], [0.0, 1.0]], {}),
    ([1, 2], [[True, False], [False, True]], {"size": 3}),
    (numpy.array([1.5, 2.5], dtype="float32"), I2, {"size": 2}),
    ([0.0, 0.0], I2, {"size": [2, 1]}),
    ([0.0, 0.0], I2, {"size": numpy.int64(2)}),
    ([0.0, 0.0], I2, {"size": ()}),
]


@pytest.mark.parametrize(("mean", "cov", "kwargs"), ERRORS)
@pytest.mark.parametrize("api", ["legacy", "generator"])
def test_arguments_and_errors(api, mean, cov, kwargs):
    check(api, 0, mean, cov, **kwargs)


GENERATOR_ERRORS = [
    ([0.0, 0.0], I2, {"method": "qr"}),
    ([0j, 0.0], I2, {"method": "qr"}),
    ([0.0, 0.0], [[1.0, 2.0], [2.0, 1.0]], {"method": "cholesky"}),
    ([0.0, 0.0], [[1.0, 2.0], [2.0, 1.0]], {"method": "cholesky", "check_valid": "nope"}),
    ([0.0, 0.0], [[1.0, 0.0], [numpy.inf, 1.0]], {"method": "cholesky"}),
    ([0.0, 0.0], [[1.0, 0.0], [numpy.nan, 1.0]], {"method": "cholesky"}),
    ([0.0, 0.0], [[numpy.nan, 0.0], [0.0, 1.0]], {"method": "cholesky"}),
    ([0.0, 0.0], [[1.0, numpy.nan], [0.0, 1.0]], {"method": "eigh"}),
    ([0.0, 0.0], [[1.0, 0.0], [numpy.nan, 1.0]], {"method": "eigh"}),
    ([0.0, 0.0], [[1.0, 2.0], [2.0, 1.0]], {"method": "eigh", "check_valid": "raise"}),
    ([0.0, 0.0], I2, {"method": "eigh", "check_valid": "nope"}),
    ([0.0], [[numpy.inf]], {"method": "eigh"}),
]


@pytest.mark.parametrize(("mean", "cov", "kwargs"), GENERATOR_ERRORS)
def test_generator_method_arguments_and_errors(mean, cov, kwargs):
    check("generator", 0, mean, cov, **kwargs)


def test_arrays_of_either_library_are_accepted():
    cov = numpy.array([[2.0, 0.5], [0.5, 1.0]])
    for api in ("legacy", "generator"):
        ours, theirs = pair(api, 6)
        got = ours.multivariate_normal(numoxide.array([1.0, 2.0]), numoxide.array(cov.tolist()), 5)
        assert_same(got, theirs.multivariate_normal(numpy.array([1.0, 2.0]), cov, 5))
        got = ours.multivariate_normal(numpy.array([1.0, 2.0]), cov, 5)
        assert_same(got, theirs.multivariate_normal(numpy.array([1.0, 2.0]), cov, 5))
        assert_same_state(ours, theirs)
